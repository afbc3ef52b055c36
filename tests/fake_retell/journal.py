# -*- coding: utf-8 -*-
"""The request journal: one entry per API request (control routes are never journaled)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import threading

MASK = '********'
SECRET_FIELDS = ('sip_trunk_auth_password', 'auth_password')


def mask_body(body):
    """A copy of the body with every top-level password value replaced by the mask."""
    if not isinstance(body, dict):
        return copy.deepcopy(body)
    masked = copy.deepcopy(body)
    for name in SECRET_FIELDS:
        if name in masked:
            masked[name] = MASK
    return masked


class Journal:
    """Thread-safe append-only list. Sequence numbers keep counting across clear(); reset() restarts them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []
        self._seq = 0

    def add(self, method, path, query, number, route, api_key, body, status, fault):
        with self._lock:
            self._seq += 1
            entry = {
                'seq': self._seq,
                'method': method,
                'path': path,
                'query': dict(query),
                'number': number,
                'route': route,
                'api_key': api_key,
                'body': mask_body(body),
                'body_keys': sorted(body) if isinstance(body, dict) else [],
                'status': status,
                'fault': fault,
            }
            self._entries.append(entry)
            return entry

    def entries(self):
        with self._lock:
            return copy.deepcopy(self._entries)

    def clear(self):
        with self._lock:
            self._entries = []

    def reset(self):
        with self._lock:
            self._entries = []
            self._seq = 0
