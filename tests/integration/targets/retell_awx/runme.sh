#!/usr/bin/env bash
# The AWX / Automation Platform path, without AWX:
#   a) the execution environment: ansible-builder create on ee/execution-environment.yml with a
#      freshly built collection tarball; the context's galaxy step installs the collection, and
#      ansible-builder introspect on that tree lists the collection's Python requirement (requests);
#   b) a job as AWX runs it: ansible-runner on a private data directory laid out the way AWX
#      writes it (project/, inventory/hosts as a JSON-printing script, env/envvars with what the
#      "Retell AI" credential type injects, env/extravars), the collection coming from the tree
#      the EE build installs, against the fake Retell API: import five numbers, re-run without
#      change, a check-mode run after one inventory edit; neither the API key nor a SIP password in
#      any file under the runner's artifacts (but ansible-runner's own record of the environment it
#      started ansible-playbook with, artifacts/<ident>/command, which AWX does not keep);
#   c) the credential type shipped in playbooks/awx/: its data, and what create_credential_type.yml
#      hands to awx.awx.credential_type (a stand-in module records it; awx.awx is not installed).
# Needs ansible-runner and ansible-builder (tests/requirements/integration.txt); fails when they are missing.
set -eux

# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh

missing=""
for tool in ansible-runner ansible-builder ansible-galaxy ansible-playbook; do
    command -v "${tool}" >/dev/null 2>&1 || missing="${missing} ${tool}"
done
if [ -n "${missing}" ]; then
    echo "FAIL: retell_awx needs${missing} on PATH (install tests/requirements/integration.txt)" >&2
    exit 1
fi

PY="${ANSIBLE_TEST_PYTHON_INTERPRETER:-$(command -v python3)}"

# The collection root (fake.sh finds it: ansible-test runs a copy of the targets elsewhere).
ROOT="${RETELL_COLLECTION_ROOT}"
test -f "${ROOT}/galaxy.yml"

API_KEY=key-AWXLEAK-3b9d
SIP_PASSWORD=pw-AWXLEAK-77e1
export API_KEY SIP_PASSWORD

# The only key the fake accepts is the one the credential type injects (a reset keeps it).
fake_start --api-key "awx=${API_KEY}"
WORK="$(mktemp -d)"
cleanup() {
    rm -rf "${WORK}"
    fake_stop
}
trap cleanup EXIT
export WORK ROOT

# The checks, in Python (stdlib + PyYAML, which ansible-core brings).
cat >"${WORK}/check.py" <<'PY'
import glob
import hashlib
import json
import os
import sys
import urllib.request

import yaml

WORK, ROOT = os.environ['WORK'], os.environ['ROOT']
API_KEY, SIP_PASSWORD = os.environ['API_KEY'], os.environ['SIP_PASSWORD']
PDD = os.path.join(WORK, 'pdd')
HOSTS = {
    'front_desk_sf': '+14155550100',
    'front_desk_ny': '+12125550100',
    'sales_1': '+14155550110',
    'sales_2': '+14155550111',
    'sales_3': '+14155550112',
}


def fail(message):
    sys.exit('FAIL: %s' % message)


def expect(condition, message):
    if not condition:
        fail(message)


def fake(path):
    with urllib.request.urlopen(os.environ['RETELL_BASE_URL'] + path) as answer:
        return json.load(answer)


def events(ident):
    found = []
    for name in glob.glob(os.path.join(PDD, 'artifacts', ident, 'job_events', '*.json')):
        with open(name) as handle:
            found.append(json.load(handle))
    return sorted(found, key=lambda e: e['counter'])


