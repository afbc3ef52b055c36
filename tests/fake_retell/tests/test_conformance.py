# -*- coding: utf-8 -*-
"""The OpenAPI check: the vendored document, its declared deviations, and what the check reports.

Every other test of this suite already runs with the check on (conftest.py fails a test whose
exchanges break the document); these tests show that the check catches what it must.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

import pytest

from fake_retell import FakeRetell
from fake_retell.conformance import Exchange, request_problems, response_problems
from fake_retell.openapi_document import (DEVIATION_KINDS, DOCUMENT_PATH, DeviationError, apply_change, apply_deviations,
                                          load_deviations, load_yaml, openapi_from, retell_openapi)
from fake_retell.replies import Reply

from .helpers import NUMBER, TRUNK

AUTH = [('Authorization', 'Bearer test-key-default'), ('Content-Type', 'application/json')]
GOOD_NUMBER = {'phone_number': NUMBER, 'phone_number_type': 'custom', 'last_modification_timestamp': 1}


@pytest.fixture(scope='module')
def document():
    return load_yaml(DOCUMENT_PATH)


def _exchange(method, path, body=None, reply=None, query=''):
    data = json.dumps(body).encode() if body is not None else b''
    return Exchange(method, path, query, AUTH, data, reply)


def _get(payload, status=200):
    return _exchange('GET', '/get-phone-number/' + NUMBER, reply=Reply.json(status, payload))


# -- the document and the deviations file ---------------------------------------------------------

def test_the_vendored_document_is_retells_phone_number_api(document):
    assert document['openapi'] == '3.0.3'
    assert document['servers'][0]['url'] == 'https://api.retellai.com'
    for path in ('/import-phone-number', '/get-phone-number/{phone_number}', '/update-phone-number/{phone_number}',
                 '/delete-phone-number/{phone_number}', '/v2/list-phone-numbers', '/list-phone-numbers', '/create-phone-number'):
        assert path in document['paths']


def test_every_deviation_cites_the_contract():
    for entry in load_deviations():
        assert entry['kind'] in DEVIATION_KINDS
        assert re.search(r'Contract \d+(\.\d+)?', entry['evidence']), entry['id']
        assert re.search(r'\[[^]]*(DOC|OBS|INF|VER)[^]]*\]', entry['evidence']), entry['id']


def test_the_patched_document_is_a_valid_openapi_document():
    # retell_openapi() runs openapi-spec-validator on the patched document
    assert retell_openapi().spec is not None


# Each deviation with one exchange that the patched document judges as given ("passes": no
# problem; "breaks": some problem) and that the document judges the other way when only that
# deviation is left out: no entry is dead weight.
DEVIATION_EXAMPLES = {
    'not-found-404': ('passes', lambda: _get({'status': 'error', 'message': 'Not Found'}, 404)),
    'list-v2-bad-query-400': ('passes', lambda: _exchange('GET', '/v2/list-phone-numbers', query='pagination_key=%2B19995550100',
                                                          reply=Reply.error(400, 'pagination_key does not match a phone number'))),
    'codecs': ('passes', lambda: _get(dict(GOOD_NUMBER, sip_outbound_trunk_config={'termination_uri': TRUNK, 'codecs': ['PCMU']}))),
    'agent-version-reference': ('passes', lambda: _get(dict(GOOD_NUMBER, inbound_agents=[{'agent_id': 'a', 'weight': 1, 'agent_version': 'prod'}]))),
    'legacy-agent-fields-refused': ('breaks', lambda: _exchange('PATCH', '/update-phone-number/' + NUMBER, {'inbound_agent_id': 'a'},
                                                                Reply.json(200, GOOD_NUMBER))),
    'request-fields-closed': ('breaks', lambda: _exchange('POST', '/import-phone-number',
                                                          {'phone_number': NUMBER, 'termination_uri': TRUNK, 'fallback_number': '+14155550199'},
                                                          Reply.json(201, GOOD_NUMBER))),
    'response-fields-closed': ('breaks', lambda: _get(dict(GOOD_NUMBER, sip_outbound_trunk_config={'auth_password': 'x'}))),
    'list-v2-items-and-has-more-required': ('breaks', lambda: _exchange('GET', '/v2/list-phone-numbers', reply=Reply.json(200, {'items': []}))),
}


def _problems(spec, exchange):
    return request_problems(spec, exchange) + response_problems(spec, exchange)


def test_every_deviation_has_an_example():
    assert sorted(DEVIATION_EXAMPLES) == sorted(entry['id'] for entry in load_deviations())


@pytest.mark.parametrize('entry', load_deviations(), ids=lambda entry: entry['id'])
def test_each_deviation_changes_the_verdict(entry, document):
    verdict, example = DEVIATION_EXAMPLES[entry['id']]
    others = [other for other in load_deviations() if other['id'] != entry['id']]
    without = openapi_from(apply_deviations(document, others), check_document=False)
    exchange = example()
    with_it, left_out = _problems(retell_openapi(), exchange), _problems(without, exchange)
    if verdict == 'passes':
        assert with_it == [] and left_out, (with_it, left_out)
    else:
        assert with_it and left_out == [], (with_it, left_out)


@pytest.mark.parametrize('change,message', [
    ({'at': ['paths', '/get-phone-number/{phone_number}', 'get', 'responses', '422'], 'add': {}}, 'already exists'),
    ({'at': ['paths', '/get-phone-number/{phone_number}', 'get', 'responses', '404'], 'remove': True}, 'is not in the document'),
    ({'at': ['paths', '/nowhere', 'get'], 'replace': {}}, "'/nowhere' is not in the document"),
    ({'at': ['openapi'], 'add': 1, 'remove': True}, 'exactly one of'),
    ({'at': [], 'add': 1}, 'exactly one of'),
])
def test_a_change_that_does_not_fit_the_document_is_refused(document, change, message):
    with pytest.raises(DeviationError, match=message):
        apply_change(json.loads(json.dumps(document)), change, 'test')


def test_deviations_leave_the_loaded_document_alone(document):
    before = json.dumps(document, sort_keys=True)
    apply_deviations(document, load_deviations())
    assert json.dumps(document, sort_keys=True) == before


# -- what the check finds ------------------------------------------------------------------------

@pytest.mark.parametrize('payload,fragment', [
    (dict(GOOD_NUMBER, auth_password='x'), "'auth_password' was unexpected"),
    (dict(GOOD_NUMBER, sip_trunk_auth_password='x'), "'sip_trunk_auth_password' was unexpected"),
    (dict(GOOD_NUMBER, sip_outbound_trunk_config={'auth_password': 'x'}), "'auth_password' was unexpected"),
    (dict(GOOD_NUMBER, phone_number_type='landline'), "phone_number_type: 'landline' is not one of"),
    (dict(GOOD_NUMBER, last_modification_timestamp='1'), "last_modification_timestamp: '1' is not of type 'integer'"),
    (dict(GOOD_NUMBER, inbound_agents=[{'agent_id': 'a', 'weight': 0}]), 'inbound_agents[0].weight: 0 is less than or equal to'),
    (dict(GOOD_NUMBER, inbound_agents=[{'agent_id': 'a', 'weight': 1, 'agent_version': 'v3'}]), 'inbound_agents[0].agent_version'),
    (dict(GOOD_NUMBER, inbound_agents=[{'agent_id': 'a', 'weight': 1, 'agent_version': -1}]), 'inbound_agents[0].agent_version'),
    ({'phone_number': NUMBER}, "'phone_number_type' is a required property"),
])
def test_a_bad_phone_number_object_is_caught(payload, fragment):
    problems = response_problems(retell_openapi(), _get(payload))
    assert any(fragment in problem for problem in problems), problems
    assert all(problem.startswith('response body') for problem in problems), problems


def test_bad_answers_of_every_kind_are_caught():
    spec = retell_openapi()
    cases = [
        (_exchange('GET', '/v2/list-phone-numbers', reply=Reply.json(200, {'items': [{'phone_number': NUMBER}], 'has_more': False})),
         'items[0]'),
        (_exchange('GET', '/list-phone-numbers', reply=Reply.json(200, {'items': []})), 'is not of type'),
        (_get({'status': 'failed', 'message': 'x'}, 422), "'failed' is not one of"),
        (_get({'status': 'error', 'message': 'x'}, 409), 'Unknown response http status: 409'),
        (_exchange('DELETE', '/delete-phone-number/' + NUMBER, reply=Reply.error(400)), 'Unknown response http status: 400'),
        (_get(GOOD_NUMBER, 201), 'Unknown response http status: 201'),
    ]
    for exchange, fragment in cases:
        problems = response_problems(spec, exchange)
        assert any(fragment in problem for problem in problems), (fragment, problems)


@pytest.mark.parametrize('method,path,body,query,fragment', [
    ('POST', '/import-phone-number', {'phone_number': NUMBER}, '', "'termination_uri' is a required property"),
    ('POST', '/import-phone-number', {'phone_number': NUMBER, 'termination_uri': TRUNK, 'ignore_e164_validation': 'true'}, '',
     "ignore_e164_validation: 'true' is not of type 'boolean'"),
    ('POST', '/import-phone-number', {'phone_number': NUMBER, 'termination_uri': TRUNK, 'auth_username': 'u'}, '',
     "'auth_username' was unexpected"),
    ('PATCH', '/update-phone-number/' + NUMBER, {'sip_trunk_auth_password': 'x'}, '', "'sip_trunk_auth_password' was unexpected"),
    ('PATCH', '/update-phone-number/' + NUMBER, {'phone_number': NUMBER}, '', "'phone_number' was unexpected"),
    ('PATCH', '/update-phone-number/' + NUMBER, {'inbound_agents': [{'agent_id': 'a', 'weight': 1.5}]}, '',
     'inbound_agents[0].weight: 1.5 is greater than the maximum of 1'),
    ('PATCH', '/update-phone-number/' + NUMBER, {'inbound_sms_agents': [{'agent_id': 'a', 'weight': 1, 'colour': 'red'}]}, '',
     "inbound_sms_agents[0]: Additional properties are not allowed ('colour' was unexpected)"),
    ('PATCH', '/update-phone-number/' + NUMBER, {'termination_uri': None}, '', 'termination_uri: None is not of type'),
    ('POST', '/create-phone-number', {'country_code': 'GB'}, '', "country_code: 'GB' is not one of"),
    ('POST', '/create-phone-number', {'inbound_sms_agents': []}, '', "'inbound_sms_agents' was unexpected"),
    ('GET', '/v2/list-phone-numbers', None, 'limit=1001', 'query parameter limit: 1001 is greater than the maximum of 1000'),
    ('GET', '/v2/list-phone-numbers', None, 'sort_order=newest', "query parameter sort_order: 'newest' is not one of"),
    ('GET', '/get-phone-number/', None, '', "path parameter phone_number: '' should be non-empty"),
    ('GET', '/get-phone-number/' + NUMBER + '/x', None, '', 'Path not found'),
    ('POST', '/get-phone-number/' + NUMBER, None, '', 'Operation post not found'),
])
def test_a_request_outside_the_document_is_caught(method, path, body, query, fragment):
    problems = request_problems(retell_openapi(), _exchange(method, path, body, query=query))
    assert any(fragment in problem for problem in problems), problems


def test_a_request_without_the_bearer_key_is_caught():
    exchange = Exchange('GET', '/get-phone-number/' + NUMBER, '', [], b'')
    assert any('Security' in problem for problem in request_problems(retell_openapi(), exchange))


def test_what_the_modules_send_passes():
    spec = retell_openapi()
    requests = [
        ('POST', '/import-phone-number', {
            'phone_number': NUMBER, 'termination_uri': TRUNK, 'ignore_e164_validation': False, 'sip_trunk_auth_username': 'u',
            'sip_trunk_auth_password': 'p', 'transport': 'TLS', 'codecs': ['PCMU'], 'nickname': 'n', 'inbound_webhook_url': None,
            'inbound_agents': [{'agent_id': 'a', 'weight': 0.5, 'agent_version': 3}, {'agent_id': 'b', 'weight': 0.5, 'agent_version': 'latest'}],
            'outbound_agents': [], 'allowed_inbound_country_list': ['US'], 'allowed_outbound_country_list': None}, ''),
        ('PATCH', '/update-phone-number/%2B14155550100', {
            'auth_username': 'u', 'auth_password': 'p', 'termination_uri': TRUNK, 'transport': None, 'fallback_number': None,
            'nickname': None, 'inbound_sms_agents': None, 'outbound_sms_agents': [{'agent_id': 'a', 'weight': 1}],
            'inbound_sms_webhook_url': 'https://example.com/sms', 'codecs': []}, ''),
        ('PATCH', '/update-phone-number/' + NUMBER, {}, ''),
        ('GET', '/get-phone-number/+14155550100', None, ''),
        ('DELETE', '/delete-phone-number/' + NUMBER, None, ''),
        ('GET', '/v2/list-phone-numbers', None, 'limit=1000&sort_order=ascending&pagination_key=%2B14155550100'),
        ('GET', '/list-phone-numbers', None, ''),
        ('POST', '/create-phone-number', {'area_code': 415, 'number_provider': 'telnyx', 'country_code': 'CA', 'toll_free': False}, ''),
    ]
    for method, path, body, query in requests:
        assert request_problems(spec, _exchange(method, path, body, query=query)) == [], (method, path)


def test_a_password_never_shows_in_a_problem():
    body = {'phone_number': NUMBER, 'termination_uri': TRUNK, 'sip_trunk_auth_password': 'V9-SECRET',
            'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 'V9-SECRET'}]}
    problems = request_problems(retell_openapi(), _exchange('POST', '/import-phone-number', body))
    assert problems and not any('V9-SECRET' in problem for problem in problems), problems
    assert any("'********'" in problem for problem in problems), problems


def test_a_body_that_is_not_utf8_is_a_problem_not_a_crash():
    exchange = Exchange('POST', '/import-phone-number', '', AUTH, b'\xff\xfe')
    assert request_problems(retell_openapi(), exchange) == ['request body: not UTF-8 text, so not JSON']


# -- the record the fake keeps -------------------------------------------------------------------

@pytest.mark.sends_nonconforming_requests
def test_a_request_the_fake_accepts_but_the_document_refuses_is_a_violation(fake, api, control):
    control.config(unknown_fields='ignore')
    assert api.import_number(colour='blue').status_code == 201
    report = control.ok('GET', 'violations')
    assert report['violation_count'] == 1 and report['refused_count'] == 0
    violation = report['violations'][0]
    assert {k: violation[k] for k in ('seq', 'method', 'path', 'route', 'status', 'fault', 'side')} == {
        'seq': 1, 'method': 'POST', 'path': '/import-phone-number', 'route': 'import', 'status': 201, 'fault': None,
        'side': 'request'}
    assert violation['problems'] == ["request body: Additional properties are not allowed ('colour' was unexpected)"]


@pytest.mark.sends_nonconforming_requests
def test_a_bad_request_a_fault_answered_is_a_violation(api, control):
    control.faults({'route': 'update', 'kind': 'status', 'status': 503})
    assert api.update({'inbound_agent_id': 'a'}).status_code == 503
    report = control.ok('GET', 'violations')
    assert [(v['status'], v['fault'], v['side']) for v in report['violations']] == [(503, 'status', 'request')]


def test_a_bad_request_the_fake_refused_is_listed_but_not_a_violation(api, control):
    assert api.import_number(inbound_agent_id='a').status_code == 400
    assert api.request('GET', '/nowhere').status_code == 404
    report = control.ok('GET', 'violations')
    assert report['violations'] == [] and report['violation_count'] == 0
    assert [(r['path'], r['status'], r['side']) for r in report['refused']] == [
        ('/import-phone-number', 400, 'request'), ('/nowhere', 404, 'request')]
    assert report['checked'] == 2


def test_fault_answers_are_not_held_to_the_document(api, control):
    control.faults({'route': 'get', 'kind': 'html', 'status': 502}, {'route': 'get', 'kind': 'status', 'status': 429})
    assert api.get().status_code == 502
    assert api.get().status_code == 429
    assert control.ok('GET', 'violations')['violation_count'] == 0


def test_the_record_survives_a_reset_and_is_cleared_on_request(fake, api, control):
    control.config(unknown_fields='ignore')
    api.import_number(colour='blue')
    control.ok('POST', 'reset')
    assert control.ok('GET', 'violations')['violation_count'] == 1
    assert control.ok('DELETE', 'violations') == {'ok': True}
    report = control.ok('GET', 'violations')
    assert (report['violation_count'], report['refused_count'], report['checked']) == (0, 0, 0)
    assert fake.violations() == report


def test_without_the_check_the_report_says_so():
    with FakeRetell() as server:
        assert server.violations() == {'enabled': False, 'checked': 0, 'violations': [], 'violation_count': 0,
                                       'refused': [], 'refused_count': 0}


def test_a_body_that_cannot_be_read_is_summed_up_not_quoted():
    spec = retell_openapi()
    broken = Exchange('POST', '/import-phone-number', '', AUTH, b'{"sip_trunk_auth_password": "V9-SECRET", ')
    assert request_problems(spec, broken) == ['request body: not valid for its media type (malformed JSON)']
    as_text = Exchange('POST', '/import-phone-number', '', [AUTH[0], ('Content-Type', 'text/plain')], b'{}')
    assert request_problems(spec, as_text) == [
        "request body: Content for the following mimetype not found: text/plain. Valid mimetypes: ['application/json']"]
    html = _exchange('GET', '/get-phone-number/' + NUMBER, reply=Reply(200, b'<html></html>', 'text/html'))
    assert response_problems(spec, html) == [
        "response body: Content for the following mimetype not found: text/html. Valid mimetypes: ['application/json']"]
