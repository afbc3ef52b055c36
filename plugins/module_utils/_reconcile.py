# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The reconcile engine: probe, decide, write (or, in check mode, predict).

Check mode walks the same steps as a real run and only swaps the write for a local
prediction, so the two cannot disagree about what changes. The probe is a GET of the
named number or, for a task that names a bought number by its nickname, the listing.
Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.retellai.retell.plugins.module_utils._client import (
    InvalidOption,
    OutcomeUnknown,
    RetellAPIError,
    RetellError,
)
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    FIELDS,
    MASK_AFTER,
    MASK_BEFORE,
    PASSWORD_OPTION,
    comparable_value,
    create_body,
    create_fields,
    custom_only_fields,
    differing_fields,
    import_body,
    import_fields,
    options_from_number,
    predict_create,
    predict_import,
    predict_update,
    purchased_by_nickname,
    update_body,
    wanted_value,
)

PROBE = object()


class Outcome:
    """What happened to one number: the action, what changed, and the number afterwards."""

    def __init__(self, phone_number, action, changed, number, changed_fields, diff):
        self.phone_number = phone_number
        self.action = action
        self.changed = changed
        self.number = number
        self.changed_fields = changed_fields
        self.diff = diff

    def result(self, with_diff):
        result = dict(changed=self.changed, action=self.action, phone_number=self.number,
                      changed_fields=self.changed_fields)
        if with_diff and self.changed:
            result['diff'] = self.diff
        return result


class _Step:
    """One write: an import or a PATCH, with the options it carries and the predicted result."""

    def __init__(self, action, body, fields, predicted):
        self.action = action
        self.body = body
        self.fields = fields
        self.predicted = predicted


FIRST_WRITES = {'import': 'imported', 'create': 'purchased'}


def reconcile(client, desired, check_mode, current=PROBE):
    """Make one number match `desired`; `current` skips the probe when the caller already listed it."""
    if current is PROBE:
        current = locate(client, desired)
    engine = _Reconciler(client, desired, check_mode)
    if desired.state == 'absent':
        return engine.ensure_absent(current)
    return engine.ensure_present(current)


def locate(client, desired):
    """The number the task means as Retell holds it, or None: one GET for a named number, else one listing."""
    if desired.phone_number is not None:
        return client.get_phone_number(desired.phone_number)
    return the_purchased_number(purchased_by_nickname(client.list_phone_numbers()), desired.nickname)


def the_purchased_number(index, nickname):
    """The one number bought through Retell with this nickname, or None; several make the task fail, named."""
    matches = index.get(nickname) or []
    if len(matches) > 1:
        raise RetellError('nickname %r names %d numbers bought through Retell (%s), so it does not identify one. Set '
                          'phone_number to the one you mean, or give the others different nicknames.'
                          % (nickname, len(matches), ', '.join(sorted(n.get('phone_number') or '?' for n in matches))))
    return matches[0] if matches else None


