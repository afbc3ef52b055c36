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
    number, then imports, buys, updates or deletes only the numbers that need it, O(concurrency) at a time.
  - An entry with O(numbers[].purchase) and no O(numbers[].phone_number) is matched in that one listing by its
    O(numbers[].nickname) (numbers bought through Retell only), exactly as in M(retellai.retell.retell_phone_number).
    B(A purchase costs money.)
  - Each entry of O(numbers) takes exactly the options of M(retellai.retell.retell_phone_number), with the same
    validation, comparison and clearing rules; the decision for each number comes from the same engine.
  - Every entry is validated before any request; one bad entry fails the task and names it, for example
    C(numbers[3].inbound_agents).
  - A number that fails at the API does not stop the others; the task fails at the end and RV(results) says
    which numbers failed and why.
author:
  - retellai.retell contributors (!UNKNOWN)
extends_documentation_fragment:
  - retellai.retell.connection
  - retellai.retell.attributes
  - retellai.retell.attributes.CHECK_MODE_DIFF
attributes:
  check_mode:
    details:
      - RV(results) and RV(summary) say what would be done to each number, and the diff shows what would change.
      - The numbers themselves are returned only with O(return_numbers=true), as predicted in check mode.
options:
  numbers:
    description:
      - The numbers to manage, each described with the options of M(retellai.retell.retell_phone_number).
      - A number may appear only once. An entry without O(numbers[].phone_number) is identified by its
        O(numbers[].nickname), so two such entries may not share a nickname, and such an entry may not match a number
        that another entry names by its O(numbers[].phone_number).
    type: list
    elements: dict
    required: true
    suboptions:
      # BEGIN GENERATED ENTRY OPTIONS - do not edit: python tests/tooling/bulk_entry_docs.py --write
      phone_number:
        description:
          - The number, in E.164 format such as V(+14155550100). It is the number's identity on Retell.
          - Required, except with O(numbers[].purchase) or O(numbers[].state=absent), where O(numbers[].nickname)
            can identify a number bought through Retell instead.
        type: str
      purchase:
        description:
          - Buy the number through Retell (C(POST /create-phone-number)) when it does not exist, instead of
            importing it. B(A purchase costs money.) Check the price in Retell before you run it without C(--check).
          - With O(numbers[].phone_number), the module reads that number (one C(GET)); when it is absent, it
            buys exactly that number.
          - Without O(numbers[].phone_number), O(numbers[].nickname) is required and identifies the number.
            The module lists the workspace (one request per 1000 numbers) and looks for a number bought through
            Retell (C(phone_number_type) C(retell-twilio) or C(retell-telnyx)) with exactly that nickname. None
            is found, so it buys one; one is found, so it manages that number like any other; several are found,
            so the task fails and names them. Imported (C(custom)) numbers with the same nickname do not count.
          - The keys below are used only to buy. A number that already exists is never compared with them.
          - The settings that C(POST /create-phone-number) accepts (nickname, agents, inbound webhook, countries,
            fallback number) go with the purchase; the others (SMS agents, SMS webhook) follow in one C(PATCH).
          - Custom-telephony settings (O(numbers[].termination_uri), O(numbers[].sip_trunk_auth_username), O(numbers[].sip_trunk_auth_password),
            O(numbers[].transport), O(numbers[].codecs)) and O(numbers[].ignore_e164_validation=true) are refused
            with O(numbers[].purchase), before any request.
          - An answer that is lost (HTTP 5xx, a dropped connection, a timeout) never leads to a second number.
            The module reads again first (the C(GET), or the listing by nickname); when the number is there,
            it adopts it; only when it is not does it send the purchase again, within the O(retries) budget.
          - A refusal (for example no number left in the area code, or HTTP 402 when the account needs a payment
            method) fails the task after one attempt, with Retell's message and the purchase terms.
        type: dict
        version_added: 0.2.0
        suboptions:
          area_code:
            description:
              - The 3-digit area code of the number to buy, such as V(415). US numbers only.
              - Cannot be combined with O(numbers[].purchase.toll_free=true).
            type: int
          country_code:
            description:
              - The country of the number to buy.
            type: str
            choices:
              - US
              - CA
            default: US
          toll_free:
            description:
              - Buy a toll-free number. Toll-free numbers cost more.
            type: bool
          number_provider:
            description:
              - The carrier Retell buys the number from. The number's C(phone_number_type) becomes C(retell-twilio)
                or C(retell-telnyx).
            type: str
            choices:
              - twilio
              - telnyx
            default: twilio
      state:
        description:
          - V(present) imports (or, with O(numbers[].purchase), buys) the number if it does not exist and updates
            what differs.
          - V(absent) deletes the number. Deleting a number bought through Retell releases it for good; you
            may not get it back.
          - V(absent) without O(numbers[].phone_number) releases the one number bought through Retell whose
            nickname is O(numbers[].nickname), with the same matching rules as O(numbers[].purchase).
        type: str
        choices:
          - present
          - absent
        default: present
      update_password:
        description:
          - Retell never returns the SIP password, so it cannot be compared.
          - V(on_create) sends O(numbers[].sip_trunk_auth_password) only when the number is imported.
          - V(always) sends it on every run that has it set, and the task then always reports a change.
        type: str
        choices:
          - on_create
          - always
        default: on_create
      ignore_e164_validation:
        description:
          - Skip the E.164 check of O(numbers[].phone_number), for internal pseudo numbers on custom telephony.
          - Always sent on import as a boolean (Retell's own default is V(true)); never sent on update.
        type: bool
        default: false
      termination_uri:
        description:
          - The termination URI of the elastic SIP trunk used for outbound calls, for example V(example.pstn.twilio.com).
          - Required when the number does not exist yet and must be imported.
          - Custom telephony only; cannot be cleared.
        type: str
      sip_trunk_auth_username:
        description:
          - Username for SIP trunk authentication. Custom telephony only.
          - Sent as C(sip_trunk_auth_username) on import and C(auth_username) on update; V("") clears it.
        type: str
      sip_trunk_auth_password:
        description:
          - Password for SIP trunk authentication. Custom telephony only. See O(numbers[].update_password).
          - Never shown in output or diffs.
        type: str
      transport:
        description:
          - Outbound SIP transport. Custom telephony only. Retell uses V(TCP) when none is set.
        type: str
        choices:
          - TLS
          - TCP
          - UDP
      codecs:
        description:
          - SIP codecs in order of preference. Custom telephony only.
          - The order counts. V([]) clears the list, so the gateway defaults apply.
        type: list
        elements: str
      nickname:
        description:
          - A name for your reference. V("") clears it.
          - Without O(numbers[].phone_number) it identifies a number bought through Retell, and must then be
            set and not empty. Keep such nicknames unique among the numbers you bought.
        type: str
      inbound_webhook_url:
        description:
          - An C(http://) or C(https://) URL that Retell calls for each inbound call. V("") clears it.
        type: str
      inbound_sms_webhook_url:
        description:
          - An C(http://) or C(https://) URL that Retell calls for each inbound SMS. V("") clears it.
          - Retell accepts it only on update, so a new number gets it by a C(PATCH) right after the import.
        type: str
      allowed_inbound_country_list:
        description:
          - ISO 3166-1 alpha-2 codes of the countries from which inbound calls are allowed, in any case.
          - V([]) clears the list, which allows every country.
        type: list
        elements: str
      allowed_outbound_country_list:
        description:
          - ISO 3166-1 alpha-2 codes of the countries to which outbound calls are allowed, in any case.
          - V([]) clears the list, which allows every country.
        type: list
        elements: str
      fallback_number:
        description:
          - E.164 number that inbound calls are transferred to when the number cannot take them.
          - Must differ from O(numbers[].phone_number). V("") clears it.
          - Retell accepts it only on update, so a new number gets it by a C(PATCH) right after the import.
        type: str
      inbound_agents:
        description:
          - Agents that answer inbound calls, each picked with probability proportional to its weight.
          - Weights must add up to 1. V([]) unbinds every agent.
        type: list
        elements: dict
        suboptions: &agents
          agent_id:
            description:
              - The agent's id. Each agent may appear only once in a list.
            type: str
            required: true
          weight:
            description:
              - Greater than 0 and at most 1.
            type: float
            required: true
          agent_version:
            description:
              - A version number (V(3), or V("3") which counts as 3) or a tag such as V(latest) or V(prod) (lower-case
                letters, digits, C(-) and C(_), starting with a letter, at most 20 characters, not like V(v3)).
              - When left out, the version is not managed and any version on Retell matches. When the list changes
                for another reason (a weight, an added agent), the agent keeps the version Retell holds for its
                O(numbers[].inbound_agents[].agent_id); the module carries it into the C(PATCH), because Retell
                replaces the whole list and an entry without a version would unpin it. An agent new on the number
                is sent without a version.
            type: raw
      outbound_agents:
        description:
          - Agents that place outbound calls, with weights adding up to 1. V([]) unbinds every agent.
        type: list
        elements: dict
        suboptions: *agents
      inbound_sms_agents:
        description:
          - Agents that answer inbound SMS, with weights adding up to 1. V([]) unbinds every agent.
          - Retell accepts them only on update, so a new number gets them by a C(PATCH) right after the import.
        type: list
        elements: dict
        suboptions: *agents
      outbound_sms_agents:
        description:
          - Agents that send outbound SMS, with weights adding up to 1. V([]) unbinds every agent.
          - Retell accepts them only on update, so a new number gets them by a C(PATCH) right after the import.
        type: list
        elements: dict
        suboptions: *agents
      # END GENERATED ENTRY OPTIONS
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
      - A number bought through Retell that an entry matches by its O(numbers[].nickname) counts as named, so purge
        keeps it.
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
        M(retellai.retell.retell_phone_number) returns it, and with C(--diff) the entry's own diff (RV(results[].diff)).
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
    description: Import, update or delete one number.
  - module: retellai.retell.retell_phone_number_info
    description: Read one number, or list every number with filters.
  - ref: retellai.retell.phone_numbers role <ansible_collections.retellai.retell.phone_numbers_role>
    description: The role that manages numbers kept as inventory, one host per number or a list per host.
  - plugin: retellai.retell.retell
    plugin_type: inventory
    description: Every number of a workspace as an inventory host, with the role's variables.
  - ref: ansible_collections.retellai.retell.docsite.scaling
    description: Scaling - thousands of numbers with the bulk module, concurrency and throttling.
  - ref: ansible_collections.retellai.retell.docsite.how_it_decides
    description: How the modules decide - probe, compare, write; the field mapping; clearing; races.
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

- name: Buy two numbers by nickname (costs money; a re-run finds them by nickname and buys nothing)
  retellai.retell.retell_phone_numbers:
    numbers:
      - nickname: Sales SF
        purchase: {area_code: 415}
        inbound_agents: [{agent_id: agent_sales, weight: 1}]
      - nickname: Support toll-free
        purchase: {toll_free: true}

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
      description:
        - The number. For an entry without O(numbers[].phone_number), the number bought or matched by nickname;
          V(null) in check mode when it would be bought, or when the entry failed before the number was known.
      type: str
      sample: "+14155550100"
    nickname:
      description: The nickname that identifies the number, for an entry without O(numbers[].phone_number).
      type: str
      returned: when the entry has no O(numbers[].phone_number)
      sample: Sales SF
      version_added: 0.2.0
    action:
      description:
        - What was done (or would be done in check mode) to this number.
        - V(purchased) (added in 0.2.0) means the number was bought through Retell.
      type: str
      choices: [imported, purchased, updated, deleted, unchanged, failed]
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
    diff:
      description: This number's entry of the diff list, headed by the number.
      type: dict
      returned: when O(return_numbers=true), in diff mode, for a number that changed
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
  description: How many numbers ended in each action (C(purchased) added in 0.2.0).
  returned: always
  type: dict
  sample: {imported: 0, purchased: 0, updated: 1, deleted: 0, unchanged: 999, failed: 0}
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
