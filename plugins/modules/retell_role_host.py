#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: retell_role_host
short_description: The per-host step of the phone_numbers role (reports a batched outcome, or applies the host alone)
version_added: 0.2.0
description:
  - Used by the role C(retellai.retell.phone_numbers) on every host. Not meant to be called from playbooks.
  - When M(retellai.retell.retell_role_batch) reconciled the host, reports that outcome as the host's own result
    (changed, failed with the host's own message, diff), without running a module or sending a request.
  - Otherwise applies the host with one module call of its own, as the role did before batching, with the role's
    C(module_defaults). That is M(retellai.retell.retell_phone_number) for a host-per-number host, and
    M(retellai.retell.retell_phone_numbers) for a list-mode host (C(retell_phone_numbers)).
  - Before applying a host alone, checks its variables against the role's argument specification (as
    M(retellai.retell.retell_role_batch) does for the batched hosts). Fails a host that sets both
    C(retell_phone_number) and C(retell_phone_numbers), or neither.
author:
  - retellai.retell contributors (!UNKNOWN)
options:
  batch:
    description:
      - The name of the variable that holds the registered result of M(retellai.retell.retell_role_batch).
      - The action reads this host's outcome from it (RV(retellai.retell.retell_role_batch#module:hosts), else
        RV(retellai.retell.retell_role_batch#module:every_host)) without templating the whole result for every host.
    type: str
    required: true
attributes:
  action:
    description: Runs on the controller; runs a module on the delegated host only when the host is applied alone.
    support: full
  check_mode:
    description: Reports the predicted outcome; a module it runs runs in check mode.
    support: full
  diff_mode:
    description: Shows the diff of this host's number (or, in list mode, of its numbers).
    support: full
notes:
  - When the batch result holds no outcome for the host (the batched step did not run, for example because the first
    host of the batch skipped the role), the host is applied alone with a warning.
seealso:
  - module: retellai.retell.retell_role_batch
  - module: retellai.retell.retell_phone_number
'''

EXAMPLES = r'''
# The role runs it; this is what tasks/main.yml of retellai.retell.phone_numbers does.
- name: Report this host's number, or apply it alone
  retellai.retell.retell_role_host:
    batch: phone_numbers_batch
  delegate_to: "{{ phone_numbers_api_host }}"
  register: phone_numbers_host_outcome
'''

RETURN = r'''
phone_number:
  description:
    - Host-per-number mode. The number as Retell holds it after the run, or the prediction in check mode; V(null)
      when deleted. The same as RV(retellai.retell.retell_phone_number#module:phone_number).
  returned: host-per-number mode, unless failed
  type: dict
action:
  description: Host-per-number mode. What was done (or would be done in check mode).
  returned: host-per-number mode
  type: str
  sample: updated
changed_fields:
  description: Host-per-number mode. Option names of the settings that were (or would be) sent.
  returned: host-per-number mode
  type: list
  elements: str
  sample: [nickname]
results:
  description: List mode. RV(retellai.retell.retell_phone_numbers#module:results).
  returned: list mode
  type: list
  elements: dict
summary:
  description: List mode. RV(retellai.retell.retell_phone_numbers#module:summary).
  returned: list mode
  type: dict
'''
