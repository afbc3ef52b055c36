# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running one case: reset and seed the fake, run the variant's playbook under /usr/bin/time -v,
then read the fake's journal and store; repeat short cases and re-run disturbed ones."""

from __future__ import annotations

import os
import shutil
import time

from cases import expected_requests, make_numbers, seeded_state, verify_store
from fake_control import Fake, count_requests
from measurement import CpuMeter, disturbance, parse_recap, parse_time_file, run_command
from workspace import Workspace

CASE_TIMEOUT = 900
RERUN_BUDGET = 150.0  # seconds of re-runs for disturbed single runs, in all


class Runner:

    def __init__(self, args):
        self.fake = Fake(args.fake_url)
        work = os.path.abspath(args.work_dir)
        self.logs = os.path.abspath(args.logs or os.path.join(work, 'logs'))
        shutil.rmtree(self.logs, ignore_errors=True)
        os.makedirs(self.logs, exist_ok=True)
        self.workspace = Workspace(work, self.fake.url)
        # The smoke run checks the machinery, not the numbers: it never waits for a quiet machine.
        self.rerun_budget = 0.0 if args.smoke else RERUN_BUDGET
        self.cpu = CpuMeter(args.fake_pid, wait_in_all=0.0 if args.smoke else CpuMeter.WAIT_IN_ALL)

    def run_case(self, variant, scenario, count, repeats=1):
        """Run a case `repeats` times (reset and seed before each); keep the median run, list every wall time."""
        runs = [self.run_once(variant, scenario, count, attempt, repeats) for attempt in range(repeats)]
        failed = [run for run in runs if not run['ok']]
        # the run with the median wall time (of 3): one slow or lucky run does not decide the result
        best = failed[0] if failed else sorted(runs, key=lambda run: run['wall_s'])[(len(runs) - 1) // 2]
        # A single run that other processes disturbed (they took over 10% of the CPUs) is measured again,
        # once, while the re-run budget lasts; the less disturbed of the two is kept.
        if repeats == 1 and best['ok'] and disturbance(best) > 0.10 and self.rerun_budget > 0:
            again = self.run_once(variant, scenario, count)
            self.rerun_budget -= again['wall_s']
            runs.append(again)
            if again['ok'] and disturbance(again) < disturbance(best):
                best = again
        best = dict(best)
        best['runs_wall_s'] = [run['wall_s'] for run in runs]
        best['repeats'] = repeats
        best['foreign_cpu_s'] = round(sum(run['foreign_cpu_s'] for run in runs), 2)
        best['waited_for_quiet_s'] = round(sum(run['waited_for_quiet_s'] for run in runs), 1)
        return best

    def run_once(self, variant, scenario, count, attempt=0, repeats=1):
        numbers = make_numbers(count)
        records, before = seeded_state(numbers, scenario)
        self.fake.reset()
        self.fake.seed(records)
        argv, env = self.workspace.playbook_command(variant, numbers)
        name = '%s-%s-%d' % (variant, scenario, count) + ('.%d' % (attempt + 1) if repeats > 1 else '')
        log_path = os.path.join(self.logs, name + '.log')
        time_path = os.path.join(self.logs, name + '.time')
        waited = self.cpu.wait_for_quiet()
        busy_before, fake_before = self.cpu.busy_seconds(), self.cpu.fake_seconds()
        started = time.monotonic()
        with open(log_path, 'w', encoding='utf-8') as log:
            rc = run_command(['/usr/bin/time', '-v', '-o', time_path] + argv, log, env, self.workspace.work, CASE_TIMEOUT)
        wall = time.monotonic() - started
        busy, fake_cpu = self.cpu.busy_seconds() - busy_before, self.cpu.fake_seconds() - fake_before
        requests_by_method, statuses = count_requests(self.fake.journal())
        problems = verify_store(self.fake.store(), numbers, variant, before)
        if rc != 0:
            problems.insert(0, 'ansible-playbook exited %s (log: %s)' % (rc, log_path))
        usage = parse_time_file(time_path)
        with open(log_path, encoding='utf-8') as log:
            recap = parse_recap(log.read())
        want = expected_requests(variant, scenario, count)
        mismatch = dict((k, (requests_by_method[k], v)) for k, v in want.items() if requests_by_method[k] != v)
        return {
            'variant': variant,
            'scenario': scenario,
            'n': count,
            'wall_s': round(wall, 3),
            'per_item_s': round(wall / count, 4),
            'requests': requests_by_method,
            'statuses': statuses,
            'expected_requests': want,
            'requests_as_expected': not mismatch,
            'request_mismatch': mismatch,
            'peak_rss_mb': usage.get('peak_rss_mb'),
            'cpu_s': usage.get('cpu_s'),
            'fake_cpu_s': round(fake_cpu, 2),
            # CPU time the machine spent on processes that are neither this run nor the fake API
            'foreign_cpu_s': round(max(busy - (usage.get('cpu_s') or 0.0) - fake_cpu, 0.0), 2),
            'waited_for_quiet_s': round(waited, 1),
            'time_v_wall_s': usage.get('wall_s'),
            'recap': recap,
            'rc': rc,
            'problems': problems,
            'ok': not problems,
            'log': log_path,
        }
