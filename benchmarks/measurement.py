# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Measuring a command: running it (bounded, in its own process group), the machine's and the fake's
CPU time (/proc), the /usr/bin/time -v report, the PLAY RECAP, and a description of the machine."""

from __future__ import annotations

import datetime
import os
import platform
import re
import signal
import statistics
import subprocess
import time


def run_command(argv, log, env, cwd, timeout):
    """Run a command in its own process group; on a timeout or an interruption, end that group."""
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                            start_new_session=True)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return 'timeout after %d s' % timeout
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise


def timed_runs(argv, env, repeat=7):
    """Median wall time of a command over `repeat` runs (after one unmeasured run)."""
    times = []
    for attempt in range(repeat + 1):
        started = time.monotonic()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                       env=env, timeout=120, check=False)
        if attempt:
            times.append(time.monotonic() - started)
    return round(statistics.median(times), 4)


def disturbance(run):
    """The share of the machine's CPU capacity that other processes used during a run."""
    return run['foreign_cpu_s'] / ((os.cpu_count() or 1) * max(run['wall_s'], 0.001))


class CpuMeter:
    """CPU seconds of the whole machine (/proc/stat) and of the fake API process, to tell when others were busy."""

    TICK = float(os.sysconf('SC_CLK_TCK')) if hasattr(os, 'sysconf') else 100.0
    QUIET_CPU = 0.3  # CPU-seconds per second used by other processes that counts as busy
    WAIT_PER_RUN = 10.0
    WAIT_IN_ALL = 60.0

    def __init__(self, fake_pid, wait_in_all=WAIT_IN_ALL):
        self.fake_pid = fake_pid
        self.wait_in_all = wait_in_all
        self.waited = 0.0

    def busy_seconds(self):
        try:
            with open('/proc/stat', encoding='utf-8') as stream:
                fields = [int(v) for v in stream.readline().split()[1:]]
        except (OSError, ValueError):
            return 0.0
        # user nice system idle iowait irq softirq steal ...: all but idle and iowait
        return (sum(fields[:8]) - fields[3] - fields[4]) / self.TICK

    def fake_seconds(self):
        if not self.fake_pid:
            return 0.0
        try:
            with open('/proc/%d/stat' % self.fake_pid, encoding='utf-8') as stream:
                fields = stream.read().rsplit(')', 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / self.TICK
        except (OSError, ValueError, IndexError):
            return 0.0

    def wait_for_quiet(self):
        """Wait (bounded) while other processes keep the CPUs busy; return the seconds waited."""
        waited = 0.0
        if self.waited >= self.wait_in_all:
            return waited
        while True:
            before = self.busy_seconds() - self.fake_seconds()
            time.sleep(0.5)
            load = (self.busy_seconds() - self.fake_seconds() - before) / 0.5
            if load < self.QUIET_CPU or waited >= self.WAIT_PER_RUN or self.waited >= self.wait_in_all:
                return waited
            time.sleep(1.5)
            waited += 2.0
            self.waited += 2.0


def parse_time_file(path):
    """Fields of a /usr/bin/time -v report: peak RSS (largest single process), CPU and wall time."""
    try:
        with open(path, encoding='utf-8') as stream:
            text = stream.read()
    except OSError:
        return {}
    out = {}
    match = re.search(r'Maximum resident set size \(kbytes\): (\d+)', text)
    if match:
        out['peak_rss_mb'] = round(int(match.group(1)) / 1024.0, 1)
    user = re.search(r'User time \(seconds\): ([\d.]+)', text)
    system = re.search(r'System time \(seconds\): ([\d.]+)', text)
    if user and system:
        out['cpu_s'] = round(float(user.group(1)) + float(system.group(1)), 2)
    match = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)', text)
    if match:
        seconds = 0.0
        for part in match.group(1).split(':'):
            seconds = seconds * 60 + float(part)
        out['wall_s'] = round(seconds, 2)
    return out


def parse_recap(text):
    """Totals of the PLAY RECAP lines: hosts, ok, changed, failed."""
    totals = dict(hosts=0, ok=0, changed=0, failed=0, unreachable=0)
    for match in re.finditer(r'^\S+\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', text, re.M):
        totals['hosts'] += 1
        totals['ok'] += int(match.group(1))
        totals['changed'] += int(match.group(2))
        totals['unreachable'] += int(match.group(3))
        totals['failed'] += int(match.group(4))
    return totals


def machine():
    """The machine, the software versions and the date of the run (for the report's header)."""
    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as stream:
            for line in stream:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    ram_gib = None
    try:
        with open('/proc/meminfo', encoding='utf-8') as stream:
            for line in stream:
                if line.startswith('MemTotal:'):
                    ram_gib = round(int(line.split()[1]) / 1024.0 / 1024.0, 1)
    except OSError:
        pass
    versions = {}
    for package in ('ansible-core', 'requests', 'matplotlib'):
        try:
            from importlib.metadata import version  # pylint: disable=import-outside-toplevel
            versions[package] = version(package)
        except Exception:  # pylint: disable=broad-except
            versions[package] = 'unknown'
    return {
        'cpu': cpu,
        'cores': os.cpu_count(),
        'ram_gib': ram_gib,
        'kernel': platform.release(),
        # the nice value run.sh gave the fake and the measured runs (0: none)
        'priority': int(os.environ.get('RETELL_BENCH_PRIORITY', '0') or 0),
        'os': platform.platform(terse=True),
        'python': platform.python_version(),
        'versions': versions,
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
    }