class _Reconciler:

    def __init__(self, client, desired, check_mode):
        self.client = client
        self.desired = desired
        self.check_mode = check_mode
        # The number's identity: the task's, or the one Retell holds (or sold) under the task's nickname.
        self.number = desired.phone_number
        # One attempt budget per kind of write (import, create, update, delete), shared by the client's 429
        # retries and the re-sends after an unknown outcome: a write goes out at most retries + 1 times.
        self._budgets = {}

    # ---- state: present ---------------------------------------------------------------

    def ensure_present(self, initial):
        desired = self.desired
        current = before = self._hold(initial)
        password_pending = desired.password is not None and (desired.update_password == 'always' or current is None)
        changed_fields = []
        wrote = False
        first_write = None
        last_written = ()
        while True:
            step = self._next_step(current, password_pending)
            if step is None:
                break
            self._refuse_repeat(step, last_written)
            if self.check_mode:
                current, landed = step.predicted, True
            else:
                try:
                    current, landed = self._hold(self._send(step)), True
                except OutcomeUnknown as error:
                    current, landed = self._after_unknown_outcome(step, error)
                except RetellAPIError as error:
                    # Another run imported (or bought) the number first: compare against what it made.
                    current = before = self._after_refused_first_write(step, error)
                    password_pending = desired.password is not None and desired.update_password == 'always'
                    last_written = ()
                    continue
            last_written = step.fields if landed and current is not None else ()
            if landed:
                wrote = True
                first_write = first_write or FIRST_WRITES.get(step.action)
                _merge(changed_fields, step.fields)
                if step.action == 'import' or PASSWORD_OPTION in step.fields:
                    password_pending = False
        action = 'unchanged'
        if wrote:
            action = first_write or 'updated'
        changed_fields = [field.option for field in FIELDS if field.option in changed_fields]
        if self.check_mode and action == 'purchased':
            # Retell picks the number (and its area code, its pretty form) only when it sells it.
            current = None
        return Outcome(self.number, action, wrote, current, changed_fields,
                       self._present_diff(before, changed_fields))

    def _hold(self, current):
        """Learn the number's identity from what Retell returned (a listing match, a purchase)."""
        if current is not None and current.get('phone_number'):
            self.number = current['phone_number']
        return current

    def _next_step(self, current, password_pending):
        desired = self.desired
        if current is None and desired.purchase is not None:
            return _Step('create', create_body(desired), create_fields(desired), predict_create(desired))
        if current is None:
            if 'termination_uri' not in desired.fields:
                raise InvalidOption('termination_uri', 'is required to import %s, which does not exist in this '
                                    'Retell workspace' % desired.phone_number)
            fields = import_fields(desired)
            if desired.password is not None:
                fields.append(PASSWORD_OPTION)
            return _Step('import', import_body(desired), fields, predict_import(desired))
        names = differing_fields(desired, current, include_password=password_pending)
        if not names:
            return None
        self._refuse_trunk_fields_on_retell_number(current, names)
        return _Step('update', update_body(desired, names, current), names, predict_update(desired, current, names))

    def _refuse_trunk_fields_on_retell_number(self, current, names):
        kind = current.get('phone_number_type')
        trunk_fields = custom_only_fields(names)
        if kind != 'custom' and trunk_fields:
            raise RetellError('%s is a %s number bought through Retell, so its custom-telephony settings cannot be '
                              'changed (%s). Remove them from the task; they apply only to imported numbers '
                              '(phone_number_type custom).' % (self.number, kind, ', '.join(trunk_fields)))

    def _refuse_repeat(self, step, last_written):
        # Retell answered the previous write with success, yet still shows a field we sent as different:
        # sending it again would loop, and reporting success would be a silent wrong result.
        stuck = [name for name in step.fields if name in last_written and name != PASSWORD_OPTION]
        if stuck:
            raise RetellError('Retell accepted the change to %s but still reports different values for: %s'
                              % (self.number, ', '.join(stuck)))

    def _send(self, step):
        budget = self._budget(step.action)
        if step.action == 'import':
            return self.client.import_phone_number(step.body, budget=budget)
        if step.action == 'create':
            return self.client.create_phone_number(step.body, budget=budget)
        return self.client.update_phone_number(self.number, step.body, budget=budget)

    def _budget(self, action):
        if action not in self._budgets:
            self._budgets[action] = self.client.new_budget()
        return self._budgets[action]

    def _wait_before_resend(self, budget, error):
        """After an unknown outcome: give up when the write's budget is spent, else pause before re-reading."""
        if budget.exhausted:
            raise RetellError('%s; gave up after %d attempts' % (error, budget.used))
        self.client.pause(budget.used, str(error), error.retry_after)

    def _after_unknown_outcome(self, step, error):
        """(current, landed) once the number has been read again; raises when the write's budget is spent."""
        if step.action == 'create':
            return self._after_unknown_purchase(error)
        self._wait_before_resend(self._budget(step.action), error)
        current = self._hold(self._reread())
        return current, self._landed(step, current)

    def _after_unknown_purchase(self, error):
        """A purchase costs money: look for the number even after the last attempt, so a number the lost request
        bought is adopted and reported, and a second one is bought only when the first is not there."""
        budget = self._budget('create')
        if not budget.exhausted:
            self.client.pause(budget.used, str(error), error.retry_after)
        current = self._hold(self._reread())
        if current is None and budget.exhausted:
            raise RetellError('%s; gave up after %d attempts, and reading again shows no number for %s: nothing was bought'
                              % (error, budget.used, self.desired.label))
        return current, current is not None

    def _reread(self):
        return locate(self.client, self.desired)

    def _landed(self, step, current):
        """After an unknown outcome: did the write we sent take effect?"""
        if current is None:
            return False
        if step.action == 'import':
            return True
        return not differing_fields(self.desired, current)

    def _after_refused_first_write(self, step, error):
        """Import or create said "already exists": another run won the race, or another workspace holds the number."""
        if self.desired.phone_number is None or not _already_exists(error):
            if step.action == 'create':
                raise RetellError('Retell refused to sell a number for %s (%s), and nothing was bought: %s'
                                  % (self.desired.label, _purchase_terms(self.desired.purchase), error))
            raise error
        if step.action not in FIRST_WRITES:
            raise error
        current = self._hold(self.client.get_phone_number(self.desired.phone_number))
        if current is None:
            raise RetellError('%s cannot be %s: Retell says it already exists, but this API key cannot see it, '
                              'so the number is registered in another workspace or account. Remove it there first, '
                              'or use that workspace\'s API key.' % (self.desired.phone_number, _FIRST_WRITE_VERBS[step.action]))
        return current

    def _present_diff(self, initial, changed_fields):
        fields = self.desired.fields
        if initial is None:
            after = dict(state='present')
            if self.desired.purchase is not None:
                after['purchase'] = dict(self.desired.purchase)
            for name in changed_fields:
                after[name] = MASK_AFTER if name == PASSWORD_OPTION else comparable_value(name, fields[name])
            return dict(before=dict(state='absent'), after=after)
        before, after = {}, {}
        options = options_from_number(initial)
        for name in changed_fields:
            if name == PASSWORD_OPTION:
                before[name], after[name] = MASK_BEFORE, MASK_AFTER
            else:
                before[name] = comparable_value(name, options.get(name))
                after[name] = comparable_value(name, wanted_value(self.desired, name, initial))
        return dict(before=before, after=after)

    # ---- state: absent ----------------------------------------------------------------

    def ensure_absent(self, current):
        current = self._hold(current)
        if current is None:
            return Outcome(self.number, 'unchanged', False, None, [], {})
        diff = dict(before=_present_options(current), after=dict(state='absent'))
        changed = True if self.check_mode else self._delete_until_gone()
        return Outcome(self.number, 'deleted' if changed else 'unchanged', changed, None, [], diff)

    def _delete_until_gone(self):
        """Delete the number; True when our delete removed it, False when someone else got there first."""
        number = self.number
        budget = self._budget('delete')
        unknown_outcomes = 0
        while True:
            try:
                self.client.delete_phone_number(number, budget=budget)
                return True
            except OutcomeUnknown as error:
                unknown_outcomes += 1
                self._wait_before_resend(budget, error)
                if self.client.get_phone_number(number) is None:
                    return True
            except RetellAPIError as error:
                if not error.is_not_found:
                    raise
                # After an unknown outcome, our earlier delete removed it; otherwise someone else did.
                return unknown_outcomes > 0


def _present_options(number):
    options = options_from_number(number)
    shown = dict(state='present')
    for field in FIELDS:
        value = options.get(field.option)
        if value not in (None, [], ''):
            shown[field.option] = comparable_value(field.option, value)
    return shown


_FIRST_WRITE_VERBS = {'import': 'imported', 'create': 'bought'}


def _already_exists(error):
    return error.status == 400 and 'already exists' in (error.api_message or '').lower()


def _purchase_terms(purchase):
    return ', '.join('%s %s' % (key, str(purchase[key]).lower() if isinstance(purchase[key], bool) else purchase[key])
                     for key in ('area_code', 'country_code', 'number_provider', 'toll_free') if key in purchase)


def _merge(names, more):
    for name in more:
        if name not in names:
            names.append(name)
