# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The engine's decisions, against an in-memory stand-in for the Retell client."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.retellai.retell.plugins.module_utils._client import (
    AttemptBudget,
    InvalidOption,
    OutcomeUnknown,
    RetellAPIError,
    RetellError,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import desired_from_params
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import reconcile

NUMBER = '+14155550100'


class Settings:
    max_attempts = 4


class MemoryClient:
    """Keeps numbers in a dict and records every call, like the fake API's journal."""

    def __init__(self, numbers=None, faults=None):
        self.settings = Settings()
        self.numbers = dict((n['phone_number'], n) for n in (numbers or []))
        self.calls = []
        self.faults = list(faults or [])
        self.pauses = []
        self.elsewhere = set()

    def _fault(self, method):
        for fault in self.faults:
            if fault[0] == method:
                self.faults.remove(fault)
                return fault[1]
        return None

    def get_phone_number(self, number):
        self.calls.append(('GET', None))
        return copy.deepcopy(self.numbers.get(number))

    def new_budget(self):
        return AttemptBudget(self.settings.max_attempts)

    def import_phone_number(self, body, budget=None):
        budget.take()
        self.calls.append(('POST', body))
        fault = self._fault('POST')
        if fault == 'fail':
            raise OutcomeUnknown('POST', '/import-phone-number', 'HTTP 500: boom')
        if body['phone_number'] in self.numbers or body['phone_number'] in self.elsewhere:
            raise RetellAPIError(400, 'POST', '/import-phone-number', 'Phone number already exists.')
        trunk = {'termination_uri': body['termination_uri'], 'auth_username': body.get('sip_trunk_auth_username'),
                 'transport': body.get('transport')}
        number = {'phone_number': body['phone_number'], 'phone_number_type': 'custom', 'sip_outbound_trunk_config': trunk}
        for key in ('nickname', 'inbound_agents', 'outbound_agents', 'allowed_inbound_country_list', 'inbound_webhook_url'):
            number[key] = body.get(key)
        self.numbers[number['phone_number']] = number
        if fault == 'commit_then_fail':
            raise OutcomeUnknown('POST', '/import-phone-number', 'HTTP 500: boom')
        return copy.deepcopy(number)

    def update_phone_number(self, number, body, budget=None):
        budget.take()
        self.calls.append(('PATCH', body))
        fault = self._fault('PATCH')
        if fault == 'fail':
            raise OutcomeUnknown('PATCH', '/update-phone-number/x', 'timeout')
        record = self.numbers[number]
        names = {'auth_username': 'auth_username', 'termination_uri': 'termination_uri', 'transport': 'transport', 'codecs': 'codecs'}
        for key, value in body.items():
            if key in names:
                record.setdefault('sip_outbound_trunk_config', {})[names[key]] = value
            elif key != 'auth_password':
                record[key] = value
        if fault == 'commit_then_fail':
            raise OutcomeUnknown('PATCH', '/update-phone-number/x', 'timeout')
        return copy.deepcopy(record)

    def delete_phone_number(self, number, budget=None):
        budget.take()
        self.calls.append(('DELETE', None))
        fault = self._fault('DELETE')
        if number not in self.numbers:
            raise RetellAPIError(404, 'DELETE', '/delete-phone-number/x', 'Not Found')
        del self.numbers[number]
        if fault == 'commit_then_fail':
            raise OutcomeUnknown('DELETE', '/delete-phone-number/x', 'connection dropped')

    def pause(self, attempt, reason, retry_after=None):
        self.pauses.append(reason)

    @property
    def methods(self):
        return [method for method, body in self.calls]


def want(**options):
    options.setdefault('phone_number', NUMBER)
    return desired_from_params(options)


def existing(**fields):
    number = {'phone_number': NUMBER, 'phone_number_type': 'custom', 'nickname': 'old',
              'sip_outbound_trunk_config': {'termination_uri': 't.example', 'auth_username': None, 'transport': None}}
    number.update(fields)
    return number


@pytest.mark.parametrize('check_mode', [False, True])
def test_new_number_is_imported_then_patched_for_update_only_fields(check_mode):
    client = MemoryClient()
    outcome = reconcile(client, want(termination_uri='t.example', nickname='desk', fallback_number='+14155550111',
                                     sip_trunk_auth_password='pw'), check_mode)
    assert outcome.changed and outcome.action == 'imported'
    assert outcome.changed_fields == ['termination_uri', 'sip_trunk_auth_password', 'nickname', 'fallback_number']
    assert outcome.diff == {'before': {'state': 'absent'},
                            'after': {'state': 'present', 'termination_uri': 't.example', 'nickname': 'desk',
                                      'sip_trunk_auth_password': '<hidden>', 'fallback_number': '+14155550111'}}
    assert outcome.number['fallback_number'] == '+14155550111'
    assert outcome.number['nickname'] == 'desk'
    if check_mode:
        assert client.methods == ['GET']
    else:
        assert client.methods == ['GET', 'POST', 'PATCH']
        assert client.calls[2][1] == {'fallback_number': '+14155550111'}


