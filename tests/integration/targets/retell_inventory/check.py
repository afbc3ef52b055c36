# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Seeds the fake Retell API and checks what ansible-inventory and the role did, from their output
and from the fake's journal. Usage: python check.py <step> [files...]; see runme.sh."""

import glob
import json
import os
import re
import sys
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
API_KEY = os.environ['RETELL_API_KEY']
SCALE = 2500
PAGE = 1000


def fail(message):
    sys.exit('FAIL: %s' % message)


def expect(condition, message):
    if not condition:
        fail(message)


def fake(path, body=None, method=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(os.environ['RETELL_BASE_URL'] + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def journal():
    return fake('/__fake__/journal')['entries']


def read(path):
    with open(path) as handle:
        return handle.read()


def inventory(path):
    return json.loads(read(path))


def hostvars(path):
    return inventory(path)['_meta']['hostvars']


def plain(value):
    """ansible-inventory --list marks values that came from Retell as unsafe ({"__ansible_unsafe": ...})."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def no_secret_in(*paths):
    for path in paths:
        for name in [path] if os.path.isfile(path) else glob.glob(os.path.join(path, '**', '*'), recursive=True):
            if os.path.isfile(name):
                text = read(name)
                expect(API_KEY not in text, 'the API key is in %s' % name)
                expect('pw-INVLEAK' not in text, 'a SIP password is in %s' % name)


def scale_number(index):
    kind = 'retell-twilio' if index % 10 == 0 else 'custom'
    return {'phone_number': '+1415556%04d' % index, 'phone_number_type': kind,
            'nickname': ('Support %d' if index % 2 else 'Sales %d') % index}


def expected_scale():
    return dict((number['phone_number'], number) for number in map(scale_number, range(1, SCALE + 1)))


def list_requests(count):
    """Exactly `count` list requests at 1000 per page, with the key of the default workspace, and nothing else."""
    entries = journal()
    shown = [(e['method'], e['route'], e['query'].get('limit')) for e in entries]
    expect(shown == [('GET', 'list', str(PAGE))] * count, 'expected %d list requests, the journal has %s' % (count, shown))
    expect(all(e['api_key'] == 'default' and e['status'] == 200 for e in entries), 'list requests: %s' % entries)


# ---- steps ----------------------------------------------------------------------------------------

def step_seed_scale():
    fake('/__fake__/seed', {'numbers': list(expected_scale().values())})
    fake('/__fake__/journal', method='DELETE')


def step_scale(out):
    """2,500 numbers: 3 requests, one host each, keyed groups by type, every host under retell."""
    list_requests(3)
    data, wanted = inventory(out), expected_scale()
    hosts = hostvars(out)
    expect(sorted(hosts) == sorted(wanted), '%d hosts, expected %d' % (len(hosts), len(wanted)))
    for number, seeded in wanted.items():
        variables = plain(hosts[number])
        expect(variables['retell_phone_number'] == number and variables['retell_nickname'] == seeded['nickname']
               and variables['retell_phone_number_type'] == seeded['phone_number_type'], 'host %s: %s' % (number, variables))
    by_type = dict((kind, sorted(n for n, s in wanted.items() if s['phone_number_type'] == kind)) for kind in ('custom', 'retell-twilio'))
    expect(sorted(data['type_custom']['hosts']) == by_type['custom'], 'group type_custom: %d hosts' % len(data['type_custom']['hosts']))
    expect(sorted(data['type_retell_twilio']['hosts']) == by_type['retell-twilio'], 'group type_retell_twilio')
    expect(len(by_type['retell-twilio']) == 250, 'seeded %d bought numbers' % len(by_type['retell-twilio']))
    expect(data['retell']['children'] == ['retell_numbers'] and len(data['retell_numbers']['hosts']) == SCALE,
           'groups retell / retell_numbers: %s' % data.get('retell'))
    no_secret_in(out)


def step_filtered(out):
    """Two filters, both must hold (Sales 2..., not bought); the same 3 requests; names from the hostnames template."""
    list_requests(3)
    hosts = hostvars(out)
    wanted = sorted('sales_%d' % i for i in range(1, SCALE + 1) if i % 2 == 0 and i % 10 != 0 and str(i).startswith('2'))
    expect(sorted(hosts) == wanted, '%d filtered hosts, expected %d: %s' % (len(hosts), len(wanted), sorted(hosts)[:5]))
    expect(plain(hosts['sales_2002']['retell_phone_number']) == '+14155562002', 'sales_2002: %s' % hosts['sales_2002'])
    expect(plain(hosts['sales_2002']['ansible_connection']) == 'local', 'compose did not set ansible_connection')
    no_secret_in(out)


def step_cached(first, second, cache_dir):
    """The second run came from the cache: no request, the same inventory, no key in the cache."""
    list_requests(0)
    expect(inventory(first) == inventory(second), 'the cached inventory differs from the first one')
    files = [name for name in glob.glob(os.path.join(cache_dir, '*')) if os.path.isfile(name)]
    expect(len(files) == 1, 'cache files: %s' % files)
    expect('+14155562002' in read(files[0]), 'the cache file does not hold the numbers')
    no_secret_in(cache_dir)


def step_failed(kind, output):
    """A clean failure: the plugin's message, no traceback, no key, and (without a key) no request."""
    # ansible-core before 2.19 wraps warnings at 80 columns.
    text = ' '.join(read(output).split())
    expect('Traceback' not in text, 'a traceback in the %s output' % kind)
    if kind == 'no_key':
        expect('api_key: is required; set the option or the RETELL_API_KEY environment variable' in text,
               'no-key message missing:\n%s' % text)
        list_requests(0)
    elif kind == 'bad_key':
        expect('Retell API GET /v2/list-phone-numbers failed with HTTP 401: API key is missing or invalid.' in text,
               'HTTP 401 message missing:\n%s' % text)
        expect('wrong-INVLEAK-0b7a' not in text, 'the wrong key is in the output')
    elif kind == 'duplicate':
        expect('hostnames: more than one number would get the same host name (custom: +14155550100, +12125550100, '
               'internal-7); make the template unique per number' in text,
               'duplicate-name message missing:\n%s' % text)
    elif kind == 'strict_filter':
        expect("filters: 'retell_codecs | length > 1' could not be evaluated for +12125550100: " in text,
               'strict filter message missing:\n%s' % text)
    no_secret_in(output)


def step_seed_roundtrip():
    fake('/__fake__/reset', method='POST')
    # Older deployments also answer with removed keys (inbound_agent_id ...): the plugin must ignore them.
    fake('/__fake__/config', {'legacy_fields_in_response': True})
    with open(os.path.join(HERE, 'roundtrip_numbers.json')) as handle:
        fake('/__fake__/seed', {'numbers': json.load(handle)})
    fake('/__fake__/journal', method='DELETE')


def step_static(path):
    """The exported static inventory: the role's variables with agent versions, nothing secret."""
    data = yaml.safe_load(read(path))
    hosts = data['all']['children']['retell']['children']['retell_numbers']['hosts']
    expect(sorted(hosts) == sorted(['+14155550100', '+12125550100', '+14155550110', '+4930123456', 'internal-7']),
           'static hosts: %s' % sorted(hosts))
    front = hosts['+14155550100']
    expect(front['retell_inbound_agents'] == [{'agent_id': 'agent_reception', 'weight': 0.5, 'agent_version': 3},
                                              {'agent_id': 'agent_overflow', 'weight': 0.5, 'agent_version': 'prod'}],
           'inbound agents: %s' % front['retell_inbound_agents'])
    expect(front['retell_transport'] == 'TLS' and front['retell_codecs'] == ['PCMU', 'OPUS']
           and front['retell_sip_trunk_auth_username'] == 'contoso-trunk', 'trunk settings: %s' % front)
    expect(not any('password' in key or 'agent_id' == key[len('retell_'):] for h in hosts.values() for key in h),
           'a password or legacy variable in the static inventory')
    expect('retell_transport' not in hosts['+12125550100'], 'a transport Retell holds as null became a variable')
    bare = ['retell_last_modification_timestamp', 'retell_phone_number', 'retell_phone_number_pretty', 'retell_phone_number_type']
    expect(sorted(hosts['+4930123456']) == bare, 'a number without settings: %s' % hosts['+4930123456'])
    expect(hosts['internal-7'].get('retell_ignore_e164_validation') is True, 'pseudo number: %s' % hosts['internal-7'])
    no_secret_in(path)
    # Only the listing made this file.
    list_requests(1)
    fake('/__fake__/journal', method='DELETE')


def step_seed_template_nickname():
    # Text that looks like a template, typed into the dashboard: it must stay text.
    fake('/__fake__/seed', {'numbers': [{'phone_number': '+14155550120', 'nickname': "{{ lookup('env', 'HOME') }}",
                                         'inbound_agents': [{'agent_id': 'agent_reception', 'weight': 1}]}]})
    fake('/__fake__/journal', method='DELETE')


def step_roundtrip(output, listed):
    """The role in check mode: changed=0 on every host, one listing for all of them, no write."""
    recap = dict((host, dict((k, int(v)) for k, v in re.findall(r'(\w+)=(\d+)', counts)))
                 for host, counts in re.findall(r'^(\S+)\s+:\s+(ok=.*)$', read(output), re.M))
    numbers = sorted(record['record']['phone_number'] for record in fake('/__fake__/store')['numbers'])
    expect(sorted(recap) == numbers, 'recap hosts %s, stored numbers %s' % (sorted(recap), numbers))
    bad = dict((host, counts) for host, counts in recap.items()
               if counts['changed'] or counts['failed'] or counts['unreachable'] or not counts['ok'])
    expect(not bad, 'hosts with changes or failures: %s' % bad)
    entries = journal()
    writes = [(e['method'], e['path']) for e in entries if e['method'] != 'GET']
    expect(not writes, 'check mode wrote: %s' % writes)
    # The batched role reads the whole workspace with one listing (on top of the plugin's own, if any).
    gets = sorted(e['number'] for e in entries if e['route'] == 'get')
    expect(gets == [], 'the batched role sent a GET per number: %s' % gets)
    expect([e['route'] for e in entries].count('list') == int(listed) + 1, 'list requests: %s' % [e['route'] for e in entries])
    no_secret_in(output)
    fake('/__fake__/journal', method='DELETE')


globals()['step_' + sys.argv[1]](*sys.argv[2:])
print('ok: %s' % ' '.join(sys.argv[1:2]))
