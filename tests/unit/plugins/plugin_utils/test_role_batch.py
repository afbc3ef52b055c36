# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The batched role's decisions without Ansible's runtime: checking hosts, grouping them by workspace,
mapping one bulk result back to each host, and sharing rendered templates between hosts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.retellai.retell.plugins.action.retell_role_batch import _publishing
from ansible_collections.retellai.retell.plugins.action.retell_role_host import batched_outcome
from ansible_collections.retellai.retell.plugins.plugin_utils._role_batch import HostRequest, Workspace, plan_workspaces
from ansible_collections.retellai.retell.plugins.plugin_utils._role_hosts import SharedTemplates

TRUNK = 'trunk.example.com'


def request(host, number, **options):
    args = dict(phone_number=number, termination_uri=TRUNK)
    args.update(options)
    return HostRequest(host, args)


# ---- checking one host -------------------------------------------------------------------------

def test_a_valid_host_splits_number_and_connection_options():
    checked = request('h1', '+14155550100', nickname='Front', api_key='key-1', timeout='5')
    assert checked.error is None
    assert checked.number_options == dict(phone_number='+14155550100', termination_uri=TRUNK, nickname='Front')
    assert checked.connection_options == dict(api_key='key-1', timeout='5')
    assert dict(checked.workspace_key)['timeout'] == 5.0


def test_the_module_s_own_checks_name_the_option():
    assert request('h1', '14155550100').error.startswith('phone_number: must be in E.164 format')
    assert request('h1', '+14155550100', transport='SCTP').error == 'value of transport must be one of: TLS, TCP, UDP, got: SCTP'
    assert request('h1', '+14155550100', colour='red').error.startswith(
        'Unsupported parameters for (retellai.retell.retell_phone_number) module: colour.')


def test_a_refused_host_never_shows_its_secrets():
    secret = 'pw-MUST-NOT-LEAK'
    refused = request('h1', secret, sip_trunk_auth_password=secret, api_key='key-MUST-NOT-LEAK')
    assert refused.error.startswith('phone_number: must be in E.164 format')
    assert secret not in refused.error
    assert "(got '********')" in refused.error


# ---- grouping hosts by workspace ---------------------------------------------------------------

def test_hosts_with_another_connection_form_another_workspace_in_inventory_order():
    hosts = [request('a1', '+14155550101'), request('b1', '+14155550201', api_key='other'),
             request('a2', '+14155550102'), request('bad', '123')]
    workspaces, errors = plan_workspaces(hosts)
    assert [workspace.hosts for workspace in workspaces] == [['a1', 'a2'], ['b1']]
    assert list(errors) == ['bad']


def test_one_number_on_two_hosts_of_one_workspace_fails_both_and_only_there():
    hosts = [request('a1', '+14155550101'), request('a2', '+14155550101'), request('b1', '+14155550101', api_key='other')]
    workspaces, errors = plan_workspaces(hosts)
    assert [workspace.hosts for workspace in workspaces] == [['b1']]
    assert errors == {
        'a1': 'phone_number: +14155550101 also describes the number of a2 in the same Retell workspace; give each number to one host',
        'a2': 'phone_number: +14155550101 also describes the number of a1 in the same Retell workspace; give each number to one host',
    }


def test_a_nickname_that_names_a_bought_number_counts_as_its_identity():
    bought = dict(phone_number=None, purchase=dict(area_code=415), termination_uri=None)
    hosts = [HostRequest('p1', dict(bought, nickname='Sales')), HostRequest('p2', dict(bought, nickname='Sales')),
             HostRequest('p3', dict(bought, nickname='Support'))]
    assert [host.error for host in hosts] == [None, None, None]
    workspaces, errors = plan_workspaces(hosts)
    assert [workspace.hosts for workspace in workspaces] == [['p3']]
    assert errors['p1'] == ("nickname: nickname 'Sales' also describes the number of p2 in the same Retell workspace; "
                            'give each number to one host')


def test_the_bulk_call_carries_the_workspace_connection_and_every_number():
    workspace = Workspace([request('a1', '+14155550101', api_key='k', nickname='A'), request('a2', '+14155550102', api_key='k')])
    assert workspace.module_args(concurrency=6) == dict(
        api_key='k', concurrency=6, return_numbers=True,
        numbers=[dict(phone_number='+14155550101', termination_uri=TRUNK, nickname='A'),
                 dict(phone_number='+14155550102', termination_uri=TRUNK)])


# ---- one bulk result back to each host ---------------------------------------------------------

DIFF = dict(before=dict(nickname='old'), after=dict(nickname='A'), before_header='+14155550101', after_header='+14155550101')


def bulk_result():
    record = dict(phone_number='+14155550101', nickname='A')
    return dict(
        changed=True, failed=True, msg='1 of 3 numbers failed: ...',
        results=[
            dict(phone_number='+14155550101', action='updated', changed=True, changed_fields=['nickname'], number=record,
                 diff=DIFF),
            dict(phone_number='+14155550102', action='unchanged', changed=False, changed_fields=[], number={'phone_number': '+14155550102'}),
            dict(phone_number='+14155550103', action='failed', changed=False, changed_fields=[], number=None, msg='HTTP 400: no'),
        ],
        diff=[DIFF])


def three_hosts():
    return Workspace([request('a1', '+14155550101'), request('a2', '+14155550102'), request('a3', '+14155550103')])


