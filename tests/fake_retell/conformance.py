# -*- coding: utf-8 -*-
"""Every exchange with the fake, checked against Retell's published OpenAPI document.

The document is tests/openapi/retell-openapi.yaml, with the changes that
tests/openapi/deviations.yml declares applied to it (openapi_document.py). The check needs
`openapi-core` (and PyYAML); the rest of the fake needs only the standard library, so the check
is off unless asked for (FakeRetell(openapi_check=True), or --openapi-check on the command line).

What counts (GET /__fake__/violations):
* a request that breaks the document, unless the fake itself refused it with a 4xx: such a
  request is a test's deliberately bad input (an unknown route, a bad key, a bad body), listed
  under "refused" but not a violation. A request that an injected fault answered still counts
  (the fault chose the answer, not the fake's judgement of the request);
* a response of the fake's own that breaks the document (fault answers are the test's choice
  and are not checked).
The checks run on a worker thread after the answer has gone out, so they never slow an answer
down; reading the report waits until every exchange so far has been checked.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import queue
import threading
import traceback
from urllib.parse import unquote

from .journal import MASK, SECRET_FIELDS
from .openapi_document import retell_openapi

# Requests are checked as if they had gone to the document's own server.
DOCUMENT_SERVER = 'https://api.retellai.com'
# Each list holds at most this many records (the counts go on).
MAX_RECORDS = 500


# -- one exchange --------------------------------------------------------------------------------

class Exchange:
    """What the check needs of one API request and of the fake's own answer (None: no answer of its own)."""

    def __init__(self, method, raw_path, raw_query, headers, body, reply=None):
        self.method = method
        self.raw_path = raw_path
        self.raw_query = raw_query
        self.headers = list(headers)
        self.body = body
        self.reply = reply


class _Request:
    """openapi-core's Request protocol over an Exchange."""

    def __init__(self, exchange):
        from openapi_core.datatypes import RequestParameters  # pylint: disable=import-outside-toplevel
        from werkzeug.datastructures import Headers, ImmutableMultiDict  # pylint: disable=import-outside-toplevel

        self.host_url = DOCUMENT_SERVER
        self.path = exchange.raw_path
        self.method = exchange.method.lower()
        self.body = exchange.body or None
        headers = Headers(exchange.headers)
        self.content_type = (headers.get('Content-Type') or '').lower()
        pairs = []
        for part in exchange.raw_query.split('&'):
            if part:
                name, _sep, value = part.partition('=')
                pairs.append((unquote(name), unquote(value)))
        self.parameters = RequestParameters(query=ImmutableMultiDict(pairs), header=headers)


class _Response:
    """openapi-core's Response protocol over a fake Reply."""

    def __init__(self, reply):
        from werkzeug.datastructures import Headers  # pylint: disable=import-outside-toplevel

        self.status_code = reply.status
        self.data = reply.data
        self.content_type = (reply.content_type or '').lower()
        self.headers = Headers(list(reply.headers.items()))


def _where(label, error):
    """'request body: inbound_agents[0].weight' for a jsonschema error inside the body."""
    text = ''
    for key in error.absolute_path:
        text += '[%d]' % key if isinstance(key, int) else ('.%s' % key if text else str(key))
    return '%s: %s' % (label, text) if text else label


def _label(error):
    """What part of the exchange an openapi-core error is about (None: the exchange as a whole)."""
    names = {cls.__name__ for cls in type(error).__mro__}
    if 'RequestBodyValidationError' in names:
        return 'request body'
    if 'DataValidationError' in names:
        return 'response body'
    if 'ParameterValidationError' in names:
        return '%s parameter %s' % (error.location, error.name)
    return None


def _causes(error):
    causes = []
    cause = error.__cause__
    while cause is not None:
        causes.append(cause)
        cause = cause.__cause__
    return causes


def describe(error):
    """Readable lines for one openapi-core error. A body is never quoted whole: only the values a
    schema rule names (and openapi-core quotes a body it cannot parse, so that case is summed up)."""
    label, causes = _label(error), _causes(error)
    for cause in causes:
        schema_errors = getattr(cause, 'schema_errors', None)
        if schema_errors:
            return ['%s: %s' % (_where(label or 'value', e), e.message) for e in schema_errors]
    if label is None or not causes:
        return [str(error)]
    if 'Deserialize' in type(causes[0]).__name__:
        return ['%s: not valid for its media type (malformed JSON)' % label]
    return ['%s: %s' % (label, causes[0])]


