# -*- coding: utf-8 -*-
"""Scriptable faults: an ordered list of armed faults, each good for a number of uses.

A request consumes one use of the FIRST armed fault whose route (or "*") and optional
number match it. Exhausted faults are removed from the list.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re
import threading

from .replies import JSON_TYPE, Reply, message_for

ROUTES = ('import', 'get', 'update', 'delete', 'list', 'list_v1', 'create', '*')
KINDS = ('status', 'commit_then_status', 'malformed_json', 'html', 'empty_body',
         'delay', 'drop', 'commit_then_drop', 'commit_then_delay')
# Kinds that run the real operation before misbehaving.
COMMIT_KINDS = ('commit_then_status', 'commit_then_drop', 'commit_then_delay')
DEFAULT_STATUS = {
    'status': 500,
    'commit_then_status': 500,
    'malformed_json': 200,
    'html': 502,
    'empty_body': 200,
}
SPEC_KEYS = ('route', 'number', 'times', 'kind', 'status', 'headers', 'body', 'seconds')
HEADER_NAME_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

MALFORMED_JSON = b'{"phone_number": '
HTML_PAGE = (b'<!DOCTYPE html>\n<html><head><title>Bad Gateway</title></head>\n'
             b'<body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>\n')


class FaultError(ValueError):
    """An invalid fault specification."""


class Fault:
    """One armed fault. `remaining` is -1 for a fault that never runs out."""

    def __init__(self, fault_id, spec):
        self.fault_id = fault_id
        self.route = spec['route']
        self.number = spec.get('number')
        self.times = spec['times']
        self.remaining = spec['times']
        self.kind = spec['kind']
        self.status = spec.get('status', DEFAULT_STATUS.get(self.kind))
        self.headers = spec.get('headers', {})
        self.body = spec.get('body')
        self.seconds = spec.get('seconds', 0.0)

    def matches(self, route, number):
        if self.route not in ('*', route):
            return False
        return self.number is None or self.number == number

    @property
    def commits(self):
        return self.kind in COMMIT_KINDS

    def to_dict(self):
        return {
            'id': self.fault_id,
            'route': self.route,
            'number': self.number,
            'times': self.times,
            'remaining': self.remaining,
            'kind': self.kind,
            'status': self.status,
            'headers': dict(self.headers),
            'body': copy.deepcopy(self.body),
            'seconds': self.seconds,
        }

    def reply(self):
        """The answer for kinds that answer by themselves (everything but delay and the drops)."""
        if self.kind == 'malformed_json':
            return Reply(self.status, MALFORMED_JSON, JSON_TYPE, self.headers)
        if self.kind == 'html':
            return Reply(self.status, HTML_PAGE, 'text/html; charset=utf-8', self.headers)
        if self.kind == 'empty_body':
            return Reply(self.status, b'', JSON_TYPE, self.headers)
        if self.body is not None:
            return Reply.json(self.status, self.body, self.headers)
        return Reply.error(self.status, message_for(self.status), self.headers)


def _check_spec(spec):
    if not isinstance(spec, dict):
        raise FaultError('each fault must be a JSON object')
    for key in spec:
        if key not in SPEC_KEYS:
            raise FaultError('unknown fault key: %s' % key)
    clean = {}
    route = spec.get('route', '*')
    if route not in ROUTES:
        raise FaultError('route must be one of %s' % ', '.join(ROUTES))
    clean['route'] = route
    kind = spec.get('kind')
    if kind not in KINDS:
        raise FaultError('kind must be one of %s' % ', '.join(KINDS))
    clean['kind'] = kind
    number = spec.get('number')
    if number is not None and not isinstance(number, str):
        raise FaultError('number must be a string')
    clean['number'] = number
    times = spec.get('times', 1)
    if isinstance(times, bool) or not isinstance(times, int) or (times < 1 and times != -1):
        raise FaultError('times must be a positive integer or -1 (forever)')
    clean['times'] = times
    if 'status' in spec and spec['status'] is not None:
        status = spec['status']
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            raise FaultError('status must be an integer between 200 and 599')
        clean['status'] = status
    headers = spec.get('headers') or {}
    if not isinstance(headers, dict):
        raise FaultError('headers must be an object')
    clean_headers = {}
    for name, value in headers.items():
        if not HEADER_NAME_RE.match(name):
            raise FaultError('invalid header name: %r' % name)
        text = value if isinstance(value, str) else str(value)
        if '\r' in text or '\n' in text:
            raise FaultError('header values must not contain line breaks')
        clean_headers[name] = text
    clean['headers'] = clean_headers
    if spec.get('body') is not None:
        clean['body'] = copy.deepcopy(spec['body'])
    seconds = spec.get('seconds', 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        raise FaultError('seconds must be a number >= 0')
    clean['seconds'] = float(seconds)
    return clean


class FaultRegistry:
    """The FIFO list of armed faults. Thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []
        self._next_id = 1

    def arm(self, specs):
        """Validate all specs, then append them in order. Returns the armed faults as dicts."""
        if not isinstance(specs, list):
            raise FaultError('faults must be a list')
        cleaned = [_check_spec(spec) for spec in specs]
        armed = []
        with self._lock:
            for spec in cleaned:
                fault = Fault(self._next_id, spec)
                self._next_id += 1
                self._faults.append(fault)
                armed.append(fault.to_dict())
        return armed

    def clear(self):
        with self._lock:
            self._faults = []

    def listing(self):
        with self._lock:
            return [fault.to_dict() for fault in self._faults]

    def take(self, route, number):
        """Consume one use of the first matching fault and return it, or None."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(route, number):
                    if fault.remaining > 0:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            del self._faults[index]
                    return fault
        return None
