# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Glue between AnsibleModule and the client: one place turns options into a client and errors into fail_json.

Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.retellai.retell.plugins.module_utils._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ConnectionSettings,
    RetellClient,
    RetellError,
    connection_argument_spec,
)


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
