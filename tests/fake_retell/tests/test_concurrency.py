# -*- coding: utf-8 -*-
"""Parallel clients: one winner per number, no lost updates, no crosstalk between connections."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

from .helpers import DEFAULT_KEY, NUMBER, Api


def _run_parallel(count, target):
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(index):
        barrier.wait()
        results[index] = target(index)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return results


def test_ten_parallel_imports_of_one_number_give_exactly_one_201(fake, control):
    def attempt(_index):
        client = Api(fake.url, DEFAULT_KEY)
        try:
            response = client.import_number()
            return response.status_code, response.json()
        finally:
            client.close()

    results = _run_parallel(10, attempt)
    statuses = sorted(status for status, _body in results)
    assert statuses == [201] + [400] * 9
    for status, body in results:
        if status == 400:
            assert body == {'status': 'error', 'message': 'Phone number already exists.'}
    assert len(control.store()) == 1
    assert sorted(e['status'] for e in control.journal()) == statuses


def test_parallel_imports_across_workspaces_still_have_one_winner(fake, control):
    keys = ['test-key-default', 'test-key-other'] * 5

    def attempt(index):
        client = Api(fake.url, keys[index])
        try:
            return client.import_number().status_code
        finally:
            client.close()

    assert sorted(_run_parallel(10, attempt)) == [201] + [400] * 9
    assert len(control.store()) == 1


def test_parallel_distinct_imports_all_succeed_with_unique_order(fake, api):
    def attempt(index):
        client = Api(fake.url, DEFAULT_KEY)
        try:
            return client.import_number('+1415555%04d' % index).status_code
        finally:
            client.close()

    assert _run_parallel(20, attempt) == [201] * 20
    items = api.list(limit=100).json()['items']
    assert len({i['phone_number'] for i in items}) == 20


def test_parallel_creates_never_hand_out_the_same_number(fake, control):
    def attempt(_index):
        client = Api(fake.url, DEFAULT_KEY)
        try:
            return client.create().json()['phone_number']
        finally:
            client.close()

    numbers = _run_parallel(10, attempt)
    assert len(set(numbers)) == 10
    assert len(control.store()) == 10


def test_parallel_keep_alive_sessions(fake, api):
    api.import_number(NUMBER)

    def attempt(index):
        client = Api(fake.url, DEFAULT_KEY)
        try:
            codes = set()
            for round_number in range(10):
                codes.add(client.update({'nickname': 'n%d-%d' % (index, round_number)}).status_code)
                codes.add(client.get().status_code)
            return codes
        finally:
            client.close()

    assert _run_parallel(8, attempt) == [{200}] * 8
    assert api.get().json()['nickname'].startswith('n')
