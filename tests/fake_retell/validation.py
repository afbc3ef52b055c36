# -*- coding: utf-8 -*-
"""Request-body validation for the phone-number endpoints.

Every failure raises BadRequest with a message that names the offending field,
so tests (and humans) can tell which rule fired.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import math
import re

from .countries import ISO_3166_ALPHA2_SET

INVALID_FORMAT = 'Invalid request format, please check API reference.'

E164_RE = re.compile(r'^\+[1-9]\d{1,14}$')
AGENT_VERSION_RE = re.compile(r'^(latest|(?!(?:v\d+)$)[a-z][a-z0-9_-]{0,19})$')
TRANSPORTS = ('TLS', 'TCP', 'UDP')
WEIGHT_TOLERANCE = 1e-6

# Removed single-agent fields: refused everywhere, whatever the unknown_fields switch says.
LEGACY_FIELDS = {
    'inbound_agent_id': 'inbound_agents',
    'outbound_agent_id': 'outbound_agents',
    'inbound_agent_version': 'inbound_agents[].agent_version',
    'outbound_agent_version': 'outbound_agents[].agent_version',
}


class BadRequest(Exception):
    """A 400 answer; the message goes into the error envelope."""

    def __init__(self, message):
        super(BadRequest, self).__init__(message)
        self.message = message


def _show(value):
    """Render a client value for an error message (JSON spelling, bounded length)."""
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + '...'


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_e164(value):
    return isinstance(value, str) and E164_RE.match(value) is not None


# --- field checkers: (name, value, reject_unknown) -> normalised value -------------------------

def check_string(name, value, _reject_unknown=True):
    if value is None:
        raise BadRequest('%s cannot be null.' % name)
    if not isinstance(value, str):
        raise BadRequest('%s must be a string.' % name)
    return value


def check_nonempty_string(name, value, _reject_unknown=True):
    check_string(name, value)
    if not value:
        raise BadRequest('%s must be a non-empty string.' % name)
    return value


def check_string_or_null(name, value, _reject_unknown=True):
    if value is not None and not isinstance(value, str):
        raise BadRequest('%s must be a string or null.' % name)
    return value


def check_boolean(name, value, _reject_unknown=True):
    if not isinstance(value, bool):
        raise BadRequest('%s must be a boolean (true or false), not %s.' % (name, _show(value)))
    return value


def check_transport(name, value, _reject_unknown=True):
    if value is None:
        return None
    if value not in TRANSPORTS:
        raise BadRequest('%s must be one of %s or null, not %s.' % (name, ', '.join(TRANSPORTS), _show(value)))
    return value


def check_codecs(name, value, _reject_unknown=True):
    if value is None:
        raise BadRequest('%s cannot be null.' % name)
    if not isinstance(value, list):
        raise BadRequest('%s must be a list of strings.' % name)
    for index, codec in enumerate(value):
        if not isinstance(codec, str) or not codec:
            raise BadRequest('%s[%d] must be a non-empty string.' % (name, index))
    return list(value)


def check_countries(name, value, _reject_unknown=True):
    if value is None:
        return None
    if not isinstance(value, list):
        raise BadRequest('%s must be a list of ISO 3166-1 alpha-2 country codes or null.' % name)
    for index, code in enumerate(value):
        if not isinstance(code, str) or code not in ISO_3166_ALPHA2_SET:
            raise BadRequest('%s[%d] %s is not an upper-case ISO 3166-1 alpha-2 country code.' % (name, index, _show(code)))
    return list(value)


def check_e164(name, value, _reject_unknown=True):
    check_nonempty_string(name, value)
    if not is_e164(value):
        raise BadRequest('%s %s is not a valid E.164 number.' % (name, _show(value)))
    return value


def check_e164_or_null(name, value, _reject_unknown=True):
    if value is None:
        return None
    return check_e164(name, value)


def check_agent_version(name, value):
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise BadRequest('%s must be an integer >= 0, not %s.' % (name, value))
        return value
    if isinstance(value, str) and 1 <= len(value) <= 20 and AGENT_VERSION_RE.match(value):
        return value
    raise BadRequest('%s must be an integer >= 0 or a version tag such as "latest" or "prod" '
                     '(lower case, at most 20 characters, not v<digits>), not %s.' % (name, _show(value)))


def check_agents(name, value, reject_unknown=True):
    """A nullable list of AgentWeight objects; a non-empty list must sum to 1."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise BadRequest('%s must be a list of agent weights or null.' % name)
    result = []
    seen = set()
    weights = []
    for index, item in enumerate(value):
        where = '%s[%d]' % (name, index)
        if not isinstance(item, dict):
            raise BadRequest('%s must be an object with agent_id and weight.' % where)
        for key in item:
            if key not in ('agent_id', 'agent_version', 'weight') and reject_unknown:
                raise BadRequest('%s.%s is not a recognised field of an agent weight.' % (where, key))
        if 'agent_id' not in item:
            raise BadRequest('%s.agent_id is required.' % where)
        agent_id = item['agent_id']
        if not isinstance(agent_id, str) or not agent_id:
            raise BadRequest('%s.agent_id must be a non-empty string.' % where)
        if 'weight' not in item:
            raise BadRequest('%s.weight is required.' % where)
        weight = item['weight']
        if not _is_number(weight) or not math.isfinite(weight) or not 0 < weight <= 1:
            raise BadRequest('%s.weight must be a number greater than 0 and at most 1, not %s.' % (where, _show(weight)))
        clean = {'agent_id': agent_id}
        if 'agent_version' in item:
            clean['agent_version'] = check_agent_version(where + '.agent_version', item['agent_version'])
        clean['weight'] = weight
        if agent_id in seen:
            raise BadRequest('%s lists agent_id %s more than once.' % (name, _show(agent_id)))
        seen.add(agent_id)
        weights.append(weight)
        result.append(clean)
    if weights and abs(math.fsum(weights) - 1) > WEIGHT_TOLERANCE:
        raise BadRequest('%s weights must add up to 1 (they add up to %s).' % (name, repr(math.fsum(weights))))
    return result