def runner_result(ident):
    """Status and the per-host outcome of one ansible-runner run, from its artifacts."""
    base = os.path.join(PDD, 'artifacts', ident)
    with open(os.path.join(base, 'status')) as handle:
        status = handle.read().strip()
    with open(os.path.join(base, 'rc')) as handle:
        rc = handle.read().strip()
    expect(status == 'successful' and rc == '0', 'run %s: status %s, rc %s' % (ident, status, rc))
    evs = events(ident)
    stats = [e for e in evs if e['event'] == 'playbook_on_stats']
    expect(len(stats) == 1, 'run %s: no playbook_on_stats event' % ident)
    stats = stats[0]['event_data']
    expect(not stats.get('failures') and not stats.get('dark'), 'run %s: failed or unreachable hosts: %s' % (ident, stats))
    expect(sorted(stats['ok']) == sorted(HOSTS), 'run %s: hosts %s' % (ident, sorted(stats['ok'])))
    # Each host's own result comes from the role's per-host step (the numbers were reconciled in one batch).
    oks = [e['event_data'] for e in evs if e['event'] == 'runner_on_ok' and e['event_data'].get('resolved_action') == 'retellai.retell.retell_role_host']
    expect(sorted(o['host'] for o in oks) == sorted(HOSTS), 'run %s: retell_role_host reported %s' % (ident, sorted(o['host'] for o in oks)))
    batches = [e for e in evs if e['event'] == 'runner_on_ok' and e['event_data'].get('resolved_action') == 'retellai.retell.retell_role_batch']
    expect(len(batches) == 1, 'run %s: the batched step ran %d times' % (ident, len(batches)))
    # The role came from the tree the execution environment build installs, not from the checkout.
    tree = os.path.join(WORK, 'ee-collections', 'ansible_collections', 'retellai', 'retell') + os.sep
    for o in oks:
        expect(o['task_path'].startswith(tree), 'run %s: task from %s, not from %s' % (ident, o['task_path'], tree))
    with open(os.path.join(base, 'stdout')) as handle:
        stdout = handle.read()
    return stats, {o['host']: o['res'] for o in oks}, stdout


def writes():
    return [e for e in fake('/__fake__/journal')['entries'] if e['method'] != 'GET']


def check_import():
    stats, results, _ = runner_result('1')
    expect(stats.get('changed') == {h: 1 for h in HOSTS}, 'import: changed %s' % stats.get('changed'))
    posts = [e for e in writes() if e['method'] == 'POST']
    # Retell's import endpoint takes no SMS agents: sales_3's follow in one PATCH after its POST.
    others = [(e['method'], e['number']) for e in writes() if e['method'] != 'POST']
    expect(len(posts) == 5 and others == [('PATCH', '+14155550112')], 'import: %d POST, then %s' % (len(posts), others))
    expect(sorted(e['number'] for e in posts) == sorted(HOSTS.values()), 'import: POSTed %s' % [e['number'] for e in posts])
    labels = {e['api_key'] for e in fake('/__fake__/journal')['entries']}
    expect(labels == {'awx'}, 'import: requests made with %s, not the injected key' % labels)
    store = {n['record']['phone_number']: n for n in fake('/__fake__/store')['numbers']}
    expect(sorted(store) == sorted(HOSTS.values()), 'import: store holds %s' % sorted(store))
    expect(store['+12125550100']['record']['nickname'] == 'Front desk New York', 'import: nickname of front_desk_ny')
    expect(store['+14155550100']['password_sha256'] == hashlib.sha256(SIP_PASSWORD.encode()).hexdigest(),
           'import: the SIP password of front_desk_sf did not reach Retell')
    expect(all(r['changed'] for r in results.values()), 'import: a host reported no change')


def check_rerun():
    stats, results, stdout = runner_result('2')
    expect(not stats.get('changed'), 'rerun: changed %s' % stats.get('changed'))
    expect(not any(r['changed'] for r in results.values()), 'rerun: a host reported a change')
    expect('changed=1' not in stdout, 'rerun: stdout reports a change')
    expect(writes() == [], 'rerun: wrote %s' % writes())
    requests = [(e['method'], e['route']) for e in fake('/__fake__/journal')['entries']]
    expect(requests == [('GET', 'list')], 'rerun: five unchanged hosts sent %s, not one listing' % requests)


def check_drift():
    stats, results, stdout = runner_result('3')
    expect(stats.get('changed') == {'front_desk_ny': 1}, 'check mode: changed %s' % stats.get('changed'))
    res = results['front_desk_ny']
    diff = res.get('diff') or {}
    before, after = diff.get('before') or {}, diff.get('after') or {}
    expect(before.get('nickname') == 'Front desk New York' and after.get('nickname') == 'Front desk NYC',
           'check mode: diff %s' % diff)
    changed_keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    expect(changed_keys == ['nickname'], 'check mode: diff changes %s' % changed_keys)
    expect('Front desk NYC' in stdout, 'check mode: stdout does not show the new nickname')
    expect(writes() == [], 'check mode: wrote %s' % writes())
    store = {n['record']['phone_number']: n['record'] for n in fake('/__fake__/store')['numbers']}
    expect(store['+12125550100']['nickname'] == 'Front desk New York', 'check mode changed the stored nickname')


