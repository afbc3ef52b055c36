# -*- coding: utf-8 -*-
"""Shared state of one fake server and the /__fake__/ test-control routes.

The HTTP control routes and the Python accessors of FakeRetell call the same
FakeState methods, so both views always agree.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

from .config import Config, ConfigError
from .conformance import DISABLED_REPORT, Conformance
from .faults import FaultError, FaultRegistry
from .journal import Journal
from .replies import Reply
from .routes import INVALID_BODY, PhoneNumberApi, parse_body
from .store import PHONE_NUMBER_TYPES, PLAIN_FIELDS, TRUNK_KEYS, Record, Store

CONTROL_PREFIX = '/__fake__/'
SEED_KEYS = frozenset(PLAIN_FIELDS + (
    'phone_number', 'phone_number_type', 'phone_number_pretty', 'area_code', 'last_modification_timestamp',
    'sip_outbound_trunk_config', 'password',
    # Accepted (and ignored) so that a captured legacy response can be seeded as it is.
    'inbound_agent_id', 'outbound_agent_id', 'inbound_agent_version', 'outbound_agent_version',
))


class SeedError(ValueError):
    """An invalid /__fake__/seed request."""


def _record_from_seed(item, workspace):
    """Build a Record from an object in response shape; shape checks only, no API validation."""
    if not isinstance(item, dict):
        raise SeedError('each seeded number must be an object')
    unknown = sorted(set(item) - SEED_KEYS)
    if unknown:
        raise SeedError('unknown key(s) in seeded number: %s' % ', '.join(unknown))
    number = item.get('phone_number')
    if not isinstance(number, str) or not number:
        raise SeedError('phone_number must be a non-empty string')
    number_type = item.get('phone_number_type', 'custom')
    if number_type not in PHONE_NUMBER_TYPES:
        raise SeedError('%s: phone_number_type must be one of %s' % (number, ', '.join(PHONE_NUMBER_TYPES)))
    record = Record(number, number_type, workspace)
    for name in PLAIN_FIELDS:
        if name in item:
            record.fields[name] = item[name]
    if 'area_code' in item:
        record.area_code = item['area_code']
    timestamp = item.get('last_modification_timestamp')
    if timestamp is not None:
        if isinstance(timestamp, bool) or not isinstance(timestamp, int):
            raise SeedError('%s: last_modification_timestamp must be an integer' % number)
        record.timestamp = timestamp
    if 'sip_outbound_trunk_config' in item:
        trunk = item['sip_outbound_trunk_config']
        if trunk is not None:
            if not isinstance(trunk, dict) or set(trunk) - set(TRUNK_KEYS + ('codecs',)):
                raise SeedError('%s: sip_outbound_trunk_config takes termination_uri, auth_username, transport, codecs' % number)
            record.new_trunk().update(trunk)
    elif number_type == 'custom':
        record.new_trunk()
    password = item.get('password')
    if password is not None and not isinstance(password, str):
        raise SeedError('%s: password must be a string' % number)
    record.password = password
    return record


class FakeState:
    """Store, config, journal and faults of one fake, plus the wake-up plumbing for delayed requests."""

    def __init__(self, startup_config=None, openapi_check=False):
        self.store = Store()
        # Kept across reset(): see conformance.Conformance.
        self.conformance = Conformance() if openapi_check else None
        self.config = Config(startup_config)
        self.journal = Journal()
        self.faults = FaultRegistry()
        self.api = PhoneNumberApi(self.store, self.config)
        self.stopping = threading.Event()
        self._generation = 0
        self._wake = threading.Event()

    # -- sleeping requests -------------------------------------------------------------------

    def sleep(self, seconds):
        """Sleep for a delay fault. False if a reset or stop cut the sleep short (the request is then dropped)."""
        generation = self._generation
        wake = self._wake
        wake.wait(seconds)
        return generation == self._generation and not self.stopping.is_set()

    def _wake_sleepers(self):
        self._generation += 1
        wake, self._wake = self._wake, threading.Event()
        wake.set()

    def stop(self):
        self.stopping.set()
        self._wake_sleepers()

    # -- operations shared by HTTP control routes and Python accessors -----------------------

    def reset(self):
        with self.store.lock:
            self._wake_sleepers()
            self.store.clear()
            self.journal.reset()
            self.faults.clear()
            self.config.reset()

    def conformance_report(self):
        if self.conformance is None:
            return dict(DISABLED_REPORT)
        return self.conformance.report()

    def clear_conformance(self):
        if self.conformance is not None:
            self.conformance.clear()

    def dump_store(self):
        with self.store.lock:
            return [
                {'workspace': r.workspace, 'record': r.render(self.config), 'password_sha256': r.password_sha256()}
                for r in self.store.records()
            ]

    def seed(self, numbers, workspace='default'):
        """Store numbers directly (all or nothing). Any label is allowed; a label without an
        API key models a number held by some other account."""
        if not isinstance(workspace, str) or not workspace:
            raise SeedError('workspace must be a non-empty string')
        if not isinstance(numbers, list):
            raise SeedError('numbers must be a list')
        records = [_record_from_seed(item, workspace) for item in numbers]
        with self.store.lock:
            seen = set()
            for record in records:
                if record.phone_number in seen or self.store.holds(record.phone_number):
                    raise SeedError('%s already exists' % record.phone_number)
                seen.add(record.phone_number)
            for record in records:
                self.store.add(record)
        return len(records)


def handle_control(state, method, raw_path, data):
    """Answer one /__fake__/ request. Errors use the API's error envelope with status 400 or 404."""
    name = raw_path[len(CONTROL_PREFIX):].strip('/')
    body = {}
    if method in ('POST', 'PUT', 'PATCH') and data:
        body = parse_body(data)
        if body is INVALID_BODY:
            return Reply.error(400, 'control request body is not valid JSON')
    handler = _CONTROL_ROUTES.get((method, name))
    if handler is None:
        return Reply.error(404, 'Not Found')
    try:
        return handler(state, body)
    except (ConfigError, FaultError, SeedError) as exc:
        return Reply.error(400, str(exc))


