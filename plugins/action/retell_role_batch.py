# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reconcile the host-per-number hosts of a play batch with one bulk call per Retell workspace.

Runs once per batch (run_once). Reads every host's role inputs, checks them the way the single
module would, groups the hosts by connection, runs retellai.retell.retell_phone_numbers once per
group, and returns one outcome per host for retellai.retell.retell_role_host to report.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.retellai.retell.plugins.plugin_utils._role_batch import (
    BULK_MODULE,
    SINGLE_MODULE,
    HostRequest,
    plan_workspaces,
)
from ansible_collections.retellai.retell.plugins.plugin_utils._role_hosts import (
    API_HOST_VARIABLE,
    BOTH_OR_NEITHER,
    BatchHosts,
    HostInputs,
    SharedTemplates,
    batching_blocker,
    runs_in_lockstep,
)
from ansible_collections.retellai.retell.plugins.plugin_utils._role_spec import RoleArgumentCheck


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        args = self.validate_argument_spec(argument_spec=dict(
            per_host=dict(type='bool', default=False),
            concurrency=dict(type='int', default=4),
        ))[1]
        result.update(changed=False, hosts={}, every_host=None, workspaces=[])
        hosts = BatchHosts(self._task, task_vars)
        blocker = 'phone_numbers_per_host is true' if args['per_host'] else self._blocker(hosts)
        if not blocker:
            try:
                self._reconcile(hosts, task_vars, args['concurrency'], result)
            except Exception as error:  # pylint: disable=broad-exception-caught
                # A failure of this run-once task would fail every host of the batch; each host can still be
                # applied alone.
                blocker = 'the batched step failed (%s)' % to_text(error)
                self._display.warning('The phone_numbers role calls the Retell API once per host: %s.' % blocker)
                result.update(hosts={}, workspaces=[])
        if blocker:
            # Without lockstep (strategy free) each host runs the role's run-once steps itself, and the
            # result one host registers reaches the others: each host publishes only its own result.
            result['every_host'] = dict(run='host', reason=blocker, publish_each=not runs_in_lockstep(self._task))
        result.update(_publishing(result, hosts))
        return result

    def _blocker(self, hosts):
        reason = batching_blocker(self._task)
        if reason is None and not hosts.available:
            reason = 'this ansible-core does not expose the variables of the other hosts'
        if reason:
            self._display.warning('The phone_numbers role calls the Retell API once per host: %s.' % reason)
        return reason

    def _reconcile(self, hosts, task_vars, concurrency, result):
        shared = SharedTemplates()
        check = RoleArgumentCheck()
        own = HostInputs(task_vars.get('inventory_hostname'), task_vars, self._templar, shared)
        own_environment = own.environment(self._task)
        api_host = self._task.delegate_to
        requests = []
        for name in hosts.names():
            outcome, request = self._read_host(hosts, name, api_host, own_environment, shared, check)
            if outcome is not None:
                result['hosts'][name] = outcome
            elif request is not None:
                requests.append(request)
        workspaces, errors = plan_workspaces(requests)
        for name, message in errors.items():
            result['hosts'][name] = dict(failed=True, changed=False, msg=message)
        for workspace in workspaces:
            self._run_workspace(workspace, task_vars, concurrency, result)
        per_host = sorted(name for name, outcome in result['hosts'].items() if outcome.get('run') == 'host')
        if per_host:
            self._display.warning('The phone_numbers role calls the Retell API once for each of %d host(s) it cannot '
                                  'batch (%s); see the reason in their results.' % (len(per_host), _few(per_host)))

    def _read_host(self, hosts, name, api_host, own_environment, shared, check):
        """(outcome, None) when the host is settled without the batch, (None, request) to batch it."""
        try:
            inputs = HostInputs(name, hosts.variables(name), self._templar, shared)
            if not inputs.runs(self._task):
                return None, None
            failure = check.failure(inputs)
            if failure:
                return failure, None
            mode = inputs.mode()
            if mode is None:
                return dict(failed=True, changed=False, msg=BOTH_OR_NEITHER), None
            if mode == 'list':
                return dict(run='list'), None
            if inputs.value(API_HOST_VARIABLE) != api_host:
                return dict(run='host', reason='%s is not %s' % (API_HOST_VARIABLE, api_host)), None
            if inputs.environment(self._task) != own_environment:
                return dict(run='host', reason='the task environment differs from that of the other hosts'), None
            args = inputs.module_args(self._task, SINGLE_MODULE, inputs.number_options())
        except AnsibleError as error:
            return dict(failed=True, changed=False, msg=to_text(error)), None
        return None, HostRequest(name, args)

    def _run_workspace(self, workspace, task_vars, concurrency, result):
        module_result = self._execute_module(module_name=BULK_MODULE, module_args=workspace.module_args(concurrency),
                                             task_vars=task_vars)
        for key in ('warnings', 'deprecations'):
            if module_result.get(key):
                result.setdefault(key, []).extend(module_result[key])
        result['hosts'].update(workspace.outcomes(module_result))
        summary = dict(hosts=len(workspace.hosts), summary=module_result.get('summary'))
        if module_result.get('failed'):
            summary['msg'] = module_result.get('msg')
        result['workspaces'].append(summary)


def _publishing(result, hosts):
    """Which hosts the role's publishing steps cover: `published`, the batched hosts whose number this
    result holds, and `alone`, the hosts whose own step applies them (their result is theirs to publish).
    Under strategy free the role publishes each host itself instead (every_host.publish_each)."""
    if result['every_host']:
        return dict(published=[], alone=hosts.names())
    published, alone = [], []
    for name, outcome in result['hosts'].items():
        if 'run' in outcome:
            alone.append(name)
        elif not outcome.get('failed') and 'phone_number' in outcome:
            published.append(name)
    return dict(published=published, alone=alone)


def _few(names, shown=5):
    return ', '.join(names[:shown]) + (', ...' if len(names) > shown else '')
