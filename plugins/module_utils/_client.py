# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The only code in this collection that speaks HTTP to the Retell API.

Private to the collection: names and signatures may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import math
import os
import random
import time
import traceback

from ansible.module_utils.six.moves.urllib.parse import quote, urlparse

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None


DEFAULT_BASE_URL = 'https://api.retellai.com'
API_KEY_ENV = 'RETELL_API_KEY'
BASE_URL_ENV = 'RETELL_BASE_URL'
LIST_PAGE_MAX = 1000

# A Retry-After larger than this is still capped by retry_max_delay; the
# backoff without a header starts at BACKOFF_BASE seconds and doubles.
BACKOFF_BASE = 0.5
LOOPBACK_HOSTS = ('localhost', '127.0.0.1', '::1')

STATUS_HINTS = {
    401: 'the API key is missing or invalid; check api_key or the RETELL_API_KEY environment variable',
    402: 'the Retell account needs a payment method or a higher plan',
    403: 'the API key is not allowed to do this',
}
NOT_RETELL_404_HINT = ('this is not Retell\'s JSON error answer (content type %s), so the request probably did not reach '
                       'the Retell API: check base_url, to which every endpoint path is appended')


def connection_argument_spec():
    """Options every module of the collection accepts (documented in the connection doc fragment)."""
    return dict(
        api_key=dict(type='str', no_log=True),
        base_url=dict(type='str'),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='float', default=30.0),
        retries=dict(type='int', default=3),
        retry_max_delay=dict(type='float', default=30.0),
        allow_insecure_http=dict(type='bool', default=False),
    )


class RetellError(Exception):
    """Anything that stops a task; the message is safe to show (it never holds a secret)."""


class InvalidOption(RetellError):
    """A task option breaks a rule; raised before any request is sent."""

    def __init__(self, option, rule):
        super(InvalidOption, self).__init__('%s: %s' % (option, rule))
        self.option = option


class RetellAPIError(RetellError):
    """Retell answered with an error status."""

    def __init__(self, status, method, path, message, retry_after=None, from_retell=True, content_type=None):
        self.status = status
        self.method = method
        self.path = path
        self.api_message = message
        self.retry_after = retry_after
        # True when the body was a JSON object, the shape of every error Retell itself sends.
        self.from_retell = from_retell
        text = 'Retell API %s %s failed with HTTP %s: %s' % (method, path, status, message)
        hint = STATUS_HINTS.get(status)
        if status == 404 and not from_retell:
            hint = NOT_RETELL_404_HINT % (content_type or 'no content type')
        if hint:
            text = '%s (%s)' % (text, hint)
        super(RetellAPIError, self).__init__(text)

    @property
    def is_not_found(self):
        return self.from_retell and is_not_found(self.status, self.api_message)

    @property
    def is_retryable(self):
        return self.status == 429 or self.status >= 500


class OutcomeUnknown(RetellError):
    """A request got no usable answer (5xx, dropped connection, timeout).

    For a write the server may have stored it anyway: callers re-read the number
    before deciding to send it again.
    """

    def __init__(self, method, path, reason, retry_after=None):
        super(OutcomeUnknown, self).__init__('Retell API %s %s: %s' % (method, path, reason))
        self.retry_after = retry_after


def is_not_found(status, message):
    """Retell says "not found" as 404 (seen live) or as 422 "Cannot find requested asset" (documented).

    Only for an answer whose body was Retell's JSON error object: a 404 page from a proxy or a
    wrong base_url must not read as "the number does not exist".
    """
    if status == 404:
        return True
    return status == 422 and 'cannot find' in (message or '').lower()


def _env(name):
    # An empty variable (an unset AWX credential field) means "not set".
    value = os.environ.get(name)
    return value if value else None


