# -*- coding: utf-8 -*-
"""Phone-number records, the global number store and the PhoneNumberResponse renderer.

Numbers are unique across all workspaces (one dict keyed by number); each record
remembers the workspace label that owns it. Every record gets a creation sequence
number from one monotonic counter: that is the sort key of the list endpoints.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import hashlib
import re
import threading
import time

# Response fields copied from the record as they are, in the order they are rendered.
PLAIN_FIELDS = (
    'allowed_inbound_country_list',
    'allowed_outbound_country_list',
    'inbound_agents',
    'outbound_agents',
    'inbound_sms_agents',
    'outbound_sms_agents',
    'nickname',
    'inbound_webhook_url',
    'inbound_sms_webhook_url',
    'fallback_number',
)
TRUNK_KEYS = ('termination_uri', 'auth_username', 'transport')
PHONE_NUMBER_TYPES = ('custom', 'retell-twilio', 'retell-telnyx')
NANP_RE = re.compile(r'^\+1(\d{3})(\d{3})(\d{4})$')


def now_ms():
    return int(time.time() * 1000)


def pretty(number):
    """Format +1 numbers with ten digits as +1 (415) 555-0100; return anything else unchanged."""
    match = NANP_RE.match(number)
    if not match:
        return number
    return '+1 (%s) %s-%s' % match.groups()


def nanp_area_code(number):
    match = NANP_RE.match(number)
    return int(match.group(1)) if match else None


class Record:
    """One stored number. `password` is kept here and nowhere else; it is never rendered."""

    __slots__ = ('phone_number', 'phone_number_type', 'workspace', 'seq', 'timestamp',
                 'fields', 'trunk', 'password', 'area_code')

    def __init__(self, phone_number, phone_number_type, workspace):
        self.phone_number = phone_number
        self.phone_number_type = phone_number_type
        self.workspace = workspace
        self.seq = 0
        self.timestamp = now_ms()
        self.fields = dict.fromkeys(PLAIN_FIELDS)
        # Custom numbers carry a trunk dict; purchased ones start with None.
        self.trunk = None
        self.password = None
        self.area_code = nanp_area_code(phone_number)

    def new_trunk(self):
        if self.trunk is None:
            self.trunk = dict.fromkeys(TRUNK_KEYS)
        return self.trunk

    def touch(self):
        """Advance last_modification_timestamp: wall clock, but always at least +1 ms."""
        self.timestamp = max(now_ms(), self.timestamp + 1)

    def password_sha256(self):
        if self.password is None:
            return None
        return hashlib.sha256(self.password.encode('utf-8')).hexdigest()

    def render(self, config):
        """The PhoneNumberResponse object, as get/import/update/list return it."""
        # Key order follows the documented example of GET /get-phone-number.
        out = {
            'phone_number': self.phone_number,
            'phone_number_type': self.phone_number_type,
            'last_modification_timestamp': self.timestamp,
            'phone_number_pretty': pretty(self.phone_number),
        }
        if config['legacy_fields_in_response']:
            for direction in ('inbound', 'outbound'):
                agents = self.fields.get(direction + '_agents') or []
                first = agents[0] if agents else {}
                out[direction + '_agent_id'] = first.get('agent_id')
            for direction in ('inbound', 'outbound'):
                agents = self.fields.get(direction + '_agents') or []
                version = agents[0].get('agent_version') if agents else None
                out[direction + '_agent_version'] = version if isinstance(version, int) and not isinstance(version, bool) else None
        out['allowed_inbound_country_list'] = copy.deepcopy(self.fields['allowed_inbound_country_list'])
        out['allowed_outbound_country_list'] = copy.deepcopy(self.fields['allowed_outbound_country_list'])
        if self.area_code is not None:
            out['area_code'] = self.area_code
        for name in PLAIN_FIELDS[2:-1]:
            out[name] = copy.deepcopy(self.fields[name])
        out['sip_outbound_trunk_config'] = self._render_trunk(config)
        out['fallback_number'] = self.fields['fallback_number']
        return out

    def _render_trunk(self, config):
        if self.trunk is None:
            return None
        trunk = {key: self.trunk.get(key) for key in TRUNK_KEYS}
        if trunk['transport'] is None and config['transport_default_echo']:
            trunk['transport'] = 'TCP'
        if 'codecs' in self.trunk:
            trunk['codecs'] = list(self.trunk['codecs'])
        return trunk


class Store:
    """All records of all workspaces. Callers hold `lock` around read-modify-write sequences."""

    def __init__(self):
        self.lock = threading.RLock()
        self._records = {}
        self._seq = 0
        self._seq_history = {}

    def clear(self):
        with self.lock:
            self._records = {}
            self._seq = 0
            self._seq_history = {}

    def holds(self, number):
        """True if the number exists in ANY workspace (numbers are globally unique)."""
        return number in self._records

    def get(self, workspace, number):
        """The record if it exists in this workspace; None otherwise (also for other workspaces)."""
        record = self._records.get(number)
        if record is None or record.workspace != workspace:
            return None
        return record

    def add(self, record):
        self._seq += 1
        record.seq = self._seq
        self._records[record.phone_number] = record
        self._seq_history[(record.workspace, record.phone_number)] = record.seq
        return record

    def remove(self, number):
        return self._records.pop(number, None)

    def records(self, workspace=None):
        """Records in creation order (ascending sequence number)."""
        found = [r for r in self._records.values() if workspace is None or r.workspace == workspace]
        found.sort(key=lambda r: r.seq)
        return found

    def seq_of(self, workspace, number):
        """The sequence number a number had (or has) in a workspace, even after deletion; None if never seen."""
        return self._seq_history.get((workspace, number))
