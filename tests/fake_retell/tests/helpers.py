# -*- coding: utf-8 -*-
"""Client helpers shared by the fake's own tests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import requests

# The directory that holds the fake_retell package (the collection's tests/ directory); put it on PYTHONPATH for the CLI.
TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_KEY = 'test-key-default'
OTHER_KEY = 'test-key-other'
NUMBER = '+14155550100'
NUMBER_2 = '+14155550101'
TRUNK = 'trunk.pstn.twilio.com'


class Api:
    """A requests.Session bound to one fake and one API key, with a helper per endpoint."""

    def __init__(self, base_url, key=DEFAULT_KEY):
        self.base_url = base_url
        self.session = requests.Session()
        if key:
            self.session.headers['Authorization'] = 'Bearer ' + key

    def request(self, method, path, **kwargs):
        kwargs.setdefault('timeout', 5)
        return self.session.request(method, self.base_url + path, **kwargs)

    def import_number(self, number=NUMBER, **fields):
        body = {'phone_number': number, 'termination_uri': TRUNK}
        body.update(fields)
        return self.request('POST', '/import-phone-number', json=body)

    def get(self, number=NUMBER):
        return self.request('GET', '/get-phone-number/' + number)

    def update(self, body, number=NUMBER):
        return self.request('PATCH', '/update-phone-number/' + number, json=body)

    def delete(self, number=NUMBER):
        return self.request('DELETE', '/delete-phone-number/' + number)

    def list(self, **params):
        return self.request('GET', '/v2/list-phone-numbers', params=params)

    def list_v1(self):
        return self.request('GET', '/list-phone-numbers')

    def create(self, **fields):
        return self.request('POST', '/create-phone-number', json=fields)

    def close(self):
        self.session.close()


class Control:
    """The /__fake__/ interface over HTTP (no API key)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()

    def call(self, method, name, payload=None):
        response = self.session.request(method, self.base_url + '/__fake__/' + name, json=payload, timeout=5)
        return response

    def ok(self, method, name, payload=None):
        response = self.call(method, name, payload)
        assert response.status_code == 200, response.text
        return response.json()

    def journal(self):
        return self.ok('GET', 'journal')['entries']

    def store(self):
        return self.ok('GET', 'store')['numbers']

    def config(self, **changes):
        return self.ok('POST', 'config', changes)

    def seed(self, numbers, workspace=None):
        payload = {'numbers': numbers}
        if workspace:
            payload['workspace'] = workspace
        return self.ok('POST', 'seed', payload)

    def faults(self, *faults):
        return self.ok('POST', 'faults', {'faults': list(faults)})

    def close(self):
        self.session.close()


def assert_error(response, status, *fragments):
    """The response is the error envelope with this status; its message contains every fragment."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers['Content-Type'].startswith('application/json')
    body = response.json()
    assert set(body) == {'status', 'message'}, body
    assert body['status'] == 'error'
    for fragment in fragments:
        assert fragment in body['message'], (fragment, body['message'])
    return body['message']
