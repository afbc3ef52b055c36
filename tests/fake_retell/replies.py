# -*- coding: utf-8 -*-
"""What a handler decided to answer, independent of the HTTP plumbing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from http.client import responses as HTTP_PHRASES

JSON_TYPE = 'application/json; charset=utf-8'

# Messages the reference spec uses for its reusable error responses.
STATUS_MESSAGES = {
    400: 'Invalid request format, please check API reference.',
    401: 'API key is missing or invalid.',
    402: 'Trial has ended, please add payment method.',
    403: 'Forbidden',
    404: 'Not Found',
    422: 'Cannot find requested asset under given api key.',
    429: 'Account rate limited, please throttle your requests.',
    500: 'An unexpected server error occurred.',
}


def message_for(status):
    """A fitting envelope message for any status code."""
    if status in STATUS_MESSAGES:
        return STATUS_MESSAGES[status]
    if status >= 500:
        return STATUS_MESSAGES[500]
    return HTTP_PHRASES.get(status, 'Error')


class Reply:
    """Status, headers and body bytes; `drop` means close the socket without answering."""

    def __init__(self, status, data=b'', content_type=None, headers=None, drop=False):
        self.status = status
        self.data = data
        self.content_type = content_type
        self.headers = dict(headers or {})
        self.drop = drop
        self.payload = None

    @classmethod
    def json(cls, status, payload, headers=None):
        reply = cls(status, json.dumps(payload).encode('utf-8'), JSON_TYPE, headers)
        reply.payload = payload
        return reply

    @classmethod
    def error(cls, status, message=None, headers=None):
        return cls.json(status, {'status': 'error', 'message': message or message_for(status)}, headers)

    @classmethod
    def no_content(cls, status=204):
        return cls(status)

    @classmethod
    def dropped(cls):
        return cls(0, drop=True)
