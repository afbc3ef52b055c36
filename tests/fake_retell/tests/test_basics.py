# -*- coding: utf-8 -*-
"""Routing, path identity, auth, status codes, framing and keep-alive."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
from urllib.parse import urlsplit

import pytest
import requests

from fake_retell import FakeRetell

from .helpers import NUMBER, NUMBER_2, TRUNK, assert_error

ALL_ROUTES = [
    ('POST', '/import-phone-number', {'phone_number': NUMBER, 'termination_uri': TRUNK}),
    ('GET', '/get-phone-number/' + NUMBER, None),
    ('PATCH', '/update-phone-number/' + NUMBER, {'nickname': 'x'}),
    ('DELETE', '/delete-phone-number/' + NUMBER, None),
    ('GET', '/v2/list-phone-numbers', None),
    ('GET', '/list-phone-numbers', None),
    ('POST', '/create-phone-number', {}),
    ('GET', '/no-such-route', None),
]
BAD_AUTH = [
    None,
    'Bearer wrong-key',
    'Bearer ',
    'Basic dGVzdC1rZXktZGVmYXVsdDo=',
    'test-key-default',
    'Token test-key-default',
]


def test_import_answers_201_with_the_full_object(api):
    response = api.import_number(nickname='Front desk', sip_trunk_auth_username='user')
    assert response.status_code == 201
    assert response.headers['Content-Type'].startswith('application/json')
    body = response.json()
    assert body['phone_number'] == NUMBER
    assert body['phone_number_type'] == 'custom'
    assert body['phone_number_pretty'] == '+1 (415) 555-0100'
    assert body['area_code'] == 415
    assert isinstance(body['last_modification_timestamp'], int)
    assert body['nickname'] == 'Front desk'
    assert body['sip_outbound_trunk_config'] == {'termination_uri': TRUNK, 'auth_username': 'user', 'transport': None}
    for name in ('inbound_agents', 'outbound_agents', 'inbound_sms_agents', 'outbound_sms_agents', 'fallback_number',
                 'inbound_webhook_url', 'inbound_sms_webhook_url', 'allowed_inbound_country_list', 'allowed_outbound_country_list'):
        assert body[name] is None, name


def test_non_nanp_numbers_keep_their_spelling_and_have_no_area_code(api):
    body = api.import_number('+442071838750').json()
    assert body['phone_number_pretty'] == '+442071838750'
    assert 'area_code' not in body
    body = api.import_number('sip-pseudo-1').json()
    assert body['phone_number_pretty'] == 'sip-pseudo-1'


@pytest.mark.parametrize('spelling', ['+14155550100', '%2B14155550100'])
def test_get_update_delete_accept_both_path_encodings(api, control, spelling):
    api.import_number()
    response = api.get(spelling)
    assert response.status_code == 200
    assert response.json()['phone_number'] == NUMBER
    response = api.update({'nickname': 'n'}, spelling)
    assert response.status_code == 200
    assert response.json()['nickname'] == 'n'
    response = api.delete(spelling)
    assert response.status_code == 204
    entries = control.journal()[1:]
    assert [e['route'] for e in entries] == ['get', 'update', 'delete']
    for entry in entries:
        assert entry['number'] == NUMBER
        assert entry['path'].endswith('/' + spelling)


def test_plus_in_path_is_never_a_space(api):
    api.import_number()
    assert api.get('%2014155550100').status_code == 404
    assert api.get('+14155550100').status_code == 200
    api.import_number(' 14155550100')
    assert api.get('%2014155550100').json()['phone_number'] == ' 14155550100'
    assert api.get('+14155550100').json()['phone_number'] == NUMBER


@pytest.mark.parametrize('method,path,payload', ALL_ROUTES)
@pytest.mark.parametrize('authorization', BAD_AUTH)
def test_every_route_needs_a_valid_key(fake, control, method, path, payload, authorization):
    headers = {'Authorization': authorization} if authorization is not None else {}
    response = requests.request(method, fake.url + path, json=payload, headers=headers, timeout=5)
    assert_error(response, 401)
    assert response.json()['message'] == 'API key is missing or invalid.'
    entry = control.journal()[-1]
    assert entry['status'] == 401
    assert entry['api_key'] is None
    assert control.store() == []


def test_auth_is_checked_before_the_body(fake):
    response = requests.post(fake.url + '/import-phone-number', data='{nope', timeout=5)
    assert_error(response, 401)


def test_bearer_scheme_is_case_insensitive(fake):
    response = requests.get(fake.url + '/v2/list-phone-numbers', headers={'Authorization': 'bearer test-key-default'}, timeout=5)
    assert response.status_code == 200


def test_extra_request_headers_are_ignored(api):
    headers = {
        'User-Agent': 'Retell/Python 6.2.13',
        'X-Stainless-Retry-Count': '2',
        'X-Stainless-Read-Timeout': '60',
        'X-Stainless-Lang': 'python',
        'Accept': '*/*',
    }
    response = api.request('POST', '/import-phone-number', json={'phone_number': NUMBER, 'termination_uri': TRUNK}, headers=headers)
    assert response.status_code == 201
    assert api.request('GET', '/get-phone-number/' + NUMBER, headers=headers).status_code == 200


def test_delete_answers_204_with_an_empty_body(api, imported):
    response = api.delete()
    assert response.status_code == 204
    assert response.content == b''
    assert 'Content-Type' not in response.headers
    assert api.get().status_code == 404


def test_unknown_route_and_wrong_method_are_404(api, control):
    assert_error(api.request('GET', '/no-such-route'), 404, 'Not Found')
    assert_error(api.request('POST', '/get-phone-number/' + NUMBER, json={}), 404)
    assert_error(api.request('GET', '/import-phone-number'), 404)
    assert_error(api.request('GET', '/get-phone-number/'), 404)
    assert_error(api.request('GET', '/get-phone-number/a/b'), 404)
    assert {e['route'] for e in control.journal()} == {'unknown'}


def test_unknown_route_stays_404_in_422_mode(api, control):
    control.config(not_found_mode='422')
    assert_error(api.request('GET', '/no-such-route'), 404)


@pytest.mark.parametrize('data', [b'{"phone_number": ', b'', b'[1, 2]', b'"text"', b'{"phone_number": NaN}', b'\xff\xfe'])
@pytest.mark.parametrize('route', ['/import-phone-number', '/create-phone-number'])
def test_malformed_post_bodies_are_400(api, control, data, route):
    response = api.request('POST', route, data=data, headers={'Content-Type': 'application/json'})
    assert_error(response, 400)
    assert response.json()['message'] == 'Invalid request format, please check API reference.'
    assert control.store() == []
    assert control.journal()[-1]['body'] in (None, [1, 2], 'text')


@pytest.mark.parametrize('data', [b'{"nickname": ', b'', b'[]'])
def test_malformed_patch_bodies_are_400(api, imported, data):
    response = api.request('PATCH', '/update-phone-number/' + NUMBER, data=data, headers={'Content-Type': 'application/json'})
    assert_error(response, 400, 'Invalid request format')


def test_chunked_request_bodies_are_read(api):
    def chunks():
        yield b'{"phone_number": "' + NUMBER.encode() + b'", '
        yield b'"termination_uri": "' + TRUNK.encode() + b'"}'
    response = api.request('POST', '/import-phone-number', data=chunks(), headers={'Content-Type': 'application/json'})
    assert response.status_code == 201


def test_keep_alive_serves_many_requests_on_one_connection(fake):
    parts = urlsplit(fake.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    headers = {'Authorization': 'Bearer test-key-default', 'Content-Type': 'application/json'}
    try:
        for number in (NUMBER, NUMBER_2):
            connection.request('POST', '/import-phone-number', json.dumps({'phone_number': number, 'termination_uri': TRUNK}), headers)
            response = connection.getresponse()
            assert response.status == 201
            assert int(response.getheader('Content-Length')) == len(response.read())
        connection.request('DELETE', '/delete-phone-number/' + NUMBER, headers=headers)
        response = connection.getresponse()
        assert response.status == 204
        assert response.read() == b''
        connection.request('GET', '/get-phone-number/' + NUMBER_2, headers=headers)
        response = connection.getresponse()
        assert response.status == 200
        assert json.loads(response.read())['phone_number'] == NUMBER_2
        connection.request('GET', '/get-phone-number/' + NUMBER, headers=headers)
        response = connection.getresponse()
        assert response.status == 404
        response.read()
    finally:
        connection.close()


def test_session_reuses_its_connection(api):
    api.import_number()
    for _attempt in range(20):
        assert api.get().status_code == 200


def test_stop_closes_idle_keep_alive_connections():
    server = FakeRetell().start()
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request('GET', '/__fake__/health')
        response = connection.getresponse()
        assert response.status == 200
        response.read()
        server.stop()
        # The very same socket must not be served any more.
        with pytest.raises((http.client.HTTPException, OSError)):
            connection.request('GET', '/__fake__/health')
            connection.getresponse()
    finally:
        connection.close()
        server.stop()


def test_restart_after_stop():
    server = FakeRetell()
    with server:
        first = server.url
        assert requests.get(first + '/__fake__/health', timeout=5).status_code == 200
    with server:
        assert requests.get(server.url + '/__fake__/health', timeout=5).status_code == 200
