#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: retell_phone_number
short_description: Import, buy, update or delete one Retell AI phone number
version_added: 0.1.0
description:
  - Makes one Retell phone number match the task.
  - Always reads the number first (C(GET /get-phone-number)). A missing number is imported
    (C(POST /import-phone-number)), or bought through Retell when O(purchase) is set
    (C(POST /create-phone-number)); an existing one is updated with one C(PATCH) that carries only
    the settings that differ; O(state=absent) deletes it.
  - B(Buying a number costs money, and releasing it is permanent.) Without O(phone_number), O(nickname)
    identifies the number bought through Retell, so running the task again buys nothing; see O(purchase).
  - An option the task leaves out, or sets to V(null), is not managed. It is never sent and never compared.
    To clear a setting, give an empty string (text settings) or an empty list (list settings).
  - Settings are compared as a person would. Agent lists ignore order, weights use a small tolerance,
    an agent without O(inbound_agents[].agent_version) matches any version, country codes compare as
    upper-case sets, an unset transport on Retell equals V(TCP), and an empty list equals no list.
  - The import and update endpoints name some fields differently (for example C(sip_trunk_auth_username)
    on import, C(auth_username) on update); the module maps them and never sends a field an endpoint
    does not accept.
author:
  - retellai.retell contributors (!UNKNOWN)
extends_documentation_fragment:
  - retellai.retell.connection
  - retellai.retell.attributes
  - retellai.retell.attributes.CHECK_MODE_DIFF
attributes:
  check_mode:
    details: RV(phone_number) is the number as it would be after the task, predicted from the number Retell holds.
