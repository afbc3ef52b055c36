# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Buying numbers: the purchase option's rules, the engine's decisions, and the bulk module's matching."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.retellai.retell.plugins.module_utils._bulk import BulkRun, desired_numbers
from ansible_collections.retellai.retell.plugins.module_utils._client import (
    InvalidOption,
    OutcomeUnknown,
    RetellAPIError,
    RetellError,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import desired_from_params
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import reconcile
from ansible_collections.retellai.retell.tests.unit.plugins.module_utils.test_reconcile import MemoryClient

BOUGHT = '+14155550100'
SMS_AGENTS = [{'agent_id': 'sms', 'weight': 1.0}]
EXHAUSTED = 'No phone number is available for area code 415.'


class ShopClient(MemoryClient):
    """MemoryClient that also lists and sells numbers; journal entries LIST and CREATE."""

    def __init__(self, numbers=None, faults=None):
        super(ShopClient, self).__init__(numbers, faults)
        self.next_line = 100

    def list_phone_numbers(self):
        self.calls.append(('LIST', None))
        return copy.deepcopy(list(self.numbers.values()))

    def create_phone_number(self, body, budget=None):
        budget.take()
        self.calls.append(('CREATE', body))
        fault = self._fault('CREATE')
        if fault == 'fail':
            raise OutcomeUnknown('POST', '/create-phone-number', 'HTTP 500: boom')
        if fault == 'exhausted':
            raise RetellAPIError(400, 'POST', '/create-phone-number', EXHAUSTED)
        number = body.get('phone_number') or self._free_number()
        if number in self.numbers or number in self.elsewhere:
            raise RetellAPIError(400, 'POST', '/create-phone-number', 'Phone number already exists.')
        record = {'phone_number': number, 'phone_number_type': 'retell-' + body['number_provider'],
                  'sip_outbound_trunk_config': None}
        for key in ('nickname', 'inbound_agents', 'outbound_agents', 'inbound_webhook_url', 'fallback_number',
                    'allowed_inbound_country_list', 'allowed_outbound_country_list'):
            record[key] = copy.deepcopy(body.get(key))
        self.numbers[number] = record
        if fault == 'commit_then_fail':
            raise OutcomeUnknown('POST', '/create-phone-number', 'connection failed (reset)')
        return copy.deepcopy(record)

    def _free_number(self):
        while '+1415555%04d' % self.next_line in self.numbers:
            self.next_line += 1
        return '+1415555%04d' % self.next_line

    def bought(self):
        return sorted(n for n, record in self.numbers.items() if record['phone_number_type'] != 'custom')


def buy(**options):
    options.setdefault('purchase', {'area_code': 415})
    options.setdefault('nickname', 'Sales')
    return desired_from_params(options)


def held(number=BOUGHT, nickname='Sales', kind='retell-twilio', **fields):
    record = {'phone_number': number, 'phone_number_type': kind, 'nickname': nickname, 'sip_outbound_trunk_config': None}
    record.update(fields)
    return record


# ---- the purchase option ------------------------------------------------------------------

def test_purchase_gets_retells_defaults_and_accepts_any_letter_case():
    assert buy(purchase={}).purchase == {'country_code': 'US', 'number_provider': 'twilio'}
    assert buy(purchase={'area_code': '415', 'country_code': 'us', 'number_provider': 'Telnyx'}).purchase == \
        {'area_code': 415, 'country_code': 'US', 'number_provider': 'telnyx'}
    assert buy(purchase={'toll_free': 'yes', 'country_code': 'CA'}).purchase == \
        {'toll_free': True, 'country_code': 'CA', 'number_provider': 'twilio'}


@pytest.mark.parametrize('purchase, option, rule', [
    ('415', 'purchase', 'must be a dictionary with any of area_code, country_code, number_provider, toll_free'),
    ({'areacode': 415}, 'purchase', 'unknown key areacode; purchase takes area_code'),
    ({'area_code': 41}, 'purchase.area_code', 'must be a 3-digit area code such as 415 (got 41)'),
    ({'area_code': 4150}, 'purchase.area_code', 'must be a 3-digit area code'),
    ({'area_code': '041'}, 'purchase.area_code', 'must be a 3-digit area code'),
    ({'area_code': True}, 'purchase.area_code', 'must be a 3-digit area code'),
    ({'area_code': 'abc'}, 'purchase.area_code', 'must be a 3-digit area code'),
    ({'country_code': 'GB'}, 'purchase.country_code', "must be one of US, CA (got 'GB')"),
    ({'number_provider': 'vonage'}, 'purchase.number_provider', "must be one of twilio, telnyx (got 'vonage')"),
    ({'toll_free': 'perhaps'}, 'purchase.toll_free', "must be a boolean (true or false) (got 'perhaps')"),
    ({'toll_free': True, 'area_code': 415}, 'purchase.area_code', 'cannot be combined with toll_free: true'),
    ({'country_code': 'CA', 'area_code': 604}, 'purchase.area_code', 'is for US numbers only'),
])
def test_an_invalid_purchase_is_refused_naming_the_key(purchase, option, rule):
    with pytest.raises(InvalidOption) as caught:
        buy(purchase=purchase)
    assert caught.value.option == option
    assert rule in str(caught.value)


@pytest.mark.parametrize('option, value', [
    ('termination_uri', 't.example'), ('sip_trunk_auth_username', 'u'), ('sip_trunk_auth_password', 'pw'),
    ('transport', 'TCP'), ('codecs', ['PCMU']),
])
def test_custom_telephony_settings_are_refused_with_purchase(option, value):
    with pytest.raises(InvalidOption, match='^%s: cannot be combined with purchase' % option):
        buy(**{option: value})


def test_ignore_e164_validation_is_refused_with_purchase():
    with pytest.raises(InvalidOption, match='^ignore_e164_validation: cannot be true with purchase'):
        buy(phone_number=BOUGHT, ignore_e164_validation=True)


@pytest.mark.parametrize('options, message', [
    ({'nickname': 'Sales'}, 'phone_number: is required, unless purchase is set'),
    ({'purchase': {}}, 'nickname: is required without phone_number'),
    ({'purchase': {}, 'nickname': '  '}, 'nickname: is required without phone_number'),
    ({'state': 'absent', 'nickname': ''}, 'nickname: is required without phone_number'),
])
def test_a_task_without_phone_number_needs_purchase_or_absent_and_a_nickname(options, message):
    with pytest.raises(InvalidOption, match='^' + message):
        desired_from_params(options)


# ---- the engine ---------------------------------------------------------------------------

@pytest.mark.parametrize('check_mode', [False, True])
def test_a_nickname_nobody_holds_buys_one_number_then_patches_what_create_does_not_take(check_mode):
    client = ShopClient([held('+14155550999', nickname='Sales', kind='custom')])
    task = buy(inbound_agents=[{'agent_id': 'a', 'weight': 1}], inbound_sms_agents=SMS_AGENTS)
    outcome = reconcile(client, task, check_mode)
    assert (outcome.changed, outcome.action) == (True, 'purchased')
    assert outcome.changed_fields == ['nickname', 'inbound_agents', 'inbound_sms_agents']
    assert outcome.diff == {'before': {'state': 'absent'},
                            'after': {'state': 'present', 'nickname': 'Sales', 'inbound_agents': [{'agent_id': 'a', 'weight': 1.0}],
                                      'inbound_sms_agents': SMS_AGENTS,
                                      'purchase': {'area_code': 415, 'country_code': 'US', 'number_provider': 'twilio'}}}
    if check_mode:
        assert client.methods == ['LIST']
        assert (outcome.number, outcome.phone_number) == (None, None)
        return
    assert client.methods == ['LIST', 'CREATE', 'PATCH']
    assert client.calls[1][1] == {'area_code': 415, 'country_code': 'US', 'number_provider': 'twilio', 'nickname': 'Sales',
                                  'inbound_agents': [{'agent_id': 'a', 'weight': 1.0}]}
    assert client.calls[2][1] == {'inbound_sms_agents': SMS_AGENTS}
    assert client.bought() == [BOUGHT] and outcome.phone_number == BOUGHT
    assert outcome.number['inbound_sms_agents'] == SMS_AGENTS
    again = reconcile(client, task, False)
    assert (again.changed, again.action, again.phone_number) == (False, 'unchanged', BOUGHT)
    assert client.methods[3:] == ['LIST']


def test_the_bought_number_with_that_nickname_is_managed_like_any_other():
    client = ShopClient([held(inbound_webhook_url=None)])
    outcome = reconcile(client, buy(inbound_webhook_url='https://hooks.example.com/in'), False)
    assert (outcome.action, outcome.phone_number) == ('updated', BOUGHT)
    assert client.calls == [('LIST', None), ('PATCH', {'inbound_webhook_url': 'https://hooks.example.com/in'})]


def test_several_bought_numbers_with_the_nickname_fail_naming_them():
    client = ShopClient([held(), held('+14155550101')])
    with pytest.raises(RetellError, match=r"nickname 'Sales' names 2 numbers bought through Retell "
                                          r"\(\+14155550100, \+14155550101\), so it does not identify one"):
        reconcile(client, buy(), False)
    assert client.methods == ['LIST']


def test_a_named_number_is_probed_and_bought_exactly():
    client = ShopClient()
    outcome = reconcile(client, buy(phone_number='+14155550123', nickname=None, purchase={'number_provider': 'telnyx'}), False)
    assert client.calls == [('GET', None), ('CREATE', {'phone_number': '+14155550123', 'country_code': 'US',
                                                       'number_provider': 'telnyx'})]
    assert (outcome.action, outcome.number['phone_number_type']) == ('purchased', 'retell-telnyx')


def test_a_named_number_that_exists_is_not_bought_again():
    client = ShopClient([held()])
    outcome = reconcile(client, buy(phone_number=BOUGHT), False)
    assert (outcome.changed, client.methods) == (False, ['GET'])


def test_a_named_number_held_by_another_workspace_fails_clearly():
    client = ShopClient()
    client.elsewhere.add(BOUGHT)
    with pytest.raises(RetellError, match=r'\+14155550100 cannot be bought: Retell says it already exists'):
        reconcile(client, buy(phone_number=BOUGHT), False)
    assert client.methods == ['GET', 'CREATE', 'GET']


@pytest.mark.parametrize('named, reread', [(False, 'LIST'), (True, 'GET')])
def test_a_lost_answer_is_followed_by_a_read_and_buys_exactly_one(named, reread):
    client = ShopClient(faults=[('CREATE', 'commit_then_fail')])
    task = buy(phone_number=BOUGHT if named else None, outbound_sms_agents=SMS_AGENTS)
    outcome = reconcile(client, task, False)
    assert client.methods == [reread, 'CREATE', reread, 'PATCH']
    assert client.bought() == [BOUGHT]
    assert (outcome.action, outcome.phone_number) == ('purchased', BOUGHT)
    assert len(client.pauses) == 1


def test_a_create_that_did_not_land_is_sent_again_after_the_read():
    client = ShopClient(faults=[('CREATE', 'fail')])
    outcome = reconcile(client, buy(), False)
    assert client.methods == ['LIST', 'CREATE', 'LIST', 'CREATE']
    assert client.bought() == [BOUGHT] and outcome.action == 'purchased'


def test_creates_that_never_land_stop_at_the_budget_and_look_once_more():
    client = ShopClient(faults=[('CREATE', 'fail')] * 10)
    with pytest.raises(RetellError, match="gave up after 4 attempts, and reading again shows no number for nickname 'Sales'"):
        reconcile(client, buy(), False)
    assert client.methods == ['LIST'] + ['CREATE', 'LIST'] * 4
    assert client.bought() == []
    assert len(client.pauses) == 3


def test_a_lost_answer_on_the_last_attempt_is_still_adopted():
    client = ShopClient(faults=[('CREATE', 'fail')] * 3 + [('CREATE', 'commit_then_fail')])
    outcome = reconcile(client, buy(), False)
    assert client.methods.count('CREATE') == 4 and client.bought() == [BOUGHT]
    assert outcome.action == 'purchased'


def test_an_exhausted_area_code_fails_after_one_attempt_with_the_area_code():
    client = ShopClient(faults=[('CREATE', 'exhausted')])
    with pytest.raises(RetellError) as caught:
        reconcile(client, buy(), False)
    assert str(caught.value) == ("Retell refused to sell a number for nickname 'Sales' (area_code 415, country_code US, "
                                 "number_provider twilio), and nothing was bought: Retell API POST /create-phone-number "
                                 "failed with HTTP 400: " + EXHAUSTED)
    assert client.methods == ['LIST', 'CREATE']


@pytest.mark.parametrize('check_mode', [False, True])
def test_absent_by_nickname_releases_the_one_bought_number(check_mode):
    client = ShopClient([held(), held('+14155550999', kind='custom')])
    outcome = reconcile(client, desired_from_params({'nickname': 'Sales', 'state': 'absent'}), check_mode)
    assert (outcome.changed, outcome.action, outcome.phone_number) == (True, 'deleted', BOUGHT)
    assert client.methods == (['LIST'] if check_mode else ['LIST', 'DELETE'])
    assert ('+14155550999' in client.numbers) and ((BOUGHT in client.numbers) == check_mode)


def test_absent_by_nickname_without_a_match_changes_nothing_and_ambiguity_fails():
    client = ShopClient([held('+14155550999', kind='custom')])
    assert reconcile(client, desired_from_params({'nickname': 'Sales', 'state': 'absent'}), False).changed is False
    client = ShopClient([held(), held('+14155550101')])
    with pytest.raises(RetellError, match='does not identify one'):
        reconcile(client, desired_from_params({'nickname': 'Sales', 'state': 'absent'}), False)
    assert client.methods == ['LIST']


# ---- the bulk module ----------------------------------------------------------------------

def test_two_entries_cannot_share_a_nickname_without_phone_number():
    with pytest.raises(InvalidOption, match=r"^numbers\[1\]\.nickname: 'Sales' without phone_number is already "
                                            r"described by numbers\[0\]"):
        desired_numbers([{'nickname': 'Sales', 'purchase': {}}, {'nickname': 'Sales', 'state': 'absent'}])


def _bulk(client, check_mode=False):
    run = BulkRun(settings=None, warn=None, check_mode=check_mode, concurrency=1)
    run._client = lambda: client
    return run


def test_bulk_buys_by_nickname_from_its_one_listing_and_purge_keeps_what_it_matched():
    client = ShopClient([held(), held('+14155550777', nickname='Old'), held('+14155550999', nickname='Trunk', kind='custom')])
    entries = desired_numbers([{'nickname': 'Sales', 'purchase': {}}, {'nickname': 'Support', 'purchase': {}}])
    outcomes, kept = _bulk(client).run(entries, purge=True, purge_purchased=True)
    assert [(o.phone_number, o.action) for o in outcomes] == [
        (BOUGHT, 'unchanged'), ('+14155550101', 'purchased'), ('+14155550777', 'deleted'), ('+14155550999', 'deleted')]
    assert outcomes[1].result() == {'phone_number': '+14155550101', 'nickname': 'Support', 'action': 'purchased',
                                    'changed': True, 'changed_fields': ['nickname']}
    assert client.methods == ['LIST', 'CREATE', 'DELETE', 'DELETE']
    assert kept == []


def test_bulk_entry_that_matches_another_entrys_number_fails_and_stops_the_purge():
    client = ShopClient([held(), held('+14155550777', nickname='Old')])
    entries = desired_numbers([{'phone_number': BOUGHT}, {'nickname': 'Sales', 'purchase': {}}])
    outcomes, _kept = _bulk(client).run(entries, purge=True, purge_purchased=True)
    assert outcomes[1].failed and outcomes[1].label == "nickname 'Sales'"
    assert "nickname 'Sales' identifies +14155550100, which numbers[0] also describes" in outcomes[1].error
    assert len(outcomes) == 2 and client.methods == ['LIST']


def test_bulk_check_mode_plans_a_purchase_without_a_number():
    client = ShopClient()
    outcomes, _kept = _bulk(client, check_mode=True).run(desired_numbers([{'nickname': 'Sales', 'purchase': {}}]))
    assert outcomes[0].result()['phone_number'] is None and outcomes[0].action == 'purchased'
    assert outcomes[0].diff()['before_header'] == "nickname 'Sales'"
    assert client.methods == ['LIST']
