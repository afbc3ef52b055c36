# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fake Retell API's control interface (``/__fake__/...``, see tests/fake_retell/README.md):
reset and seed it before a case, read its journal and store after it."""

from __future__ import annotations

import json
import urllib.request


class Fake:

    def __init__(self, url):
        self.url = url.rstrip('/')

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, method=method, data=data,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read().decode() or 'null')

    def reset(self):
        self.call('POST', '/__fake__/reset')

    def seed(self, records):
        if records:
            self.call('POST', '/__fake__/seed', {'numbers': records})

    def journal(self):
        return self.call('GET', '/__fake__/journal')['entries']

    def store(self):
        return self.call('GET', '/__fake__/store')['numbers']

    def check(self):
        config = self.call('GET', '/__fake__/config')
        if 'default' not in config.get('api_keys', []):
            raise SystemExit('the fake at %s has no "default" API key: %r' % (self.url, config))


def count_requests(entries):
    """Requests by method; list requests (v2 and v1) counted apart from the GETs of single numbers."""
    counts = dict(GET=0, LIST=0, POST=0, PATCH=0, DELETE=0, OTHER=0)
    statuses = {}
    for entry in entries:
        if entry.get('route') in ('list', 'list_v1'):
            counts['LIST'] += 1
        elif entry.get('method') in counts:
            counts[entry['method']] += 1
        else:
            counts['OTHER'] += 1
        status = str(entry.get('status'))
        statuses[status] = statuses.get(status, 0) + 1
    counts['total'] = len(entries)
    return counts, statuses
