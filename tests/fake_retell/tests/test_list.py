# -*- coding: utf-8 -*-
"""GET /v2/list-phone-numbers pagination and the legacy GET /list-phone-numbers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from .helpers import assert_error

COUNT = 2500


def _numbers(count, start=0):
    return ['+1415%07d' % (start + index) for index in range(count)]


def _seed(control, count=COUNT, workspace=None):
    numbers = _numbers(count)
    control.seed([{'phone_number': n} for n in numbers], workspace)
    return numbers


def _walk(api, **params):
    pages = []
    key = None
    while True:
        query = dict(params)
        if key is not None:
            query['pagination_key'] = key
        response = api.list(**query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body)
        if not body['has_more']:
            assert 'pagination_key' not in body
            return pages
        assert body['pagination_key'] == body['items'][-1]['phone_number']
        key = body['pagination_key']


def test_seeding_2500_numbers_is_fast(control):
    numbers = _numbers(COUNT)
    started = time.monotonic()
    assert control.seed([{'phone_number': n, 'nickname': n} for n in numbers]) == {'seeded': COUNT}
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize('sort_order,expect_reversed', [('descending', True), ('ascending', False)])
def test_three_pages_of_1000_without_gaps_or_duplicates(api, control, sort_order, expect_reversed):
    numbers = _seed(control)
    pages = _walk(api, limit=1000, sort_order=sort_order)
    assert [len(p['items']) for p in pages] == [1000, 1000, 500]
    assert [p['has_more'] for p in pages] == [True, True, False]
    seen = [item['phone_number'] for p in pages for item in p['items']]
    assert len(seen) == len(set(seen)) == COUNT
    assert seen == (numbers[::-1] if expect_reversed else numbers)


def test_default_order_is_descending_creation_order(api, control):
    numbers = _seed(control, 60)
    pages = _walk(api)
    assert [len(p['items']) for p in pages] == [50, 10]
    assert [i['phone_number'] for p in pages for i in p['items']] == numbers[::-1]


def test_creation_order_not_number_order(api):
    for number in ('+14155550300', '+14155550100', '+14155550200'):
        api.import_number(number)
    items = api.list(sort_order='ascending').json()['items']
    assert [i['phone_number'] for i in items] == ['+14155550300', '+14155550100', '+14155550200']


def test_limit_bounds(api, control):
    _seed(control, 1001)
    assert len(api.list(limit=1000).json()['items']) == 1000
    assert len(api.list(limit=1).json()['items']) == 1
    for bad in ('1001', '0', '-1', 'abc', '', '1.5', '10x'):
        assert_error(api.list(limit=bad), 400, 'limit')


def test_sort_order_must_be_known(api):
    assert_error(api.list(sort_order='newest'), 400, 'sort_order')
    assert_error(api.list(sort_order='DESCENDING'), 400, 'sort_order')


def test_unknown_pagination_key_is_400(api, control):
    _seed(control, 3)
    assert_error(api.list(pagination_key='+19999999999'), 400, 'pagination_key')


def test_empty_workspace(api):
    assert api.list().json() == {'items': [], 'has_more': False}
    assert api.list_v1().json() == []


def test_exact_page_boundary_has_no_more(api, control):
    _seed(control, 10)
    body = api.list(limit=10).json()
    assert body['has_more'] is False and 'pagination_key' not in body


@pytest.mark.parametrize('spelling', ['+', '%2B'])
def test_pagination_key_plus_survives_the_query_string(api, control, spelling):
    numbers = _seed(control, 5)
    first = api.list(limit=2).json()
    key = first['pagination_key']
    assert key == numbers[3]
    raw = '/v2/list-phone-numbers?limit=2&pagination_key=' + spelling + key[1:]
    response = api.request('GET', raw)
    assert response.status_code == 200, response.text
    assert [i['phone_number'] for i in response.json()['items']] == [numbers[2], numbers[1]]
    entry = control.journal()[-1]
    assert entry['query'] == {'limit': '2', 'pagination_key': key}
    assert entry['route'] == 'list'


def test_pagination_survives_deleting_the_key_item(api, control):
    numbers = _seed(control, 5)
    first = api.list(limit=2).json()
    assert api.delete(first['pagination_key']).status_code == 204
    rest = api.list(limit=10, pagination_key=first['pagination_key']).json()
    assert [i['phone_number'] for i in rest['items']] == numbers[2::-1]


def test_list_items_are_full_objects(api):
    imported = api.import_number(nickname='n').json()
    assert api.list().json()['items'] == [imported]
    assert api.list_v1().json() == [imported]


def test_v1_list_is_a_bare_array_of_everything_newest_first(api, control):
    numbers = _seed(control, 120)
    body = api.list_v1().json()
    assert isinstance(body, list)
    assert [i['phone_number'] for i in body] == numbers[::-1]


def test_unknown_query_parameters_are_ignored(api, control):
    _seed(control, 2)
    assert api.list(foo='bar').status_code == 200