def check_leaks():
    """No secret in any file the runner left under artifacts/, with one documented exception."""
    secrets = (API_KEY.encode(), SIP_PASSWORD.encode())
    scanned = 0
    for top, _dirs, files in os.walk(os.path.join(PDD, 'artifacts')):
        for name in files:
            path = os.path.join(top, name)
            with open(path, 'rb') as handle:
                data = handle.read()
            scanned += 1
            if SIP_PASSWORD.encode() in data:
                fail('the SIP password is in %s' % path)
            if API_KEY.encode() not in data:
                continue
            # ansible-runner itself records the environment it started ansible-playbook with in
            # artifacts/<ident>/command (AWX removes the private data directory after the job and
            # never keeps that file). Allowed there, and only as the value of env.RETELL_API_KEY.
            if name != 'command' or os.path.dirname(os.path.dirname(path)) != os.path.join(PDD, 'artifacts'):
                fail('the API key is in %s' % path)
            record = json.loads(data)
            expect(record['env'].pop('RETELL_API_KEY') == API_KEY, 'command: unexpected RETELL_API_KEY')
            expect(API_KEY not in json.dumps(record), 'the API key is in %s outside env.RETELL_API_KEY' % path)
    expect(scanned > 20, 'only %d files under artifacts/' % scanned)
    for ident in ('1', '2', '3'):
        expect(events(ident), 'run %s left no job events' % ident)
    expect(all(s not in json.dumps(events('1')).encode() for s in secrets), 'a secret is in the job events')


def check_ee():
    context = os.path.join(WORK, 'ee-context')
    with open(os.path.join(context, 'Containerfile')) as handle:
        containerfile = handle.read()
    expect('COPY _build /build' in containerfile, 'Containerfile does not copy the build context')
    expect('ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml' in containerfile,
           'Containerfile does not install the galaxy requirements')
    expect('introspect.py introspect' in containerfile, 'Containerfile does not introspect Python requirements')
    with open(os.path.join(context, '_build', 'requirements.yml')) as handle:
        requirements = yaml.safe_load(handle)
    expect(requirements == {'collections': [{'name': 'collections/retellai-retell.tar.gz', 'type': 'file'}]},
           'galaxy requirements: %s' % requirements)
    with open(os.path.join(WORK, 'introspect.out')) as handle:
        listed = yaml.safe_load(handle.read().split('\n', 1)[1])
    python = [line.split('#')[0].strip() for line in listed['python']]
    expect(any(req.startswith('requests') for req in python), 'introspect lists %s' % listed['python'])
    expect(any('from collection retellai.retell' in line for line in listed['python']), 'introspect: %s' % listed['python'])


def check_credential_type():
    with open(os.path.join(ROOT, 'playbooks', 'awx', 'credential_type_retell.yml')) as handle:
        data = yaml.safe_load(handle)
    expect(data['name'] == 'Retell AI' and data['kind'] == 'cloud', 'name/kind: %s/%s' % (data['name'], data['kind']))
    fields = {f['id']: f for f in data['inputs']['fields']}
    expect(sorted(fields) == ['api_key', 'base_url'], 'fields %s' % sorted(fields))
    expect(fields['api_key'].get('secret') is True and fields['api_key']['label'] == 'API key', 'api_key field %s' % fields['api_key'])
    expect(not fields['base_url'].get('secret') and fields['base_url']['label'] == 'Base URL', 'base_url field %s' % fields['base_url'])
    expect(fields['base_url'].get('default') == 'https://api.retellai.com', 'base_url default %s' % fields['base_url'].get('default'))
    expect(data['inputs']['required'] == ['api_key'], 'required %s' % data['inputs']['required'])
    expect(data['injectors'] == {'env': {'RETELL_API_KEY': '{{ api_key }}', 'RETELL_BASE_URL': '{{ base_url }}'}},
           'injectors %s' % data['injectors'])
    # The variables the modules read are the ones the type injects.
    with open(os.path.join(ROOT, 'plugins', 'module_utils', '_client.py')) as handle:
        client = handle.read()
    for line in ("API_KEY_ENV = 'RETELL_API_KEY'", "BASE_URL_ENV = 'RETELL_BASE_URL'", "DEFAULT_BASE_URL = 'https://api.retellai.com'"):
        expect(line in client, 'module_utils/_client.py no longer has %s' % line)
    # The blocks the AWX guide tells you to paste are the same data.
    with open(os.path.join(ROOT, 'docs', 'docsite', 'rst', 'awx.rst')) as handle:
        guide = handle.read().splitlines()

    def pasted_block(heading):
        start = guide.index(heading)
        start = next(i for i in range(start, len(guide)) if guide[i].startswith('.. code-block::')) + 1
        block = []
        for line in guide[start:]:
            if line.strip() and not line.startswith('   '):
                break
            block.append(line[3:])
        return yaml.safe_load('\n'.join(block))

    expect(pasted_block('*Input configuration*') == data['inputs'], 'awx.rst: input configuration differs from the data file')
    expect(pasted_block('*Injector configuration*') == data['injectors'], 'awx.rst: injector configuration differs')
    # What create_credential_type.yml handed to awx.awx.credential_type: the data, untemplated.
    with open(os.path.join(WORK, 'credential_type_params.json')) as handle:
        sent = json.load(handle)
    expected = {k: data[k] for k in ('name', 'description', 'kind', 'inputs', 'injectors')}
    expected['state'] = 'present'
    expect(sent == expected, 'awx.awx.credential_type got %s' % sent)


