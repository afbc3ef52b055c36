# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The scratch directory of a benchmark run and the command line of a case: a collection tree that
points at this checkout, an empty ansible.cfg, a clean environment, and the inventories and extra
variables each variant reads."""

from __future__ import annotations

import json
import os
import sys

from cases import API_KEY, VARIANTS, role_hosts

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH_DIR)
PLAYBOOKS = os.path.join(BENCH_DIR, 'playbooks')


class Workspace:

    def __init__(self, work, fake_url):
        self.work = work
        os.makedirs(self.work, exist_ok=True)
        self.python = sys.executable
        self.ansible_playbook = os.path.join(os.path.dirname(self.python), 'ansible-playbook')
        self.ansible_inventory = os.path.join(os.path.dirname(self.python), 'ansible-inventory')
        self.env = self._environment(fake_url)
        self.localhost_inventory = self.write_yaml('localhost.yml', {
            'all': {'hosts': {'localhost': self.local_vars()}},
        })

    def local_vars(self):
        return {'ansible_connection': 'local', 'ansible_python_interpreter': self.python}

    def _environment(self, fake_url):
        # A collection tree ansible_collections/retellai/retell that points at this repository.
        tree = os.path.join(self.work, 'collections')
        namespace = os.path.join(tree, 'ansible_collections', 'retellai')
        os.makedirs(namespace, exist_ok=True)
        link = os.path.join(namespace, 'retell')
        if not os.path.islink(link) or os.readlink(link) != REPO:
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(REPO, link)
        config = os.path.join(self.work, 'ansible.cfg')
        with open(config, 'w', encoding='utf-8') as stream:
            stream.write('# empty: every setting at its default\n')
        # The user's ANSIBLE_* and RETELL_* settings would change what is measured: drop them.
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'RETELL_')))
        env.update({
            'ANSIBLE_CONFIG': config,
            'ANSIBLE_COLLECTIONS_PATH': tree,
            'ANSIBLE_LOCAL_TEMP': os.path.join(self.work, 'ansible-local'),
            'ANSIBLE_REMOTE_TMP': os.path.join(self.work, 'ansible-remote'),
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'RETELL_BASE_URL': fake_url,
            'RETELL_API_KEY': API_KEY,
        })
        return env

    def write_yaml(self, name, data):
        # JSON is YAML: ansible reads these files as inventories and extra vars.
        path = os.path.join(self.work, name)
        with open(path, 'w', encoding='utf-8') as stream:
            json.dump(data, stream)
        return path

    def role_inventory(self, numbers):
        # Hosts are numbers, not machines: nothing connects to them (the role delegates to localhost).
        return self.write_yaml('role-inventory.yml', {
            'all': {
                'hosts': {'localhost': self.local_vars()},
                'children': {'bench_numbers': {'vars': self.local_vars(), 'hosts': role_hosts(numbers)}},
            },
        })

    def playbook_command(self, variant, numbers, extra_env=None):
        """(argv, env) of the run of a variant over `numbers`: its ansible-playbook (or ansible-inventory) command."""
        spec = VARIANTS[variant]
        if spec.command == 'ansible-inventory':
            # The plugin lists whatever the fake holds: the numbers are the seeded ones.
            source = self.write_yaml('retell.yml', {'plugin': 'retellai.retell.retell'})
            argv = [self.ansible_inventory, '-i', source, '--list', '--output', os.path.join(self.work, 'inventory.json')]
            return argv, dict(self.env, **(extra_env or {}))
        argv = [self.ansible_playbook, os.path.join(PLAYBOOKS, spec.playbook)]
        if spec.host_per_number:
            argv += ['-i', self.role_inventory(numbers)]
            if spec.extra_vars:
                argv += ['-e', '@' + self.write_yaml('extra-vars.yml', spec.extra_vars)]
        else:
            extra_vars = dict(spec.extra_vars, bench_numbers=numbers)
            argv += ['-i', self.localhost_inventory, '-e', '@' + self.write_yaml('numbers.yml', extra_vars)]
        if spec.forks:
            argv += ['-f', str(spec.forks)]
        env = dict(self.env)
        env.update(extra_env or {})
        return argv, env