def check_area_code(name, value, _reject_unknown=True):
    if not isinstance(value, int) or isinstance(value, bool) or not 100 <= value <= 999:
        raise BadRequest('%s must be a 3-digit integer, not %s.' % (name, _show(value)))
    return value


def _enum(*allowed):
    def checker(name, value, _reject_unknown=True):
        if value not in allowed:
            raise BadRequest('%s must be one of %s, not %s.' % (name, ', '.join(allowed), _show(value)))
        return value
    return checker


# --- per-endpoint field tables -----------------------------------------------------------------

IMPORT_FIELDS = (
    ('phone_number', check_nonempty_string),
    ('termination_uri', check_nonempty_string),
    ('ignore_e164_validation', check_boolean),
    ('sip_trunk_auth_username', check_string),
    ('sip_trunk_auth_password', check_string),
    ('transport', check_transport),
    ('codecs', check_codecs),
    ('inbound_agents', check_agents),
    ('outbound_agents', check_agents),
    ('nickname', check_string),
    ('inbound_webhook_url', check_string_or_null),
    ('allowed_inbound_country_list', check_countries),
    ('allowed_outbound_country_list', check_countries),
)
IMPORT_REQUIRED = ('phone_number', 'termination_uri')
IMPORT_REFUSED = {
    'auth_username': 'import-phone-number takes sip_trunk_auth_username instead',
    'auth_password': 'import-phone-number takes sip_trunk_auth_password instead',
    'fallback_number': 'set it with update-phone-number after the import',
    'inbound_sms_agents': 'set it with update-phone-number after the import',
    'outbound_sms_agents': 'set it with update-phone-number after the import',
    'inbound_sms_webhook_url': 'set it with update-phone-number after the import',
}

