# -*- coding: utf-8 -*-
"""Fixtures: one FakeRetell per test module, reset before every test."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from fake_retell import FakeRetell  # noqa: E402  pylint: disable=wrong-import-position

from .helpers import DEFAULT_KEY, OTHER_KEY, Api, Control  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope='module')
def fake():
    server = FakeRetell(openapi_check=True).start()
    yield server
    server.stop()


def pytest_configure(config):
    config.addinivalue_line(
        'markers', 'sends_nonconforming_requests: the test sends requests that break the OpenAPI document and that the '
                   'fake does not refuse itself (the check must report them as violations of the request side)')


@pytest.fixture(autouse=True)
def _fresh(fake, request):
    """A reset fake for every test, and every exchange of the test checked against the OpenAPI document:
    the fake's own answers always conform; its client's requests do unless the test is marked."""
    fake.reset()
    fake.clear_violations()
    yield
    report = fake.violations()
    assert report['enabled']
    if request.node.get_closest_marker('sends_nonconforming_requests'):
        assert report['violations'], 'marked sends_nonconforming_requests, but the OpenAPI check found none'
        unexpected = [v for v in report['violations'] if v['side'] != 'request']
    else:
        unexpected = report['violations']
    assert not unexpected, 'exchanges that break the OpenAPI document:\n%s' % json.dumps(unexpected, indent=1)


@pytest.fixture
def api(fake):
    client = Api(fake.url, DEFAULT_KEY)
    yield client
    client.close()


@pytest.fixture
def other(fake):
    client = Api(fake.url, OTHER_KEY)
    yield client
    client.close()


@pytest.fixture
def control(fake):
    client = Control(fake.url)
    yield client
    client.close()


@pytest.fixture
def imported(api):
    """A freshly imported NUMBER in the default workspace; returns the 201 body."""
    response = api.import_number()
    assert response.status_code == 201, response.text
    return response.json()
