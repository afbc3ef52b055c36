# -*- coding: utf-8 -*-
"""The /__fake__/ control interface and the matching Python accessors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

import pytest
import requests

from .helpers import NUMBER, NUMBER_2, TRUNK, Api, assert_error

JOURNAL_KEYS = {'seq', 'method', 'path', 'query', 'number', 'route', 'api_key', 'body', 'body_keys', 'status', 'fault'}
DEFAULT_CONFIG = {
    'not_found_mode': '404',
    'unknown_fields': 'reject',
    'legacy_fields_in_response': False,
    'transport_default_echo': False,
    'empty_patch': 'noop',
    'exhausted_area_codes': [],
    'api_keys': ['default', 'other'],
}


def test_health(control):
    assert control.ok('GET', 'health') == {'ok': True}


def test_control_routes_need_no_key_and_are_not_journaled(control):
    control.ok('GET', 'health')
    control.ok('GET', 'store')
    control.ok('GET', 'faults')
    control.ok('GET', 'config')
    assert control.journal() == []


def test_unknown_control_route_is_404(control):
    assert_error(control.call('GET', 'nope'), 404)
    assert_error(control.call('GET', 'reset'), 404)


def test_invalid_control_json_is_400(fake):
    response = requests.post(fake.url + '/__fake__/config', data=b'{x', timeout=5)
    assert_error(response, 400)


def test_journal_entry_shape(api, control):
    api.import_number(nickname='n', sip_trunk_auth_password='pw')
    api.list(limit=1000, sort_order='ascending')
    api.get('%2B14155550100')
    entries = control.journal()
    assert [set(e) for e in entries] == [JOURNAL_KEYS] * 3
    first, second, third = entries
    assert first == {
        'seq': 1, 'method': 'POST', 'path': '/import-phone-number', 'query': {}, 'number': NUMBER, 'route': 'import',
        'api_key': 'default', 'body': {'phone_number': NUMBER, 'termination_uri': TRUNK, 'nickname': 'n', 'sip_trunk_auth_password': '********'},
        'body_keys': ['nickname', 'phone_number', 'sip_trunk_auth_password', 'termination_uri'], 'status': 201, 'fault': None,
    }
    assert second['query'] == {'limit': '1000', 'sort_order': 'ascending'}
    assert second['path'] == '/v2/list-phone-numbers'
    assert second['number'] is None and second['body'] is None and second['body_keys'] == []
    assert third['path'] == '/get-phone-number/%2B14155550100'
    assert third['number'] == NUMBER
    assert [e['seq'] for e in entries] == [1, 2, 3]


def test_journal_records_the_key_label_per_workspace(api, other, control):
    api.list()
    other.list()
    assert [e['api_key'] for e in control.journal()] == ['default', 'other']


def test_journal_records_rejected_requests(api, control):
    api.import_number(inbound_agent_id='x')
    entry = control.journal()[-1]
    assert entry['status'] == 400
    assert entry['body_keys'] == ['inbound_agent_id', 'phone_number', 'termination_uri']


def test_delete_journal_clears_only_the_journal(api, control, fake):
    api.import_number()
    control.faults({'route': 'get', 'kind': 'status'})
    assert control.ok('DELETE', 'journal') == {'ok': True}
    assert control.journal() == []
    assert len(control.store()) == 1
    assert len(control.ok('GET', 'faults')['faults']) == 1
    api.list()
    assert control.journal()[0]['seq'] == 2
    assert fake.journal() == control.journal()


def test_reset_clears_everything_and_restores_defaults(api, control):
    api.import_number()
    control.faults({'route': 'get', 'kind': 'status', 'times': -1})
    control.config(not_found_mode='422', unknown_fields='ignore', legacy_fields_in_response=True, transport_default_echo=True,
                   empty_patch='reject', api_keys={'solo': 'k1'})
    assert control.ok('POST', 'reset') == {'ok': True}
    assert control.store() == []
    assert control.journal() == []
    assert control.ok('GET', 'faults')['faults'] == []
    assert control.ok('GET', 'config') == DEFAULT_CONFIG
    assert api.list().status_code == 200


def test_store_dump_shape(api, other, control):
    api.import_number(NUMBER, sip_trunk_auth_password='pw')
    other.import_number(NUMBER_2)
    dump = control.store()
    assert [set(n) for n in dump] == [{'workspace', 'record', 'password_sha256'}] * 2
    assert dump[0]['workspace'] == 'default' and dump[1]['workspace'] == 'other'
    assert dump[0]['record'] == api.get(NUMBER).json()
    assert dump[1]['record'] == other.get(NUMBER_2).json()
    assert dump[0]['password_sha256'] == hashlib.sha256(b'pw').hexdigest()
    assert dump[1]['password_sha256'] is None


def test_config_returns_the_full_config(control):
    assert control.ok('GET', 'config') == DEFAULT_CONFIG
    changed = control.config(not_found_mode='422')
    assert changed == dict(DEFAULT_CONFIG, not_found_mode='422')
    changed = control.config(not_found_mode=404)
    assert changed['not_found_mode'] == '404'


@pytest.mark.parametrize('payload', [
    {'not_found_mode': '500'},
    {'unknown_fields': 'warn'},
    {'legacy_fields_in_response': 'yes'},
    {'transport_default_echo': 1},
    {'empty_patch': 'maybe'},
    {'api_keys': {}},
    {'api_keys': {'a': ''}},
    {'api_keys': {'a': 'same', 'b': 'same'}},
    {'api_keys': ['k']},
    {'colour': 'blue'},
    ['not', 'an', 'object'],
])
def test_invalid_config_is_400_and_changes_nothing(control, payload):
    assert_error(control.call('POST', 'config', payload), 400)
    assert control.ok('GET', 'config') == DEFAULT_CONFIG


def test_partial_invalid_config_is_all_or_nothing(control):
    assert_error(control.call('POST', 'config', {'not_found_mode': '422', 'unknown_fields': 'warn'}), 400)
    assert control.ok('GET', 'config')['not_found_mode'] == '404'


def test_api_keys_replace_the_workspaces(fake, control):
    config = control.config(api_keys={'alpha': 'key-alpha', 'beta': 'key-beta'})
    assert config['api_keys'] == ['alpha', 'beta']
    assert 'key-alpha' not in str(config)
    alpha = Api(fake.url, 'key-alpha')
    beta = Api(fake.url, 'key-beta')
    old = Api(fake.url, 'test-key-default')
    try:
        assert alpha.import_number().status_code == 201
        assert beta.get().status_code == 404
        assert old.list().status_code == 401
        assert control.store()[0]['workspace'] == 'alpha'
        assert control.journal()[0]['api_key'] == 'alpha'
    finally:
        alpha.close()
        beta.close()
        old.close()


def test_seed_in_response_shape(api, control):
    seeded = control.seed([
        {
            'phone_number': NUMBER,
            'nickname': 'seeded',
            'inbound_agents': [{'agent_id': 'a', 'weight': 1}],
            'sip_outbound_trunk_config': {'termination_uri': TRUNK, 'auth_username': 'u', 'transport': 'TLS'},
            'fallback_number': '+14155550199',
            'password': 'pw',
            'last_modification_timestamp': 1700000000000,
        },
        {'phone_number': NUMBER_2, 'phone_number_type': 'retell-telnyx'},
        {'phone_number': 'pseudo-1'},
    ])
    assert seeded == {'seeded': 3}
    body = api.get(NUMBER).json()
    assert body['nickname'] == 'seeded'
    assert body['phone_number_type'] == 'custom'
    assert body['phone_number_pretty'] == '+1 (415) 555-0100'
    assert body['area_code'] == 415
    assert body['last_modification_timestamp'] == 1700000000000
    assert body['sip_outbound_trunk_config'] == {'termination_uri': TRUNK, 'auth_username': 'u', 'transport': 'TLS'}
    assert body['inbound_sms_agents'] is None
    purchased = api.get(NUMBER_2).json()
    assert purchased['phone_number_type'] == 'retell-telnyx'
    assert purchased['sip_outbound_trunk_config'] is None
    pseudo = api.get('pseudo-1').json()
    assert pseudo['sip_outbound_trunk_config'] == {'termination_uri': None, 'auth_username': None, 'transport': None}
    assert 'area_code' not in pseudo
    assert control.store()[0]['password_sha256'] == hashlib.sha256(b'pw').hexdigest()
    assert [e['route'] for e in control.journal()] == ['get', 'get', 'get']


def test_seeded_records_behave_like_imported_ones(api, control):
    control.seed([{'phone_number': NUMBER, 'nickname': 'x'}])
    assert api.import_number().status_code == 400
    assert api.update({'nickname': 'y'}).json()['nickname'] == 'y'
    assert api.delete().status_code == 204


def test_seed_into_another_workspace(api, other, control):
    control.seed([{'phone_number': NUMBER}], workspace='other')
    assert api.get().status_code == 404
    assert other.get().status_code == 200


def test_seed_into_a_workspace_without_a_key_models_a_foreign_account(api, control):
    control.seed([{'phone_number': NUMBER}], workspace='someone-else')
    assert api.get().status_code == 404
    assert api.import_number().json()['message'] == 'Phone number already exists.'


@pytest.mark.parametrize('numbers', [
    [{'phone_number': NUMBER}, {'phone_number': NUMBER}],
    [{'phone_number': NUMBER_2}, {'nickname': 'no number'}],
    [{'phone_number': NUMBER_2}, {'phone_number': NUMBER, 'phone_number_type': 'landline'}],
    [{'phone_number': NUMBER_2}, {'phone_number': NUMBER, 'colour': 'red'}],
    [{'phone_number': NUMBER_2}, {'phone_number': NUMBER, 'sip_outbound_trunk_config': {'auth_password': 'x'}}],
    [{'phone_number': NUMBER_2}, {'phone_number': NUMBER, 'password': 5}],
    [{'phone_number': NUMBER_2}, 'just a string'],
])
def test_invalid_seed_is_400_and_seeds_nothing(control, numbers):
    assert_error(control.call('POST', 'seed', {'numbers': numbers}), 400)
    assert control.store() == []


def test_seed_refuses_numbers_that_already_exist(api, control, imported):
    assert_error(control.call('POST', 'seed', {'numbers': [{'phone_number': NUMBER}]}), 400, NUMBER)


def test_python_accessors_share_state_with_http(fake, api, control):
    assert fake.seed([{'phone_number': NUMBER}]) == 1
    assert control.store() == fake.store()
    api.get()
    assert fake.journal() == control.journal()
    fake.clear_journal()
    assert control.journal() == []
    assert fake.configure(not_found_mode='422')['not_found_mode'] == '422'
    assert control.ok('GET', 'config')['not_found_mode'] == '422'
    assert fake.configure({'unknown_fields': 'ignore'})['unknown_fields'] == 'ignore'
    assert fake.config()['unknown_fields'] == 'ignore'
    with pytest.raises(ValueError):
        fake.configure(not_found_mode='418')
    with pytest.raises(ValueError):
        fake.seed([{'phone_number': NUMBER}])
    fake.reset()
    assert control.store() == [] and fake.config()['not_found_mode'] == '404'
