# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The phone_numbers role's own argument check, run by the role's steps instead of once per host by Ansible.

ansible-core checks a role's variables against meta/argument_specs.yml in a task it adds to every
host (unless the role is imported with rolespec_validate: false). For a thousand hosts that task
costs more than everything else the batched role does, so the batched step checks every host of
the batch in one pass with the same specification, the same checker and the same message.

Private to the collection: names may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values

ROLE_SPEC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                              'roles', 'phone_numbers', 'meta', 'argument_specs.yml')
ENTRY_POINT = 'main'
# The first line of ansible-core's own message, so that both checks read the same.
FAILED = 'Validation of arguments failed:'

_UNSET = object()


def load_role_options(path=ROLE_SPEC_PATH):
    """The options of the role's main entry point, as ansible-core hands them to its checker."""
    loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
    with open(path, 'rb') as stream:
        document = yaml.load(stream, Loader=loader)  # nosec - a safe loader
    return document['argument_specs'][ENTRY_POINT].get('options') or {}


class RoleArgumentCheck:
    """Checks one host's role variables against the role's argument specification."""

    _options = None

    def __init__(self, options=None):
        if options is None:
            options = self._shipped_options()
        self._names = tuple(options)
        self._secret_names = tuple(name for name, spec in options.items() if spec.get('no_log'))
        self._validator = ArgumentSpecValidator(options)

    @classmethod
    def _shipped_options(cls):
        # Read once per process: each batch (and each host applied alone) checks against it.
        if cls._options is None:
            cls._options = load_role_options()
        return cls._options

    def failure(self, inputs):
        """The host's failed result when its variables break the specification, else None.

        `inputs` is the host's HostInputs: each variable is templated as the host's own task would see it.
        """
        values = {}
        for name in self._names:
            value = inputs.value(name, _UNSET)
            if value is not _UNSET:
                values[name] = value
        result = self._validator.validate(values)
        if not result.error_messages:
            return None
        secrets = set(_text_values(values.get(name) for name in self._secret_names))
        errors = [remove_values(message, secrets) if secrets else message for message in result.error_messages]
        return dict(failed=True, changed=False, msg='%s\n%s' % (FAILED, '\n'.join(errors)), argument_errors=errors)


def _text_values(values):
    """Every scalar inside the values as text, the way a message could quote it."""
    pending = list(values)
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value):
            yield str(value)