def _secrets(body):
    """The SIP password values in a request body, to be masked in every message."""
    try:
        parsed = json.loads(body.decode('utf-8'))
    except (ValueError, AttributeError, UnicodeDecodeError):
        return []
    if not isinstance(parsed, dict):
        return []
    return [parsed[name] for name in SECRET_FIELDS if isinstance(parsed.get(name), str) and parsed[name]]


def _masked(lines, secrets):
    """Messages quote a value the way repr() does: mask every quoted password."""
    for secret in secrets:
        lines = [line.replace(repr(secret), repr(MASK)) for line in lines]
    return lines


def request_problems(spec, exchange):
    """What is wrong with the request, by the document (an empty list when nothing is)."""
    try:
        (exchange.body or b'').decode('utf-8')
    except UnicodeDecodeError:
        # openapi-core cannot read such a body at all (it raises instead of reporting).
        return ['request body: not UTF-8 text, so not JSON']
    problems = []
    for error in spec.iter_request_errors(_Request(exchange)):
        problems.extend(describe(error))
    return _masked(problems, _secrets(exchange.body))


def response_problems(spec, exchange):
    """What is wrong with the fake's answer to the request, by the document."""
    problems = []
    for error in spec.iter_response_errors(_Request(exchange), _Response(exchange.reply)):
        problems.extend(describe(error))
    return _masked(problems, _secrets(exchange.body))


# -- the record ------------------------------------------------------------------------------------

def fake_refused(exchange, status):
    """The fake's own 4xx: it judged the request bad, so the request was a test's bad input."""
    return exchange.reply is not None and 400 <= status < 500


class Conformance:
    """Checks exchanges on a worker thread and keeps what broke the document.

    A reset of the fake keeps the record (a target resets the fake between playbooks); clear()
    empties it.
    """

    def __init__(self, spec=None):
        self.spec = spec if spec is not None else retell_openapi()
        self._lock = threading.Lock()
        self._queue = queue.Queue()
        self._records = {'violations': [], 'refused': []}
        self._counts = {'violations': 0, 'refused': 0, 'checked': 0}
        worker = threading.Thread(target=self._work, name='fake-retell-openapi-check', daemon=True)
        worker.start()

    def submit(self, entry, exchange, route):
        """Queue one journaled exchange for checking (entry: its journal entry)."""
        self._queue.put((entry, exchange, route))

    def report(self):
        """{"enabled", "checked", "violations", "violation_count", "refused", "refused_count"} once the queue is empty."""
        self._queue.join()
        with self._lock:
            return {
                'enabled': True,
                'checked': self._counts['checked'],
                'violations': copy.deepcopy(self._records['violations']),
                'violation_count': self._counts['violations'],
                'refused': copy.deepcopy(self._records['refused']),
                'refused_count': self._counts['refused'],
            }

    def clear(self):
        self._queue.join()
        with self._lock:
            self._records = {'violations': [], 'refused': []}
            self._counts = {'violations': 0, 'refused': 0, 'checked': 0}

    def _work(self):
        while True:
            entry, exchange, route = self._queue.get()
            try:
                self._check(entry, exchange, route)
            except Exception:  # pylint: disable=broad-except
                # A crash of the check must fail the run, not vanish on a daemon thread.
                self._add('violations', entry, 'check', ['the OpenAPI check crashed: %s' % traceback.format_exc(limit=3)])
            finally:
                self._queue.task_done()

    def _check(self, entry, exchange, route):
        with self._lock:
            self._counts['checked'] += 1
        problems = request_problems(self.spec, exchange)
        if problems:
            kind = 'refused' if fake_refused(exchange, entry['status']) else 'violations'
            self._add(kind, entry, 'request', problems)
        if exchange.reply is not None and route != 'unknown':
            problems = response_problems(self.spec, exchange)
            if problems:
                self._add('violations', entry, 'response', problems)

    def _add(self, kind, entry, side, problems):
        record = {
            'seq': entry['seq'],
            'method': entry['method'],
            'path': entry['path'],
            'route': entry['route'],
            'status': entry['status'],
            'fault': entry['fault'],
            'side': side,
            'problems': problems,
        }
        with self._lock:
            self._counts[kind] += 1
            if len(self._records[kind]) < MAX_RECORDS:
                self._records[kind].append(record)


DISABLED_REPORT = {'enabled': False, 'checked': 0, 'violations': [], 'violation_count': 0, 'refused': [], 'refused_count': 0}
