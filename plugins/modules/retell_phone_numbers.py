#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: retell_phone_numbers
short_description: Make many Retell AI phone numbers match a list, with one listing instead of one probe each
version_added: 0.1.0
description:
  - The bulk form of M(retellai.retell.retell_phone_number), for hundreds or thousands of numbers.
  - Lists the workspace once (C(GET /v2/list-phone-numbers), 1000 numbers per request) instead of reading each
    number, then imports, updates or deletes only the numbers that need it, O(concurrency) at a time.
  - Each entry of O(numbers) takes exactly the options of M(retellai.retell.retell_phone_number), with the same
    validation, comparison and clearing rules; the decision for each number comes from the same engine.
  - Every entry is validated before any request; one bad entry fails the task and names it, for example
    C(numbers[3].inbound_agents).
  - A number that fails at the API does not stop the others; the task fails at the end and RV(results) says
    which numbers failed and why.
author:
  - Retell collection maintainers (@retellai)
extends_documentation_fragment:
  - retellai.retell.connection
  - retellai.retell.attributes
  - retellai.retell.attributes.CHECK_MODE_DIFF
options:
  numbers:
    description:
      - The numbers to manage, each described with the options of M(retellai.retell.retell_phone_number).
      - A number may appear only once.
    type: list
    elements: dict
    required: true
    suboptions:
      phone_number:
        description:
          - See O(retellai.retell.retell_phone_number#module:phone_number).
        type: str
        required: true
      state:
        description:
          - See O(retellai.retell.retell_phone_number#module:state).
        type: str
        choices: [present, absent]
        default: present
      update_password:
        description:
          - See O(retellai.retell.retell_phone_number#module:update_password).
        type: str
        choices: [on_create, always]
        default: on_create
      ignore_e164_validation:
        description:
          - See O(retellai.retell.retell_phone_number#module:ignore_e164_validation).
        type: bool
        default: false
      termination_uri:
        description:
          - See O(retellai.retell.retell_phone_number#module:termination_uri).
        type: str
      sip_trunk_auth_username:
        description:
          - See O(retellai.retell.retell_phone_number#module:sip_trunk_auth_username).
        type: str
      sip_trunk_auth_password:
        description:
          - See O(retellai.retell.retell_phone_number#module:sip_trunk_auth_password).
        type: str
      transport:
        description:
          - See O(retellai.retell.retell_phone_number#module:transport).
        type: str
        choices: [TLS, TCP, UDP]
      codecs:
        description:
          - See O(retellai.retell.retell_phone_number#module:codecs).
        type: list
        elements: str
      nickname:
        description:
          - See O(retellai.retell.retell_phone_number#module:nickname).
        type: str
      inbound_webhook_url:
        description:
          - See O(retellai.retell.retell_phone_number#module:inbound_webhook_url).
        type: str
      inbound_sms_webhook_url:
        description:
          - See O(retellai.retell.retell_phone_number#module:inbound_sms_webhook_url).
        type: str
      allowed_inbound_country_list:
        description:
          - See O(retellai.retell.retell_phone_number#module:allowed_inbound_country_list).
        type: list
        elements: str
      allowed_outbound_country_list:
        description:
          - See O(retellai.retell.retell_phone_number#module:allowed_outbound_country_list).
        type: list
        elements: str
      fallback_number:
        description:
          - See O(retellai.retell.retell_phone_number#module:fallback_number).
        type: str
      inbound_agents:
        description:
          - See O(retellai.retell.retell_phone_number#module:inbound_agents).
        type: list
        elements: dict
        suboptions: &agents
          agent_id:
            description:
              - See O(retellai.retell.retell_phone_number#module:inbound_agents[].agent_id).
            type: str
            required: true
          weight:
            description:
              - See O(retellai.retell.retell_phone_number#module:inbound_agents[].weight).
            type: float
            required: true
          agent_version:
            description:
              - See O(retellai.retell.retell_phone_number#module:inbound_agents[].agent_version).
            type: raw
      outbound_agents:
        description:
          - See O(retellai.retell.retell_phone_number#module:outbound_agents).
        type: list
        elements: dict
        suboptions: *agents
      inbound_sms_agents:
        description:
          - See O(retellai.retell.retell_phone_number#module:inbound_sms_agents).
        type: list
        elements: dict
        suboptions: *agents
      outbound_sms_agents:
        description:
          - See O(retellai.retell.retell_phone_number#module:outbound_sms_agents).
        type: list
        elements: dict
        suboptions: *agents
  concurrency:
    description:
      - How many numbers are written at the same time. Each worker has its own HTTP session, and each
        honours C(Retry-After) on its own.
      - Between 1 and 32. Keep it small, since Retell does not publish its rate limits.
    type: int
    default: 4
  purge:
    description:
      - Delete the numbers of the workspace that O(numbers) does not name.
      - Never runs when any entry failed. Deletes only imported (C(custom)) numbers unless O(purge_purchased=true).
      - Check mode and C(--diff) show exactly which numbers would go.
    type: bool
    default: false
  purge_purchased:
    description:
      - With O(purge=true), also delete numbers bought through Retell. Deleting such a number releases it for good.
    type: bool
    default: false
  return_numbers:
    description:
      - Add to each entry of RV(results) the number as Retell holds it after the run (RV(results[].number)), as
        M(retellai.retell.retell_phone_number) returns it.
      - Off by default, since it makes the result of a large list much larger. The role
        C(retellai.retell.phone_numbers) turns it on to publish each host's number.
    type: bool
    default: false
    version_added: 0.2.0
notes:
  - Per-number check mode and diff work as in M(retellai.retell.retell_phone_number); the diff is one entry
    per changed number, headed by the number.
  - A number that changes between the listing and the write is handled like a race in the single module;
    an import refused with "already exists" is read again and updated.
seealso:
  - module: retellai.retell.retell_phone_number
  - module: retellai.retell.retell_phone_number_info
'''

EXAMPLES = r'''
- name: Make every number of the contact centre match the inventory
  retellai.retell.retell_phone_numbers:
    concurrency: 4
    numbers:
      - phone_number: "+14155550100"
        termination_uri: example.pstn.twilio.com
        nickname: Front desk
        inbound_agents:
          - {agent_id: agent_frontdesk, weight: 1}
      - phone_number: "+14155550101"
        termination_uri: example.pstn.twilio.com
        nickname: Sales
        outbound_agents:
          - {agent_id: agent_sales_a, weight: 0.5}
          - {agent_id: agent_sales_b, weight: 0.5}
      - phone_number: "+14155550102"
        state: absent

- name: Hourly drift check from a list kept in group_vars (reports, changes nothing)
  retellai.retell.retell_phone_numbers:
    numbers: "{{ contact_centre_numbers }}"
  check_mode: true
  register: drift

- name: Show what drifted
  ansible.builtin.debug:
    msg: "{{ drift.results | rejectattr('action', 'eq', 'unchanged') | list }}"

- name: Remove imported numbers that are no longer in the list (see the plan first with --check --diff)
  retellai.retell.retell_phone_numbers:
    numbers: "{{ contact_centre_numbers }}"
    purge: true
'''

RETURN = r'''
results:
  description: One entry per number, in the order of O(numbers), then the numbers deleted by O(purge).
  returned: always
  type: list
  elements: dict
  contains:
    phone_number:
      description: The number.
      type: str
      sample: "+14155550100"
    action:
      description: What was done (or would be done in check mode) to this number.
      type: str
      choices: [imported, updated, deleted, unchanged, failed]
      sample: updated
    changed:
      description: Whether this number changed.
      type: bool
      sample: true
    changed_fields:
      description: Option names of the settings sent for this number (V(sip_trunk_auth_password) by name only).
      type: list
      elements: str
      sample: [nickname]
    number:
      description:
        - The number as Retell holds it after the run, or as it would be in check mode; V(null) when it does not
          exist (deleted, or absent and left alone) or when this number failed.
        - The same shape as RV(retellai.retell.retell_phone_number#module:phone_number).
      type: dict
      returned: when O(return_numbers=true)
      version_added: 0.2.0
    msg:
      description: Why this number failed.
      type: str
      returned: when RV(results[].action=failed)
      sample: "Retell API PATCH /update-phone-number/+14155550100 failed with HTTP 400: ..."
  sample:
    - {phone_number: "+14155550100", action: unchanged, changed: false, changed_fields: []}
    - {phone_number: "+14155550101", action: updated, changed: true, changed_fields: [nickname]}
summary:
  description: How many numbers ended in each action.
  returned: always
  type: dict
  sample: {imported: 0, updated: 1, deleted: 0, unchanged: 999, failed: 0}
purge_kept:
  description: Numbers bought through Retell that O(purge) left alone because O(purge_purchased) is false.
  returned: always
  type: list
  elements: str
  sample: ["+14155550150"]
'''

from ansible_collections.retellai.retell.plugins.module_utils._bulk import BulkRun, desired_numbers, summarise
from ansible_collections.retellai.retell.plugins.module_utils._module import RetellModule, argument_spec, connection_settings, run
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import phone_number_argument_spec


def main():
    module = RetellModule(
        argument_spec=argument_spec(
            numbers=dict(type='list', elements='dict', required=True, options=phone_number_argument_spec()),
            concurrency=dict(type='int', default=4),
            purge=dict(type='bool', default=False),
            purge_purchased=dict(type='bool', default=False),
            return_numbers=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )

    def work():
        desired = desired_numbers(module.params['numbers'])
        bulk = BulkRun(connection_settings(module), module.warn, module.check_mode, module.params['concurrency'])
        outcomes, kept = bulk.run(desired, purge=module.params['purge'], purge_purchased=module.params['purge_purchased'])
        result, failed = summarise(outcomes, kept, with_diff=module._diff, with_numbers=module.params['return_numbers'])
        if failed:
            module.fail_json(**result)
        return result

    run(module, work)


if __name__ == '__main__':
    main()
