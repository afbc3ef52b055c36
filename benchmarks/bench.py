# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The scaling benchmark of retellai.retell. Run it through ``bash benchmarks/run.sh``.

Each case is one ``ansible-playbook`` run under ``/usr/bin/time -v`` against the fake Retell API,
which run.sh starts. Before every case the fake is reset and seeded; after it, the fake's journal
gives the HTTP requests by method and its store is checked against what the case should leave.

Variants (playbooks in benchmarks/playbooks/):
  loop      (a) one task looping retellai.retell.retell_phone_number over N numbers
  role_f1   (b) the host-per-number role retellai.retell.phone_numbers with one call per host
                (phone_numbers_per_host: true), N hosts, forks 1
  role_f10  (b) the same with forks 10
  batch_f5, batch_f10
            (f) the batched host-per-number role (the default), N hosts (10, 100, 1000), forks 5 and 10,
                imported with rolespec_validate: false (the batched step checks the role's argument spec)
  batch_roles
            (f) the same under a play's roles: (Ansible's argument check task on every host), N = 1000, forks 5
  set_fact  (g) one ansible.builtin.set_fact over the same 1,000 hosts: Ansible's own per-host cost
  bulk_10k, batch_10k
            (c) and (f) at N = 10,000, nothing to change only
  bulk      (c) retellai.retell.retell_phone_numbers with all N entries in one task
  uri       (d) one task looping ansible.builtin.uri, one GET per number (nothing-to-change only)
  inventory (e) ansible-inventory --list over the inventory plugin retellai.retell.retell (N = 10 and 10,000)

Scenarios: nothing (all N seeded exactly as described), update10 (all seeded, 10% with another
nickname), new (empty fake). The bulk module runs at N = 10, 100, 1000; the per-number variants at
N = 10 and 100, and N = 1000 is projected: per_item = (t(100) - t(10)) / 90, t(1000) = t(10) + 990 * per_item.

Outputs: benchmarks/results/latest.json (raw), and unless --smoke: docs/benchmarks.md,
docs/benchmarks.png and the measured block of docs/docsite/rst/scaling.rst.

The parts, each in its own file beside this one:
  cases.py         the variants, scenarios and numbers; the plan; what each case should send and leave
  workspace.py     the collection tree, environment, inventories and command line of a case
  fake_control.py  the fake's control interface: reset, seed, journal, store
  runner.py        one case: seed, run under /usr/bin/time -v, check; repeats and re-runs
  measurement.py   running commands, CPU time from /proc, /usr/bin/time and PLAY RECAP parsing, the machine
  diagnostics.py   where one module run's time goes (AnsiballZ payloads, import times)
  summary.py       projections to N = 1,000 and the targets
  report.py        docs/benchmarks.md and the measured block of the Scaling guide
  chart.py         docs/benchmarks.png
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time

from cases import PROJECTED_N, SEED, plan, repeats_for
from chart import plot
from diagnostics import diagnose
from measurement import machine
from report import update_rst, write_markdown
from runner import Runner
from summary import projections, targets
from workspace import BENCH_DIR, REPO


def render_docs(report, docs):
    os.makedirs(docs, exist_ok=True)
    write_markdown(report, os.path.join(docs, 'benchmarks.md'))
    plot(report, os.path.join(docs, 'benchmarks.png'))
    print('wrote %s and %s' % (os.path.join(docs, 'benchmarks.md'), os.path.join(docs, 'benchmarks.png')))
    if update_rst(report, os.path.join(docs, 'docsite', 'rst', 'scaling.rst')):
        print('updated the measured block of %s' % os.path.join(docs, 'docsite', 'rst', 'scaling.rst'))
    print('')
    print('targets (reported, never fatal):')
    for target in report['targets']:
        print('%s: %s' % (target['status'], target['text']))


CONSOLE_HEADER = '%-9s %-9s %5s %8s %9s  %-47s %6s %7s  %s' % (
    'variant', 'scenario', 'N', 'wall s', 'per item', 'requests', 'RSS MB', 'other', 'check')


