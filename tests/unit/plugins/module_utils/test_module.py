# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""RetellModule keeps secrets masked when ansible-core's own argument checks fail (no network)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json

import pytest

from ansible.module_utils import basic

from ansible_collections.retellai.retell.plugins.module_utils._module import (
    RetellModule,
    argument_spec,
    run,
    secret_values,
    unreadable_entry,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import phone_number_argument_spec

KEY = 'key-MUST-NOT-LEAK'
PASSWORD = 'pw-MUST-NOT-LEAK'


def bulk_spec():
    return argument_spec(numbers=dict(type='list', elements='dict', required=True, options=phone_number_argument_spec()))


@contextlib.contextmanager
def module_args(args):
    """Hand args to the next AnsibleModule the way each ansible-core line expects them."""
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:  # ansible-core before 2.19
        patch_module_args = None
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    saved = basic._ANSIBLE_ARGS
    basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = saved


def failure_of(args, capsys):
    with module_args(args):
        with pytest.raises(SystemExit):
            RetellModule(argument_spec=bulk_spec(), supports_check_mode=True)
    return json.loads(capsys.readouterr().out)


def test_secret_values_reads_top_level_and_list_entries():
    params = dict(api_key=KEY, numbers=[dict(phone_number='+14155550100', sip_trunk_auth_password=PASSWORD)])
    assert secret_values(bulk_spec(), params) == set([KEY, PASSWORD])


def test_secret_values_skips_entries_that_are_not_dicts():
    params = dict(api_key=KEY, numbers=['+14155550100', 7, None, dict(sip_trunk_auth_password=PASSWORD)])
    assert secret_values(bulk_spec(), params) == set([KEY, PASSWORD])


def test_secret_values_reads_key_value_strings_as_ansible_does():
    params = dict(numbers=['phone_number=+14155550100 sip_trunk_auth_password=%s' % PASSWORD])
    assert secret_values(bulk_spec(), params) == set([PASSWORD])


def test_secret_values_ignores_empty_and_missing_secrets():
    assert secret_values(bulk_spec(), dict(api_key='', numbers=[dict(sip_trunk_auth_password=None)])) == set()


def test_unreadable_entry_names_the_first_entry_and_its_type():
    assert unreadable_entry(bulk_spec(), dict(numbers=[dict(phone_number='+1'), 42])) == ('numbers[1]', 'int')
    assert unreadable_entry(bulk_spec(), dict(numbers=[dict(phone_number='+1')])) is None


def test_entry_that_is_not_a_dict_fails_with_every_secret_masked(capsys):
    result = failure_of(dict(api_key=KEY, numbers=['+14155550100', dict(
        phone_number='+14155550101', termination_uri='t.example.com', sip_trunk_auth_password=PASSWORD)]), capsys)
    assert result['failed'] is True
    assert result['msg'] == 'numbers[0]: must be a dictionary of options, got str'
    assert KEY not in json.dumps(result)
    assert PASSWORD not in json.dumps(result)


def test_other_argument_errors_keep_secrets_masked(capsys):
    result = failure_of(dict(api_key=KEY, numbers=[dict(
        phone_number='+14155550101', transport='SCTP', sip_trunk_auth_password=PASSWORD)]), capsys)
    assert 'transport' in result['msg']
    assert KEY not in json.dumps(result)
    assert PASSWORD not in json.dumps(result)


def single_failure_of(args, capsys):
    with module_args(args):
        with pytest.raises(SystemExit):
            RetellModule(argument_spec=argument_spec(**phone_number_argument_spec()), supports_check_mode=True)
    return json.loads(capsys.readouterr().out)


def test_agent_given_as_a_bare_name_gets_the_documented_message(capsys):
    result = single_failure_of(dict(api_key=KEY, phone_number='+14155550100', inbound_agents=['agent_a']), capsys)
    assert result['msg'] == 'inbound_agents[0]: must be a dictionary with agent_id and weight'


@pytest.mark.parametrize('entry, message', [
    (dict(inbound_agents={'agent_id': 'a'}), 'numbers[1].inbound_agents: must be a list (got dict)'),
    (dict(inbound_agents=5), 'numbers[1].inbound_agents[0]: must be a dictionary with agent_id and weight'),
    (dict(inbound_agents=['agent_a']), 'numbers[1].inbound_agents[0]: must be a dictionary with agent_id and weight'),
    (dict(state='gone'), "numbers[1].state: must be one of present, absent (got 'gone')"),
    (dict(ignore_e164_validation='perhaps'), 'numbers[1].ignore_e164_validation: must be a boolean (true or false) (got str)'),
    (dict(nickname_typo='x'), 'numbers[1].nickname_typo: unknown option; the options are '),
    (dict(purchase='area code 415'), 'numbers[1].purchase: must be a dictionary (got str)'),
])
def test_bulk_entry_errors_name_the_entry(entry, message, capsys):
    second = dict(phone_number='+14155550101', sip_trunk_auth_password=PASSWORD)
    second.update(entry)
    result = failure_of(dict(api_key=KEY, numbers=[dict(phone_number='+14155550100'), second]), capsys)
    assert result['msg'].startswith(message)
    assert PASSWORD not in json.dumps(result) and KEY not in json.dumps(result)


def test_unexpected_exception_is_a_clean_failure_without_secrets(capsys):
    def broken():
        raise ZeroDivisionError('divided while holding %s' % KEY)

    with module_args(dict(api_key=KEY, phone_number='+14155550100')):
        module = RetellModule(argument_spec=argument_spec(**phone_number_argument_spec()), supports_check_mode=True)
        with pytest.raises(SystemExit):
            run(module, broken)
    result = json.loads(capsys.readouterr().out)
    assert result['failed'] is True
    assert result['msg'].startswith('Unexpected ZeroDivisionError in the retellai.retell collection: divided while holding ')
    assert 'bug in the collection' in result['msg']
    assert KEY not in json.dumps(result) and 'Traceback' not in json.dumps(result)
