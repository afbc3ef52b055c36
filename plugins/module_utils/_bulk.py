# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Many numbers at once: one listing instead of one probe per number, then the same
reconcile engine per number, a few at a time.

Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.retellai.retell.plugins.module_utils._client import InvalidOption, RetellClient, RetellError
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    DesiredNumber,
    desired_from_params,
    purchased_by_nickname,
)
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import reconcile, the_purchased_number

MAX_CONCURRENCY = 32


def desired_numbers(entries):
    """Check every entry before any request; a bad entry fails the whole task, naming numbers[i].option.

    An entry without phone_number is identified by its nickname, so two such entries may not share one.
    """
    numbers = []
    seen = {}
    for index, entry in enumerate(entries):
        prefix = 'numbers[%d].' % index
        desired = desired_from_params(entry, prefix=prefix)
        key = desired.phone_number if desired.phone_number is not None else ('nickname', desired.nickname)
        if key in seen:
            if desired.phone_number is not None:
                raise InvalidOption(prefix + 'phone_number', '%s is already described by numbers[%d]'
                                    % (desired.phone_number, seen[key]))
            raise InvalidOption(prefix + 'nickname', '%r without phone_number is already described by numbers[%d]; '
                                                     'a nickname identifies one bought number' % (desired.nickname, seen[key]))
        seen[key] = index
        numbers.append(desired)
    return numbers


class BulkRun:
    """Reconcile a list of numbers against one listing of the workspace."""

    def __init__(self, settings, warn, check_mode, concurrency):
        if not 1 <= concurrency <= MAX_CONCURRENCY:
            raise InvalidOption('concurrency', 'must be between 1 and %d' % MAX_CONCURRENCY)
        self.settings = settings
        self.warn = warn
        self.check_mode = check_mode
        self.concurrency = concurrency
        self._local = threading.local()

    def _client(self):
        # A requests.Session is not promised to be thread-safe, so each worker keeps its own.
        client = getattr(self._local, 'client', None)
        if client is None:
            client = self._local.client = RetellClient(self.settings, warn=self.warn)
        return client

    def run(self, desired, purge=False, purge_purchased=False):
        listing = self._client().list_phone_numbers()
        listed = dict((number['phone_number'], number) for number in listing)
        work = _match_listing(desired, listed, purchased_by_nickname(listing))
        outcomes = self._reconcile_all(work)
        kept = []
        if purge and not any(outcome.failed for outcome in outcomes):
            # A bought number that an entry names by its nickname counts as named, so purge keeps it.
            named = set(current['phone_number'] for _wanted, current, _refusal in work if current is not None)
            named.update(wanted.phone_number for wanted in desired if wanted.phone_number is not None)
            doomed, kept = _purge_candidates(listed, named, purge_purchased)
            outcomes.extend(self._reconcile_all([(DesiredNumber(number, 'absent', {}), listed[number], None)
                                                 for number in doomed]))
        return outcomes, kept

    def _reconcile_all(self, work):
        if self.concurrency == 1 or len(work) < 2:
            return [self._reconcile_one(item) for item in work]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(self._reconcile_one, work))

    def _reconcile_one(self, item):
        wanted, current, refusal = item
        if refusal is not None:
            return BulkOutcome(wanted, error=refusal)
        try:
            return BulkOutcome(wanted, outcome=reconcile(self._client(), wanted, self.check_mode, current=current))
        except RetellError as error:
            return BulkOutcome(wanted, error=str(error))


def _match_listing(desired, listed, purchased):
    """(entry, the number the listing holds for it or None, why the entry cannot run or None), in entry order."""
    by_number = dict((wanted.phone_number, index) for index, wanted in enumerate(desired) if wanted.phone_number)
    work = []
    for wanted in desired:
        if wanted.phone_number is not None:
            work.append((wanted, listed.get(wanted.phone_number), None))
            continue
        try:
            current = the_purchased_number(purchased, wanted.nickname)
        except RetellError as error:
            work.append((wanted, None, str(error)))
            continue
        twin = by_number.get(current['phone_number']) if current is not None else None
        if twin is not None:
            work.append((wanted, None, 'nickname %r identifies %s, which numbers[%d] also describes by its phone_number; '
                                       'describe each number once' % (wanted.nickname, current['phone_number'], twin)))
            continue
        work.append((wanted, current, None))
    return work


def _purge_candidates(listed, named, purge_purchased):
    """Numbers the list does not name; numbers bought through Retell only when purge_purchased says so."""
    doomed, kept = [], []
    for number in sorted(listed):
        if number in named:
            continue
        if listed[number].get('phone_number_type') == 'custom' or purge_purchased:
            doomed.append(number)
        else:
            kept.append(number)
    return doomed, kept


class BulkOutcome:

    def __init__(self, wanted, outcome=None, error=None):
        self.wanted = wanted
        self.outcome = outcome
        self.error = error

    @property
    def phone_number(self):
        """The number, also when the entry named it by its nickname; None while a purchase is only planned."""
        if self.outcome is not None and self.outcome.phone_number:
            return self.outcome.phone_number
        return self.wanted.phone_number

    @property
    def label(self):
        return self.phone_number or self.wanted.label

    @property
    def failed(self):
        return self.error is not None

    @property
    def changed(self):
        return bool(self.outcome and self.outcome.changed)

    @property
    def action(self):
        return 'failed' if self.failed else self.outcome.action

    def result(self, with_number=False, with_diff=False):
        result = dict(phone_number=self.phone_number, action=self.action, changed=self.changed)
        if self.wanted.phone_number is None:
            result['nickname'] = self.wanted.nickname
        if self.failed:
            result['msg'] = self.error
            result['changed_fields'] = []
        else:
            result['changed_fields'] = self.outcome.changed_fields
        if with_number:
            # The role maps each entry back to its host, the entry's own diff included.
            result['number'] = None if self.failed else self.outcome.number
            if with_diff and self.changed:
                result['diff'] = self.diff()
        return result

    def diff(self):
        """One entry of the module's diff list, headed by the number."""
        if not self.changed:
            return None
        diff = dict(self.outcome.diff)
        diff['before_header'] = diff['after_header'] = self.label
        return diff


def summarise(outcomes, kept, with_diff, with_numbers=False):
    """The module's result: per-number results, counts per action, the diff list, and what failed."""
    counts = dict((action, 0) for action in ('imported', 'purchased', 'updated', 'deleted', 'unchanged', 'failed'))
    for outcome in outcomes:
        counts[outcome.action] += 1
    result = dict(
        changed=any(outcome.changed for outcome in outcomes),
        results=[outcome.result(with_numbers, with_diff) for outcome in outcomes],
        summary=counts,
        purge_kept=kept,
    )
    if with_diff:
        result['diff'] = [diff for diff in (outcome.diff() for outcome in outcomes) if diff]
    failures = [outcome for outcome in outcomes if outcome.failed]
    if failures:
        result['msg'] = '%d of %d numbers failed: %s' % (
            len(failures), len(outcomes), '; '.join('%s: %s' % (f.label, f.error) for f in failures[:5]))
    return result, bool(failures)
