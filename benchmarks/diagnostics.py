# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the time of one module run goes (full run only): the AnsiballZ payload of each module kept
and run on its own, and its imports (python -X importtime)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from cases import make_numbers, seeded_state
from measurement import timed_runs


def diagnose(runner):
    """AnsiballZ payload sizes, the time of one payload run on its own, and its imports (python -X importtime)."""
    workspace = runner.workspace
    out = {'payloads': {}, 'python': {}}
    numbers = make_numbers(1)
    out['python']['start_s'] = timed_runs([workspace.python, '-c', 'pass'], workspace.env)
    out['python']['import_requests_s'] = timed_runs([workspace.python, '-c', 'import requests'], workspace.env)
    for variant, module in (('loop', 'retell_phone_number'), ('uri', 'uri'), ('bulk', 'retell_phone_numbers')):
        runner.fake.reset()
        runner.fake.seed(seeded_state(numbers, 'nothing')[0])
        keep = os.path.join(workspace.work, 'keep-' + variant)
        shutil.rmtree(keep, ignore_errors=True)
        argv, env = workspace.playbook_command(variant, numbers, {'ANSIBLE_KEEP_REMOTE_FILES': '1', 'ANSIBLE_REMOTE_TMP': keep})
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                       env=env, cwd=workspace.work, timeout=120, check=False)
        payload = None
        for root, _dirs, files in os.walk(keep):
            for name in files:
                if name == 'AnsiballZ_%s.py' % module:
                    payload = os.path.join(root, name)
        if payload is None:
            out['payloads'][module] = {'error': 'no AnsiballZ_%s.py kept under %s' % (module, keep)}
            continue
        info = {'bytes': os.path.getsize(payload)}
        info['run_s'] = timed_runs([workspace.python, payload], env, repeat=7)
        info['imports'] = import_profile(workspace.python, payload, env)
        out['payloads'][module] = info
        shutil.rmtree(keep, ignore_errors=True)
    return out


def import_profile(python, payload, env):
    """python -X importtime over a payload: total import time and the biggest top-level imports."""
    proc = subprocess.run([python, '-X', 'importtime', payload], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    top = []
    total = 0
    for line in proc.stderr.splitlines():
        match = re.match(r'import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)', line)
        if not match:
            continue
        self_us, cumulative_us, indent, name = int(match.group(1)), int(match.group(2)), match.group(3), match.group(4)
        total += self_us
        if not indent:
            top.append((cumulative_us, name))
    top.sort(reverse=True)
    groups = {}
    for cumulative_us, name in top:
        key = group_of(name)
        groups[key] = groups.get(key, 0) + cumulative_us
    return {
        'total_s': round(total / 1e6, 4),
        'groups_s': dict((k, round(v / 1e6, 4)) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])),
        'top_s': [(name, round(us / 1e6, 4)) for us, name in top[:12]],
    }


def group_of(name):
    for prefix, label in (('ansible_collections.', "the collection's module_utils (requests included)"), ('ansible.', 'ansible.module_utils'),
                          ('requests', 'requests'), ('urllib3', 'requests'), ('charset_normalizer', 'requests'),
                          ('idna', 'requests'), ('certifi', 'requests')):
        if name == prefix.rstrip('.') or name.startswith(prefix):
            return label
    return 'Python standard library and other'