def test_no_patch_after_import_when_every_field_is_importable():
    client = MemoryClient()
    reconcile(client, want(termination_uri='t.example', nickname='desk'), False)
    assert client.methods == ['GET', 'POST']


def test_equal_number_costs_one_get():
    client = MemoryClient([existing()])
    outcome = reconcile(client, want(nickname='old', termination_uri='t.example', transport='TCP'), False)
    assert (outcome.changed, outcome.action, client.methods) == (False, 'unchanged', ['GET'])


@pytest.mark.parametrize('check_mode', [False, True])
def test_only_differing_fields_are_patched(check_mode):
    client = MemoryClient([existing()])
    outcome = reconcile(client, want(nickname='new', termination_uri='t.example', inbound_agents=[{'agent_id': 'a', 'weight': 1}]), check_mode)
    assert outcome.changed and outcome.action == 'updated'
    assert outcome.diff == {'before': {'nickname': 'old', 'inbound_agents': None},
                            'after': {'nickname': 'new', 'inbound_agents': [{'agent_id': 'a', 'weight': 1.0}]}}
    assert outcome.number['nickname'] == 'new'
    if not check_mode:
        assert client.calls[1] == ('PATCH', {'nickname': 'new', 'inbound_agents': [{'agent_id': 'a', 'weight': 1.0}]})
    else:
        assert client.methods == ['GET']


def test_password_always_sends_only_the_password():
    client = MemoryClient([existing()])
    outcome = reconcile(client, want(nickname='old', sip_trunk_auth_password='pw', update_password='always'), False)
    assert outcome.changed
    assert client.calls[1] == ('PATCH', {'auth_password': 'pw'})
    assert outcome.diff == {'before': {'sip_trunk_auth_password': '<not returned by Retell>'},
                            'after': {'sip_trunk_auth_password': '<hidden>'}}


def test_password_on_create_is_not_sent_to_an_existing_number():
    client = MemoryClient([existing()])
    assert not reconcile(client, want(sip_trunk_auth_password='pw'), False).changed
    assert client.methods == ['GET']


@pytest.mark.parametrize('check_mode', [False, True])
def test_absent_deletes(check_mode):
    client = MemoryClient([existing()])
    outcome = reconcile(client, want(state='absent'), check_mode)
    assert outcome.changed and outcome.number is None
    assert outcome.diff['after'] == {'state': 'absent'}
    assert outcome.diff['before']['nickname'] == 'old'
    assert client.methods == (['GET'] if check_mode else ['GET', 'DELETE'])


def test_absent_and_missing_is_one_get():
    client = MemoryClient()
    assert not reconcile(client, want(state='absent'), False).changed
    assert client.methods == ['GET']


def test_missing_termination_uri_for_a_new_number_fails_after_the_probe():
    client = MemoryClient()
    with pytest.raises(InvalidOption) as caught:
        reconcile(client, want(nickname='x'), False)
    assert caught.value.option == 'termination_uri'
    assert client.methods == ['GET']


def test_import_race_is_reconciled_with_a_patch():
    client = MemoryClient()
    winner = existing(nickname='winner')

    def racing_get(number, original=client.get_phone_number):
        result = original(number)
        client.numbers.setdefault(NUMBER, copy.deepcopy(winner))
        return result

    client.get_phone_number = racing_get
    outcome = reconcile(client, want(termination_uri='t.example', nickname='mine', sip_trunk_auth_password='pw'), False)
    assert outcome.changed and outcome.number['nickname'] == 'mine'
    assert client.methods == ['GET', 'POST', 'GET', 'PATCH']
    # The other run imported it: this run updated it, and on_create keeps its password to itself.
    assert outcome.action == 'updated'
    assert outcome.changed_fields == ['nickname']
    assert client.calls[3][1] == {'nickname': 'mine'}
    assert outcome.diff == {'before': {'nickname': 'winner'}, 'after': {'nickname': 'mine'}}


def test_number_of_another_workspace_fails_clearly_and_writes_nothing_else():
    client = MemoryClient()
    client.elsewhere.add(NUMBER)
    with pytest.raises(RetellError, match='registered in another workspace or account'):
        reconcile(client, want(termination_uri='t.example'), False)
    assert client.methods == ['GET', 'POST', 'GET']


