"""What each run of runme.sh sent to the fake Retell API, from its journal and store (stdlib only).

Usage: check.py PHASE  (RETELL_BASE_URL names the fake)
"""

import hashlib
import json
import os
import sys
import urllib.request

DEFAULT = ['d%02d' % i for i in range(1, 8)]
OTHER = ['o%02d' % i for i in range(1, 4)]
NUMBERS = dict([(host, '+141555507%02d' % int(host[1:])) for host in DEFAULT]
               + [(host, '+162855507%02d' % int(host[1:])) for host in OTHER])
REFUSED = 'd05'


def fake(path):
    with urllib.request.urlopen(os.environ['RETELL_BASE_URL'] + path) as answer:
        return json.load(answer)


def requests():
    """(method, route, number, workspace label, status) of every request, oldest first."""
    return [(e['method'], e['route'], e['number'], e['api_key'], e['status']) for e in fake('/__fake__/journal')['entries']]


def expect(condition, message):
    if not condition:
        sys.exit('FAIL: %s\njournal: %s' % (message, json.dumps(requests())))


def listings(sent):
    return sorted(label for method, route, _number, label, _status in sent if route == 'list')


def others(sent):
    return sorted((method, number, label, status) for method, route, number, label, status in sent if route != 'list')


def label_of(host):
    return 'other' if host in OTHER else 'default'


def check():
    sent = requests()
    expect(listings(sent) == ['default', 'other'], 'check mode: not one listing per workspace')
    expect(others(sent) == [], 'check mode sent more than the listings')
    expect(fake('/__fake__/store')['numbers'] == [], 'check mode stored numbers')


def apply():
    sent = requests()
    expect(listings(sent) == ['default', 'other'], 'apply: not one listing per workspace')
    posts = sorted(('POST', NUMBERS[host], label_of(host), 400 if host == REFUSED else 201) for host in DEFAULT + OTHER)
    expect(others(sent) == posts, 'apply: expected one import per valid host, in its own workspace')
    store = dict((n['record']['phone_number'], n) for n in fake('/__fake__/store')['numbers'])
    stored = dict((number, entry['workspace']) for number, entry in store.items())
    wanted = dict((NUMBERS[host], label_of(host)) for host in DEFAULT + OTHER if host != REFUSED)
    expect(stored == wanted, 'apply: stored %s' % stored)
    for host in ('d01', 'o01'):
        digest = hashlib.sha256(('pw-BATCHLEAK-%s' % host).encode()).hexdigest()
        expect(store[NUMBERS[host]]['password_sha256'] == digest, 'apply: the SIP password of %s did not reach Retell' % host)
    expect(store[NUMBERS['d02']]['record']['nickname'] == 'Line d02', 'apply: nickname of d02')


def recover():
    sent = requests()
    expect(listings(sent) == ['default', 'other'], 'recover: not one listing per workspace')
    expect(others(sent) == [('POST', NUMBERS[REFUSED], 'default', 201)], 'recover: only the refused number is imported')


def steady():
    sent = requests()
    expect([(m, r, label) for m, r, _n, label, _s in sent] == [('GET', 'list', 'default'), ('GET', 'list', 'other')]
           or [(m, r, label) for m, r, _n, label, _s in sent] == [('GET', 'list', 'other'), ('GET', 'list', 'default')],
           'steady: eleven unchanged hosts in two workspaces must cost exactly two listings')


def serial():
    sent = requests()
    expect(listings(sent) == ['default', 'default'], 'serial: two batches must cost two listings')
    expect(others(sent) == [], 'serial: nothing to write')


def limit():
    sent = requests()
    expect(listings(sent) == ['default'], 'limit: the limited hosts are all in the default workspace')
    expect(others(sent) == [('PATCH', NUMBERS['d01'], 'default', 200), ('PATCH', NUMBERS['d02'], 'default', 200)],
           'limit: only the limited hosts may be written')
    store = dict((n['record']['phone_number'], n['record']['nickname']) for n in fake('/__fake__/store')['numbers'])
    expect(store[NUMBERS['d01']] == 'Edited' and store[NUMBERS['d03']] == 'Line d03', 'limit: nicknames %s' % store)


def per_host():
    sent = requests()
    expect(listings(sent) == [], 'one call per host: no listing')
    expect(others(sent) == sorted(('GET', NUMBERS[host], 'other', 200) for host in OTHER), 'one call per host: one GET each')


def skipped_first():
    sent = requests()
    expect(listings(sent) == [], 'skipped first host: no batched listing')
    expect(others(sent) == [('GET', NUMBERS[host], 'other', 200) for host in ('o02', 'o03')], 'skipped first host: o02, o03 alone')


def imported():
    sent = requests()
    expect(listings(sent) == ['other'], 'imported: one listing for the workspace')
    expect(others(sent) == [], 'imported: nothing to write, and nothing for the host that breaks the spec')


def api_host():
    sent = requests()
    expect(listings(sent) == ['other'], 'another API host: the rest of the workspace is still batched')
    expect(others(sent) == [('GET', NUMBERS['o03'], 'other', 200)], 'another API host: o03 alone')


globals()[sys.argv[1]]()
print('ok: %s' % sys.argv[1])
