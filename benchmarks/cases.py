# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the benchmark runs: the variants, the scenarios, the numbers, and what each case should do.

A case is (variant, scenario, N): one ``ansible-playbook`` run of the variant's playbook over N numbers,
after the fake has been reset and seeded for the scenario.

To add a variant: a playbook in benchmarks/playbooks/ and one ``Variant(...)`` in VARIANTS below
(its position there is its place in tables, the chart and the run order); give it a colour in
chart.py STYLES if the default is not wanted. Everything else (the plan, the checks, the
projection to N = 1,000, the report rows) follows from the Variant's fields.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

SEED = 20261125
API_KEY = 'test-key-default'
SCENARIOS = ('nothing', 'update10', 'new')
SCENARIO_TITLES = {
    'nothing': 'nothing to change',
    'update10': '10% to update',
    'new': 'all new',
}
PROJECTED_N = 1000


@dataclass(frozen=True)
class Variant:
    """One way of managing N numbers with Ansible, as one playbook run."""

    name: str
    title: str
    playbook: str | None  # file name in benchmarks/playbooks/ (None for the inventory plugin)
    forks: int | None = None  # ansible-playbook -f (None: the default)
    scenarios: tuple = SCENARIOS
    sizes: tuple = (10, 100)
    # One module run per number: its time grows per number, so N = 1,000 is projected from N = 10 and 100.
    per_number: bool = True
    # The inventory holds one host per number (the role); otherwise localhost with the numbers as the
    # extra variable bench_numbers.
    host_per_number: bool = False
    # How the variant reads what Retell holds: 'get' (one GET per number), 'list' (list pages of 1,000),
    # or 'none' (a baseline that sends no request).
    reads: str = 'get'
    # False for a variant that only reads: the fake must still hold what was seeded.
    writes: bool = True
    extra_vars: dict = field(default_factory=dict)
    # What runs: 'ansible-playbook' with the playbook, or 'ansible-inventory' --list over the
    # collection's inventory plugin (a configuration file with only `plugin:`).
    command: str = 'ansible-playbook'
    # Drawn in docs/benchmarks.png (wall time of playbook runs against N up to 1,000).
    in_chart: bool = True


# In the order of tables, the chart's legend and the run.
VARIANTS = {variant.name: variant for variant in (
    Variant('uri', '(d) loop of ansible.builtin.uri (GET only)', 'uri_loop.yml', scenarios=('nothing',), writes=False),
    Variant('loop', '(a) loop of retell_phone_number', 'loop.yml'),
    # (b) is the role as it was before batching: one module run per host (phone_numbers_per_host).
    Variant('role_f1', '(b) host-per-number role, one call per host, forks 1', 'role.yml', forks=1, host_per_number=True,
            extra_vars={'phone_numbers_per_host': True}),
    Variant('role_f10', '(b) host-per-number role, one call per host, forks 10', 'role.yml', forks=10,
            host_per_number=True, extra_vars={'phone_numbers_per_host': True}),
    # (f) the batched role (the default), imported with rolespec_validate: false as its README recommends for
    # large inventories: one listing for the batch, then Ansible's per-host work only.
    Variant('batch_f5', '(f) batched host-per-number role, forks 5', 'role_batched.yml', forks=5, host_per_number=True,
            sizes=(10, 100, 1000), per_number=False, reads='list'),
    Variant('batch_f10', '(f) batched host-per-number role, forks 10', 'role_batched.yml', forks=10,
            host_per_number=True, sizes=(10, 100, 1000), per_number=False, reads='list'),
    # The same under roles:, where Ansible adds its argument check as a task on every host.
    Variant('batch_roles', '(f) batched role under roles: (Ansible checks each host), forks 5', 'role.yml', forks=5,
            scenarios=('nothing',), sizes=(1000,), per_number=False, host_per_number=True, reads='list',
            in_chart=False),
    Variant('bulk', '(c) bulk retell_phone_numbers', 'bulk.yml', sizes=(10, 100, 1000), per_number=False, reads='list'),
    # Ansible's own cost of one trivial task per host: the yardstick of the batched role (nothing measured but
    # Ansible itself).
    Variant('set_fact', '(g) one set_fact task over N hosts (no API)', 'set_fact.yml', scenarios=('nothing',),
            sizes=(1000,), per_number=False, host_per_number=True, reads='none', writes=False, in_chart=False),
    # 10,000 numbers: wall time, requests and the peak memory of the largest process.
    Variant('bulk_10k', '(c) bulk retell_phone_numbers', 'bulk.yml', scenarios=('nothing',), sizes=(10000,),
            per_number=False, reads='list', in_chart=False),
    Variant('batch_10k', '(f) batched host-per-number role, forks 5', 'role_batched.yml', forks=5, scenarios=('nothing',),
            sizes=(10000,), per_number=False, host_per_number=True, reads='list', in_chart=False),
    Variant('inventory', '(e) inventory plugin, ansible-inventory --list', None, scenarios=('nothing',),
            sizes=(10, 10000), per_number=False, reads='list', writes=False, command='ansible-inventory', in_chart=False),
)}


