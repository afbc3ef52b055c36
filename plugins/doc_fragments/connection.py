# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - Retell API key, sent as a Bearer token.
      - When not set, the value of the E(RETELL_API_KEY) environment variable is used;
        an empty variable counts as unset.
      - The key never appears in task output, diffs or error messages.
    type: str
  base_url:
    description:
      - Base URL of the Retell API.
      - When not set, the value of the E(RETELL_BASE_URL) environment variable is used,
        and when that is unset or empty, V(https://api.retellai.com).
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set to V(false) only for a test server.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM file of CA certificates used to verify the server, for a proxy or
        test server signed by a private CA. Takes precedence over O(validate_certs).
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP answer.
    type: float
    default: 30
  retries:
    description:
      - How many times to retry after the first attempt when Retell is throttling (HTTP 429),
        failing (HTTP 5xx) or unreachable.
      - Waits honour C(Retry-After) and C(retry-after-ms), otherwise back off exponentially with jitter
        from 0.5 seconds; each retry is shown as a warning.
      - A write whose outcome is unknown is never sent again blindly; the number is read back first.
      - Between 0 and 20. Together with O(timeout) and O(retry_max_delay) it bounds how long a task
        keeps trying when Retell cannot be reached.
    type: int
    default: 3
  retry_max_delay:
    description:
      - The longest single wait between two attempts, in seconds, whatever C(Retry-After) asks for.
      - V(0) retries at once.
    type: float
    default: 30
  allow_insecure_http:
    description:
      - Allow a plain C(http://) O(base_url) for a host other than the loopback address.
      - Without it such a URL is refused before any connection, since it would send the API key unencrypted.
    type: bool
    default: false
notes:
  - Requests go through a C(requests) session, so C(HTTPS_PROXY) and C(NO_PROXY) are honoured.
requirements:
  - requests >= 2.25
'''
