# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The bulk module's result with and without each number's record (return_numbers)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.retellai.retell.plugins.module_utils._bulk import BulkOutcome, summarise
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import DesiredNumber
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import Outcome

RECORD = dict(phone_number='+14155550100', nickname='Front desk')


def outcomes():
    updated = Outcome('+14155550100', 'updated', True, RECORD, ['nickname'], dict(before={}, after={}))
    deleted = Outcome('+14155550101', 'deleted', True, None, [], dict(before={}, after={}))
    return [BulkOutcome(wanted('+14155550100'), outcome=updated), BulkOutcome(wanted('+14155550101', 'absent'), outcome=deleted),
            BulkOutcome(wanted('+14155550102'), error='Retell API PATCH ... failed with HTTP 400: no')]


def wanted(number, state='present'):
    return DesiredNumber(number, state, {})


def test_records_and_own_diffs_only_when_asked_for():
    plain = summarise(outcomes(), [], with_diff=True)[0]
    assert all('number' not in entry and 'diff' not in entry for entry in plain['results'])
    with_numbers, failed = summarise(outcomes(), [], with_diff=False, with_numbers=True)
    assert [entry['number'] for entry in with_numbers['results']] == [RECORD, None, None]
    assert all('diff' not in entry for entry in with_numbers['results'])
    assert failed
    with_diffs = summarise(outcomes(), [], with_diff=True, with_numbers=True)[0]
    assert [entry.get('diff') for entry in with_diffs['results']] == with_diffs['diff'] + [None]
