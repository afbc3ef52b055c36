# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The role's own argument check (used when Ansible's per-host check is off): the shipped spec,
Ansible's checker and message, and no secret in a message."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.retellai.retell.plugins.plugin_utils._role_spec import (
    ROLE_SPEC_PATH,
    RoleArgumentCheck,
    load_role_options,
)


class Inputs:
    """A host's variables as HostInputs offers them (already templated)."""

    def __init__(self, **variables):
        self.variables = variables

    def value(self, name, default=None):
        return self.variables.get(name, default)


def failure(**variables):
    return RoleArgumentCheck().failure(Inputs(**variables))


def test_the_check_reads_the_role_spec_that_ships_with_the_collection():
    assert os.path.isfile(ROLE_SPEC_PATH)
    with open(ROLE_SPEC_PATH) as stream:
        shipped = yaml.safe_load(stream)['argument_specs']['main']['options']
    options = load_role_options()
    assert sorted(options) == sorted(shipped)
    assert 'retell_phone_number' in options and 'phone_numbers_per_host' in options


def test_valid_variables_pass():
    assert failure(retell_phone_number='+14155550100', retell_transport='TCP', phone_numbers_concurrency=8) is None
    assert failure() is None


def test_a_broken_variable_fails_the_host_with_ansible_s_own_message():
    result = failure(retell_phone_number='+14155550100', retell_transport='SCTP')
    assert result['failed'] is True and result['changed'] is False
    assert result['msg'] == 'Validation of arguments failed:\nvalue of retell_transport must be one of: TLS, TCP, UDP, got: SCTP'
    assert result['argument_errors'] == ['value of retell_transport must be one of: TLS, TCP, UDP, got: SCTP']


def test_the_message_is_the_one_ansible_s_own_check_gives():
    variables = dict(retell_inbound_agents=['agent_a'], retell_timeout='soon')
    ansible = ArgumentSpecValidator(load_role_options()).validate(dict(variables)).error_messages
    assert failure(**variables)['argument_errors'] == ansible
    assert len(ansible) == 2


def test_secrets_never_appear_in_the_message():
    secret = 'pw-MUST-NOT-LEAK'
    result = failure(retell_sip_trunk_auth_password=secret, retell_transport=secret, retell_api_key=[{'k': 'key-MUST-NOT-LEAK'}],
                     retell_timeout='key-MUST-NOT-LEAK')
    assert result['failed'] is True
    assert 'MUST-NOT-LEAK' not in result['msg']
    assert 'MUST-NOT-LEAK' not in repr(result['argument_errors'])