def console_line(case):
    """One line of the console table: the case, its requests by method, and whether it did what it should."""
    req = case['requests']
    check = 'ok' if case['ok'] else 'FAILED: ' + '; '.join(case['problems'])
    if case['ok'] and not case['requests_as_expected']:
        check = 'ok (requests differ from the plain expectation: %s)' % ', '.join(
            '%s %d not %d' % (k, got, want) for k, (got, want) in sorted(case['request_mismatch'].items()))
    if case['repeats'] > 1:
        check += '  (median of %s)' % ', '.join('%.2f' % t for t in case['runs_wall_s'])
    return '%-9s %-9s %5d %8.2f %9.4f  GET %-4d LIST %-2d POST %-4d PATCH %-4d DEL %-3d %6s %6.1fs  %s' % (
        case['variant'], case['scenario'], case['n'], case['wall_s'], case['per_item_s'], req['GET'], req['LIST'],
        req['POST'], req['PATCH'], req['DELETE'], case.get('peak_rss_mb'), case['foreign_cpu_s'], check)


def _interrupted(_signum, _frame):
    raise KeyboardInterrupt('terminated')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--fake-url', help='base URL of the running fake Retell API')
    parser.add_argument('--fake-pid', type=int, help='process id of the fake (its CPU time is told apart from other processes)')
    parser.add_argument('--work-dir', help='scratch directory (inventories, logs, collection tree)')
    parser.add_argument('--render', metavar='RAW_JSON', help='only write the docs again from a raw result file (no run)')
    parser.add_argument('--smoke', action='store_true', help='N = 10 only, no diagnostics, docs left alone')
    parser.add_argument('--results', default=os.path.join(BENCH_DIR, 'results'), help='where latest.json (or smoke.json) goes')
    parser.add_argument('--logs', help='where the log and /usr/bin/time report of every case go (default: in --work-dir)')
    parser.add_argument('--docs', default=os.path.join(REPO, 'docs'), help='where benchmarks.md and benchmarks.png go')
    parser.add_argument('--only', help='comma-separated variants to run (a partial run never writes the docs)')
    args = parser.parse_args(argv)
    if args.render:
        with open(args.render, encoding='utf-8') as stream:
            render_docs(json.load(stream), args.docs)
        return 0
    if not args.fake_url or not args.work_dir:
        parser.error('--fake-url and --work-dir are required (run it through benchmarks/run.sh)')

    started = time.monotonic()
    runner = Runner(args)
    runner.fake.check()
    cases = plan(args.smoke)
    if args.only:
        wanted = set(args.only.split(','))
        cases = [case for case in cases if case[0] in wanted]
    partial = bool(args.only) or args.smoke

    signal.signal(signal.SIGTERM, _interrupted)

    # Warm-up (not measured): file caches, and a first check that the machinery works.
    warm = runner.run_case('bulk', 'nothing', 10)
    if not warm['ok']:
        print('warm-up run failed: %s' % '; '.join(warm['problems']))
        with open(warm['log'], encoding='utf-8') as stream:
            print(stream.read()[-4000:])
        return 1
    runner.run_case('loop', 'nothing', 10)

    results = []
    print(CONSOLE_HEADER)
    for variant, scenario, count in cases:
        case = runner.run_case(variant, scenario, count, repeats=repeats_for(variant, count, args.smoke))
        results.append(case)
        print(console_line(case))
        sys.stdout.flush()
    print('("other": CPU seconds that processes outside this benchmark used while the case ran, all its runs together)')

    projected = projections(results)
    report = {
        'seed': SEED,
        'rerun_policy': True,
        'smoke': args.smoke,
        'machine': machine(),
        'results': results,
        'projections': projected,
        'targets': targets(results, projected) if not partial else [],
    }
    if not partial:
        print('diagnostics: AnsiballZ payloads and import times ...')
        sys.stdout.flush()
        report['diagnostics'] = diagnose(runner)
    report['duration_s'] = round(time.monotonic() - started, 1)

    os.makedirs(args.results, exist_ok=True)
    raw = os.path.join(args.results, 'smoke.json' if args.smoke else ('partial.json' if partial else 'latest.json'))
    with open(raw, 'w', encoding='utf-8') as stream:
        json.dump(report, stream, indent=1, sort_keys=True)
        stream.write('\n')
    print('raw results: %s' % os.path.relpath(raw, os.getcwd()))

    if projected:
        print('')
        print('projected to N = %d (t(10) + 990 x (t(100) - t(10)) / 90):' % PROJECTED_N)
        for item in projected:
            print('  %-9s %-9s per item %.4f s  ->  ~%.1f s' % (
                item['variant'], item['scenario'], item['per_item_s'], item['projected_wall_s']))
    if not partial:
        render_docs(report, args.docs)

    failed = [case for case in results if not case['ok']]
    print('')
    print('%d cases, %d failed; %.0f s in all' % (len(results), len(failed), report['duration_s']))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
