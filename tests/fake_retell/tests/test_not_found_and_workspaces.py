# -*- coding: utf-8 -*-
"""Switchable not-found answers, duplicate imports and workspace scoping."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from .helpers import NUMBER, NUMBER_2, assert_error

MODES = [
    ('404', 404, 'Not Found'),
    ('422', 422, 'Cannot find requested asset under given api key.'),
]


def _call(api, operation, number=NUMBER):
    if operation == 'get':
        return api.get(number)
    if operation == 'update':
        return api.update({'nickname': 'x'}, number)
    return api.delete(number)


@pytest.mark.parametrize('mode,status,message', MODES)
@pytest.mark.parametrize('operation', ['get', 'update', 'delete'])
def test_unknown_number_gives_the_configured_not_found(api, control, mode, status, message, operation):
    if mode != '404':
        control.config(not_found_mode=mode)
    response = _call(api, operation)
    assert_error(response, status)
    assert response.json()['message'] == message
    assert control.journal()[-1]['status'] == status


def test_default_not_found_is_404(api):
    response = api.get()
    assert response.status_code == 404
    assert response.json() == {'status': 'error', 'message': 'Not Found'}


@pytest.mark.parametrize('mode,status,message', MODES)
def test_delete_twice_is_not_found(api, control, imported, mode, status, message):
    control.config(not_found_mode=mode)
    assert api.delete().status_code == 204
    response = api.delete()
    assert_error(response, status)
    assert response.json()['message'] == message


@pytest.mark.parametrize('mode,status,message', MODES)
@pytest.mark.parametrize('operation', ['get', 'update', 'delete'])
def test_number_of_another_workspace_is_not_found(api, other, control, mode, status, message, operation):
    control.config(not_found_mode=mode)
    assert other.import_number().status_code == 201
    response = _call(api, operation)
    assert_error(response, status)
    assert response.json()['message'] == message
    # ... and the owner's record is untouched.
    owner_view = other.get().json()
    assert owner_view['nickname'] is None


def test_duplicate_import_in_the_same_workspace_is_400(api, imported):
    response = api.import_number(nickname='again')
    assert_error(response, 400)
    assert response.json()['message'] == 'Phone number already exists.'
    assert api.get().json()['nickname'] is None


def test_duplicate_import_across_workspaces_is_400_while_get_says_not_found(api, other, control):
    assert other.import_number().status_code == 201
    response = api.import_number()
    assert response.status_code == 400
    assert response.json() == {'status': 'error', 'message': 'Phone number already exists.'}
    assert api.get().status_code == 404
    assert [n['workspace'] for n in control.store()] == ['other']


def test_duplicate_check_ignores_percent_encoding(api, imported):
    assert api.import_number('+14155550100').status_code == 400


def test_lists_are_scoped_to_the_workspace(api, other):
    api.import_number(NUMBER)
    other.import_number(NUMBER_2)
    assert [n['phone_number'] for n in api.list().json()['items']] == [NUMBER]
    assert [n['phone_number'] for n in other.list().json()['items']] == [NUMBER_2]
    assert [n['phone_number'] for n in api.list_v1().json()] == [NUMBER]


def test_delete_frees_the_number_for_any_workspace(api, other, imported):
    assert api.delete().status_code == 204
    assert other.import_number().status_code == 201
    assert other.get().status_code == 200
