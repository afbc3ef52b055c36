# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A Retell phone number as host variables of the phone_numbers role (for the inventory plugin).

The managed variables come from the field table in _phone_number, so the inventory, the modules
and the role cannot disagree on names or on where Retell keeps a setting.
Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    AGENT_KEYS,
    E164,
    FIELDS_BY_OPTION,
    options_from_number,
)

PREFIX = 'retell_'
# Retell's own facts about a number; the role does not read them, they are there to group and filter by.
READ_ONLY_KEYS = ('phone_number_type', 'phone_number_pretty', 'area_code', 'last_modification_timestamp')


def host_vars(number):
    """The role's input variables for one number as Retell returns it, or None without a phone_number.

    Settings Retell holds as null are left out, so the role leaves them unmanaged. Keys the field
    table does not know (legacy or new ones) are ignored; the SIP password is never returned by
    Retell and never appears here.
    """
    if not isinstance(number, dict) or not isinstance(number.get('phone_number'), str) or not number['phone_number']:
        return None
    variables = {}
    for option, value in options_from_number(number).items():
        field = FIELDS_BY_OPTION.get(option)
        if field is not None and field.kind == 'agents':
            value = _agents(value)
        if value is not None:
            variables[PREFIX + option] = value
    for key in READ_ONLY_KEYS:
        if number.get(key) is not None:
            variables[PREFIX + key] = number[key]
    if not E164.match(number['phone_number']):
        # An internal pseudo number (imported with ignore_e164_validation): the role needs the same flag.
        variables[PREFIX + 'ignore_e164_validation'] = True
    return variables


def _agents(value):
    """Agent entries as the role takes them: agent_id, weight and the agent_version Retell holds, nothing else."""
    if not isinstance(value, list):
        return value
    agents = []
    for entry in value:
        if isinstance(entry, dict):
            entry = dict((key, entry[key]) for key in AGENT_KEYS if entry.get(key) is not None)
        agents.append(entry)
    return agents


def duplicate_names(number_and_name):
    """{host name: [numbers]} for every host name that more than one number would get, from (number, name) pairs."""
    numbers_by_name = {}
    for number, name in number_and_name:
        numbers_by_name.setdefault(name, []).append(number)
    return dict((name, numbers) for name, numbers in numbers_by_name.items() if len(numbers) > 1)