def _health(_state, _body):
    return Reply.json(200, {'ok': True})


def _reset(state, _body):
    state.reset()
    return Reply.json(200, {'ok': True})


def _journal(state, _body):
    return Reply.json(200, {'entries': state.journal.entries()})


def _clear_journal(state, _body):
    state.journal.clear()
    return Reply.json(200, {'ok': True})


def _store(state, _body):
    return Reply.json(200, {'numbers': state.dump_store()})


def _get_config(state, _body):
    return Reply.json(200, state.config.snapshot())


def _set_config(state, body):
    with state.store.lock:
        return Reply.json(200, state.config.update(body))


def _seed(state, body):
    if not isinstance(body, dict):
        raise SeedError('seed body must be an object with "numbers"')
    return Reply.json(200, {'seeded': state.seed(body.get('numbers', []), body.get('workspace', 'default'))})


def _list_faults(state, _body):
    return Reply.json(200, {'faults': state.faults.listing()})


def _add_faults(state, body):
    specs = body.get('faults') if isinstance(body, dict) else body
    armed = state.faults.arm(specs)
    return Reply.json(200, {'armed': armed, 'faults': state.faults.listing()})


def _clear_faults(state, _body):
    state.faults.clear()
    return Reply.json(200, {'ok': True})


def _violations(state, _body):
    return Reply.json(200, state.conformance_report())


def _clear_violations(state, _body):
    state.clear_conformance()
    return Reply.json(200, {'ok': True})


_CONTROL_ROUTES = {
    ('GET', 'health'): _health,
    ('POST', 'reset'): _reset,
    ('GET', 'journal'): _journal,
    ('DELETE', 'journal'): _clear_journal,
    ('GET', 'store'): _store,
    ('GET', 'config'): _get_config,
    ('POST', 'config'): _set_config,
    ('POST', 'seed'): _seed,
    ('GET', 'faults'): _list_faults,
    ('POST', 'faults'): _add_faults,
    ('DELETE', 'faults'): _clear_faults,
    ('GET', 'violations'): _violations,
    ('DELETE', 'violations'): _clear_violations,
}
