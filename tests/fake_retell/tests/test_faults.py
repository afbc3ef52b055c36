# -*- coding: utf-8 -*-
"""Fault injection: every kind, matching, counting, headers and interplay with auth and the store."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest
import requests

from .helpers import NUMBER, NUMBER_2, TRUNK, assert_error

IMPORT_BODY = {'phone_number': NUMBER, 'termination_uri': TRUNK}


def _import(fake, number=NUMBER, timeout=5):
    """A one-shot request on a fresh connection (no retries, no pooled socket)."""
    return requests.post(fake.url + '/import-phone-number', json={'phone_number': number, 'termination_uri': TRUNK},
                         headers={'Authorization': 'Bearer test-key-default'}, timeout=timeout)


@pytest.mark.parametrize('status,message', [
    (500, 'An unexpected server error occurred.'),
    (429, 'Account rate limited, please throttle your requests.'),
    (503, 'An unexpected server error occurred.'),
    (402, 'Trial has ended, please add payment method.'),
    (422, 'Cannot find requested asset under given api key.'),
])
def test_status_fault_answers_without_touching_the_store(api, control, status, message):
    control.faults({'route': 'import', 'kind': 'status', 'status': status})
    response = api.import_number()
    assert_error(response, status)
    assert response.json()['message'] == message
    assert control.store() == []
    entry = control.journal()[-1]
    assert entry['status'] == status and entry['fault'] == 'status' and entry['route'] == 'import'
    assert api.import_number().status_code == 201


def test_status_fault_defaults_to_500(api, control):
    control.faults({'route': 'get', 'kind': 'status'})
    assert_error(api.get(), 500)


def test_retry_headers_are_passed_through(api, control):
    control.faults({'route': 'import', 'kind': 'status', 'status': 429,
                    'headers': {'Retry-After': '1', 'retry-after-ms': '100', 'x-should-retry': 'true'}})
    response = api.import_number()
    assert response.status_code == 429
    assert response.headers['Retry-After'] == '1'
    assert response.headers['retry-after-ms'] == '100'
    assert response.headers['x-should-retry'] == 'true'


def test_custom_fault_body(api, control):
    control.faults({'route': 'get', 'kind': 'status', 'status': 503, 'body': {'status': 'error', 'message': 'maintenance'}})
    assert api.get().json() == {'status': 'error', 'message': 'maintenance'}


def test_commit_then_status_stores_the_import_and_answers_500(api, control):
    control.faults({'route': 'import', 'kind': 'commit_then_status'})
    assert_error(api.import_number(), 500)
    assert [n['record']['phone_number'] for n in control.store()] == [NUMBER]
    assert control.journal()[-1]['fault'] == 'commit_then_status'
    # The retry a client would make now meets "already exists"; a GET finds the number.
    retry = api.import_number()
    assert retry.status_code == 400 and retry.json()['message'] == 'Phone number already exists.'
    assert api.get().status_code == 200


def test_commit_then_status_with_a_given_status_on_update_and_delete(api, control, imported):
    control.faults({'route': 'update', 'kind': 'commit_then_status', 'status': 502},
                   {'route': 'delete', 'kind': 'commit_then_status', 'status': 504})
    assert_error(api.update({'nickname': 'changed'}), 502)
    assert api.get().json()['nickname'] == 'changed'
    assert_error(api.delete(), 504)
    assert api.get().status_code == 404


def test_drop_closes_without_a_response_and_stores_nothing(fake, control):
    control.faults({'route': 'import', 'kind': 'drop'})
    with pytest.raises(requests.ConnectionError):
        _import(fake)
    assert control.store() == []
    entry = control.journal()[-1]
    assert entry['status'] == 0 and entry['fault'] == 'drop'
    assert _import(fake).status_code == 201


def test_commit_then_drop_stores_and_closes(fake, control):
    control.faults({'route': 'import', 'kind': 'commit_then_drop'})
    with pytest.raises(requests.ConnectionError):
        _import(fake)
    assert len(control.store()) == 1
    assert control.journal()[-1]['status'] == 0


def test_delay_then_answers_normally(api, control):
    control.faults({'route': 'import', 'kind': 'delay', 'seconds': 0.3})
    started = time.monotonic()
    response = api.import_number()
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 201
    assert control.journal()[-1]['fault'] == 'delay'


def test_commit_then_delay_makes_a_short_timeout_client_time_out_while_storing(fake, control):
    control.faults({'route': 'import', 'kind': 'commit_then_delay', 'seconds': 1.0})
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        _import(fake, timeout=0.25)
    assert time.monotonic() - started < 0.9
    assert [n['record']['phone_number'] for n in control.store()] == [NUMBER]
    entry = control.journal()[-1]
    assert entry['fault'] == 'commit_then_delay' and entry['status'] == 201


def test_commit_then_delay_with_a_patient_client_gets_the_real_answer(api, control):
    control.faults({'route': 'import', 'kind': 'commit_then_delay', 'seconds': 0.2})
    assert api.import_number().status_code == 201


def test_reset_cuts_a_delayed_request_short(fake, control):
    control.faults({'route': 'import', 'kind': 'delay', 'seconds': 5})
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        _import(fake, timeout=0.2)
    fake.reset()
    time.sleep(0.1)
    # The delayed import was abandoned, not replayed into the fresh store.
    assert fake.store() == []
    assert time.monotonic() - started < 2


def test_malformed_json(api, control):
    control.faults({'route': 'get', 'kind': 'malformed_json'}, {'route': 'get', 'kind': 'malformed_json', 'status': 500})
    api.import_number()
    for status in (200, 500):
        response = api.get()
        assert response.status_code == status
        assert response.headers['Content-Type'].startswith('application/json')
        with pytest.raises(ValueError):
            response.json()
        assert response.text.startswith('{"phone_number": ')


def test_malformed_json_on_import_does_not_store(api, control):
    control.faults({'route': 'import', 'kind': 'malformed_json'})
    assert api.import_number().status_code == 200
    assert control.store() == []


def test_html_error_page(api, control):
    control.faults({'route': 'list', 'kind': 'html'}, {'route': 'list', 'kind': 'html', 'status': 503})
    for status in (502, 503):
        response = api.list()
        assert response.status_code == status
        assert response.headers['Content-Type'].startswith('text/html')
        assert '<html>' in response.text


def test_empty_body(api, control, imported):
    control.faults({'route': 'get', 'kind': 'empty_body'}, {'route': 'get', 'kind': 'empty_body', 'status': 500})
    for status in (200, 500):
        response = api.get()
        assert response.status_code == status
        assert response.content == b''
        assert response.headers['Content-Length'] == '0'
        assert response.headers['Content-Type'].startswith('application/json')


def test_times_counts_uses(api, control):
    control.faults({'route': 'get', 'kind': 'status', 'status': 500, 'times': 2})
    assert [api.get().status_code for _attempt in range(3)] == [500, 500, 404]
    assert control.ok('GET', 'faults')['faults'] == []


def test_times_minus_one_is_forever_until_disarmed(api, control):
    control.faults({'route': 'get', 'kind': 'status', 'status': 503, 'times': -1})
    assert [api.get().status_code for _attempt in range(5)] == [503] * 5
    listed = control.ok('GET', 'faults')['faults']
    assert len(listed) == 1 and listed[0]['remaining'] == -1
    assert control.ok('DELETE', 'faults') == {'ok': True}
    assert api.get().status_code == 404


def test_faults_are_fifo_and_list_remaining_counts(api, control):
    control.faults({'route': 'get', 'kind': 'status', 'status': 500, 'times': 2},
                   {'route': 'get', 'kind': 'status', 'status': 503})
    listed = control.ok('GET', 'faults')['faults']
    assert [(f['status'], f['remaining']) for f in listed] == [(500, 2), (503, 1)]
    assert api.get().status_code == 500
    assert control.ok('GET', 'faults')['faults'][0]['remaining'] == 1
    assert [api.get().status_code for _attempt in range(3)] == [500, 503, 404]


def test_route_specific_faults_leave_other_routes_alone(api, control):
    control.faults({'route': 'delete', 'kind': 'status', 'status': 500})
    assert api.import_number().status_code == 201
    assert api.get().status_code == 200
    assert api.list().status_code == 200
    assert api.delete().status_code == 500
    assert api.delete().status_code == 204


def test_star_route_matches_any_route(api, control):
    control.faults({'route': '*', 'kind': 'status', 'status': 500, 'times': 2})
    assert api.list_v1().status_code == 500
    assert api.create().status_code == 500
    assert api.create().status_code == 201


def test_unknown_routes_do_not_consume_star_faults(api, control):
    control.faults({'kind': 'status', 'status': 500})
    assert api.request('GET', '/nope').status_code == 404
    assert api.list().status_code == 500


def test_number_specific_faults(api, control):
    api.import_number(NUMBER)
    api.import_number(NUMBER_2)
    control.faults({'route': 'get', 'number': NUMBER_2, 'kind': 'status', 'status': 500})
    assert api.get(NUMBER).status_code == 200
    assert api.get('%2B' + NUMBER_2[1:]).status_code == 500
    assert api.get(NUMBER_2).status_code == 200


def test_number_specific_import_fault_matches_the_body_number(api, control):
    control.faults({'route': 'import', 'number': NUMBER_2, 'kind': 'status', 'status': 500})
    assert api.import_number(NUMBER).status_code == 201
    assert api.import_number(NUMBER_2).status_code == 500


@pytest.mark.parametrize('route,call', [
    ('import', lambda a: a.import_number()),
    ('get', lambda a: a.get()),
    ('update', lambda a: a.update({'nickname': 'x'})),
    ('delete', lambda a: a.delete()),
    ('list', lambda a: a.list()),
    ('list_v1', lambda a: a.list_v1()),
    ('create', lambda a: a.create()),
])
def test_every_route_can_fault(api, control, route, call):
    control.faults({'route': route, 'kind': 'status', 'status': 500})
    assert call(api).status_code == 500
    assert control.journal()[-1]['route'] == route


def test_faults_come_after_auth(fake, control):
    control.faults({'route': 'import', 'kind': 'status', 'status': 500})
    response = requests.post(fake.url + '/import-phone-number', json=IMPORT_BODY, headers={'Authorization': 'Bearer bad'}, timeout=5)
    assert response.status_code == 401
    assert control.journal()[-1]['fault'] is None
    assert control.ok('GET', 'faults')['faults'][0]['remaining'] == 1


@pytest.mark.sends_nonconforming_requests
def test_faults_apply_before_body_validation(api, control):
    control.faults({'route': 'import', 'kind': 'status', 'status': 503})
    response = api.request('POST', '/import-phone-number', data=b'{broken')
    assert response.status_code == 503


def test_commit_then_status_of_a_failing_operation_still_answers_the_fault(api, control, imported):
    control.faults({'route': 'import', 'kind': 'commit_then_status'})
    assert api.import_number().status_code == 500


@pytest.mark.parametrize('spec', [
    {'route': 'import', 'kind': 'explode'},
    {'route': 'nowhere', 'kind': 'status'},
    {'route': 'import'},
    {'route': 'import', 'kind': 'status', 'times': 0},
    {'route': 'import', 'kind': 'status', 'times': -2},
    {'route': 'import', 'kind': 'status', 'times': True},
    {'route': 'import', 'kind': 'status', 'status': 99},
    {'route': 'import', 'kind': 'status', 'status': '500'},
    {'route': 'import', 'kind': 'delay', 'seconds': -1},
    {'route': 'import', 'kind': 'status', 'headers': {'Bad Header': 'x'}},
    {'route': 'import', 'kind': 'status', 'headers': {'X-Split': 'a\r\nb'}},
    {'route': 'import', 'kind': 'status', 'color': 'red'},
    {'route': 'import', 'kind': 'status', 'number': 5},
])
def test_invalid_fault_specs_are_400_and_arm_nothing(control, spec):
    response = control.call('POST', 'faults', {'faults': [{'route': 'get', 'kind': 'status'}, spec]})
    assert_error(response, 400)
    assert control.ok('GET', 'faults')['faults'] == []


def test_reset_disarms_faults(api, control, fake):
    control.faults({'route': 'get', 'kind': 'status', 'times': -1})
    fake.reset()
    assert control.ok('GET', 'faults')['faults'] == []
    assert api.get().status_code == 404


def test_python_accessors_arm_the_same_registry(fake, api, control):
    armed = fake.add_faults([{'route': 'get', 'kind': 'status', 'status': 500}])
    assert armed[0]['kind'] == 'status' and armed[0]['remaining'] == 1
    assert control.ok('GET', 'faults')['faults'] == fake.faults()
    assert api.get().status_code == 500
    fake.add_faults([{'route': 'get', 'kind': 'status', 'times': -1}])
    fake.clear_faults()
    assert fake.faults() == []
    with pytest.raises(ValueError):
        fake.add_faults([{'kind': 'nope'}])