def test_import_that_committed_but_failed_is_not_sent_twice():
    client = MemoryClient(faults=[('POST', 'commit_then_fail')])
    outcome = reconcile(client, want(termination_uri='t.example', nickname='desk'), False)
    assert outcome.changed and outcome.action == 'imported'
    assert client.methods == ['GET', 'POST', 'GET']
    assert len(client.pauses) == 1


def test_import_that_did_not_land_is_retried_after_a_probe():
    client = MemoryClient(faults=[('POST', 'fail')])
    outcome = reconcile(client, want(termination_uri='t.example'), False)
    assert outcome.changed
    assert client.methods == ['GET', 'POST', 'GET', 'POST']


def test_failing_writes_give_up_after_the_bounded_attempts():
    client = MemoryClient(faults=[('POST', 'fail')] * 10)
    with pytest.raises(RetellError, match='gave up after 4 attempts'):
        reconcile(client, want(termination_uri='t.example'), False)
    assert client.methods.count('POST') == 4
    assert client.numbers == {}


def test_patch_that_committed_then_failed_reports_changed_without_resending():
    client = MemoryClient([existing()], faults=[('PATCH', 'commit_then_fail')])
    outcome = reconcile(client, want(nickname='new'), False)
    assert outcome.changed and outcome.number['nickname'] == 'new'
    assert client.methods == ['GET', 'PATCH', 'GET']


def test_delete_that_committed_then_failed_reports_changed():
    client = MemoryClient([existing()], faults=[('DELETE', 'commit_then_fail')])
    outcome = reconcile(client, want(state='absent'), False)
    assert outcome.changed
    assert client.methods == ['GET', 'DELETE', 'GET']


def test_trunk_fields_on_a_number_bought_from_retell_fail_before_a_patch():
    client = MemoryClient([existing(phone_number_type='retell-twilio', sip_outbound_trunk_config=None)])
    with pytest.raises(RetellError, match='bought through Retell'):
        reconcile(client, want(termination_uri='t.example'), False)
    assert client.methods == ['GET']


def test_a_write_that_retell_ignores_fails_loudly():
    client = MemoryClient([existing()])
    client.update_phone_number = lambda number, body, budget=None: existing()
    with pytest.raises(RetellError, match='still reports different values for: nickname'):
        reconcile(client, want(nickname='new'), False)


def test_listing_result_replaces_the_probe():
    client = MemoryClient()
    outcome = reconcile(client, want(nickname='old'), False, current=existing())
    assert not outcome.changed and client.methods == []


# ---- pinned agent versions -----------------------------------------------------------------

PINNED = [{'agent_id': 'a1', 'weight': 0.5, 'agent_version': 3}, {'agent_id': 'a2', 'weight': 0.5, 'agent_version': 'prod'}]


@pytest.mark.parametrize('option', ['inbound_agents', 'outbound_agents', 'inbound_sms_agents', 'outbound_sms_agents'])
@pytest.mark.parametrize('check_mode', [False, True])
def test_reweighting_pinned_agents_keeps_their_versions(option, check_mode):
    client = MemoryClient([existing(**{option: copy.deepcopy(PINNED)})])
    task = {option: [{'agent_id': 'a1', 'weight': 0.6}, {'agent_id': 'a2', 'weight': 0.4}]}
    outcome = reconcile(client, want(**task), check_mode)
    kept = [{'agent_id': 'a1', 'weight': 0.6, 'agent_version': 3}, {'agent_id': 'a2', 'weight': 0.4, 'agent_version': 'prod'}]
    assert outcome.changed and outcome.number[option] == kept
    assert outcome.diff == {'before': {option: PINNED}, 'after': {option: kept}}
    if check_mode:
        assert client.methods == ['GET']
    else:
        assert client.calls[-1] == ('PATCH', {option: kept})
        assert reconcile(client, want(**task), False).changed is False


def test_explicit_version_wins_and_a_new_agent_goes_without_one():
    client = MemoryClient([existing(inbound_agents=copy.deepcopy(PINNED))])
    task = [{'agent_id': 'a1', 'weight': 0.5, 'agent_version': 'staging'}, {'agent_id': 'a3', 'weight': 0.5}]
    reconcile(client, want(inbound_agents=task), False)
    sent = [{'agent_id': 'a1', 'weight': 0.5, 'agent_version': 'staging'}, {'agent_id': 'a3', 'weight': 0.5}]
    assert client.calls[-1] == ('PATCH', {'inbound_agents': sent})


# ---- one budget per write ------------------------------------------------------------------

def test_unknown_outcomes_and_resends_share_one_budget():
    client = MemoryClient([existing()], faults=[('PATCH', 'fail')] * 10)
    budget_of_four = client.settings.max_attempts
    with pytest.raises(RetellError, match='gave up after %d attempts' % budget_of_four):
        reconcile(client, want(nickname='new'), False)
    assert client.methods.count('PATCH') == budget_of_four