options:
  phone_number:
    description:
      - The number, in E.164 format such as V(+14155550100). It is the number's identity on Retell.
      - Required, except with O(purchase) or O(state=absent), where O(nickname) can identify a number bought
        through Retell instead.
    type: str
  purchase:
    description:
      - Buy the number through Retell (C(POST /create-phone-number)) when it does not exist, instead of importing it.
        B(A purchase costs money.) Check the price in Retell before you run it without C(--check).
      - With O(phone_number), the module reads that number (one C(GET)); when it is absent, it buys exactly that number.
      - Without O(phone_number), O(nickname) is required and identifies the number. The module lists the workspace
        (one request per 1000 numbers) and looks for a number bought through Retell (C(phone_number_type) C(retell-twilio)
        or C(retell-telnyx)) with exactly that nickname. None is found, so it buys one; one is found, so it manages that
        number like any other; several are found, so the task fails and names them. Imported (C(custom)) numbers with the
        same nickname do not count.
      - The keys below are used only to buy. A number that already exists is never compared with them.
      - The settings that C(POST /create-phone-number) accepts (nickname, agents, inbound webhook, countries, fallback
        number) go with the purchase; the others (SMS agents, SMS webhook) follow in one C(PATCH).
      - Custom-telephony settings (O(termination_uri), O(sip_trunk_auth_username), O(sip_trunk_auth_password),
        O(transport), O(codecs)) and O(ignore_e164_validation=true) are refused with O(purchase), before any request.
      - An answer that is lost (HTTP 5xx, a dropped connection, a timeout) never leads to a second number. The module
        reads again first (the C(GET), or the listing by nickname); when the number is there, it adopts it; only when it
        is not does it send the purchase again, within the O(retries) budget.
      - A refusal (for example no number left in the area code, or HTTP 402 when the account needs a payment method)
        fails the task after one attempt, with Retell's message and the purchase terms.
    type: dict
    version_added: 0.2.0
    suboptions:
      area_code:
        description:
          - The 3-digit area code of the number to buy, such as V(415). US numbers only.
          - Cannot be combined with O(purchase.toll_free=true).
        type: int
      country_code:
        description:
          - The country of the number to buy.
        type: str
        choices: [US, CA]
        default: US
      toll_free:
        description:
          - Buy a toll-free number. Toll-free numbers cost more.
        type: bool
      number_provider:
        description:
          - The carrier Retell buys the number from. The number's C(phone_number_type) becomes C(retell-twilio) or
            C(retell-telnyx).
        type: str
        choices: [twilio, telnyx]
        default: twilio
  state:
    description:
      - V(present) imports (or, with O(purchase), buys) the number if it does not exist and updates what differs.
      - V(absent) deletes the number. Deleting a number bought through Retell releases it for good; you may not get it
        back.
      - V(absent) without O(phone_number) releases the one number bought through Retell whose nickname is O(nickname),
        with the same matching rules as O(purchase).
    type: str
    choices: [present, absent]
    default: present
  update_password:
    description:
      - Retell never returns the SIP password, so it cannot be compared.
      - V(on_create) sends O(sip_trunk_auth_password) only when the number is imported.
      - V(always) sends it on every run that has it set, and the task then always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  ignore_e164_validation:
    description:
      - Skip the E.164 check of O(phone_number), for internal pseudo numbers on custom telephony.
      - Always sent on import as a boolean (Retell's own default is V(true)); never sent on update.
    type: bool
    default: false
  termination_uri:
    description:
      - The termination URI of the elastic SIP trunk used for outbound calls, for example
        V(example.pstn.twilio.com).
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
      - Password for SIP trunk authentication. Custom telephony only. See O(update_password).
      - Never shown in output or diffs.
    type: str
  transport:
    description:
      - Outbound SIP transport. Custom telephony only. Retell uses V(TCP) when none is set.
    type: str
    choices: [TLS, TCP, UDP]
  codecs:
    description:
      - SIP codecs in order of preference. Custom telephony only.
      - The order counts. V([]) clears the list, so the gateway defaults apply.
    type: list
    elements: str
  nickname:
    description:
      - A name for your reference. V("") clears it.
      - Without O(phone_number) it identifies a number bought through Retell, and must then be set and not empty.
        Keep such nicknames unique among the numbers you bought.
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
      - Must differ from O(phone_number). V("") clears it.
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
          - A version number (V(3), or V("3") which counts as 3) or a tag such as V(latest) or V(prod)
            (lower-case letters, digits, C(-) and C(_), starting with a letter, at most 20 characters, not like V(v3)).
          - When left out, the version is not managed and any version on Retell matches. When the list
            changes for another reason (a weight, an added agent), the agent keeps the version Retell holds for
            its O(inbound_agents[].agent_id); the module carries it into the C(PATCH), because Retell replaces
            the whole list and an entry without a version would unpin it. An agent new on the number is sent
            without a version.
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
notes:
  - Validation runs before any request; an error names the option and the rule it breaks.
  - In check mode a purchase reports RV(action=purchased) and C(changed), sends no write, and returns
    RV(phone_number=null), since Retell picks the number only when it sells it; C(--diff) shows the settings and the
    O(purchase) terms.
  - "Retell reports a missing number as HTTP 404 or as HTTP 422 'Cannot find requested asset', with its JSON error
    object; both mean absent. A 404 without that JSON object (an HTML page from a proxy, an empty body) is not
    Retell's answer: the task fails and asks you to check O(base_url) instead of importing into the wrong place."
  - If the import is refused because the number already exists, the module reads it again. When it is now
    visible (a parallel run imported it), it is updated instead, its SIP password only with
    O(update_password=always); when it is not, the number belongs to another workspace or account and
    the task fails.
  - Custom-telephony settings (O(termination_uri), SIP credentials, O(transport), O(codecs)) cannot change on a
    number bought through Retell; the task fails with a message instead of sending them.
seealso:
  - module: retellai.retell.retell_phone_number_info
    description: Read one number, or list every number with filters.
  - module: retellai.retell.retell_phone_numbers
    description: Make a whole list of numbers match with one listing; optional purge.
  - ref: retellai.retell.phone_numbers role <ansible_collections.retellai.retell.phone_numbers_role>
    description: The role that manages numbers kept as inventory, one host per number or a list per host.
  - plugin: retellai.retell.retell
    plugin_type: inventory
    description: Every number of a workspace as an inventory host, with the role's variables.
  - ref: ansible_collections.retellai.retell.docsite.getting_started
    description: Getting started - install, the demo against the fake API, a first playbook.
  - ref: ansible_collections.retellai.retell.docsite.how_it_decides
    description: How the modules decide - probe, compare, write; the field mapping; clearing; races.
  - ref: ansible_collections.retellai.retell.docsite.troubleshooting
    description: Troubleshooting - every error message, its cause and the fix.
'''

EXAMPLES = r'''
- name: Import a number from a Twilio elastic SIP trunk and bind an agent
  retellai.retell.retell_phone_number:
    phone_number: "+14155550100"
    termination_uri: example.pstn.twilio.com
    sip_trunk_auth_username: trunk-user
    sip_trunk_auth_password: "{{ vault_trunk_password }}"
    nickname: Front desk
    inbound_agents:
      - agent_id: agent_frontdesk
        weight: 1
        agent_version: prod
    allowed_inbound_country_list: [US, CA]

- name: Split outbound calls between two agents (only what differs is sent)
  retellai.retell.retell_phone_number:
    phone_number: "+14155550100"
    outbound_agents:
      - {agent_id: agent_sales_a, weight: 0.7}
      - {agent_id: agent_sales_b, weight: 0.3}

- name: Clear the nickname and unbind the SMS agents
  retellai.retell.retell_phone_number:
    phone_number: "+14155550100"
    nickname: ""
    inbound_sms_agents: []

- name: Rotate the SIP password
  retellai.retell.retell_phone_number:
    phone_number: "+14155550100"
    sip_trunk_auth_password: "{{ vault_new_trunk_password }}"
    update_password: always

- name: Buy a number in area code 415 for the sales line (costs money; a re-run finds it by its nickname)
  retellai.retell.retell_phone_number:
    nickname: Sales line
    purchase:
      area_code: 415
    inbound_agents:
      - {agent_id: agent_sales, weight: 1}
    inbound_sms_agents:
      - {agent_id: agent_sms, weight: 1}
  register: sales_line

- name: Release that number (permanent, you may not get it back)
  retellai.retell.retell_phone_number:
    nickname: Sales line
    state: absent

- name: Set the connection once for every module of the collection
  module_defaults:
    group/retellai.retell.retell:
      api_key: "{{ vault_retell_api_key }}"
  block:
    - name: Delete a number
      retellai.retell.retell_phone_number:
        phone_number: "+14155550100"
        state: absent
'''

RETURN = r'''
phone_number:
  description:
    - The number as Retell returned it after the change, or as the module predicts it in check mode.
    - V(null) when the number does not exist after the task, and in check mode when the task would buy a number
      (Retell picks it only when it sells it).
    - After a purchase, C(phone_number.phone_number) is the number that was bought.
    - The keys are Retell's own, not the module's option names; the module passes on keys it does not manage.
      The SIP password is never returned.
  returned: always
  type: dict
  contains:
    phone_number:
      description: The number in E.164 format.
      type: str
      sample: "+14155550100"
    phone_number_type:
      description:
        - V(custom) for a number imported from your SIP trunk, V(retell-twilio) or V(retell-telnyx) for a number
          bought through Retell.
      type: str
      sample: custom
    phone_number_pretty:
      description: The number formatted for people.
      type: str
      sample: "+1 (415) 555-0100"
    area_code:
      description: The area code of a North American number, when Retell reports one.
      type: int
      returned: when Retell reports it
      sample: 415
    last_modification_timestamp:
      description: When the number was imported or last updated, in milliseconds since the Unix epoch.
      type: int
      sample: 1764100000000
    nickname:
      description: The number's name (O(nickname)); V(null) when it has none.
      type: str
      sample: Front desk
    inbound_agents:
      description: The agents that answer inbound calls (O(inbound_agents)); V(null) when none is bound.
      type: list
      elements: dict
      contains: &agent_entry
        agent_id:
          description: The agent's id.
          type: str
          sample: agent_frontdesk
        weight:
          description: The share of calls or messages the agent takes; the weights of a list add up to 1.
          type: float
          sample: 1.0
        agent_version:
          description: The version the agent is pinned to, a number or a tag such as V(prod).
          type: raw
          returned: when the agent is pinned to a version
          sample: prod
      sample:
        - {agent_id: agent_frontdesk, weight: 1.0, agent_version: prod}
    outbound_agents:
      description: The agents that place outbound calls (O(outbound_agents)); V(null) when none is bound.
      type: list
      elements: dict
      contains: *agent_entry
      sample:
        - {agent_id: agent_sales_a, weight: 0.5}
        - {agent_id: agent_sales_b, weight: 0.5}
    inbound_sms_agents:
      description: The agents that answer inbound SMS (O(inbound_sms_agents)); V(null) when none is bound.
      type: list
      elements: dict
      contains: *agent_entry
      sample:
        - {agent_id: agent_sms_desk, weight: 1.0}
    outbound_sms_agents:
      description: The agents that send outbound SMS (O(outbound_sms_agents)); V(null) when none is bound.
      type: list
      elements: dict
      contains: *agent_entry
      sample:
        - {agent_id: agent_sms_reminders, weight: 1.0}
    allowed_inbound_country_list:
      description:
        - Upper-case ISO 3166-1 alpha-2 codes of the countries inbound calls may come from
          (O(allowed_inbound_country_list)); V(null) allows every country.
      type: list
      elements: str
      sample: [US, CA]
    allowed_outbound_country_list:
      description:
        - Upper-case ISO 3166-1 alpha-2 codes of the countries outbound calls may go to
          (O(allowed_outbound_country_list)); V(null) allows every country.
      type: list
      elements: str
      sample: [US]
    inbound_webhook_url:
      description: The URL Retell calls for each inbound call (O(inbound_webhook_url)); V(null) when none is set.
      type: str
      sample: https://hooks.example.com/retell/inbound
    inbound_sms_webhook_url:
      description: The URL Retell calls for each inbound SMS (O(inbound_sms_webhook_url)); V(null) when none is set.
      type: str
      sample: https://hooks.example.com/retell/sms
    fallback_number:
      description: The number that takes inbound calls this number cannot take (O(fallback_number)); V(null) when none.
      type: str
      sample: "+14155550199"
    sip_outbound_trunk_config:
      description: The SIP trunk of an imported number; V(null) for a number bought through Retell.
      type: dict
      contains:
        termination_uri:
          description: The trunk's termination URI (O(termination_uri)).
          type: str
          sample: example.pstn.twilio.com
        auth_username:
          description: The SIP username (O(sip_trunk_auth_username)); V(null) when none is set.
          type: str
          sample: trunk-user
        transport:
          description: The SIP transport (O(transport)); V(null) when none is set, which Retell treats as V(TCP).
          type: str
          sample: TLS
        codecs:
          description: The codecs in order of preference (O(codecs)), when set.
          type: list
          elements: str
          returned: when set
          sample: [PCMU, PCMA]
action:
  description:
    - What the task did (or would do in check mode).
    - V(purchased) (added in 0.2.0) means a number was bought through Retell.
  returned: always
  type: str
  choices: [imported, purchased, updated, deleted, unchanged]
  sample: updated
changed_fields:
  description:
    - Option names of the settings that were (or would be) sent, in the module's option names.
    - Includes V(sip_trunk_auth_password) when the password was sent, never its value.
  returned: always
  type: list
  elements: str
  sample: [nickname, outbound_agents]
'''

from ansible_collections.retellai.retell.plugins.module_utils._module import (
    RetellModule,
    argument_spec,
    client_for,
    connection_settings,
    run,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    desired_from_params,
    phone_number_argument_spec,
)
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import reconcile


def main():
    module = RetellModule(argument_spec=argument_spec(**phone_number_argument_spec()), supports_check_mode=True)

    def work():
        desired = desired_from_params(module.params)
        client = client_for(module, connection_settings(module))
        return reconcile(client, desired, module.check_mode).result(with_diff=module._diff)

    run(module, work)


if __name__ == '__main__':
    main()
