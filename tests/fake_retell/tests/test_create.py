# -*- coding: utf-8 -*-
"""POST /create-phone-number (buying a number)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from .helpers import NUMBER, assert_error


def test_create_without_fields_generates_a_number(api):
    response = api.create()
    assert response.status_code == 201
    body = response.json()
    assert re.match(r'^\+1415555\d{4}$', body['phone_number'])
    assert body['phone_number_type'] == 'retell-twilio'
    assert body['area_code'] == 415
    assert body['sip_outbound_trunk_config'] is None
    assert body['phone_number_pretty'].startswith('+1 (415) 555-')
    assert api.get(body['phone_number']).json() == body


def test_created_numbers_are_distinct(api):
    numbers = {api.create().json()['phone_number'] for _attempt in range(5)}
    assert len(numbers) == 5


def test_generated_numbers_skip_numbers_held_elsewhere(api, other):
    taken = other.create().json()['phone_number']
    assert api.create().json()['phone_number'] != taken


@pytest.mark.parametrize('fields,pattern,number_type', [
    ({'area_code': 212}, r'^\+1212555\d{4}$', 'retell-twilio'),
    ({'country_code': 'CA'}, r'^\+1604555\d{4}$', 'retell-twilio'),
    ({'country_code': 'US'}, r'^\+1415555\d{4}$', 'retell-twilio'),
    ({'toll_free': True}, r'^\+1(800|833|844|855|866|877|888)555\d{4}$', 'retell-twilio'),
    ({'toll_free': False, 'area_code': 650}, r'^\+1650555\d{4}$', 'retell-twilio'),
    ({'number_provider': 'telnyx'}, r'^\+1415555\d{4}$', 'retell-telnyx'),
    ({'number_provider': 'twilio'}, r'^\+1415555\d{4}$', 'retell-twilio'),
])
def test_create_honours_area_country_toll_free_and_provider(api, fields, pattern, number_type):
    response = api.create(**fields)
    assert response.status_code == 201, response.text
    body = response.json()
    assert re.match(pattern, body['phone_number'])
    assert body['phone_number_type'] == number_type


def test_create_with_a_given_number_and_fields(api):
    agents = [{'agent_id': 'a', 'weight': 1}]
    response = api.create(phone_number=NUMBER, nickname='bought', inbound_agents=agents, outbound_agents=None,
                          inbound_webhook_url='https://example.com/in', allowed_inbound_country_list=['US'],
                          allowed_outbound_country_list=None, transport='TCP', fallback_number='+14155550199')
    assert response.status_code == 201, response.text
    body = response.json()
    assert body['phone_number'] == NUMBER
    assert body['nickname'] == 'bought'
    assert body['inbound_agents'] == agents
    assert body['fallback_number'] == '+14155550199'
    assert body['allowed_inbound_country_list'] == ['US']


def test_create_of_an_existing_number_is_400(api, other):
    other.import_number()
    assert_error(api.create(phone_number=NUMBER), 400, 'already exists')


@pytest.mark.parametrize('field,value', [
    ('phone_number', 'not-e164'),
    ('phone_number', ''),
    ('phone_number', 14155550100),
    ('area_code', '415'),
    ('area_code', 41),
    ('area_code', 4150),
    ('area_code', True),
    ('country_code', 'GB'),
    ('country_code', 'us'),
    ('toll_free', 'yes'),
    ('number_provider', 'vonage'),
    ('nickname', None),
    ('inbound_webhook_url', 1),
    ('fallback_number', 'nope'),
    ('inbound_agent_id', 'a'),
    ('outbound_agent_version', 1),
    ('inbound_sms_agents', []),
    ('sip_trunk_auth_username', 'u'),
])
def test_create_validation(api, control, field, value):
    assert_error(api.create(**{field: value}), 400, field)
    assert control.store() == []


@pytest.mark.sends_nonconforming_requests
def test_create_unknown_field_can_be_ignored(api, control):
    control.config(unknown_fields='ignore')
    assert api.create(colour='blue').status_code == 201
    assert_error(api.create(inbound_agent_id='a'), 400, 'inbound_agent_id', 'removed')


def test_toll_free_and_area_code_do_not_mix(api):
    assert_error(api.create(toll_free=True, area_code=415), 400, 'area_code')


def test_create_fallback_rules(api):
    assert_error(api.create(phone_number=NUMBER, fallback_number=NUMBER), 400, 'fallback_number')
    api.import_number('+14155550150')
    api.update({'fallback_number': '+14155550151'}, '+14155550150')
    assert_error(api.create(fallback_number='+14155550150'), 400, 'fallback_number')