UPDATE_FIELDS = (
    ('inbound_agents', check_agents),
    ('outbound_agents', check_agents),
    ('inbound_sms_agents', check_agents),
    ('outbound_sms_agents', check_agents),
    ('nickname', check_string_or_null),
    ('inbound_webhook_url', check_string_or_null),
    ('inbound_sms_webhook_url', check_string_or_null),
    ('allowed_inbound_country_list', check_countries),
    ('allowed_outbound_country_list', check_countries),
    ('termination_uri', check_nonempty_string),
    ('auth_username', check_string),
    ('auth_password', check_string),
    ('transport', check_transport),
    ('fallback_number', check_e164_or_null),
    ('codecs', check_codecs),
)
UPDATE_REFUSED = {
    'phone_number': 'a number cannot be renamed; delete it and import it again',
    'sip_trunk_auth_username': 'update-phone-number takes auth_username instead',
    'sip_trunk_auth_password': 'update-phone-number takes auth_password instead',
    'ignore_e164_validation': 'it is only accepted by import-phone-number',
}

# Create takes no trunk and no SMS settings: a bought number has no SIP trunk of the customer's, and the
# SMS lists exist only on update. Refused whatever unknown_fields says, like the other wrong-endpoint names.
CREATE_REFUSED = {
    'termination_uri': 'a number bought through Retell has no custom SIP trunk',
    'sip_trunk_auth_username': 'a number bought through Retell has no custom SIP trunk',
    'sip_trunk_auth_password': 'a number bought through Retell has no custom SIP trunk',
    'auth_username': 'a number bought through Retell has no custom SIP trunk',
    'auth_password': 'a number bought through Retell has no custom SIP trunk',
    'codecs': 'codecs are only supported for custom (imported) numbers',
    'ignore_e164_validation': 'it is only accepted by import-phone-number',
    'inbound_sms_agents': 'set it with update-phone-number after the purchase',
    'outbound_sms_agents': 'set it with update-phone-number after the purchase',
    'inbound_sms_webhook_url': 'set it with update-phone-number after the purchase',
}

CREATE_FIELDS = (
    ('phone_number', check_e164),
    ('area_code', check_area_code),
    ('country_code', _enum('US', 'CA')),
    ('toll_free', check_boolean),
    ('number_provider', _enum('twilio', 'telnyx')),
    ('inbound_agents', check_agents),
    ('outbound_agents', check_agents),
    ('nickname', check_string),
    ('inbound_webhook_url', check_string_or_null),
    ('allowed_inbound_country_list', check_countries),
    ('allowed_outbound_country_list', check_countries),
    ('transport', check_transport),
    ('fallback_number', check_e164_or_null),
)


def check_body(body, fields, endpoint, reject_unknown=True, refused=None, required=()):
    """Validate a request body against a field table.

    Returns a dict holding only the known fields that were present, normalised.
    Order of checks: body is an object; then each key in the order the client sent it
    (legacy -> refused -> unknown); then required keys; then each field's own rules in
    table order.
    """
    if not isinstance(body, dict):
        raise BadRequest(INVALID_FORMAT)
    known = dict(fields)
    refused = refused or {}
    for key in body:
        if key in LEGACY_FIELDS:
            raise BadRequest('%s has been removed from the API; use %s instead.' % (key, LEGACY_FIELDS[key]))
        if key in refused:
            raise BadRequest('%s is not accepted by %s: %s.' % (key, endpoint, refused[key]))
        if key not in known and reject_unknown:
            raise BadRequest('%s is not a recognised field of %s.' % (key, endpoint))
    for key in required:
        if key not in body:
            raise BadRequest('%s is required.' % key)
    clean = {}
    for key, checker in fields:
        if key in body:
            clean[key] = checker(key, body[key], reject_unknown)
    return clean
