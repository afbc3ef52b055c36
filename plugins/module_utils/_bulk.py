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
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import DesiredNumber, desired_from_params
from ansible_collections.retellai.retell.plugins.module_utils._reconcile import reconcile

MAX_CONCURRENCY = 32


def desired_numbers(entries):
    """Check every entry before any request; a bad entry fails the whole task, naming numbers[i].option."""
    numbers = []
    seen = {}
    for index, entry in enumerate(entries):
        prefix = 'numbers[%d].' % index
        desired = desired_from_params(entry, prefix=prefix)
        if desired.phone_number in seen:
            raise InvalidOption(prefix + 'phone_number', '%s is already described by numbers[%d]'
                                % (desired.phone_number, seen[desired.phone_number]))
        seen[desired.phone_number] = index
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
        listed = dict((number['phone_number'], number) for number in self._client().list_phone_numbers())
        outcomes = self._reconcile_all([(wanted, listed.get(wanted.phone_number)) for wanted in desired])
        kept = []
        if purge and not any(outcome.failed for outcome in outcomes):
            named = set(wanted.phone_number for wanted in desired)
            doomed, kept = _purge_candidates(listed, named, purge_purchased)
            outcomes.extend(self._reconcile_all([(DesiredNumber(number, 'absent', {}), listed[number]) for number in doomed]))
        return outcomes, kept

    def _reconcile_all(self, work):
        if self.concurrency == 1 or len(work) < 2:
            return [self._reconcile_one(item) for item in work]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(self._reconcile_one, work))

    def _reconcile_one(self, item):
        wanted, current = item
        try:
            return BulkOutcome(wanted.phone_number, outcome=reconcile(self._client(), wanted, self.check_mode, current=current))
        except RetellError as error:
            return BulkOutcome(wanted.phone_number, error=str(error))


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

    def __init__(self, phone_number, outcome=None, error=None):
        self.phone_number = phone_number
        self.outcome = outcome
        self.error = error

    @property
    def failed(self):
        return self.error is not None

    @property
    def changed(self):
        return bool(self.outcome and self.outcome.changed)

    @property
    def action(self):
        return 'failed' if self.failed else self.outcome.action

    def result(self, with_number=False):
        result = dict(phone_number=self.phone_number, action=self.action, changed=self.changed)
        if self.failed:
            result['msg'] = self.error
            result['changed_fields'] = []
        else:
            result['changed_fields'] = self.outcome.changed_fields
        if with_number:
            result['number'] = None if self.failed else self.outcome.number
        return result

    def diff(self):
        """One entry of the module's diff list, headed by the number."""
        if not self.changed:
            return None
        diff = dict(self.outcome.diff)
        diff['before_header'] = diff['after_header'] = self.phone_number
        return diff


def summarise(outcomes, kept, with_diff, with_numbers=False):
    """The module's result: per-number results, counts per action, the diff list, and what failed."""
    counts = dict((action, 0) for action in ('imported', 'updated', 'deleted', 'unchanged', 'failed'))
    for outcome in outcomes:
        counts[outcome.action] += 1
    result = dict(
        changed=any(outcome.changed for outcome in outcomes),
        results=[outcome.result(with_numbers) for outcome in outcomes],
        summary=counts,
        purge_kept=kept,
    )
    if with_diff:
        result['diff'] = [diff for diff in (outcome.diff() for outcome in outcomes) if diff]
    failures = [outcome for outcome in outcomes if outcome.failed]
    if failures:
        result['msg'] = '%d of %d numbers failed: %s' % (
            len(failures), len(outcomes), '; '.join('%s: %s' % (f.phone_number, f.error) for f in failures[:5]))
    return result, bool(failures)
