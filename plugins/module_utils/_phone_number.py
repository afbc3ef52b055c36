# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a Retell phone number looks like to the modules: the field table, input rules,
normalisation and comparison.

Every module and the role's list mode go through these definitions, so there is one
answer to "which field goes where" and "is this different".
Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.retellai.retell.plugins.module_utils._client import InvalidOption
from ansible_collections.retellai.retell.plugins.module_utils._countries import ISO_3166_ALPHA2

# ASCII digits only: \d would also accept Arabic-Indic and other digits, which Retell refuses.
E164 = re.compile(r'^\+[1-9][0-9]{1,14}$')
# An identity goes into the URL path as one segment: these could never be read back or deleted.
PATH_UNSAFE = ('/', '?', '#', '%', '\\')
DOT_SEGMENTS = ('.', '..')
AGENT_VERSION_TAG = re.compile(r'^(latest|(?!(?:v\d+)$)[a-z][a-z0-9_-]{0,19})$')
URL = re.compile(r'^https?://[^\s/$.?#][^\s]*$', re.IGNORECASE)
WEIGHT_TOLERANCE = 1e-6
TRANSPORTS = ('TLS', 'TCP', 'UDP')
AGENT_KEYS = ('agent_id', 'weight', 'agent_version')
# Retell reports no transport (null) for a trunk that uses the default.
DEFAULT_TRANSPORT = 'TCP'
PASSWORD_OPTION = 'sip_trunk_auth_password'
MASK_BEFORE = '<not returned by Retell>'
MASK_AFTER = '<hidden>'
# What POST /create-phone-number takes besides the settings (contract 3.7), and its documented defaults.
PURCHASE_KEYS = ('area_code', 'country_code', 'number_provider', 'toll_free')
PURCHASE_COUNTRIES = ('US', 'CA')
NUMBER_PROVIDERS = ('twilio', 'telnyx')
PURCHASED_TYPE_PREFIX = 'retell-'


class Field:
    """One managed setting: its option name, its names on import, create and update, where GET shows it.

    kind picks the input rule and the comparison; clear_to is what PATCH sends when the
    task clears the field with an empty string or list. A field without an import or
    create key follows the first write in one PATCH.
    """

    def __init__(self, option, kind, response_path, import_key=None, update_key=None,
                 custom_only=False, clear_to=None, create_key=None):
        self.option = option
        self.kind = kind
        self.response_path = response_path
        self.import_key = import_key
        self.update_key = update_key
        self.custom_only = custom_only
        self.clear_to = clear_to
        self.create_key = create_key

    def read(self, number):
        """The field's value in a Retell phone-number object (None when absent)."""
        value = number
        for key in self.response_path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def write(self, number, value):
        """Set the field in a phone-number object (used to predict the result in check mode)."""
        target = number
        for key in self.response_path[:-1]:
            if not isinstance(target.get(key), dict):
                target[key] = {}
            target = target[key]
        target[self.response_path[-1]] = value


TRUNK = 'sip_outbound_trunk_config'

