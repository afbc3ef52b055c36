# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Glue between AnsibleModule and the client: one place turns options into a client and errors into fail_json.

Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
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


def unreadable_entry(spec, params):
    """(where, type name) of the first entry of a list-of-dicts option that cannot be read as a dict."""
    for name, option in spec.items():
        if not (option.get('options') and option.get('type') == 'list' and isinstance(params.get(name), list)):
            continue
        for index, entry in enumerate(params[name]):
            if _as_dict(entry) is None:
                return '%s[%d]' % (name, index), type(entry).__name__
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
    """Resolve and check the connection options (no request is sent)."""
    return ConnectionSettings(module.params)


def client_for(module, settings, pool_size=1):
    return RetellClient(settings, warn=module.warn, pool_size=pool_size)


def run(module, work):
    """Call work(); a RetellError becomes a clean task failure with its message, never a traceback."""
    require_requests(module)
    try:
        result = work()
    except RetellError as error:
        module.fail_json(msg=str(error))
    module.exit_json(**result)
