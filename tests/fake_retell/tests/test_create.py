# -*- coding: utf-8 -*-
"""POST /create-phone-number (buying a number)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest
import requests

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


# ---- strict fields, per-area allocation, exhausted areas, faults -------------------------------

@pytest.mark.parametrize('field,value', [
    ('termination_uri', 'trunk.example.com'),
    ('sip_trunk_auth_password', 'pw'),
    ('auth_username', 'u'),
    ('codecs', ['PCMU']),
    ('ignore_e164_validation', False),
    ('outbound_sms_agents', None),
    ('inbound_sms_webhook_url', 'https://example.com/sms'),
])
def test_create_refuses_trunk_and_update_only_fields_even_when_unknown_fields_are_ignored(api, control, field, value):
    control.config(unknown_fields='ignore')
    assert_error(api.create(**{field: value}), 400, field, 'not accepted by create-phone-number')
    assert control.store() == []


def test_area_code_is_for_us_numbers_only(api):
    assert_error(api.create(country_code='CA', area_code=604), 400, 'area_code', 'US')
    assert api.create(country_code='US', area_code=604).status_code == 201


def test_numbers_are_allocated_per_area_code_in_order(api):
    bought = [api.create(area_code=area).json()['phone_number'] for area in (212, 415, 212)]
    assert bought == ['+12125550100', '+14155550100', '+12125550101']
    toll_free = [api.create(toll_free=True).json() for _attempt in range(2)]
    assert [n['phone_number'] for n in toll_free] == ['+18005550100', '+18005550101']
    assert {n['area_code'] for n in toll_free} == {800}


def test_an_exhausted_area_code_sells_nothing_and_names_the_area(api, control):
    assert control.config(exhausted_area_codes=[415, 212, 415])['exhausted_area_codes'] == [212, 415]
    assert_error(api.create(area_code=415), 400, 'No phone number is available for area code 415.')
    assert_error(api.create(), 400, 'area code 415')
    assert api.create(area_code=650).status_code == 201
    assert api.create(phone_number='+14155550142').status_code == 201
    assert [n['record']['phone_number'] for n in control.store()] == ['+16505550100', '+14155550142']
    assert [e['status'] for e in control.journal()] == [400, 400, 201, 201]


def test_exhausted_toll_free_prefixes(api, control):
    control.config(exhausted_area_codes=[800, 833, 844, 855, 866, 877])
    assert api.create(toll_free=True).json()['phone_number'] == '+18885550100'
    control.config(exhausted_area_codes=[800, 833, 844, 855, 866, 877, 888])
    assert_error(api.create(toll_free=True), 400, 'No toll-free phone number is available.')


@pytest.mark.parametrize('value', [415, [41], ['415'], [True], [1000], None])
def test_exhausted_area_codes_must_be_a_list_of_3_digit_integers(control, value):
    response = control.call('POST', 'config', {'exhausted_area_codes': value})
    assert_error(response, 400, 'exhausted_area_codes must be a list of 3-digit integers')


def test_reset_restores_the_area_codes(fake, api, control):
    control.config(exhausted_area_codes=[415])
    fake.reset()
    assert control.ok('GET', 'config')['exhausted_area_codes'] == []
    assert api.create().status_code == 201


@pytest.mark.parametrize('kind', ['commit_then_status', 'commit_then_drop'])
def test_a_create_that_commits_then_loses_its_answer_is_stored_once(fake, api, control, kind):
    control.faults({'route': 'create', 'kind': kind})
    with pytest.raises(requests.ConnectionError) if kind == 'commit_then_drop' else _no_error():
        response = api.create(nickname='Sales', area_code=212)
        assert_error(response, 500)
    stored = control.store()
    assert [(n['record']['phone_number'], n['record']['nickname']) for n in stored] == [('+12125550100', 'Sales')]
    entry = control.journal()[-1]
    assert (entry['route'], entry['fault'], entry['number']) == ('create', kind, None)
    assert entry['status'] == (500 if kind == 'commit_then_status' else 0)
    listed = api.list().json()['items']
    assert [n['phone_number_type'] for n in listed] == ['retell-twilio']


def test_a_create_fault_can_answer_402_without_buying(api, control):
    control.faults({'route': 'create', 'kind': 'status', 'status': 402})
    assert_error(api.create(), 402, 'Trial has ended')
    assert control.store() == []
    assert api.create().status_code == 201


def test_a_fault_for_a_named_number_matches_the_body(api, control):
    control.faults({'route': 'create', 'number': NUMBER, 'kind': 'status', 'status': 503})
    assert api.create(phone_number='+14155550142').status_code == 201
    assert_error(api.create(phone_number=NUMBER), 503)


class _no_error:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