globals()['check_' + sys.argv[1]]()
print('ok: %s' % sys.argv[1])
PY
check() { "${PY}" "${WORK}/check.py" "$1"; }

# ---------------------------------------------------------------------------------------------
# a) The execution environment.
ansible-galaxy collection build "${ROOT}" --output-path "${WORK}/dist"
tarballs=("${WORK}"/dist/retellai-retell-*.tar.gz)
[ "${#tarballs[@]}" = 1 ] && [ -f "${tarballs[0]}" ]
# As documented in ee/README.md: the tarball goes next to the EE file under a fixed name.
mkdir "${WORK}/ee"
cp "${ROOT}/ee/execution-environment.yml" "${WORK}/ee/"
cp "${tarballs[0]}" "${WORK}/ee/retellai-retell.tar.gz"
ansible-builder create -f "${WORK}/ee/execution-environment.yml" -c "${WORK}/ee-context" \
    --output-filename Containerfile -v 3 | tee "${WORK}/create.out"
grep -q 'Complete! The build context can be found at' "${WORK}/create.out"
if grep -q 'No matches for' "${WORK}/create.out"; then exit 1; fi
cmp "${WORK}/ee-context/_build/collections/retellai-retell.tar.gz" "${tarballs[0]}"
# The image's galaxy step, run here: from the context's _build/ (the image's /build), install the
# requirements into an empty collections tree (ansible-test's own ANSIBLE_COLLECTIONS_PATH would
# make the install a no-op), then introspect that tree the way the builder stage does.
(
    cd "${WORK}/ee-context/_build"
    ANSIBLE_COLLECTIONS_PATH="${WORK}/ee-collections" ANSIBLE_GALAXY_DISABLE_GPG_VERIFY=1 \
        ansible-galaxy collection install -r requirements.yml --collections-path "${WORK}/ee-collections"
)
test -f "${WORK}/ee-collections/ansible_collections/retellai/retell/MANIFEST.json"
ansible-builder introspect "${WORK}/ee-collections" | tee "${WORK}/introspect.out"
check ee

# ---------------------------------------------------------------------------------------------
# b) A job run as AWX runs it.
fake_control POST /__fake__/reset
fake_control GET /__fake__/config | grep -qF '"api_keys": ["awx"]'

PDD="${WORK}/pdd"
mkdir -p "${PDD}/project" "${PDD}/inventory" "${PDD}/env"
cp "${ROOT}/playbooks/phone_numbers.yml" "${PDD}/project/"

# inventory/hosts as AWX writes it: an executable that prints the inventory as JSON. The group
# settings are the example inventory's group_vars (as an AWX inventory source on the project would
# import them); the five hosts are written here. $1: the nickname of front_desk_ny.
write_inventory() {
    NY_NICKNAME="$1" "${PY}" - "${PDD}/inventory/hosts" <<'PY'
import json
import os
import sys

import yaml

root = os.environ['ROOT']


def group_vars(name):
    with open(os.path.join(root, 'playbooks', 'inventory', 'group_vars', name + '.yml')) as handle:
        return yaml.safe_load(handle) or {}


with open(os.path.join(root, 'playbooks', 'inventory', 'host_vars', 'sales_3.yml')) as handle:
    sales_3 = yaml.safe_load(handle)
inventory = {
    'all': {'children': ['retell', 'ungrouped'], 'vars': group_vars('all')},
    'retell': {'children': ['retell_numbers'], 'hosts': []},
    'retell_numbers': {'children': ['front_desk', 'sales'], 'hosts': [], 'vars': group_vars('retell_numbers')},
    'front_desk': {'hosts': ['front_desk_sf', 'front_desk_ny']},
    'sales': {'hosts': ['sales_1', 'sales_2', 'sales_3'], 'vars': group_vars('sales')},
    '_meta': {'hostvars': {
        'front_desk_sf': {'retell_phone_number': '+14155550100', 'retell_nickname': 'Front desk San Francisco',
                          'retell_sip_trunk_auth_password': os.environ['SIP_PASSWORD']},
        'front_desk_ny': {'retell_phone_number': '+12125550100', 'retell_nickname': os.environ['NY_NICKNAME']},
        'sales_1': {'retell_phone_number': '+14155550110'},
        'sales_2': {'retell_phone_number': '+14155550111'},
        'sales_3': dict(sales_3, retell_phone_number='+14155550112'),
    }},
}
with open(sys.argv[1], 'w') as handle:
    handle.write('#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(%r)\n' % json.dumps(inventory))
os.chmod(sys.argv[1], 0o700)
PY
}
write_inventory 'Front desk New York'