FIELDS = (
    Field('termination_uri', 'uri', (TRUNK, 'termination_uri'), 'termination_uri', 'termination_uri',
          custom_only=True),
    Field('sip_trunk_auth_username', 'text', (TRUNK, 'auth_username'), 'sip_trunk_auth_username', 'auth_username',
          custom_only=True, clear_to=''),
    Field(PASSWORD_OPTION, 'secret', (), 'sip_trunk_auth_password', 'auth_password', custom_only=True, clear_to=''),
    Field('transport', 'transport', (TRUNK, 'transport'), 'transport', 'transport', custom_only=True),
    Field('codecs', 'codecs', (TRUNK, 'codecs'), 'codecs', 'codecs', custom_only=True, clear_to=[]),
    Field('nickname', 'text', ('nickname',), 'nickname', 'nickname', create_key='nickname'),
    Field('inbound_webhook_url', 'url', ('inbound_webhook_url',), 'inbound_webhook_url', 'inbound_webhook_url',
          create_key='inbound_webhook_url'),
    Field('inbound_sms_webhook_url', 'url', ('inbound_sms_webhook_url',), None, 'inbound_sms_webhook_url'),
    Field('allowed_inbound_country_list', 'countries', ('allowed_inbound_country_list',),
          'allowed_inbound_country_list', 'allowed_inbound_country_list', create_key='allowed_inbound_country_list'),
    Field('allowed_outbound_country_list', 'countries', ('allowed_outbound_country_list',),
          'allowed_outbound_country_list', 'allowed_outbound_country_list', create_key='allowed_outbound_country_list'),
    Field('fallback_number', 'e164', ('fallback_number',), None, 'fallback_number', create_key='fallback_number'),
    Field('inbound_agents', 'agents', ('inbound_agents',), 'inbound_agents', 'inbound_agents', clear_to=[],
          create_key='inbound_agents'),
    Field('outbound_agents', 'agents', ('outbound_agents',), 'outbound_agents', 'outbound_agents', clear_to=[],
          create_key='outbound_agents'),
    Field('inbound_sms_agents', 'agents', ('inbound_sms_agents',), None, 'inbound_sms_agents', clear_to=[]),
    Field('outbound_sms_agents', 'agents', ('outbound_sms_agents',), None, 'outbound_sms_agents', clear_to=[]),
)
FIELDS_BY_OPTION = dict((field.option, field) for field in FIELDS)