def test_each_host_gets_what_the_single_module_would_have_returned():
    outcomes = three_hosts().outcomes(bulk_result())
    assert outcomes['a1'] == dict(changed=True, action='updated', changed_fields=['nickname'],
                                  phone_number=dict(phone_number='+14155550101', nickname='A'),
                                  diff=DIFF)
    assert outcomes['a2'] == dict(changed=False, action='unchanged', changed_fields=[],
                                  phone_number={'phone_number': '+14155550102'})
    assert outcomes['a3'] == dict(failed=True, changed=False, msg='HTTP 400: no', action='failed', changed_fields=[])


def test_a_failed_bulk_call_fails_every_host_of_the_workspace_with_its_message():
    outcomes = three_hosts().outcomes(dict(failed=True, msg='Retell API GET /v2/list-phone-numbers failed with HTTP 401'))
    assert set(outcomes) == {'a1', 'a2', 'a3'}
    assert all(outcome == dict(failed=True, changed=False, msg='Retell API GET /v2/list-phone-numbers failed with HTTP 401')
               for outcome in outcomes.values())


# ---- the per-host step finds its outcome -------------------------------------------------------

def test_the_host_step_reads_its_own_outcome_or_the_one_for_every_host():
    batch = dict(hosts=dict(a1=dict(changed=True)), every_host=None)
    assert batched_outcome(batch, 'a1') == dict(changed=True)
    assert batched_outcome(batch, 'a2') is None
    assert batched_outcome(dict(hosts={}, every_host=dict(run='host')), 'a2') == dict(run='host')
    assert batched_outcome(dict(skipped=True, changed=False), 'a1') is None
    assert batched_outcome(None, 'a1') is None


class Batch:
    def __init__(self, *names):
        self._names = list(names)

    def names(self):
        return self._names


def test_batched_hosts_are_published_from_the_batch_and_the_rest_publish_themselves():
    result = dict(every_host=None, hosts=dict(
        a1=dict(changed=False, phone_number=dict(phone_number='+14155550101')),
        gone=dict(changed=True, phone_number=None),
        bad=dict(failed=True, changed=False, msg='phone_number: must be in E.164 format'),
        listed=dict(run='list'), elsewhere=dict(run='host', reason='phone_numbers_api_host is not localhost')))
    published = _publishing(result, Batch('a1', 'gone', 'bad', 'listed', 'elsewhere'))
    assert published == dict(published=['a1', 'gone'], alone=['listed', 'elsewhere'])


def test_without_a_batch_every_host_of_the_batch_publishes_itself():
    result = dict(every_host=dict(run='host', reason='phone_numbers_per_host is true'), hosts={})
    assert _publishing(result, Batch('a1', 'a2')) == dict(published=[], alone=['a1', 'a2'])


# ---- templates rendered once for hosts with the same inputs ------------------------------------

class Host:
    """The part of HostInputs that SharedTemplates uses; counts how often it renders."""

    def __init__(self, **variables):
        self.variables = variables
        self.rendered = 0

    def render(self, value, default=None):
        self.rendered += 1
        key = self.variables.get('retell_api_key')
        return default if key is None else 'rendered:%s:%s' % (key, self.variables.get('inventory_hostname'))


def test_hosts_with_the_same_plain_inputs_share_one_rendering():
    shared = SharedTemplates()
    template = '{{ retell_api_key | default(omit) }}'
    first, second = Host(retell_api_key='k', inventory_hostname='a1'), Host(retell_api_key='k', inventory_hostname='a2')
    assert shared.template(first, template) == shared.template(second, template) == 'rendered:k:a1'
    assert (first.rendered, second.rendered) == (1, 0)


def test_an_omitted_value_is_shared_as_omitted():
    shared = SharedTemplates()
    template = '{{ retell_api_key | default(omit) }}'
    assert shared.template(Host(), template, 'unset') == 'unset'
    assert shared.template(Host(), template, 'unset') == 'unset'


def test_anything_that_may_differ_between_hosts_is_rendered_for_each_host():
    shared = SharedTemplates()
    cases = [
        ('{{ retell_api_key }}', dict(retell_api_key='k', other='x'), dict(retell_api_key='k2', other='x')),
        ('{{ retell_api_key ~ inventory_hostname }}', dict(retell_api_key='k', inventory_hostname='a1'),
         dict(retell_api_key='k', inventory_hostname='a2')),
        ('{{ retell_api_key }}', dict(retell_api_key='{{ vault_key }}'), dict(retell_api_key='{{ vault_key }}')),
        ("{{ lookup('env', 'KEY') }}", dict(retell_api_key='k'), dict(retell_api_key='k')),
        ('{{ [retell_api_key] | random }}', dict(retell_api_key='k'), dict(retell_api_key='k')),
    ]
    for template, first_vars, second_vars in cases:
        first, second = Host(**first_vars), Host(**second_vars)
        shared.template(first, template)
        shared.template(second, template)
        assert (template, first.rendered, second.rendered) == (template, 1, 1)


def test_plain_values_are_not_templated_at_all():
    host = Host(retell_api_key='k')
    assert SharedTemplates().template(host, ['US', 'CA']) == ['US', 'CA']
    assert SharedTemplates().template(host, {'agent_id': 'a', 'weight': 1}) == {'agent_id': 'a', 'weight': 1}
    assert host.rendered == 0
