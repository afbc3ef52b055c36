# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection options, retry timing and error messages of the shared client (no network)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import time

import pytest
import requests

from ansible_collections.retellai.retell.plugins.module_utils._client import (
    ConnectionSettings,
    InvalidOption,
    OutcomeUnknown,
    RetellAPIError,
    RetellClient,
    RetellError,
    is_not_found,
    phone_number_path,
    retry_after_seconds,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import desired_from_params
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import reconcile

KEY = 'key-that-must-not-leak'


def settings(**params):
    params.setdefault('api_key', KEY)
    params.setdefault('base_url', 'http://127.0.0.1:9')
    return ConnectionSettings(params)


class Answer:
    def __init__(self, status, body=None, headers=None, raw=None):
        self.status_code = status
        self.headers = requests.structures.CaseInsensitiveDict(headers or {})
        if raw is not None:
            self.content = raw.encode()
        else:
            self.content = b'' if body is None else json.dumps(body).encode()

    def json(self):
        return json.loads(self.content.decode())


class Script:
    """Stands in for Session.request: answers (or raises) from a list, records what was asked."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked = []

    def __call__(self, method, url, **kwargs):
        self.asked.append((method, url))
        self.kwargs = kwargs
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client_with(*answers, **params):
    warnings = []
    client = RetellClient(settings(**params), warn=warnings.append, sleep=lambda seconds: None)
    client.session.request = Script(*answers)
    return client, warnings


def test_environment_fills_unset_options_and_empty_means_unset(monkeypatch):
    monkeypatch.setenv('RETELL_API_KEY', 'from-env')
    monkeypatch.setenv('RETELL_BASE_URL', '')
    resolved = ConnectionSettings({})
    assert resolved.api_key == 'from-env'
    assert resolved.base_url == 'https://api.retellai.com'


def test_missing_key_names_the_option_and_the_variable(monkeypatch):
    monkeypatch.delenv('RETELL_API_KEY', raising=False)
    with pytest.raises(InvalidOption, match='api_key: is required.*RETELL_API_KEY'):
        ConnectionSettings({})


@pytest.mark.parametrize('url, allowed', [
    ('http://127.0.0.1:8080', True),
    ('http://localhost', True),
    ('https://api.retellai.com', True),
    ('http://retell.invalid', False),
    ('ftp://retell.invalid', False),
])
def test_plain_http_only_to_loopback(url, allowed):
    if allowed:
        settings(base_url=url)
    else:
        with pytest.raises(InvalidOption, match='base_url'):
            settings(base_url=url)


def test_plain_http_elsewhere_needs_the_explicit_switch():
    assert settings(base_url='http://retell.invalid', allow_insecure_http=True).base_url == 'http://retell.invalid'


def test_plus_is_percent_encoded_in_paths():
    assert phone_number_path('get', '+14155550100') == '/get-phone-number/%2B14155550100'


@pytest.mark.parametrize('status, message, expected', [
    (404, 'Not Found', True),
    (404, None, True),
    (422, 'Cannot find requested asset under given api key.', True),
    (422, 'Something else is wrong', False),
    (400, 'Cannot find', False),
])
def test_not_found_is_404_or_422_cannot_find(status, message, expected):
    assert is_not_found(status, message) is expected


def test_retry_after_forms():
    assert retry_after_seconds({'retry-after-ms': '250'}) == 0.25
    assert retry_after_seconds({'retry-after': '2'}) == 2.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after_seconds({'retry-after': later}) <= 31
    assert retry_after_seconds({'retry-after': 'soon'}) is None
    assert retry_after_seconds({}) is None


@pytest.mark.parametrize('header', ['retry-after', 'retry-after-ms'])
@pytest.mark.parametrize('value', ['nan', 'NaN', 'inf', '-inf', '1e400', '-5', 'soon', '', 'Mon, 99 Foo 2026 99:99:99 GMT'])
def test_unusable_retry_after_falls_back_to_the_backoff(header, value):
    assert retry_after_seconds({header: value}) is None
    client, warnings = client_with(Answer(429, {'message': 'slow'}, {header: value}), Answer(200, {}))
    slept = []
    client._sleep = slept.append
    client.get_phone_number('+14155550100')
    assert len(slept) == 1 and 0 < slept[0] <= 0.5


@pytest.mark.parametrize('url', ['http://[::1', 'https://[nonsense]/', 'https://api.example.com:99999', 'https://',
                                 'https://api.example.com/?x=1', 'api.retellai.com'])
def test_malformed_base_url_names_the_option(url):
    with pytest.raises(InvalidOption) as caught:
        settings(base_url=url)
    assert caught.value.option == 'base_url'


def test_base_url_with_a_path_warns():
    assert settings(base_url='https://proxy.example.com/retell').warnings[0].startswith(
        'base_url https://proxy.example.com/retell has a path (/retell)')
    assert settings(base_url='https://api.retellai.com/').warnings == []


@pytest.mark.parametrize('answer', [
    Answer(404, raw='<html><body>Not Found</body></html>', headers={'content-type': 'text/html; charset=utf-8'}),
    Answer(404, raw=''),
    Answer(404, raw='["not", "an", "object"]', headers={'content-type': 'application/json'}),
    Answer(422, raw='Cannot find requested asset', headers={'content-type': 'text/plain'}),
])
def test_a_404_that_is_not_retell_s_is_an_error_not_absent(answer):
    client, warnings = client_with(answer)
    with pytest.raises(RetellAPIError) as caught:
        client.get_phone_number('+14155550100')
    assert 'HTTP %s' % answer.status_code in str(caught.value)
    if answer.status_code == 404:
        assert 'check base_url' in str(caught.value)
    assert len(client.session.request.asked) == 1


def test_retell_s_own_404_is_absent():
    client, warnings = client_with(Answer(404, {'status': 'error', 'message': 'Not Found'}))
    assert client.get_phone_number('+14155550100') is None


def test_get_retries_429_and_5xx_with_a_warning_each():
    client, warnings = client_with(Answer(429, {'message': 'slow down'}, {'Retry-After': '1'}),
                                   Answer(503, {'message': 'busy'}),
                                   Answer(200, {'phone_number': '+1'}))
    assert client.get_phone_number('+14155550100') == {'phone_number': '+1'}
    assert len(warnings) == 2
    assert 'HTTP 429' in warnings[0] and 'retrying in 1.0 s (attempt 2 of 4)' in warnings[0]


def test_retry_after_is_capped():
    client, warnings = client_with(Answer(429, {'message': 'x'}, {'Retry-After': '3600'}), Answer(200, {}), retry_max_delay=2)
    client.get_phone_number('+14155550100')
    assert 'retrying in 2.0 s' in warnings[0]


def test_gets_give_up_with_the_last_status_and_message():
    client, warnings = client_with(*[Answer(500, {'message': 'An unexpected server error occurred.'})] * 2, retries=1)
    with pytest.raises(RetellAPIError) as caught:
        client.get_phone_number('+14155550100')
    assert 'HTTP 500: An unexpected server error occurred.' in str(caught.value)
    assert len(warnings) == 1


def test_not_found_get_is_none():
    client, warnings = client_with(Answer(422, {'status': 'error', 'message': 'Cannot find requested asset under given api key.'}))
    assert client.get_phone_number('+14155550100') is None


@pytest.mark.parametrize('status', [400, 401, 402, 403, 422])
def test_client_errors_are_not_retried(status):
    client, warnings = client_with(Answer(status, {'status': 'error', 'message': 'nope'}))
    with pytest.raises(RetellAPIError):
        client.update_phone_number('+14155550100', {'nickname': 'x'})
    assert len(client.session.request.asked) == 1 and warnings == []


def test_401_explains_without_the_key():
    client, warnings = client_with(Answer(401, {'status': 'error', 'message': 'API key is missing or invalid.'}))
    with pytest.raises(RetellAPIError) as caught:
        client.get_phone_number('+14155550100')
    assert 'HTTP 401' in str(caught.value) and 'RETELL_API_KEY' in str(caught.value)
    assert KEY not in str(caught.value)


def test_write_5xx_is_an_unknown_outcome_not_a_resend():
    client, warnings = client_with(Answer(500, {'message': 'boom'}))
    with pytest.raises(OutcomeUnknown, match='HTTP 500: boom'):
        client.import_phone_number({'phone_number': '+1'})
    assert len(client.session.request.asked) == 1


def test_429_retries_draw_from_the_given_budget():
    client, warnings = client_with(*[Answer(429, {'message': 'slow'})] * 5)
    budget = client.new_budget()
    budget.take()  # an earlier send of the same write, answered with an unknown outcome
    with pytest.raises(RetellAPIError, match='HTTP 429'):
        client.update_phone_number('+14155550100', {'nickname': 'x'}, budget=budget)
    assert len(client.session.request.asked) == 3 and budget.exhausted


def test_write_429_is_retried_in_place():
    client, warnings = client_with(Answer(429, {'message': 'slow'}), Answer(201, {'phone_number': '+1'}))
    assert client.import_phone_number({'phone_number': '+1'}) == {'phone_number': '+1'}
    assert len(warnings) == 1


def test_write_timeout_is_an_unknown_outcome():
    client, warnings = client_with(requests.exceptions.ReadTimeout('slow'))
    with pytest.raises(OutcomeUnknown, match='timeout'):
        client.update_phone_number('+14155550100', {'nickname': 'x'})


@pytest.mark.parametrize('answer, text', [
    (Answer(200, raw='{"phone_number": '), 'not valid JSON'),
    (Answer(200, raw=''), 'an empty body'),
    (Answer(200, raw='<html>oops</html>', headers={'content-type': 'text/html'}), 'text/html'),
])
def test_unusable_bodies_are_clear_errors(answer, text):
    client, warnings = client_with(answer)
    with pytest.raises(RetellError, match=text):
        client.get_phone_number('+14155550100')


@pytest.mark.parametrize('body, kind', [([1, 2], 'list'), ('text', 'string'), (None, 'null'), (3, 'number')])
def test_json_that_is_not_an_object_is_a_clean_error(body, kind):
    client, warnings = client_with(Answer(200, raw=json.dumps(body)))
    with pytest.raises(RetellError, match='answered HTTP 200 with a JSON %s where a JSON object was expected' % kind):
        client.get_phone_number('+14155550100')


def test_html_error_page_keeps_the_status():
    client, warnings = client_with(Answer(502, raw='<html>bad gateway</html>', headers={'content-type': 'text/html'}), retries=0)
    with pytest.raises(RetellAPIError, match=r'HTTP 502: response body is not the JSON error envelope \(text/html\)'):
        client.get_phone_number('+14155550100')


def test_list_follows_pagination():
    client, warnings = client_with(Answer(200, {'items': [{'phone_number': '+1'}], 'has_more': True, 'pagination_key': '+1'}),
                                   Answer(200, {'items': [{'phone_number': '+2'}], 'has_more': False}))
    assert [n['phone_number'] for n in client.list_phone_numbers(page_size=1)] == ['+1', '+2']
    assert len(client.session.request.asked) == 2


@pytest.mark.parametrize('params, verify', [
    ({}, True),
    ({'validate_certs': False}, False),
    ({'ca_path': '/etc/retell-ca.pem'}, '/etc/retell-ca.pem'),
])
def test_certificate_choice_is_passed_with_every_request(params, verify, monkeypatch):
    # requests lets REQUESTS_CA_BUNDLE override a session-wide verify; a per-request value wins.
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')
    client, warnings = client_with(Answer(200, {}), **params)
    client.get_phone_number('+14155550100')
    assert client.session.request.kwargs['verify'] == verify


@pytest.mark.parametrize('key', ['test-key\n', ' test-key', 'key-\u20ac'])
def test_unusable_key_is_refused_without_showing_it(key):
    with pytest.raises(InvalidOption) as caught:
        settings(api_key=key)
    assert caught.value.option == 'api_key'
    assert key.strip() not in str(caught.value)


def test_patch_answered_503_then_429s_is_sent_retries_plus_one_times_in_all():
    number = {'phone_number': '+14155550100', 'phone_number_type': 'custom', 'nickname': 'old'}
    client, warnings = client_with(Answer(200, number),
                                   Answer(503, {'message': 'busy'}),
                                   Answer(200, number),
                                   *[Answer(429, {'message': 'slow down'})] * 5, retries=3)
    with pytest.raises(RetellAPIError, match='HTTP 429'):
        reconcile(client, desired_from_params({'phone_number': '+14155550100', 'nickname': 'new'}), False)
    patches = [method for method, url in client.session.request.asked if method == 'PATCH']
    assert len(patches) == 4