def phone_number_argument_spec():
    """The options that describe one number; the single and bulk modules both use them."""
    # No suboptions here on purpose: when ansible-core fails to parse a suboption list (a string instead
    # of a dictionary) it stops before collecting no_log values and would print every secret of the task.
    # _normalise_agent checks the entries instead, naming the option.
    agent_list = dict(type='list', elements='dict')
    # phone_number is not required by the spec: with purchase (or state absent), nickname identifies the number,
    # and desired_from_params says which of the two is missing.
    return dict(
        phone_number=dict(type='str'),
        purchase=dict(type='dict'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        update_password=dict(type='str', default='on_create', choices=['on_create', 'always'], no_log=False),
        ignore_e164_validation=dict(type='bool', default=False),
        termination_uri=dict(type='str'),
        sip_trunk_auth_username=dict(type='str'),
        sip_trunk_auth_password=dict(type='str', no_log=True),
        transport=dict(type='str', choices=list(TRANSPORTS)),
        codecs=dict(type='list', elements='str'),
        nickname=dict(type='str'),
        inbound_webhook_url=dict(type='str'),
        inbound_sms_webhook_url=dict(type='str'),
        allowed_inbound_country_list=dict(type='list', elements='str'),
        allowed_outbound_country_list=dict(type='list', elements='str'),
        fallback_number=dict(type='str'),
        inbound_agents=agent_list,
        outbound_agents=copy.deepcopy(agent_list),
        inbound_sms_agents=copy.deepcopy(agent_list),
        outbound_sms_agents=copy.deepcopy(agent_list),
    )


class DesiredNumber:
    """A validated, normalised task: the identity, the intent and the managed fields.

    `fields` holds only the options the task set; an option left out (or null) is not managed.
    Without phone_number, the nickname identifies one number bought through Retell; `purchase`
    (the create-only keys, defaults filled in) says how to buy it when it does not exist.
    """

    def __init__(self, phone_number, state, fields, update_password='on_create', ignore_e164_validation=False,
                 purchase=None):
        self.phone_number = phone_number
        self.state = state
        self.fields = fields
        self.update_password = update_password
        self.ignore_e164_validation = ignore_e164_validation
        self.purchase = purchase

    @property
    def password(self):
        return self.fields.get(PASSWORD_OPTION)

    @property
    def nickname(self):
        return self.fields.get('nickname')

    @property
    def label(self):
        """How messages name the number before it is known."""
        if self.phone_number is not None:
            return self.phone_number
        return 'nickname %r' % self.nickname


def desired_from_params(params, prefix=''):
    """Check a task's options and return a DesiredNumber; raise InvalidOption naming the first bad option."""
    ignore_e164 = bool(params.get('ignore_e164_validation'))
    state = params.get('state') or 'present'
    number = params.get('phone_number')
    if number is not None:
        number = check_identity(number, ignore_e164, prefix)
    purchase = check_purchase(params.get('purchase'), prefix)
    fields = {}
    for field in FIELDS:
        value = params.get(field.option)
        if value is None:
            continue
        name = prefix + field.option
        fields[field.option] = _NORMALISERS[field.kind](name, value, field)
    if number is None:
        _check_nickname_identity(fields, purchase, state, prefix)
    if purchase is not None:
        _refuse_with_purchase(fields, ignore_e164, prefix)
    fallback = fields.get('fallback_number')
    if fallback and fallback == number:
        raise InvalidOption(prefix + 'fallback_number', 'must differ from phone_number (%s)' % number)
    return DesiredNumber(number, state, fields,
                         update_password=params.get('update_password') or 'on_create',
                         ignore_e164_validation=ignore_e164, purchase=purchase)


def _check_nickname_identity(fields, purchase, state, prefix):
    """Without phone_number a task names a number bought through Retell by its nickname, to buy or to release."""
    if purchase is None and state != 'absent':
        raise InvalidOption(prefix + 'phone_number', 'is required, unless purchase is set (to buy the number that '
                                                     'nickname identifies) or state is absent (to release it)')
    nickname = fields.get('nickname')
    if not nickname or not nickname.strip():
        raise InvalidOption(prefix + 'nickname', 'is required without phone_number: it identifies the number bought '
                                                 'through Retell, so it cannot be empty')


def check_purchase(purchase, prefix=''):
    """The purchase dictionary with Retell's defaults filled in, or None; raise InvalidOption naming purchase.<key>."""
    if purchase is None:
        return None
    name = prefix + 'purchase'
    if not isinstance(purchase, dict):
        raise InvalidOption(name, 'must be a dictionary with any of %s' % ', '.join(PURCHASE_KEYS))
    unknown = sorted(str(key) for key in purchase if key not in PURCHASE_KEYS)
    if unknown:
        raise InvalidOption(name, 'unknown key %s; purchase takes %s' % (', '.join(unknown), ', '.join(PURCHASE_KEYS)))
    checked = {
        'country_code': _purchase_choice(name + '.country_code', purchase.get('country_code'), PURCHASE_COUNTRIES),
        'number_provider': _purchase_choice(name + '.number_provider', purchase.get('number_provider'), NUMBER_PROVIDERS),
    }
    toll_free = _purchase_flag(name + '.toll_free', purchase.get('toll_free'))
    if toll_free is not None:
        checked['toll_free'] = toll_free
    area_code = _area_code(name + '.area_code', purchase.get('area_code'))
    if area_code is not None:
        if toll_free:
            raise InvalidOption(name + '.area_code', 'cannot be combined with toll_free: true; a toll-free number has '
                                                     'a toll-free prefix such as 800, not an area code')
        if checked['country_code'] != 'US':
            raise InvalidOption(name + '.area_code', 'is for US numbers only (Retell takes area codes for country_code '
                                                     'US); remove it or set country_code: US')
        checked['area_code'] = area_code
    return checked


def _purchase_choice(name, value, choices):
    """One of choices in its documented spelling, any letter case accepted; the first choice when unset."""
    if value is None:
        return choices[0]
    if isinstance(value, str):
        for choice in choices:
            if value.strip().lower() == choice.lower():
                return choice
    raise InvalidOption(name, 'must be one of %s (got %r)' % (', '.join(choices), value))


def _purchase_flag(name, value):
    if value is None:
        return None
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise InvalidOption(name, 'must be a boolean (true or false) (got %r)' % (value,))


def _area_code(name, value):
    """A 3-digit area code as an integer; "415" from templating counts, booleans do not."""
    if value is None:
        return None
    code = None
    if isinstance(value, int) and not isinstance(value, bool):
        code = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        code = int(value.strip())
    if code is None or not 100 <= code <= 999:
        raise InvalidOption(name, 'must be a 3-digit area code such as 415 (got %r)' % (value,))
    return code


def _refuse_with_purchase(fields, ignore_e164, prefix):
    """A bought number has no SIP trunk of the task's, and Retell sells E.164 numbers only."""
    trunk = [field.option for field in FIELDS if field.custom_only and field.option in fields]
    if trunk:
        raise InvalidOption(prefix + trunk[0], 'cannot be combined with purchase: a number bought through Retell has '
                                               'no SIP trunk of yours, and custom-telephony settings (termination_uri, '
                                               'sip_trunk_auth_username, sip_trunk_auth_password, transport, codecs) '
                                               'apply to imported numbers only')
    if ignore_e164:
        raise InvalidOption(prefix + 'ignore_e164_validation', 'cannot be true with purchase: Retell sells E.164 '
                                                               'numbers only')


def check_identity(number, ignore_e164, prefix=''):
    """The number itself: a non-empty string without spaces, in E.164 unless the task opted out."""
    name = prefix + 'phone_number'
    if not isinstance(number, str) or not number.strip():
        raise InvalidOption(name, 'is required and must be a non-empty string')
    if number != number.strip() or any(ch.isspace() for ch in number):
        raise InvalidOption(name, 'must not contain spaces (got %r)' % number)
    _check_path_segment(name, number)
    if not ignore_e164 and not E164.match(number):
        raise InvalidOption(name, 'must be in E.164 format, a "+" and 2 to 15 digits such as +14155550100 (got %r); '
                                  'set ignore_e164_validation: true for an internal pseudo number' % number)
    return number


def _check_path_segment(name, number):
    """Refuse what cannot be one URL path segment, even with ignore_e164_validation: such a number could be
    imported but never read, updated or deleted again."""
    if number in DOT_SEGMENTS:
        raise InvalidOption(name, 'cannot be "." or "..", which cannot be used in a URL path (got %r)' % number)
    if any(ch in PATH_UNSAFE for ch in number) or any(ord(ch) < 32 or ord(ch) == 127 for ch in number):
        raise InvalidOption(name, 'must not contain "/", "?", "#", "%%", "\\" or control characters, which cannot be '
                                  'used in a URL path (got %r)' % number)


def _require_string(name, value):
    if not isinstance(value, str):
        raise InvalidOption(name, 'must be a string')
    return value


def _normalise_text(name, value, field):
    return _require_string(name, value)


def _normalise_secret(name, value, field):
    return _require_string(name, value)


def _normalise_uri(name, value, field):
    value = _require_string(name, value).strip()
    if not value:
        raise InvalidOption(name, 'cannot be empty: Retell needs a termination URI for a custom number')
    if any(ch.isspace() for ch in value):
        raise InvalidOption(name, 'must not contain spaces')
    return value


def _normalise_url(name, value, field):
    value = _require_string(name, value).strip()
    if value and not URL.match(value):
        raise InvalidOption(name, 'must be an absolute http:// or https:// URL, or "" to clear it (got %r)' % value)
    return value


def _normalise_e164(name, value, field):
    value = _require_string(name, value).strip()
    if value and not E164.match(value):
        raise InvalidOption(name, 'must be in E.164 format such as +14155550100, or "" to clear it (got %r)' % value)
    return value


def _normalise_transport(name, value, field):
    value = _require_string(name, value).upper()
    if value not in TRANSPORTS:
        raise InvalidOption(name, 'must be one of %s' % ', '.join(TRANSPORTS))
    return value


def _normalise_codecs(name, value, field):
    if not isinstance(value, list):
        raise InvalidOption(name, 'must be a list of codec names')
    codecs = []
    for index, codec in enumerate(value):
        if not isinstance(codec, str) or not codec.strip():
            raise InvalidOption('%s[%d]' % (name, index), 'must be a non-empty codec name')
        codecs.append(codec.strip())
    return codecs


def _normalise_countries(name, value, field):
    if not isinstance(value, list):
        raise InvalidOption(name, 'must be a list of ISO 3166-1 alpha-2 country codes')
    codes = []
    for index, code in enumerate(value):
        upper = _ascii_letters(code)
        if upper not in ISO_3166_ALPHA2:
            raise InvalidOption('%s[%d]' % (name, index),
                                'must be an ISO 3166-1 alpha-2 country code such as US or GB (got %r)' % (code,))
        if upper not in codes:
            codes.append(upper)
    return codes


def _ascii_letters(code):
    """A country code in upper case, or None unless it is ASCII letters (upper() maps some others onto them)."""
    if not isinstance(code, str):
        return None
    code = code.strip()
    if not code.isascii() or not code.isalpha():
        return None
    return code.upper()


def _normalise_agents(name, value, field):
    if not isinstance(value, list):
        raise InvalidOption(name, 'must be a list of agents, each with agent_id and weight')
    agents = []
    for index, entry in enumerate(value):
        agents.append(_normalise_agent('%s[%d]' % (name, index), entry))
    ids = [agent['agent_id'] for agent in agents]
    duplicates = sorted(set(agent_id for agent_id in ids if ids.count(agent_id) > 1))
    if duplicates:
        raise InvalidOption(name, 'names agent_id %s more than once; list each agent once' % ', '.join(duplicates))
    total = sum(agent['weight'] for agent in agents)
    if agents and abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise InvalidOption(name, 'weights must add up to 1 (they add up to %s)' % round(total, 6))
    return agents


def _normalise_agent(name, entry):
    if not isinstance(entry, dict):
        raise InvalidOption(name, 'must be a dictionary with agent_id and weight')
    unknown = sorted(set(entry) - set(AGENT_KEYS))
    if unknown:
        raise InvalidOption(name, 'unknown key %s; an agent takes %s' % (', '.join(map(str, unknown)), ', '.join(AGENT_KEYS)))
    agent_id = entry.get('agent_id')
    if not isinstance(agent_id, str) or not agent_id.strip():
        raise InvalidOption(name + '.agent_id', 'is required and must be a non-empty string')
    weight = _number(entry.get('weight'))
    if weight is None:
        raise InvalidOption(name + '.weight', 'is required and must be a number')
    if not 0 < weight <= 1:
        raise InvalidOption(name + '.weight', 'must be greater than 0 and at most 1 (got %s)' % weight)
    agent = {'agent_id': agent_id.strip(), 'weight': float(weight)}
    version = entry.get('agent_version')
    if version is not None:
        agent['agent_version'] = normalise_agent_version(name + '.agent_version', version)
    return agent


def _number(value):
    """A weight as a float; numeric text from templating counts, booleans do not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def normalise_agent_version(name, version):
    """An integer version, or a tag such as "latest" or "prod"; "3" from YAML becomes 3."""
    if isinstance(version, bool):
        raise InvalidOption(name, 'must be a version number or a tag, not a boolean')
    if isinstance(version, int):
        if version < 0:
            raise InvalidOption(name, 'must be 0 or greater')
        return version
    if isinstance(version, float) and version.is_integer() and version >= 0:
        return int(version)
    if isinstance(version, str):
        text = version.strip()
        if text.isascii() and text.isdigit():
            return int(text)
        if len(text) <= 20 and AGENT_VERSION_TAG.match(text):
            return text
    raise InvalidOption(name, 'must be a version number (0 or more) or a tag of lower-case letters, digits, "-" '
                              'and "_" that starts with a letter and is not like v3 (got %r)' % (version,))


_NORMALISERS = {
    'text': _normalise_text,
    'secret': _normalise_secret,
    'uri': _normalise_uri,
    'url': _normalise_url,
    'e164': _normalise_e164,
    'transport': _normalise_transport,
    'codecs': _normalise_codecs,
    'countries': _normalise_countries,
    'agents': _normalise_agents,
}


# ---- comparison ---------------------------------------------------------------------------

def _same_text(wanted, current):
    return (wanted or None) == (current or None)


def _same_transport(wanted, current):
    return wanted == (current or DEFAULT_TRANSPORT).upper()


def _same_codecs(wanted, current):
    # Codec order is a preference order, so it counts.
    return list(wanted) == list(current or [])


def _same_countries(wanted, current):
    return set(wanted) == set(code.upper() for code in (current or []) if isinstance(code, str))


def _same_agents(wanted, current):
    current_by_id = {}
    for agent in current or []:
        if isinstance(agent, dict):
            current_by_id[agent.get('agent_id')] = agent
    if set(agent['agent_id'] for agent in wanted) != set(current_by_id):
        return False
    return all(_same_agent(agent, current_by_id[agent['agent_id']]) for agent in wanted)


def _same_agent(wanted, current):
    try:
        weight = float(current.get('weight'))
    except (TypeError, ValueError):
        return False
    if abs(wanted['weight'] - weight) > WEIGHT_TOLERANCE:
        return False
    if 'agent_version' not in wanted:
        return True
    return _comparable_version(wanted['agent_version']) == _comparable_version(current.get('agent_version'))


def _comparable_version(version):
    if isinstance(version, str) and version.strip().isascii() and version.strip().isdigit():
        return int(version.strip())
    return version


_COMPARERS = {
    'text': _same_text,
    'uri': _same_text,
    'url': _same_text,
    'e164': _same_text,
    'transport': _same_transport,
    'codecs': _same_codecs,
    'countries': _same_countries,
    'agents': _same_agents,
}


def differing_fields(desired, current, include_password=False):
    """Option names whose wanted value differs from the number on Retell, in table order.

    The password cannot be compared (Retell never returns it); include_password says
    whether to send it anyway.
    """
    names = []
    for field in FIELDS:
        if field.option not in desired.fields:
            continue
        if field.kind == 'secret':
            if include_password:
                names.append(field.option)
            continue
        if not _COMPARERS[field.kind](desired.fields[field.option], field.read(current)):
            names.append(field.option)
    return names


# ---- payloads and predictions -------------------------------------------------------------

def _is_clear(value):
    return value == '' or value == []


def import_body(desired):
    """The POST /import-phone-number body: import names only, nothing the task left unset or empty."""
    body = {
        'phone_number': desired.phone_number,
        'ignore_e164_validation': bool(desired.ignore_e164_validation),
    }
    for field in FIELDS:
        value = desired.fields.get(field.option)
        if field.import_key is None or value is None:
            continue
        if _is_clear(value) and field.kind != 'secret':
            continue
        body[field.import_key] = _wire_value(field, value)
    return body


def update_body(desired, option_names, current):
    """The PATCH body for the named options, in update names; clearing sends what Retell needs."""
    body = {}
    for name in option_names:
        field = FIELDS_BY_OPTION[name]
        value = wanted_value(desired, name, current)
        body[field.update_key] = field.clear_to if _is_clear(value) else _wire_value(field, value)
    return body


def wanted_value(desired, name, current):
    """The task's value for one option as it goes to Retell, given the number Retell holds now.

    An agent the task names without agent_version keeps the version Retell holds for that agent_id:
    PATCH replaces the whole list, and an entry without a version would unpin it.
    """
    value = desired.fields[name]
    if FIELDS_BY_OPTION[name].kind != 'agents' or not value:
        return value
    held = _held_versions(FIELDS_BY_OPTION[name].read(current) if current else None)
    return [_with_version(agent, held) for agent in value]


def _held_versions(agents):
    held = {}
    for agent in agents or []:
        if isinstance(agent, dict) and agent.get('agent_version') is not None:
            held[agent.get('agent_id')] = agent['agent_version']
    return held


def _with_version(agent, held):
    agent = dict(agent)
    if 'agent_version' not in agent and agent['agent_id'] in held:
        agent['agent_version'] = held[agent['agent_id']]
    return agent


def _wire_value(field, value):
    if field.kind == 'agents':
        return [dict(agent) for agent in value]
    if isinstance(value, list):
        return list(value)
    return value


def create_body(desired):
    """The POST /create-phone-number body: the purchase keys, the number when the task names one, and the
    settings create accepts; never trunk fields, never a field create does not know."""
    body = dict(desired.purchase)
    if desired.phone_number is not None:
        body['phone_number'] = desired.phone_number
    for name in create_fields(desired):
        field = FIELDS_BY_OPTION[name]
        body[field.create_key] = _wire_value(field, desired.fields[name])
    return body


def create_fields(desired):
    return _first_write_fields(desired, 'create_key')


def predict_create(desired):
    """The object Retell is expected to return for the purchase (check mode); the number itself is unknown
    unless the task names it."""
    number = {'phone_number': desired.phone_number,
              'phone_number_type': PURCHASED_TYPE_PREFIX + desired.purchase['number_provider'],
              'sip_outbound_trunk_config': None}
    return predict_update(desired, number, create_fields(desired))


def is_purchased(number):
    """Bought through Retell (retell-twilio, retell-telnyx, ...), as opposed to imported (custom)."""
    kind = number.get('phone_number_type') if isinstance(number, dict) else None
    return isinstance(kind, str) and kind.startswith(PURCHASED_TYPE_PREFIX)


def purchased_by_nickname(numbers):
    """{nickname: [numbers bought through Retell with exactly that nickname]}; imported numbers do not count."""
    index = {}
    for number in numbers:
        if is_purchased(number) and number.get('nickname'):
            index.setdefault(number['nickname'], []).append(number)
    return index


def predict_import(desired):
    """The object Retell is expected to return for an import of this task (check mode)."""
    number = {'phone_number': desired.phone_number, 'phone_number_type': 'custom'}
    return predict_update(desired, number, [name for name in desired.fields if name in import_fields(desired)])


def import_fields(desired):
    return _first_write_fields(desired, 'import_key')


def _first_write_fields(desired, key_attribute):
    """Options the first write (import or create) carries: accepted there, set, and not a clear."""
    return [field.option for field in FIELDS
            if getattr(field, key_attribute) is not None and field.option in desired.fields and field.kind != 'secret'
            and not _is_clear(desired.fields[field.option])]


def predict_update(desired, current, option_names):
    """The number after a PATCH of option_names, built locally from the current object."""
    number = copy.deepcopy(current)
    for name in option_names:
        field = FIELDS_BY_OPTION[name]
        if field.kind == 'secret':
            continue
        value = wanted_value(desired, name, current)
        field.write(number, field.clear_to if _is_clear(value) else _wire_value(field, value))
    return number


def options_from_number(number):
    """A Retell object expressed in retell_phone_number's option names (the password never appears)."""
    if not number:
        return None
    options = {'phone_number': number.get('phone_number')}
    for field in FIELDS:
        if field.kind != 'secret':
            options[field.option] = copy.deepcopy(field.read(number))
    return options


def update_only_fields(option_names):
    return [name for name in option_names if FIELDS_BY_OPTION[name].import_key is None]


def custom_only_fields(option_names):
    return [name for name in option_names if FIELDS_BY_OPTION[name].custom_only]


def comparable_value(name, value):
    """A value as the diff shows it: stable order for sets, masks for the password."""
    field = FIELDS_BY_OPTION[name]
    if field.kind == 'countries' and value:
        return sorted(code.upper() for code in value)
    if field.kind == 'agents' and value:
        return sorted((dict(agent) for agent in value), key=lambda agent: str(agent.get('agent_id')))
    return copy.deepcopy(value)
