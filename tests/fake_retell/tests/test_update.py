# -*- coding: utf-8 -*-
"""PATCH /update-phone-number: partial updates, null clears, field names, timestamps, fallback rules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from .helpers import NUMBER, NUMBER_2, TRUNK, assert_error

AGENT = [{'agent_id': 'agent_a', 'weight': 1}]
NULLABLE_VALUES = {
    'nickname': 'Front desk',
    'inbound_webhook_url': 'https://example.com/in',
    'inbound_sms_webhook_url': 'https://example.com/sms',
    'fallback_number': '+14155550199',
    'inbound_agents': AGENT,
    'outbound_agents': AGENT,
    'inbound_sms_agents': AGENT,
    'outbound_sms_agents': AGENT,
    'allowed_inbound_country_list': ['US'],
    'allowed_outbound_country_list': ['CA', 'GB'],
}
IMPORT_ONLY = {
    'phone_number': '+14155550111',
    'sip_trunk_auth_username': 'user',
    'sip_trunk_auth_password': 'secret',
    'ignore_e164_validation': True,
}
LEGACY = {'inbound_agent_id': 'a', 'outbound_agent_id': 'a', 'inbound_agent_version': 1, 'outbound_agent_version': None}


@pytest.mark.parametrize('field', sorted(NULLABLE_VALUES))
def test_set_then_null_clears_each_nullable_field(api, imported, field):
    response = api.update({field: NULLABLE_VALUES[field]})
    assert response.status_code == 200, response.text
    assert response.json()[field] == NULLABLE_VALUES[field]
    response = api.update({field: None})
    assert response.status_code == 200
    assert response.json()[field] is None
    assert api.get().json()[field] is None


def test_null_transport_clears_it(api):
    api.import_number(transport='UDP')
    response = api.update({'transport': None})
    assert response.status_code == 200
    assert response.json()['sip_outbound_trunk_config']['transport'] is None


@pytest.mark.parametrize('field', ['inbound_agents', 'outbound_agents', 'inbound_sms_agents', 'outbound_sms_agents'])
def test_empty_list_unbinds_agents(api, imported, field):
    api.update({field: [{'agent_id': 'a', 'weight': 0.5}, {'agent_id': 'b', 'weight': 0.5}]})
    response = api.update({field: []})
    assert response.status_code == 200
    assert response.json()[field] == []
    assert api.get().json()[field] == []


def test_update_is_partial(api):
    api.import_number(nickname='keep', inbound_agents=AGENT, allowed_inbound_country_list=['US'], sip_trunk_auth_username='u')
    body = api.update({'outbound_agents': AGENT}).json()
    assert body['nickname'] == 'keep'
    assert body['inbound_agents'] == AGENT
    assert body['outbound_agents'] == AGENT
    assert body['allowed_inbound_country_list'] == ['US']
    assert body['sip_outbound_trunk_config'] == {'termination_uri': TRUNK, 'auth_username': 'u', 'transport': None}


def test_trunk_fields_are_updated_under_their_update_names(api, control, imported):
    response = api.update({'termination_uri': 'new.pstn.twilio.com', 'auth_username': 'bob', 'auth_password': 'pw2',
                           'transport': 'UDP', 'codecs': ['opus']})
    assert response.status_code == 200, response.text
    assert response.json()['sip_outbound_trunk_config'] == {
        'termination_uri': 'new.pstn.twilio.com', 'auth_username': 'bob', 'transport': 'UDP', 'codecs': ['opus'],
    }
    dump = control.store()[0]
    assert dump['password_sha256'] is not None
    response = api.update({'codecs': []})
    assert response.json()['sip_outbound_trunk_config']['codecs'] == []


def test_update_returns_the_full_object(api, imported):
    body = api.update({'nickname': 'n'}).json()
    assert set(imported) == set(body)
    assert body == api.get().json()


@pytest.mark.parametrize('field', sorted(IMPORT_ONLY))
def test_import_only_fields_are_refused_on_update(api, control, imported, field):
    message = assert_error(api.update({field: IMPORT_ONLY[field]}), 400, field)
    assert 'not accepted' in message
    control.config(unknown_fields='ignore')
    assert_error(api.update({field: IMPORT_ONLY[field]}), 400, field)
    assert api.get().json() == imported


def test_phone_number_cannot_be_renamed(api, imported):
    assert_error(api.update({'phone_number': NUMBER_2}), 400, 'phone_number')
    assert api.get(NUMBER_2).status_code == 404


@pytest.mark.parametrize('field', sorted(LEGACY))
def test_legacy_fields_are_refused_on_update(api, imported, field):
    message = assert_error(api.update({field: LEGACY[field]}), 400, field)
    assert 'removed' in message


@pytest.mark.parametrize('field', ['termination_uri', 'auth_username', 'auth_password', 'codecs'])
def test_non_nullable_update_fields_refuse_null(api, imported, field):
    assert_error(api.update({field: None}), 400, field)
    assert api.get().json() == imported


@pytest.mark.parametrize('field,value', [
    ('termination_uri', ''),
    ('termination_uri', 5),
    ('auth_username', 5),
    ('auth_password', ['x']),
    ('nickname', 5),
    ('inbound_webhook_url', False),
    ('inbound_sms_webhook_url', 1),
    ('transport', 'tls'),
    ('fallback_number', '4155550199'),
    ('fallback_number', 14155550199),
    ('codecs', 'PCMU'),
    ('inbound_sms_agents', [{'agent_id': 'a', 'weight': 2}]),
    ('allowed_outbound_country_list', ['usa']),
])
def test_wrong_update_values_are_400_naming_the_field(api, imported, field, value):
    assert_error(api.update({field: value}), 400, field)
    assert api.get().json() == imported


@pytest.mark.sends_nonconforming_requests
def test_unknown_update_field_refused_or_ignored(api, control, imported):
    assert_error(api.update({'agent_id': 'x'}), 400, 'agent_id')
    control.config(unknown_fields='ignore')
    response = api.update({'agent_id': 'x', 'nickname': 'n'})
    assert response.status_code == 200
    assert 'agent_id' not in response.json()
    assert response.json()['nickname'] == 'n'
    # Only ignored keys: success, nothing changes.
    before = api.get().json()
    response = api.update({'agent_id': 'y'})
    assert response.status_code == 200
    assert response.json() == before


def test_timestamp_advances_on_every_write(api, imported):
    stamps = [imported['last_modification_timestamp']]
    for value in ('a', 'b', 'b'):
        stamps.append(api.update({'nickname': value}).json()['last_modification_timestamp'])
    assert stamps == sorted(set(stamps)), stamps
    assert api.get().json()['last_modification_timestamp'] == stamps[-1]
    assert abs(stamps[-1] - time.time() * 1000) < 60000


def test_empty_patch_is_a_no_op_by_default(api, imported):
    response = api.update({})
    assert response.status_code == 200
    assert response.json() == imported


def test_empty_patch_can_be_refused(api, control, imported):
    control.config(empty_patch='reject')
    assert_error(api.update({}), 400)
    assert api.update({'nickname': 'n'}).status_code == 200


def test_fallback_cannot_be_the_number_itself(api, imported):
    assert_error(api.update({'fallback_number': NUMBER}), 400, 'fallback_number')
    assert_error(api.update({'fallback_number': NUMBER}, '%2B14155550100'), 400, 'fallback_number')
    assert api.get().json()['fallback_number'] is None


def test_fallback_cannot_point_at_a_number_with_its_own_fallback(api):
    api.import_number(NUMBER)
    api.import_number(NUMBER_2)
    assert api.update({'fallback_number': '+14155550199'}, NUMBER_2).status_code == 200
    assert_error(api.update({'fallback_number': NUMBER_2}, NUMBER), 400, 'fallback_number', 'own fallback')
    # Once the target's fallback is removed the same call succeeds.
    assert api.update({'fallback_number': None}, NUMBER_2).status_code == 200
    response = api.update({'fallback_number': NUMBER_2}, NUMBER)
    assert response.status_code == 200
    assert response.json()['fallback_number'] == NUMBER_2


def test_fallback_to_an_external_number_is_fine(api, imported):
    response = api.update({'fallback_number': '+442071838750'})
    assert response.status_code == 200
    assert response.json()['fallback_number'] == '+442071838750'


def test_codecs_are_refused_on_purchased_numbers(api):
    number = api.create().json()['phone_number']
    assert_error(api.update({'codecs': ['PCMU']}, number), 400, 'codecs')


def test_trunk_fields_on_a_purchased_number_create_a_trunk_config(api):
    number = api.create().json()['phone_number']
    response = api.update({'transport': 'TLS'}, number)
    assert response.status_code == 200
    assert response.json()['sip_outbound_trunk_config'] == {'termination_uri': None, 'auth_username': None, 'transport': 'TLS'}