def plan(smoke):
    """Every (variant, scenario, N) to measure, scenario by scenario; the smoke run keeps N = 10 only."""
    cases = []
    for scenario in SCENARIOS:
        for variant in VARIANTS.values():
            if scenario not in variant.scenarios:
                continue
            for count in variant.sizes:
                if smoke and count != 10:
                    continue
                cases.append((variant.name, scenario, count))
    return cases


def repeats_for(variant, count, smoke):
    """Short runs are repeated and the median kept; runs of a minute or more (the N = 100 per-number cases, the
    host-per-number variants from N = 100 up) run once."""
    if smoke:
        return 1
    spec = VARIANTS[variant]
    return 3 if count <= 10 or not (spec.per_number or spec.host_per_number) else 1


# ---------------------------------------------------------------------------------------------
# The numbers. Every number draws the same count of random values, so the first 10 of 100 are the 10.

AREAS = (212, 312, 415, 628, 646, 720)
AGENTS = ('agent_reception', 'agent_support', 'agent_sales', 'agent_night')
COUNTRY_SETS = (('US',), ('US', 'CA'), ('US', 'CA', 'MX'))
TRUNKS = ('contoso.pstn.twilio.com', 'fabrikam.sip.telnyx.com')


def make_numbers(count):
    """The desired state of `count` numbers (module option names), the same for every run."""
    rng = random.Random(SEED)
    numbers = []
    for index in range(count):
        area = rng.choice(AREAS)
        agent = rng.choice(AGENTS)
        countries = list(rng.choice(COUNTRY_SETS))
        trunk = rng.choice(TRUNKS)
        numbers.append({
            'phone_number': '+1%d555%04d' % (area, index),
            'termination_uri': trunk,
            'nickname': 'Line %d (%s)' % (index, agent),
            'inbound_agents': [{'agent_id': agent, 'weight': 1}],
            'allowed_inbound_country_list': countries,
        })
    return numbers


def stale_indexes(count):
    """The 10% of numbers that the update10 scenario seeds with another nickname."""
    return set(random.Random(SEED + count).sample(range(count), count // 10))


def seed_record(entry, nickname=None):
    """The number as Retell would hold it after importing `entry` (response shape for /__fake__/seed)."""
    return {
        'phone_number': entry['phone_number'],
        'phone_number_type': 'custom',
        'nickname': entry['nickname'] if nickname is None else nickname,
        'inbound_agents': copy.deepcopy(entry['inbound_agents']),
        'allowed_inbound_country_list': list(entry['allowed_inbound_country_list']),
        'sip_outbound_trunk_config': {'termination_uri': entry['termination_uri'], 'auth_username': None, 'transport': None},
    }


def seeded_state(numbers, scenario):
    """(records to seed, {number: nickname held on the fake before the run})."""
    if scenario == 'new':
        return [], {}
    stale = stale_indexes(len(numbers)) if scenario == 'update10' else set()
    records = []
    for index, entry in enumerate(numbers):
        records.append(seed_record(entry, 'Old line %d' % index if index in stale else None))
    return records, dict((r['phone_number'], r['nickname']) for r in records)


def role_hosts(numbers):
    """The inventory hosts of a host-per-number variant: one host per number with the role's variables."""
    hosts = {}
    for index, entry in enumerate(numbers):
        hosts['number_%04d' % index] = {
            'retell_phone_number': entry['phone_number'],
            'retell_nickname': entry['nickname'],
            'retell_termination_uri': entry['termination_uri'],
            'retell_inbound_agents': entry['inbound_agents'],
            'retell_allowed_inbound_country_list': entry['allowed_inbound_country_list'],
        }
    return hosts


# ---------------------------------------------------------------------------------------------
# What a case should send and leave (machinery checks printed beside the results, never targets)


def expected_requests(variant, scenario, count):
    """The requests by method a case should send."""
    writes = {'nothing': {}, 'update10': {'PATCH': count // 10}, 'new': {'POST': count}}[scenario]
    if VARIANTS[variant].reads == 'none':
        return dict(GET=0, LIST=0, POST=0, PATCH=0, DELETE=0)
    if VARIANTS[variant].reads == 'list':
        want = dict(GET=0, LIST=max(1, -(-count // 1000)), POST=0, PATCH=0, DELETE=0)
    else:
        want = dict(GET=count, LIST=0, POST=0, PATCH=0, DELETE=0)
    want.update(writes)
    return want


def verify_store(store, numbers, variant, before):
    """Problems with what the fake holds after a case ([] when it is what the case should leave)."""
    held = dict((item['record']['phone_number'], item['record']) for item in store)
    writes = VARIANTS[variant].writes
    problems = []
    if writes:
        wanted = dict((entry['phone_number'], entry['nickname']) for entry in numbers)
    else:
        wanted = before
    if len(held) != len(wanted):
        problems.append('the fake holds %d numbers, expected %d' % (len(held), len(wanted)))
    wrong = [number for number, nickname in wanted.items() if number not in held or held[number].get('nickname') != nickname]
    if wrong:
        problems.append('%d numbers missing or with another nickname, e.g. %s' % (len(wrong), wrong[0]))
    if writes:
        for entry in numbers:
            record = held.get(entry['phone_number'])
            if record and (record.get('sip_outbound_trunk_config') or {}).get('termination_uri') != entry['termination_uri']:
                problems.append('%s has another termination_uri' % entry['phone_number'])
                break
    return problems
