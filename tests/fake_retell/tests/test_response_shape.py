# -*- coding: utf-8 -*-
"""The response object: exact keys, the never-returned password, and the response-shaping switches."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import json

import pytest

from .helpers import NUMBER, TRUNK

SECRET = 'Sup3r-Secret-Pa55'
NEW_SECRET = 'An0ther-Secret'
BASE_KEYS = {
    'phone_number', 'phone_number_type', 'last_modification_timestamp', 'phone_number_pretty',
    'allowed_inbound_country_list', 'allowed_outbound_country_list',
    'inbound_agents', 'outbound_agents', 'inbound_sms_agents', 'outbound_sms_agents',
    'nickname', 'inbound_webhook_url', 'inbound_sms_webhook_url', 'sip_outbound_trunk_config', 'fallback_number',
}
LEGACY_KEYS = {'inbound_agent_id', 'outbound_agent_id', 'inbound_agent_version', 'outbound_agent_version'}
FORBIDDEN_KEYS = {'auth_password', 'sip_trunk_auth_password', 'password', 'ignore_e164_validation'}


def _all_keys(value):
    if isinstance(value, dict):
        keys = set(value)
        for item in value.values():
            keys |= _all_keys(item)
        return keys
    if isinstance(value, list):
        keys = set()
        for item in value:
            keys |= _all_keys(item)
        return keys
    return set()


def _every_view(api, control):
    """Text of every place a record can be seen: import/get/update/list answers, store dump, journal."""
    texts = [api.get().text, api.list().text, api.list_v1().text, json.dumps(control.store()), json.dumps(control.journal())]
    return texts


def test_password_is_never_returned_and_masked_in_the_journal(api, control):
    created = api.import_number(sip_trunk_auth_username='user', sip_trunk_auth_password=SECRET)
    updated = api.update({'auth_password': NEW_SECRET})
    texts = [created.text, updated.text] + _every_view(api, control)
    for text in texts:
        assert SECRET not in text
        assert NEW_SECRET not in text
    journal = control.journal()
    assert journal[0]['body']['sip_trunk_auth_password'] == '********'
    assert journal[1]['body']['auth_password'] == '********'
    assert journal[1]['body_keys'] == ['auth_password']
    for body in (created.json(), updated.json(), api.get().json()):
        assert not _all_keys(body) & FORBIDDEN_KEYS


def test_store_dump_carries_only_the_password_hash(api, control):
    api.import_number(sip_trunk_auth_password=SECRET)
    dump = control.store()
    assert dump[0]['password_sha256'] == hashlib.sha256(SECRET.encode()).hexdigest()
    api.update({'auth_password': NEW_SECRET})
    assert control.store()[0]['password_sha256'] == hashlib.sha256(NEW_SECRET.encode()).hexdigest()


def test_password_hash_is_null_when_never_set(api, control, imported):
    assert control.store()[0]['password_sha256'] is None


def test_masking_also_hides_refused_password_fields(api, control):
    api.import_number(auth_password=SECRET)
    api.update({'sip_trunk_auth_password': SECRET})
    assert SECRET not in json.dumps(control.journal())


def test_custom_number_has_exactly_the_documented_keys(api, imported):
    assert set(imported) == BASE_KEYS | {'area_code'}
    assert set(imported['sip_outbound_trunk_config']) == {'termination_uri', 'auth_username', 'transport'}
    assert not _all_keys(imported) & FORBIDDEN_KEYS
    assert 'termination_uri' not in imported


def test_codecs_appear_once_set(api, imported):
    assert 'codecs' not in imported['sip_outbound_trunk_config']
    body = api.update({'codecs': ['PCMA']}).json()
    assert body['sip_outbound_trunk_config']['codecs'] == ['PCMA']
    assert set(body) == BASE_KEYS | {'area_code'}


def test_purchased_number_has_no_trunk_config(api):
    body = api.create().json()
    assert body['sip_outbound_trunk_config'] is None
    assert set(body) == BASE_KEYS | {'area_code'}


def test_legacy_fields_switch(api, control):
    agents = [{'agent_id': 'agent_a', 'weight': 0.5, 'agent_version': 4}, {'agent_id': 'agent_b', 'weight': 0.5}]
    api.import_number(inbound_agents=agents, outbound_agents=[{'agent_id': 'agent_c', 'weight': 1, 'agent_version': 'prod'}])
    assert not set(api.get().json()) & LEGACY_KEYS
    control.config(legacy_fields_in_response=True)
    body = api.get().json()
    assert set(body) == BASE_KEYS | {'area_code'} | LEGACY_KEYS
    assert body['inbound_agent_id'] == 'agent_a'
    assert body['inbound_agent_version'] == 4
    assert body['outbound_agent_id'] == 'agent_c'
    assert body['outbound_agent_version'] is None
    body = api.update({'inbound_agents': [], 'outbound_agents': None}).json()
    assert body['inbound_agent_id'] is None and body['outbound_agent_id'] is None
    assert body['inbound_agent_version'] is None and body['outbound_agent_version'] is None
    for item in api.list().json()['items'] + api.list_v1().json():
        assert LEGACY_KEYS <= set(item)


def test_legacy_fields_switch_does_not_make_the_fields_acceptable(api, control, imported):
    control.config(legacy_fields_in_response=True)
    response = api.update({'inbound_agent_id': 'agent_a'})
    assert response.status_code == 400


@pytest.mark.parametrize('echo,expected', [(False, None), (True, 'TCP')])
def test_transport_default_echo_switch(api, control, echo, expected):
    control.config(transport_default_echo=echo)
    body = api.import_number().json()
    assert body['sip_outbound_trunk_config']['transport'] == expected
    assert api.get().json()['sip_outbound_trunk_config']['transport'] == expected
    assert api.update({'transport': 'UDP'}).json()['sip_outbound_trunk_config']['transport'] == 'UDP'
    assert api.update({'transport': None}).json()['sip_outbound_trunk_config']['transport'] == expected


def test_responses_are_independent_copies(api):
    agents = [{'agent_id': 'a', 'weight': 1}]
    api.import_number(inbound_agents=agents)
    first = api.get().json()
    first['inbound_agents'][0]['agent_id'] = 'mutated'
    assert api.get().json()['inbound_agents'] == agents


def test_trunk_config_shape_on_import(api):
    body = api.import_number(transport='TCP', sip_trunk_auth_username='u').json()
    assert body['sip_outbound_trunk_config'] == {'termination_uri': TRUNK, 'auth_username': 'u', 'transport': 'TCP'}
    assert body['phone_number'] == NUMBER