def _parse_base_url(base_url):
    """The parsed base_url, or InvalidOption naming base_url when it is not one absolute http(s) URL."""
    rule = 'must be an absolute http:// or https:// URL such as %s, got %r' % (DEFAULT_BASE_URL, base_url)
    try:
        url = urlparse(base_url)
        hostname, port = url.hostname, url.port
    except ValueError as error:
        raise InvalidOption('base_url', '%s (%s)' % (rule, error))
    if url.scheme not in ('http', 'https') or not hostname:
        raise InvalidOption('base_url', rule)
    if url.query or url.fragment or any(ch.isspace() for ch in base_url):
        raise InvalidOption('base_url', 'must be an absolute http:// or https:// URL without spaces, query or fragment, '
                                        'got %r' % base_url)
    return url


class ConnectionSettings:
    """Connection options resolved from task parameters and the environment, then checked."""

    def __init__(self, params):
        self.api_key = params.get('api_key') or _env(API_KEY_ENV)
        self.base_url = (params.get('base_url') or _env(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip('/')
        self.validate_certs = params.get('validate_certs', True)
        self.ca_path = params.get('ca_path')
        self.timeout = params.get('timeout', 30.0)
        self.retries = params.get('retries', 3)
        self.retry_max_delay = params.get('retry_max_delay', 30.0)
        self.allow_insecure_http = params.get('allow_insecure_http', False)
        self.warnings = []
        self._check()

    def _check(self):
        if not self.api_key:
            raise InvalidOption('api_key', 'is required; set the option or the %s environment variable' % API_KEY_ENV)
        if any(ch.isspace() or not 32 < ord(ch) < 127 for ch in self.api_key):
            # requests would put the raw value into its error message; refuse it without showing it.
            raise InvalidOption('api_key', 'must be printable ASCII without spaces or line breaks; check for a '
                                           'stray newline or quote around the key')
        url = _parse_base_url(self.base_url)
        if url.path not in ('', '/'):
            self.warnings.append(
                'base_url %s has a path (%s); every endpoint path such as /get-phone-number is appended to it, so '
                'check that this is what you want (Retell\'s own base_url is %s)' % (self.base_url, url.path, DEFAULT_BASE_URL))
        if url.scheme == 'http' and url.hostname not in LOOPBACK_HOSTS and not self.allow_insecure_http:
            raise InvalidOption(
                'base_url', 'uses plain http:// to %s, which would send the API key unencrypted; '
                'use https:// or set allow_insecure_http: true' % url.hostname)
        if self.timeout is None or self.timeout <= 0:
            raise InvalidOption('timeout', 'must be a number of seconds greater than 0')
        if self.retries is None or not 0 <= self.retries <= 20:
            raise InvalidOption('retries', 'must be between 0 and 20')
        if self.retry_max_delay is None or self.retry_max_delay < 0:
            raise InvalidOption('retry_max_delay', 'must be 0 or more seconds')

    @property
    def max_attempts(self):
        return self.retries + 1


def phone_number_path(action, number):
    # quote() with safe='' sends '+' as %2B, which Retell reads back as '+'.
    return '/%s-phone-number/%s' % (action, quote(number, safe=''))


def display_path(path):
    return path.replace('%2B', '+')


def retry_after_seconds(headers):
    """Seconds the server asked us to wait, from retry-after-ms or Retry-After (seconds or HTTP date).

    A value that is not a finite number of 0 or more, nor an HTTP date, counts as absent, so the
    caller falls back to its own backoff instead of sleeping for NaN, forever or a negative time.
    """
    if not headers:
        return None
    millis = _finite_non_negative(headers.get('retry-after-ms'))
    if millis is not None:
        return millis / 1000.0
    value = headers.get('retry-after')
    if not value:
        return None
    seconds = _finite_non_negative(value)
    if seconds is not None:
        return seconds
    return _seconds_until(value)


def _finite_non_negative(text):
    if not text:
        return None
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    if math.isnan(value) or math.isinf(value) or value < 0:
        return None
    return value


def _seconds_until(http_date):
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    try:
        return max(when.timestamp() - time.time(), 0.0)
    except (OverflowError, OSError, ValueError):
        return None


def _error_body(response):
    """(Retell's own message or a description of what came instead, whether the body was a JSON object)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        message = body.get('message')
        return (str(message) if message else 'no message in the JSON error body'), True
    if not response.content:
        return 'empty response body', False
    return 'response body is not the JSON error envelope (%s)' % _content_type(response), False


def _content_type(response):
    return response.headers.get('content-type', 'no content type').split(';')[0]


class AttemptBudget:
    """How many times one write may be sent in all: retries + 1.

    The client's 429 loop and the engine's loop after an unknown outcome both draw from the
    same budget, so a write is never sent more often than the documented retries allow.
    """

    def __init__(self, max_attempts):
        self.max_attempts = max_attempts
        self.used = 0

    def take(self):
        """Count one more send and return its number (1 for the first)."""
        self.used += 1
        return self.used

    @property
    def exhausted(self):
        return self.used >= self.max_attempts


class RetellClient:
    """A requests.Session wrapper with Retell's auth, error envelope and retry rules.

    Reads (GET) are retried on connection errors, timeouts, 429 and 5xx. Writes are
    retried only on 429 (the request was refused, so nothing was stored); for other
    failures the outcome is unknown, and OutcomeUnknown lets the caller re-read
    the number before deciding whether to send the write again.
    """

    def __init__(self, settings, warn=None, pool_size=1, sleep=time.sleep):
        self.settings = settings
        self._warn = warn or (lambda message: None)
        self._sleep = sleep
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(pool_size, 1))
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)
        self.session.headers.update({
            'Authorization': 'Bearer %s' % settings.api_key,
            'Accept': 'application/json',
            'User-Agent': 'ansible-retellai.retell',
        })
        # Passed with every request: a session-level verify loses to REQUESTS_CA_BUNDLE in the environment.
        self.verify = settings.ca_path or settings.validate_certs

    # ---- phone-number operations -------------------------------------------------------

    def get_phone_number(self, number):
        """The number as Retell returns it, or None when Retell says it is not found."""
        try:
            return self.read('GET', phone_number_path('get', number))
        except RetellAPIError as error:
            if error.is_not_found:
                return None
            raise

    def import_phone_number(self, body, budget=None):
        return self.write('POST', '/import-phone-number', body, budget=budget)

    def create_phone_number(self, body, budget=None):
        """Buy a number (costs money): the caller re-reads after an unknown outcome before sending again."""
        return self.write('POST', '/create-phone-number', body, budget=budget)

    def update_phone_number(self, number, body, budget=None):
        return self.write('PATCH', phone_number_path('update', number), body, budget=budget)

    def delete_phone_number(self, number, budget=None):
        return self.write('DELETE', phone_number_path('delete', number), budget=budget)

    def new_budget(self):
        return AttemptBudget(self.settings.max_attempts)

    def list_phone_numbers(self, page_size=LIST_PAGE_MAX):
        """Every number of the workspace, following pagination_key while has_more."""
        numbers = []
        query = {'limit': page_size, 'sort_order': 'ascending'}
        while True:
            page = self.read('GET', '/v2/list-phone-numbers', query=query)
            items = page.get('items') if isinstance(page, dict) else None
            if not isinstance(items, list):
                raise RetellError('Retell API GET /v2/list-phone-numbers returned no "items" list')
            numbers.extend(items)
            if not page.get('has_more'):
                return numbers
            if not page.get('pagination_key'):
                raise RetellError('Retell API GET /v2/list-phone-numbers said has_more but gave no pagination_key')
            query = dict(query, pagination_key=page['pagination_key'])

    # ---- request plumbing -------------------------------------------------------------

    def read(self, method, path, query=None):
        for attempt in range(1, self.settings.max_attempts + 1):
            try:
                return self._send(method, path, query=query)
            except RetellAPIError as error:
                if not error.is_retryable or attempt == self.settings.max_attempts:
                    raise
                self.pause(attempt, str(error), error.retry_after)
            except OutcomeUnknown as error:
                if attempt == self.settings.max_attempts:
                    raise RetellError('%s; gave up after %d attempts' % (error, attempt))
                self.pause(attempt, str(error), error.retry_after)
        raise RetellError('unreachable')  # pragma: no cover

    def write(self, method, path, body=None, budget=None):
        """Send one write; retried here only on 429, where Retell stored nothing.

        Every send draws from budget (a fresh one when not given); a 5xx, timeout or dropped
        connection raises OutcomeUnknown for the caller to re-read before sending again.
        """
        budget = budget or self.new_budget()
        while True:
            attempt = budget.take()
            try:
                return self._send(method, path, body=body)
            except RetellAPIError as error:
                if error.status >= 500:
                    raise OutcomeUnknown(method, error.path, 'HTTP %s: %s' % (error.status, error.api_message),
                                         retry_after=error.retry_after)
                if error.status != 429 or budget.exhausted:
                    raise
                self.pause(attempt, str(error), error.retry_after)

    def pause(self, attempt, reason, retry_after=None):
        """Warn and wait before attempt + 1: the server's Retry-After if given, else jittered backoff."""
        cap = self.settings.retry_max_delay
        if retry_after is not None:
            delay = min(retry_after, cap)
        else:
            delay = min(BACKOFF_BASE * (2 ** (attempt - 1)), cap) * random.uniform(0.75, 1.0)
        self._warn('%s; retrying in %.1f s (attempt %d of %d)' % (reason.rstrip('.'), delay, attempt + 1, self.settings.max_attempts))
        self._sleep(delay)

    def _send(self, method, path, query=None, body=None):
        shown = display_path(path)
        url = self.settings.base_url + path
        try:
            response = self.session.request(method, url, params=query, json=body, timeout=self.settings.timeout,
                                            verify=self.verify)
        except requests.exceptions.SSLError as error:
            raise RetellError(
                'TLS certificate verification failed for %s (%s); point ca_path at the CA bundle that signed the '
                'server certificate, or set validate_certs: false only for a test server' % (self.settings.base_url, _short(error)))
        except requests.exceptions.Timeout:
            raise OutcomeUnknown(method, shown, 'no answer within %s s (timeout)' % self.settings.timeout)
        except requests.exceptions.ConnectionError as error:
            raise OutcomeUnknown(method, shown, 'connection failed (%s)' % _short(error))
        except requests.exceptions.RequestException as error:
            raise RetellError('Retell API %s %s: %s' % (method, shown, _short(error)))
        if response.status_code >= 400:
            message, from_retell = _error_body(response)
            raise RetellAPIError(response.status_code, method, shown, message, retry_after=retry_after_seconds(response.headers),
                                 from_retell=from_retell, content_type=_content_type(response))
        if response.status_code == 204 or method == 'DELETE':
            return None
        try:
            body = response.json()
        except ValueError:
            what = 'an empty body' if not response.content else 'a body that is not valid JSON (%s)' % _content_type(response)
            raise RetellError('Retell API %s %s answered HTTP %s with %s where JSON was expected'
                              % (method, shown, response.status_code, what))
        if not isinstance(body, dict):
            # Every Retell endpoint the collection calls answers with one JSON object.
            raise RetellError('Retell API %s %s answered HTTP %s with a JSON %s where a JSON object was expected'
                              % (method, shown, response.status_code, _json_kind(body)))
        return body


def _json_kind(value):
    if isinstance(value, list):
        return 'list'
    if isinstance(value, str):
        return 'string'
    if isinstance(value, bool):
        return 'boolean'
    if value is None:
        return 'null'
    return 'number'


def _short(error):
    """The innermost reason of a requests exception, without the URL's query or headers."""
    text = str(error)
    return text if len(text) <= 300 else text[:297] + '...'
