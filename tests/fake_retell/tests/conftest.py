# -*- coding: utf-8 -*-
"""Fixtures: one FakeRetell per test module, reset before every test."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

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
    server = FakeRetell().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh(fake):
    fake.reset()
    yield


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
