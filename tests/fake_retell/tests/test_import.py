# -*- coding: utf-8 -*-
"""POST /import-phone-number: accepted fields, refused fields, types and E.164 handling."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from .helpers import NUMBER, TRUNK, assert_error

UPDATE_ONLY = ['auth_username', 'auth_password', 'fallback_number', 'inbound_sms_agents', 'outbound_sms_agents', 'inbound_sms_webhook_url']
UPDATE_ONLY_VALUES = {
    'auth_username': 'user',
    'auth_password': 'secret',
    'fallback_number': '+14155550199',
    'inbound_sms_agents': [{'agent_id': 'a', 'weight': 1}],
    'outbound_sms_agents': [],
    'inbound_sms_webhook_url': 'https://example.com/sms',
}
LEGACY = {
    'inbound_agent_id': 'agent_1',
    'outbound_agent_id': 'agent_1',
    'inbound_agent_version': 1,
    'outbound_agent_version': 1,
}
WRONG_TYPES = [
    ('phone_number', 14155550100),
    ('phone_number', None),
    ('phone_number', ''),
    ('termination_uri', None),
    ('termination_uri', ''),
    ('termination_uri', ['x']),
    ('ignore_e164_validation', 'true'),
    ('ignore_e164_validation', 'false'),
    ('ignore_e164_validation', 1),
    ('ignore_e164_validation', None),
    ('sip_trunk_auth_username', None),
    ('sip_trunk_auth_username', 42),
    ('sip_trunk_auth_password', None),
    ('sip_trunk_auth_password', 42),
    ('transport', 'tcp'),
    ('transport', 'SCTP'),
    ('transport', 6),
    ('codecs', None),
    ('codecs', 'PCMU'),
    ('codecs', [1]),
    ('codecs', ['']),
    ('inbound_agents', {'agent_id': 'a', 'weight': 1}),
    ('outbound_agents', 'agent_1'),
    ('nickname', None),
    ('nickname', 7),
    ('inbound_webhook_url', 7),
    ('allowed_inbound_country_list', 'US'),
    ('allowed_outbound_country_list', [1]),
]


def test_minimal_import(api):
    response = api.request('POST', '/import-phone-number', json={'phone_number': NUMBER, 'termination_uri': TRUNK})
    assert response.status_code == 201


def test_every_import_field_is_accepted_and_echoed(api):
    agents = [{'agent_id': 'agent_a', 'weight': 0.25, 'agent_version': 3}, {'agent_id': 'agent_b', 'weight': 0.75}]
    response = api.import_number(
        ignore_e164_validation=False,
        sip_trunk_auth_username='user',
        sip_trunk_auth_password='secret',
        transport='TLS',
        codecs=['PCMU', 'opus'],
        inbound_agents=agents,
        outbound_agents=[{'agent_id': 'agent_c', 'weight': 1, 'agent_version': 'prod'}],
        nickname='Front desk',
        inbound_webhook_url='https://example.com/in',
        allowed_inbound_country_list=['US', 'CA'],
        allowed_outbound_country_list=[],
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body['inbound_agents'] == agents
    assert body['outbound_agents'] == [{'agent_id': 'agent_c', 'agent_version': 'prod', 'weight': 1}]
    assert body['nickname'] == 'Front desk'
    assert body['inbound_webhook_url'] == 'https://example.com/in'
    assert body['allowed_inbound_country_list'] == ['US', 'CA']
    assert body['allowed_outbound_country_list'] == []
    assert body['sip_outbound_trunk_config'] == {
        'termination_uri': TRUNK, 'auth_username': 'user', 'transport': 'TLS', 'codecs': ['PCMU', 'opus'],
    }
    assert api.get().json() == body


def test_empty_sip_credentials_are_accepted(api, control):
    response = api.import_number(sip_trunk_auth_username='', sip_trunk_auth_password='')
    assert response.status_code == 201
    assert response.json()['sip_outbound_trunk_config']['auth_username'] == ''
    assert control.store()[0]['password_sha256'] == 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'


def test_nullable_import_fields_accept_null(api):
    response = api.import_number(transport=None, inbound_agents=None, outbound_agents=None, inbound_webhook_url=None,
                                 allowed_inbound_country_list=None, allowed_outbound_country_list=None)
    assert response.status_code == 201, response.text
    assert response.json()['sip_outbound_trunk_config']['transport'] is None


@pytest.mark.parametrize('field', ['phone_number', 'termination_uri'])
def test_required_fields(api, control, field):
    body = {'phone_number': NUMBER, 'termination_uri': TRUNK}
    del body[field]
    assert_error(api.request('POST', '/import-phone-number', json=body), 400, field)
    assert control.store() == []


@pytest.mark.parametrize('field', UPDATE_ONLY)
def test_update_only_fields_are_refused_on_import(api, control, field):
    message = assert_error(api.import_number(**{field: UPDATE_ONLY_VALUES[field]}), 400, field)
    assert 'not accepted' in message
    assert control.store() == []


@pytest.mark.parametrize('field', UPDATE_ONLY)
def test_update_only_fields_stay_refused_when_unknown_fields_are_ignored(api, control, field):
    control.config(unknown_fields='ignore')
    assert_error(api.import_number(**{field: UPDATE_ONLY_VALUES[field]}), 400, field)


@pytest.mark.parametrize('field', sorted(LEGACY))
@pytest.mark.parametrize('unknown_fields', ['reject', 'ignore'])
def test_legacy_fields_are_refused_on_import(api, control, field, unknown_fields):
    control.config(unknown_fields=unknown_fields)
    message = assert_error(api.import_number(**{field: LEGACY[field]}), 400, field)
    assert 'removed' in message
    assert control.store() == []


def test_unknown_field_is_refused_by_default(api, control):
    assert_error(api.import_number(area_code=415), 400, 'area_code')
    assert_error(api.import_number(agent_id='x'), 400, 'agent_id')
    assert control.store() == []


@pytest.mark.sends_nonconforming_requests
def test_unknown_field_is_ignored_when_switched(api, control):
    control.config(unknown_fields='ignore')
    response = api.import_number(agent_id='x', inbound_agents=[{'agent_id': 'a', 'weight': 1, 'colour': 'red'}])
    assert response.status_code == 201, response.text
    body = response.json()
    assert 'agent_id' not in body
    assert body['inbound_agents'] == [{'agent_id': 'a', 'weight': 1}]
    assert control.journal()[-1]['body_keys'] == ['agent_id', 'inbound_agents', 'phone_number', 'termination_uri']


@pytest.mark.parametrize('field,value', WRONG_TYPES)
def test_wrong_types_are_400_naming_the_field(api, control, field, value):
    assert_error(api.import_number(**{field: value}), 400, field)
    assert control.store() == []


@pytest.mark.parametrize('number', ['not-a-number', '14155550100', '+04155550100', '+1415555010012345', '+1 415 555 0100'])
def test_e164_is_enforced_only_when_validation_is_explicitly_off(api, control, number):
    assert_error(api.import_number(number, ignore_e164_validation=False), 400, 'phone_number', 'E.164')
    assert control.store() == []
    assert api.import_number(number, ignore_e164_validation=True).status_code == 201


@pytest.mark.parametrize('number', ['pseudo-number-1', '1234', '+1 (415) 555-0100'])
def test_documented_default_skips_e164(api, number):
    response = api.import_number(number)
    assert response.status_code == 201
    assert response.json()['phone_number'] == number


@pytest.mark.parametrize('number', ['+14155550100', '+442071838750', '+12', '+123456789012345'])
def test_valid_e164_passes_with_validation_on(api, number):
    assert api.import_number(number, ignore_e164_validation=False).status_code == 201


@pytest.mark.parametrize('transport', ['TLS', 'TCP', 'UDP'])
def test_transport_values(api, transport):
    response = api.import_number(transport=transport)
    assert response.json()['sip_outbound_trunk_config']['transport'] == transport
