#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: retell_phone_number_info
short_description: Read one Retell AI phone number, or all of them
version_added: 0.1.0
description:
  - With O(phone_number), reads that number with one C(GET /get-phone-number) request.
    A number Retell does not know is not an error; the result says RV(exists=false).
  - Without O(phone_number), lists every number of the workspace through C(GET /v2/list-phone-numbers),
    following the pagination until the last page, then applies the optional filters.
  - Every number comes back with Retell's own keys (including keys this collection does not manage)
    and with RV(phone_numbers[].options), the same settings in M(retellai.retell.retell_phone_number)'s
    option names, ready to feed back into that module, or with a C(retell_) prefix into the host variables
    of the P(retellai.retell.phone_numbers#role) role.
  - Returns ordinary keys, never C(ansible_facts); keep a result as a fact with M(ansible.builtin.set_fact).
author:
  - retellai.retell contributors (!UNKNOWN)
extends_documentation_fragment:
  - retellai.retell.connection
  - retellai.retell.attributes
  - retellai.retell.attributes.INFO
options:
  phone_number:
    description:
      - The number to read, in E.164 format such as V(+14155550100).
      - Leave out to list every number.
    type: str
  ignore_e164_validation:
    description:
      - Skip the E.164 check of O(phone_number), for internal pseudo numbers.
    type: bool
    default: false
  page_size:
    description:
      - Numbers per list request when listing. Retell allows at most 1000.
    type: int
    default: 1000
  phone_number_type:
    description:
      - Keep only numbers of this type when listing.
    type: str
    choices: [custom, retell-twilio, retell-telnyx]
  nickname:
    description:
      - Keep only numbers whose nickname is exactly this when listing.
    type: str
  agent_id:
    description:
      - Keep only numbers bound to this agent in any of the four agent lists when listing.
    type: str
seealso:
  - module: retellai.retell.retell_phone_number
    description: Import, update or delete one number.
  - module: retellai.retell.retell_phone_numbers
    description: Make a whole list of numbers match with one listing; optional purge.
  - ref: retellai.retell.phone_numbers role <ansible_collections.retellai.retell.phone_numbers_role>
    description: The role that manages numbers kept as inventory, one host per number or a list per host.
  - plugin: retellai.retell.retell
    plugin_type: inventory
    description: Every number of a workspace as an inventory host, with the role's variables.
  - ref: ansible_collections.retellai.retell.docsite.adopt
    description: Adopt existing numbers - export a workspace with the inventory plugin, commit it, manage it with the role.
  - ref: ansible_collections.retellai.retell.docsite.inventory
    description: Inventory-driven setup - numbers as inventory, and bringing existing numbers under management.
  - ref: ansible_collections.retellai.retell.docsite.getting_started
    description: Getting started - install, the demo against the fake API, a first playbook.
'''

EXAMPLES = r'''
- name: Look at what is bound to a number before changing it
  retellai.retell.retell_phone_number_info:
    phone_number: "+14155550100"
  register: front_desk

- name: Fail early if the number is not in this workspace
  ansible.builtin.assert:
    that: front_desk.exists
    fail_msg: "+14155550100 is not in this Retell workspace"

- name: Keep it as a fact for later plays
  ansible.builtin.set_fact:
    front_desk_number: "{{ front_desk.phone_number }}"

- name: Every number bound to one agent
  retellai.retell.retell_phone_number_info:
    agent_id: agent_frontdesk
  register: frontdesk_numbers

- name: Print them
  ansible.builtin.debug:
    msg: "{{ frontdesk_numbers.phone_numbers | map(attribute='phone_number') | list }}"

- name: List every number of the workspace
  retellai.retell.retell_phone_number_info:
  register: all_numbers

# Adopt the existing numbers for the retellai.retell.phone_numbers role: one inventory host per number
# (n14155550100 for +14155550100), its host_vars holding the role's inputs, which are the option names
# with a retell_ prefix. Add the hosts to the inventory (see the collection's inventory guide).
- name: Write each number's settings as the role's host variables
  ansible.builtin.copy:
    dest: "host_vars/n{{ item.phone_number | regex_replace('[^0-9]', '') }}.yml"
    content: |
      ---
      {% for key, value in item.options.items() if value is not none %}
      retell_{{ key }}: {{ value | to_json }}
      {% endfor %}
    mode: "0644"
  loop: "{{ all_numbers.phone_numbers }}"
  loop_control:
    label: "{{ item.phone_number }}"
'''

RETURN = r'''
exists:
  description: Whether Retell knows O(phone_number) in this workspace.
  returned: when O(phone_number) is set
  type: bool
  sample: true
phone_number:
  description:
    - The number with Retell's own keys plus C(options), or V(null) when it does not exist.
  returned: when O(phone_number) is set
  type: dict
  sample:
    phone_number: "+14155550100"
    phone_number_type: custom
    phone_number_pretty: "+1 (415) 555-0100"
    last_modification_timestamp: 1764100000000
    nickname: Front desk
    inbound_agents:
      - {agent_id: agent_frontdesk, weight: 1.0}
    sip_outbound_trunk_config:
      termination_uri: example.pstn.twilio.com
      auth_username: trunk-user
      transport: TCP
    options:
      phone_number: "+14155550100"
      nickname: Front desk
      termination_uri: example.pstn.twilio.com
      sip_trunk_auth_username: trunk-user
      transport: TCP
      inbound_agents:
        - {agent_id: agent_frontdesk, weight: 1.0}
phone_numbers:
  description:
    - Every number of the workspace that passes the filters, each with Retell's own keys plus C(options).
  returned: when O(phone_number) is not set
  type: list
  elements: dict
  contains:
    phone_number:
      description: The number in E.164 format.
      type: str
      sample: "+14155550100"
    phone_number_type:
      description: V(custom) for imported numbers, V(retell-twilio) or V(retell-telnyx) for numbers bought through Retell.
      type: str
      sample: custom
    options:
      description:
        - The number's settings under M(retellai.retell.retell_phone_number)'s option names
          (for example C(sip_trunk_auth_username) for C(sip_outbound_trunk_config.auth_username)).
        - Settings Retell does not have are V(null). The SIP password is never included.
      type: dict
      sample:
        phone_number: "+14155550100"
        termination_uri: example.pstn.twilio.com
        transport: null
        nickname: Front desk
        inbound_agents: null
  sample:
    - phone_number: "+14155550100"
      phone_number_type: custom
      last_modification_timestamp: 1764100000000
      nickname: Front desk
      options:
        phone_number: "+14155550100"
        nickname: Front desk
'''

from ansible_collections.retellai.retell.plugins.module_utils._client import InvalidOption, LIST_PAGE_MAX
from ansible_collections.retellai.retell.plugins.module_utils._module import (
    RetellModule,
    argument_spec,
    client_for,
    connection_settings,
    run,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    check_identity,
    options_from_number,
)

AGENT_LISTS = ('inbound_agents', 'outbound_agents', 'inbound_sms_agents', 'outbound_sms_agents')


def with_options(number):
    shown = dict(number)
    shown['options'] = options_from_number(number)
    return shown


def bound_to(number, agent_id):
    return any(isinstance(agent, dict) and agent.get('agent_id') == agent_id
               for name in AGENT_LISTS for agent in (number.get(name) or []))


def keep(number, params):
    if params['phone_number_type'] is not None and number.get('phone_number_type') != params['phone_number_type']:
        return False
    if params['nickname'] is not None and number.get('nickname') != params['nickname']:
        return False
    return params['agent_id'] is None or bound_to(number, params['agent_id'])


def read_one(client, params):
    number = client.get_phone_number(params['phone_number'])
    return dict(changed=False, exists=number is not None, phone_number=with_options(number) if number else None)


def read_all(client, params):
    if not 1 <= params['page_size'] <= LIST_PAGE_MAX:
        raise InvalidOption('page_size', 'must be between 1 and %d' % LIST_PAGE_MAX)
    numbers = client.list_phone_numbers(page_size=params['page_size'])
    return dict(changed=False, phone_numbers=[with_options(number) for number in numbers if keep(number, params)])


def main():
    module = RetellModule(
        argument_spec=argument_spec(
            phone_number=dict(type='str'),
            ignore_e164_validation=dict(type='bool', default=False),
            page_size=dict(type='int', default=LIST_PAGE_MAX),
            phone_number_type=dict(type='str', choices=['custom', 'retell-twilio', 'retell-telnyx']),
            nickname=dict(type='str'),
            agent_id=dict(type='str'),
        ),
        mutually_exclusive=[('phone_number', 'phone_number_type'), ('phone_number', 'nickname'), ('phone_number', 'agent_id')],
        supports_check_mode=True,
    )

    def work():
        params = module.params
        reader = read_one if params['phone_number'] is not None else read_all
        settings = connection_settings(module)
        if params['phone_number'] is not None:
            check_identity(params['phone_number'], params['ignore_e164_validation'])
        return reader(client_for(module, settings), params)

    run(module, work)


if __name__ == '__main__':
    main()