# What the "Retell AI" credential type injects, and the extra vars AWX adds to every job.
cat >"${PDD}/env/envvars" <<EOF
RETELL_API_KEY: ${API_KEY}
RETELL_BASE_URL: ${RETELL_BASE_URL}
EOF
cat >"${PDD}/env/extravars" <<'EOF'
awx_job_template_name: Retell phone numbers
awx_user_name: admin
awx_inventory_name: Retell numbers
EOF

# A job starts from a clean environment, as in an execution environment container: nothing from
# this shell or from ansible-test (whose ANSIBLE_* settings, such as ANSIBLE_HOST_PATTERN_MISMATCH
# =error or ANSIBLE_INVENTORY=/dev/null, AWX does not set), and none of this script's copies of
# the secrets. The key and the URL reach the job only through env/envvars.
job_env() {
    env -i PATH="${PATH}" HOME="${HOME}" LANG=C.UTF-8 LC_ALL=C.UTF-8 ${TMPDIR:+TMPDIR="${TMPDIR}"} "$@"
}

# One job; the collection comes from the EE's collections tree and from nowhere else.
run_job() {
    local ident=$1
    shift
    job_env ANSIBLE_COLLECTIONS_PATH="${WORK}/ee-collections" ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false \
        ansible-runner run "${PDD}" -p phone_numbers.yml --ident "${ident}" "$@" || {
        echo "ansible-runner run ${ident} failed; its stderr and status:" >&2
        cat "${PDD}/artifacts/${ident}/stderr" "${PDD}/artifacts/${ident}/status" >&2 || true
        return 1
    }
}

run_job 1
check import

fake_control DELETE /__fake__/journal
run_job 2
check rerun

# The inventory changes in AWX (one nickname), and a check-mode job template reports the drift.
write_inventory 'Front desk NYC'
fake_control DELETE /__fake__/journal
run_job 3 --cmdline '--check --diff'
check drift

# The same search with grep, with the same exception as check_leaks (ansible-runner's own record
# of its environment, artifacts/<ident>/command).
if grep -rlF -e "${SIP_PASSWORD}" "${PDD}/artifacts"; then exit 1; fi
if grep -rlF -e "${API_KEY}" "${PDD}/artifacts" | grep -vE '/artifacts/[0-9]+/command$'; then exit 1; fi
# ... and the grep does find the secrets where they are (the job's input files).
grep -qF "${API_KEY}" "${PDD}/env/envvars"
grep -qF "${SIP_PASSWORD}" "${PDD}/inventory/hosts"
check leaks

# ---------------------------------------------------------------------------------------------
# c) The credential type: create_credential_type.yml, run as a playbook of the installed
# collection, against a stand-in for awx.awx.credential_type that records its parameters.
stub="${WORK}/stub/ansible_collections/awx/awx/plugins/modules"
mkdir -p "${stub}"
cat >"${stub}/credential_type.py" <<'PY'
#!/usr/bin/python
# Stand-in for awx.awx.credential_type: records the parameters it was given.
import json
import os

from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec=dict(
    name=dict(type='str', required=True), description=dict(type='str'), kind=dict(type='str'),
    inputs=dict(type='dict'), injectors=dict(type='dict'), state=dict(type='str', default='present'),
))
with open(os.environ['AWX_STUB_RECORD'], 'w') as handle:
    json.dump(module.params, handle)
module.exit_json(changed=True)
PY
job_env AWX_STUB_RECORD="${WORK}/credential_type_params.json" \
    ANSIBLE_COLLECTIONS_PATH="${WORK}/stub:${WORK}/ee-collections" ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false \
    ansible-playbook retellai.retell.awx.create_credential_type
check credential_type
