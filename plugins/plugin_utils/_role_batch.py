# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The batched role, without Ansible's runtime objects: check each host's request, group the hosts
by workspace, and turn one bulk result back into one outcome per host.

A host's request is what retellai.retell.retell_phone_number would have received for that host
(its options and its connection options). Private to the collection: names may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.retellai.retell.plugins.module_utils._client import RetellError, connection_argument_spec
from ansible_collections.retellai.retell.plugins.module_utils._module import argument_spec, secret_values
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    desired_from_params,
    phone_number_argument_spec,
)

SINGLE_MODULE = 'retellai.retell.retell_phone_number'
BULK_MODULE = 'retellai.retell.retell_phone_numbers'
CONNECTION_OPTIONS = tuple(sorted(connection_argument_spec()))


class HostRequest:
    """One host's module options, checked the way the single module would check them, before any request."""

    def __init__(self, host, args):
        self.host = host
        self.number_options = dict((k, v) for k, v in args.items() if k not in CONNECTION_OPTIONS)
        self.connection_options = dict((k, v) for k, v in args.items() if k in CONNECTION_OPTIONS)
        self.identity = None
        self.workspace_key = None
        self.error = _check(self, args)


def _check(request, args):
    """The single module's own error message for these options, or None; secrets masked."""
    secrets = secret_values(argument_spec(**phone_number_argument_spec()), args)
    try:
        validated = _validated(args, secrets)
        desired = desired_from_params(validated)
        # A number bought through Retell may be named by its nickname alone (retell_purchase).
        request.identity = ('phone_number', desired.label) if desired.phone_number else ('nickname', desired.label)
    except (RetellError, _InvalidArguments) as error:
        return _masked(str(error), secrets)
    request.workspace_key = tuple((name, validated.get(name)) for name in CONNECTION_OPTIONS)
    return None


class _InvalidArguments(Exception):
    pass


def _validated(args, secrets):
    result = ArgumentSpecValidator(argument_spec(**phone_number_argument_spec())).validate(dict(args))
    secrets.update(result._no_log_values)
    if result.error_messages:
        message = result.errors.msg
        if isinstance(result.errors[0], UnsupportedError):
            message = 'Unsupported parameters for (%s) module: %s' % (SINGLE_MODULE, message)
        raise _InvalidArguments(message)
    return result.validated_parameters


def _masked(text, secrets):
    return remove_values(text, set(secret for secret in secrets if secret))


class Workspace:
    """The hosts that share one connection (one API key, base URL and client settings): one bulk call."""

    def __init__(self, requests):
        self.requests = requests

    @property
    def hosts(self):
        return [request.host for request in self.requests]

    def module_args(self, concurrency):
        args = dict(self.requests[0].connection_options)
        args.update(numbers=[request.number_options for request in self.requests], concurrency=concurrency,
                    return_numbers=True)
        return args

    def outcomes(self, module_result):
        """{host: outcome} from the bulk module's result: one entry per host, in the order they were sent."""
        results = module_result.get('results')
        if not isinstance(results, list) or len(results) != len(self.requests):
            message = module_result.get('msg') or 'retellai.retell.retell_phone_numbers returned no per-number results'
            return dict((host, dict(failed=True, changed=False, msg=message)) for host in self.hosts)
        return dict((request.host, _host_outcome(entry)) for request, entry in zip(self.requests, results))


def _host_outcome(entry):
    """What retellai.retell.retell_phone_number would have returned for this host."""
    if entry.get('action') == 'failed':
        return dict(failed=True, changed=False, msg=entry.get('msg') or 'failed', action='failed',
                    changed_fields=[])
    outcome = dict(changed=bool(entry.get('changed')), action=entry.get('action'),
                   phone_number=entry.get('number'), changed_fields=entry.get('changed_fields') or [])
    if entry.get('diff') and outcome['changed']:
        outcome['diff'] = entry['diff']
    return outcome


def plan_workspaces(requests):
    """Group valid requests by workspace; a number named by two hosts of one workspace fails both.

    Returns (workspaces, {host: error message}) with the errors of every refused host.
    """
    errors = dict((request.host, request.error) for request in requests if request.error)
    groups = {}
    order = []
    for request in requests:
        if request.error:
            continue
        if request.workspace_key not in groups:
            groups[request.workspace_key] = []
            order.append(request.workspace_key)
        groups[request.workspace_key].append(request)
    workspaces = []
    for key in order:
        kept = _without_duplicates(groups[key], errors)
        if kept:
            workspaces.append(Workspace(kept))
    return workspaces, errors


def _without_duplicates(requests, errors):
    hosts_by_identity = {}
    for request in requests:
        hosts_by_identity.setdefault(request.identity, []).append(request.host)
    kept = []
    for request in requests:
        others = [host for host in hosts_by_identity[request.identity] if host != request.host]
        if others:
            option, label = request.identity
            errors[request.host] = ('%s: %s also describes the number of %s in the same Retell workspace; '
                                    'give each number to one host' % (option, label, ', '.join(others)))
        else:
            kept.append(request)
    return kept
