# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Glue between AnsibleModule and the client: one place turns options into a client and errors into fail_json.

Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS
from ansible.module_utils.common.validation import check_type_dict

from ansible_collections.retellai.retell.plugins.module_utils._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ConnectionSettings,
    RetellClient,
    RetellError,
    connection_argument_spec,
)


class RetellModule(AnsibleModule):
    """AnsibleModule that knows the task's secrets before argument validation runs.

    ansible-core collects no_log values during validation and drops all of them when one entry of a
    list of dicts is not a dict, and then fails with every option (the API key included) in the
    result. Collecting the secrets from the raw options first keeps them masked in that failure too.
    """

    def _load_params(self):
        super(RetellModule, self)._load_params()
        self.no_log_values.update(secret_values(self.argument_spec, self.params))
        unreadable = unreadable_entry(self.argument_spec, self.params)
        if unreadable:
            # ansible-core's own message for this case names neither the option nor the entry.
            self.fail_json(msg='%s: must be a dictionary of options, got %s' % unreadable)
        # ansible-core's messages for the cases below say "found in 'numbers'" without the entry, or
        # describe the conversion it tried instead of the rule: check them first, naming the place.
        problem = option_problem(self.argument_spec, self.params, entries_only=True)
        if problem:
            self.fail_json(msg=problem)


def unreadable_entry(spec, params):
    """(where, type name) of the first entry of a list-of-dicts option that cannot be read as a dict."""
    for name, option in spec.items():
        if not (option.get('options') and option.get('type') == 'list' and isinstance(params.get(name), list)):
            continue
        for index, entry in enumerate(params[name]):
            if _as_dict(entry) is None:
                return '%s[%d]' % (name, index), type(entry).__name__
    return None


AGENT_ENTRY_RULE = 'must be a dictionary with agent_id and weight'
TYPE_WORDS = {'str': 'a string', 'list': 'a list', 'dict': 'a dictionary', 'bool': 'a boolean (true or false)',
              'int': 'an integer', 'float': 'a number', 'path': 'a path', 'raw': 'a value'}


def option_problem(spec, params, prefix='', entries_only=False):
    """The first option of params that breaks its type, elements, choices or required rule, as a message.

    At the top level (entries_only) only list elements and the entries of list-of-dicts options are
    checked, since ansible-core's messages name top-level options well; inside an entry everything is,
    and the message names the entry: numbers[3].inbound_agents.
    """
    if not isinstance(params, dict):
        return None
    if not entries_only:
        problem = _unknown_or_missing(spec, params, prefix)
        if problem:
            return problem
    for name, option in spec.items():
        value = params.get(name)
        if value is None:
            continue
        where = prefix + name
        problem = None
        if not entries_only:
            problem, value = _checked_value(where, option, value)
        if problem is None and option.get('type') == 'list' and isinstance(value, list):
            problem = _elements_problem(where, option, value)
        if problem:
            return problem
    return None


def _unknown_or_missing(spec, params, prefix):
    known = set(spec)
    for option in spec.values():
        known.update(option.get('aliases') or [])
    unknown = sorted(str(key) for key in params if key not in known)
    if unknown:
        return '%s%s: unknown option; the options are %s' % (prefix, unknown[0], ', '.join(sorted(spec)))
    for name, option in spec.items():
        if option.get('required') and params.get(name) is None:
            return '%s%s: is required' % (prefix, name)
    return None


def _checked_value(where, option, value):
    """(problem or None, the value converted as ansible-core would convert it)."""
    kind = option.get('type', 'str')
    validator = DEFAULT_TYPE_VALIDATORS.get(kind)
    if validator is not None:
        try:
            value = validator(value)
        except (TypeError, ValueError):
            return '%s: must be %s (got %s)' % (where, TYPE_WORDS.get(kind, kind), type(value).__name__), value
    choices = option.get('choices')
    if choices and value not in choices:
        return '%s: must be one of %s (got %r)' % (where, ', '.join(map(str, choices)), value), value
    return None, value


def _elements_problem(where, option, value):
    kind = option.get('elements')
    for index, element in enumerate(value):
        here = '%s[%d]' % (where, index)
        if kind == 'dict':
            entry = _as_dict(element)
            if entry is None:
                return '%s: %s' % (here, AGENT_ENTRY_RULE if where.endswith('_agents') else 'must be a dictionary')
            if option.get('options'):
                problem = option_problem(option['options'], entry, prefix=here + '.')
                if problem:
                    return problem
        elif kind in DEFAULT_TYPE_VALIDATORS:
            problem = _checked_value(here, dict(type=kind), element)[0]
            if problem:
                return problem
    return None


def secret_values(spec, params):
    """Every non-empty no_log value in params, reading entries of any shape without failing."""
    found = set()
    if not isinstance(params, dict):
        return found
    for name, option in spec.items():
        for key in [name] + list(option.get('aliases') or []):
            if key not in params:
                continue
            value = params[key]
            if option.get('no_log'):
                found.update(_strings_in(value))
            if option.get('options'):
                for entry in _entries(value):
                    found.update(secret_values(option['options'], entry))
    return found


def _entries(value):
    """The dicts a dict or list-of-dicts option holds, as ansible-core would read them."""
    for entry in value if isinstance(value, list) else [value]:
        entry = _as_dict(entry)
        if entry is not None:
            yield entry


def _as_dict(entry):
    if isinstance(entry, str):
        try:
            entry = check_type_dict(entry)
        except (TypeError, ValueError):
            return None
    return entry if isinstance(entry, dict) else None


def _strings_in(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return set(text for item in value for text in _strings_in(item))
    if isinstance(value, bool) or value is None:
        return set()
    text = value if isinstance(value, str) else str(value)
    return set([text]) if text else set()


def argument_spec(**options):
    """The module's own options plus the shared connection options."""
    spec = connection_argument_spec()
    spec.update(options)
    return spec


def require_requests(module):
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)


def connection_settings(module):
    """Resolve and check the connection options (no request is sent); warn about what looks wrong."""
    settings = ConnectionSettings(module.params)
    for warning in settings.warnings:
        module.warn(warning)
    return settings


def client_for(module, settings, pool_size=1):
    return RetellClient(settings, warn=module.warn, pool_size=pool_size)


def run(module, work):
    """Call work(); any error becomes a clean task failure with a message, never a traceback."""
    require_requests(module)
    try:
        result = work()
    except RetellError as error:
        module.fail_json(msg=str(error))
    except Exception as error:  # pylint: disable=broad-except
        # Anything else is a defect of the collection: say so, without a traceback or a secret.
        module.fail_json(msg=unexpected_failure(error, module.no_log_values))
    module.exit_json(**result)


def unexpected_failure(error, secrets):
    """The message for an exception the collection did not expect: its type and a short, masked text."""
    text = str(error)
    for secret in sorted(secrets or (), key=len, reverse=True):
        if secret:
            text = text.replace(secret, '********')
    if len(text) > 300:
        text = text[:297] + '...'
    return ('Unexpected %s in the retellai.retell collection: %s. This is a bug in the collection, not in your task; '
            'please report it with the task (secrets removed) and the output of -vvv.' % (type(error).__name__, text or 'no message'))
