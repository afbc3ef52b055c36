# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A Retell number as the role's host variables: names, nulls, agents, and the round trip back."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
import yaml

from ansible_collections.retellai.retell.plugins.module_utils._inventory import duplicate_names, host_vars
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    FIELDS,
    desired_from_params,
    differing_fields,
)

NUMBER = '+14155550100'
READ_ONLY = ['retell_area_code', 'retell_last_modification_timestamp', 'retell_phone_number_pretty', 'retell_phone_number_type']
ROLE_SPEC = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'roles', 'phone_numbers', 'meta', 'argument_specs.yml')


def full_number(**changes):
    """A custom number with every managed setting, as GET returns it."""
    number = {
        'phone_number': NUMBER,
        'phone_number_type': 'custom',
        'phone_number_pretty': '+1 (415) 555-0100',
        'area_code': 415,
        'last_modification_timestamp': 1767225600000,
        'nickname': 'Front desk',
        'sip_outbound_trunk_config': {'termination_uri': 'trunk.example.com', 'auth_username': 'trunk-user',
                                      'transport': 'TLS', 'codecs': ['PCMU', 'OPUS']},
        'inbound_agents': [{'agent_id': 'agent_a', 'weight': 0.5, 'agent_version': 3},
                           {'agent_id': 'agent_b', 'weight': 0.5, 'agent_version': 'prod'}],
        'outbound_agents': [{'agent_id': 'agent_c', 'weight': 1}],
        'inbound_sms_agents': [{'agent_id': 'agent_sms', 'weight': 1, 'agent_version': 0}],
        'outbound_sms_agents': [{'agent_id': 'agent_sms', 'weight': 1}],
        'allowed_inbound_country_list': ['US', 'CA'],
        'allowed_outbound_country_list': ['US'],
        'inbound_webhook_url': 'https://hooks.example.com/in',
        'inbound_sms_webhook_url': 'https://hooks.example.com/sms',
        'fallback_number': '+14155550199',
    }
    number.update(changes)
    return number


def test_every_setting_becomes_the_role_variable_of_the_same_name():
    assert host_vars(full_number()) == {
        'retell_phone_number': NUMBER,
        'retell_nickname': 'Front desk',
        'retell_termination_uri': 'trunk.example.com',
        'retell_sip_trunk_auth_username': 'trunk-user',
        'retell_transport': 'TLS',
        'retell_codecs': ['PCMU', 'OPUS'],
        'retell_inbound_agents': [{'agent_id': 'agent_a', 'weight': 0.5, 'agent_version': 3},
                                  {'agent_id': 'agent_b', 'weight': 0.5, 'agent_version': 'prod'}],
        'retell_outbound_agents': [{'agent_id': 'agent_c', 'weight': 1}],
        'retell_inbound_sms_agents': [{'agent_id': 'agent_sms', 'weight': 1, 'agent_version': 0}],
        'retell_outbound_sms_agents': [{'agent_id': 'agent_sms', 'weight': 1}],
        'retell_allowed_inbound_country_list': ['US', 'CA'],
        'retell_allowed_outbound_country_list': ['US'],
        'retell_inbound_webhook_url': 'https://hooks.example.com/in',
        'retell_inbound_sms_webhook_url': 'https://hooks.example.com/sms',
        'retell_fallback_number': '+14155550199',
        'retell_phone_number_type': 'custom',
        'retell_phone_number_pretty': '+1 (415) 555-0100',
        'retell_area_code': 415,
        'retell_last_modification_timestamp': 1767225600000,
    }


def test_variable_names_follow_the_field_table_and_are_inputs_of_the_role():
    with open(ROLE_SPEC) as handle:
        role_options = set(yaml.safe_load(handle)['argument_specs']['main']['options'])
    managed = set(host_vars(full_number())) - set(READ_ONLY)
    assert managed == set('retell_' + field.option for field in FIELDS if field.kind != 'secret') | {'retell_phone_number'}
    assert managed <= role_options


