#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: retell_role_batch
short_description: The batched step of the phone_numbers role (one bulk call per Retell workspace)
version_added: 0.2.0
description:
  - Used by the role C(retellai.retell.phone_numbers) in host-per-number mode, once per play batch
    (C(run_once)). Not meant to be called from playbooks; the role's variables and its README describe the behaviour.
  - Reads the role variables (C(retell_*)) of every host of C(ansible_play_batch) as that host's own task would see
    them, with the role's C(module_defaults) and the conditions the role runs under, checks them against the role's
    argument specification (C(meta/argument_specs.yml), the check ansible-core runs in a task of its own on every
    host unless the role is imported with C(rolespec_validate=false)) and then the way
    M(retellai.retell.retell_phone_number) does. A host whose input is invalid gets its own error and is left out.
  - Groups the hosts by their connection options (API key, base URL, certificate and retry settings) and runs
    M(retellai.retell.retell_phone_numbers) once per group, so each Retell workspace is listed once and only the
    numbers that differ are written.
  - Returns one outcome per host, which M(retellai.retell.retell_role_host) reports on that host. Never reports a
    change itself.
  - Hosts it cannot batch (another C(phone_numbers_api_host), another task environment, list mode) are left to
    M(retellai.retell.retell_role_host), which calls the API for them alone. With C(phone_numbers_per_host=true), a
    strategy other than C(linear), C(throttle), or the role included in a loop, every host is left to it, with a
    warning unless C(phone_numbers_per_host) asked for it.
author:
  - retellai.retell contributors (!UNKNOWN)
options:
  per_host:
    description:
      - Do not batch; leave every host to M(retellai.retell.retell_role_host).
    type: bool
    default: false
  concurrency:
    description:
      - How many numbers are written at the same time in each bulk call
        (O(retellai.retell.retell_phone_numbers#module:concurrency)).
    type: int
    default: 4
attributes:
  action:
    description: Runs on the controller; it reads the other hosts' variables there and runs the bulk module on the
      delegated host.
    support: full
  check_mode:
    description: The bulk module predicts each host's outcome and writes nothing.
    support: full
  diff_mode:
    description: Each host's outcome carries the diff of its number, for M(retellai.retell.retell_role_host) to show.
    support: full
notes:
  - Secrets (the API key, SIP passwords) are read from the hosts' variables on the controller and go to the bulk
    module only; its results mask them, and error messages this action writes mask them too.
seealso:
  - module: retellai.retell.retell_role_host
  - module: retellai.retell.retell_phone_numbers
'''

EXAMPLES = r'''
# The role runs it; this is what tasks/main.yml of retellai.retell.phone_numbers does.
- name: "Reconcile this play batch, one listing per Retell workspace | hosts: {{ ansible_play_batch | length }}"
  retellai.retell.retell_role_batch:
    per_host: "{{ phone_numbers_per_host }}"
    concurrency: "{{ phone_numbers_concurrency }}"
  run_once: true
  delegate_to: "{{ phone_numbers_api_host }}"
  register: phone_numbers_batch
'''

RETURN = r'''
hosts:
  description:
    - One outcome per host of the batch that the role runs on, keyed by C(inventory_hostname).
    - A batched host's outcome holds what M(retellai.retell.retell_phone_number) would have returned for it
      (C(changed), C(action), C(phone_number), C(changed_fields), C(diff)), or C(failed) and C(msg).
    - A host left to M(retellai.retell.retell_role_host) has C(run) (C(host) or C(list)) and, for C(host), the
      C(reason).
  returned: always
  type: dict
  sample:
    front_desk_sf: {changed: false, action: unchanged, changed_fields: [], phone_number: {phone_number: "+14155550100"}}
    sales_9: {failed: true, changed: false, msg: "phone_number: must be in E.164 format ..."}
every_host:
  description:
    - When the batch is not batched at all, the outcome for every host (C(run=host)) and the reason.
    - C(publish_each) is true under a strategy without lockstep (C(free)), where each host runs this step itself
      and publishes only its own result.
  returned: always
  type: dict
  sample: {run: host, reason: phone_numbers_per_host is true, publish_each: false}
published:
  description:
    - The batched hosts whose number C(hosts) holds (not failed), for the role to publish as C(phone_numbers_result).
  returned: always
  type: list
  elements: str
  sample: [front_desk_sf]
alone:
  description:
    - The hosts that M(retellai.retell.retell_role_host) applies alone; the role publishes the result of each one's
      own step. Under a strategy without lockstep (C(free)) the role publishes each host itself instead
      (RV(retellai.retell.retell_role_batch#module:every_host)).
  returned: always
  type: list
  elements: str
  sample: [list_host]
workspaces:
  description: One entry per bulk call; how many hosts it served and the bulk module's counts per action.
  returned: always
  type: list
  elements: dict
  sample:
    - {hosts: 1000, summary: {imported: 0, updated: 0, deleted: 0, unchanged: 1000, failed: 0}}
'''
