# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One host's step of the phone_numbers role.

When retellai.retell.retell_role_batch reconciled the host, this only reports its outcome (no module
runs, no request is sent). Otherwise it applies the host itself, as the role did before batching:
retellai.retell.retell_phone_number for a host-per-number host, retellai.retell.retell_phone_numbers
for a list-mode host.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.retellai.retell.plugins.plugin_utils._role_batch import BULK_MODULE, SINGLE_MODULE
from ansible_collections.retellai.retell.plugins.plugin_utils._role_hosts import (
    API_HOST_VARIABLE,
    BOTH_OR_NEITHER,
    LIST_VARIABLE,
    HostInputs,
)
from ansible_collections.retellai.retell.plugins.plugin_utils._role_spec import RoleArgumentCheck

NOT_BATCHED = ("Hosts that were not part of the batched call of the phone_numbers role are applied with one call each. "
               "When a 'when' on the role is false for the first host of the batch, it skips the role's run-once tasks, "
               "and these hosts do not publish phone_numbers_result either: apply the role with include_role and 'when'.")

# List mode: the role variables that set the bulk module's own options.
LIST_OPTIONS = dict(concurrency='phone_numbers_concurrency', purge='phone_numbers_purge',
                    purge_purchased='phone_numbers_purge_purchased')


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        args = self.validate_argument_spec(argument_spec=dict(batch=dict(type='str', required=True)))[1]
        outcome = batched_outcome(task_vars.get(args['batch']), task_vars.get('inventory_hostname'))
        if outcome is None:
            # One message for every such host: Ansible shows a repeated warning once.
            self._display.warning(NOT_BATCHED)
            outcome = dict(run='host')
        if 'run' not in outcome:
            result.update(outcome)
            return result
        result.update(self._apply_alone(task_vars))
        return result

    def _apply_alone(self, task_vars):
        inputs = HostInputs(task_vars.get('inventory_hostname'), task_vars, self._templar)
        if inputs.value(API_HOST_VARIABLE) not in (task_vars.get('ansible_delegated_vars') or {}):
            # The role delegates this step whenever a host may have to be applied alone; without
            # delegation the module would run on the number's own inventory host.
            return dict(failed=True, changed=False,
                        msg='The phone_numbers role would apply %s alone without delegating to phone_numbers_api_host. '
                            'This is a bug in the retellai.retell collection.' % inputs.name)
        failure = RoleArgumentCheck().failure(inputs)
        if failure:
            return failure
        mode = inputs.mode()
        if mode is None:
            return dict(failed=True, changed=False, msg=BOTH_OR_NEITHER)
        if mode == 'list':
            action, args = BULK_MODULE, dict(numbers=inputs.value(LIST_VARIABLE))
            args.update((option, inputs.value(variable)) for option, variable in LIST_OPTIONS.items())
        else:
            action, args = SINGLE_MODULE, inputs.number_options()
        args = inputs.module_args(self._task, action, args)
        return self._execute_module(module_name=action, module_args=args, task_vars=task_vars)


def batched_outcome(batch, host):
    """This host's outcome in the registered result of retellai.retell.retell_role_batch, or None."""
    if not isinstance(batch, dict):
        return None
    return (batch.get('hosts') or {}).get(host) or batch.get('every_host')