def test_settings_retell_holds_as_null_are_left_out():
    purchased = {
        'phone_number': NUMBER, 'phone_number_type': 'retell-twilio', 'phone_number_pretty': '+1 (415) 555-0100',
        'area_code': None, 'last_modification_timestamp': 1, 'nickname': None, 'sip_outbound_trunk_config': None,
        'inbound_agents': None, 'outbound_agents': None, 'inbound_sms_agents': None, 'outbound_sms_agents': None,
        'allowed_inbound_country_list': None, 'allowed_outbound_country_list': None,
        'inbound_webhook_url': None, 'inbound_sms_webhook_url': None, 'fallback_number': None,
    }
    assert sorted(host_vars(purchased)) == ['retell_last_modification_timestamp', 'retell_phone_number',
                                            'retell_phone_number_pretty', 'retell_phone_number_type']


def test_a_trunk_without_transport_leaves_transport_unmanaged():
    number = full_number(sip_outbound_trunk_config={'termination_uri': 't.example.com', 'auth_username': None,
                                                    'transport': None})
    variables = host_vars(number)
    assert variables['retell_termination_uri'] == 't.example.com'
    assert 'retell_transport' not in variables
    assert 'retell_sip_trunk_auth_username' not in variables
    assert 'retell_codecs' not in variables


def test_empty_lists_are_kept_because_they_are_what_retell_holds():
    variables = host_vars(full_number(inbound_agents=[], allowed_inbound_country_list=[]))
    assert variables['retell_inbound_agents'] == []
    assert variables['retell_allowed_inbound_country_list'] == []


def test_agent_entries_keep_their_version_and_drop_nulls_and_unknown_keys():
    number = full_number(inbound_agents=[
        {'agent_id': 'agent_a', 'weight': 0.5, 'agent_version': None, 'agent_name': 'Reception'},
        {'agent_id': 'agent_b', 'weight': 0.5, 'agent_version': 7},
    ])
    assert host_vars(number)['retell_inbound_agents'] == [
        {'agent_id': 'agent_a', 'weight': 0.5},
        {'agent_id': 'agent_b', 'weight': 0.5, 'agent_version': 7},
    ]


def test_legacy_and_unknown_keys_are_ignored():
    number = full_number(inbound_agent_id='agent_a', inbound_agent_version=3, outbound_agent_id=None,
                         brand_new_setting={'x': 1})
    assert host_vars(number) == host_vars(full_number())


@pytest.mark.parametrize('secret_keys', [
    {'sip_trunk_auth_password': 'pw-1'},
    {'auth_password': 'pw-1'},
    {'sip_outbound_trunk_config': {'termination_uri': 't', 'auth_username': 'u', 'auth_password': 'pw-1'}},
])
def test_a_password_never_becomes_a_variable(secret_keys):
    variables = host_vars(full_number(**secret_keys))
    assert 'retell_sip_trunk_auth_password' not in variables
    assert 'pw-1' not in repr(variables)


def test_a_pseudo_number_gets_the_flag_the_role_needs_for_it():
    assert host_vars(full_number(phone_number='internal-7'))['retell_ignore_e164_validation'] is True
    assert 'retell_ignore_e164_validation' not in host_vars(full_number())


@pytest.mark.parametrize('item', [None, 'text', {}, {'phone_number': None}, {'phone_number': ''}, {'nickname': 'x'}])
def test_an_entry_without_a_phone_number_gives_no_host(item):
    assert host_vars(item) is None


@pytest.mark.parametrize('number', [
    full_number(),
    full_number(phone_number='internal-7'),
    full_number(sip_outbound_trunk_config={'termination_uri': 't.example.com', 'auth_username': None, 'transport': None}),
    full_number(inbound_agents=[], outbound_agents=None, allowed_outbound_country_list=[], nickname=None),
    full_number(inbound_agents=[{'agent_id': 'agent_a', 'weight': 1, 'agent_version': None, 'extra': True}]),
])
def test_the_role_given_these_variables_finds_nothing_to_change(number):
    variables = host_vars(number)
    params = dict((name[len('retell_'):], value) for name, value in variables.items() if name not in READ_ONLY)
    assert differing_fields(desired_from_params(params), number) == []


def test_duplicate_names_lists_every_number_per_shared_name():
    pairs = [('+14155550100', 'front'), ('+14155550101', 'back'), ('+14155550102', 'front'), ('+14155550103', 'front')]
    assert duplicate_names(pairs) == {'front': ['+14155550100', '+14155550102', '+14155550103']}
    assert duplicate_names(pairs[:2]) == {}
