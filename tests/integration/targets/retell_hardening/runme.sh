#!/usr/bin/env bash
# The hardening matrix: retries, writes whose outcome is unknown, unreadable answers,
# input validation, parallel runs, TLS, another workspace, and proof that no secret reaches any
# output.
#
# Every ansible-playbook run goes at -vvvv --diff into a log file; at the end those logs and the
# ansible-runner artifacts are searched for the API key and the SIP passwords, which appear only
# in the playbook sources. Traffic goes to 127.0.0.1 only.
#
# Every part runs even when an earlier one failed, so one run reports every failing case; the
# script fails at the end if any part did.
set -eu
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh

TARGET_DIR="$(pwd)"
WORK_DIR="$(mktemp -d)"
# The logs stay in ansible-test's output directory for this target when there is one.
LOG_DIR="${OUTPUT_DIR:-${WORK_DIR}}/hardening-logs"
rm -rf "${LOG_DIR}"
mkdir -p "${LOG_DIR}"

# Distinctive secrets, searched for in every output below. LEAK_KEY is the default workspace's key.
LEAK_KEY=key-LEAKCHECK-7f3a
LEAK_SECRETS=(key-LEAKCHECK-7f3a pw-LEAKCHECK-91c2 pw-LEAKCHECK-b7e0 pw-LEAKCHECK-44d1 wrong-LEAKCHECK-0d9e)

FAILED=()
TLS_PID=""

# Both fakes' OpenAPI checks decide too (fake_stop exits 1 when the main fake's failed).
cleanup() {
    local tls_conformance=0
    if [ -n "${TLS_PID}" ]; then
        if [ -n "${FAKE_TLS_URL:-}" ]; then
            fake_check_conformance "${FAKE_TLS_URL}" "${WORK_DIR}/tls.crt" || tls_conformance=1
        fi
        kill "${TLS_PID}" 2>/dev/null || true
        wait "${TLS_PID}" 2>/dev/null || true
    fi
    rm -rf "${WORK_DIR}"
    fake_stop
    [ "${tls_conformance}" -eq 0 ] || exit 1
}

# fail WHAT: record a failed part (the script goes on, and fails at the end).
fail() {
    echo "== FAILED: $*"
    FAILED+=("$*")
}

# run_logged NAME COMMAND...: run a command with its output in LOG_DIR/NAME.log; on failure show
# the end of the log and record the failure.
run_logged() {
    local name=$1 rc=0
    shift
    echo "== ${name}: $*"
    "$@" >"${LOG_DIR}/${name}.log" 2>&1 || rc=$?
    if [ "${rc}" -ne 0 ]; then
        echo "== the end of ${name}.log (connection lines left out):"
        grep -v -E '^<(127\.0\.0\.1|localhost|racer[0-9]+)> ' "${LOG_DIR}/${name}.log" | tail -n 60
        fail "${name} (exit ${rc})"
        return 0
    fi
    grep -E '^PLAY RECAP' -A 20 "${LOG_DIR}/${name}.log" | grep -E ' : ok=' || true
}

playbook() {
    local name=$1
    shift
    run_logged "${name}" ansible-playbook -vvvv --diff "$@"
}

# ---- the fakes ------------------------------------------------------------------------------

fake_start --api-key "default=${LEAK_KEY}" --api-key other=test-key-other
trap cleanup EXIT
export RETELL_API_KEY="${LEAK_KEY}"
# Fewer round trips per task on the local connection; the modules run the same way.
export ANSIBLE_PIPELINING=true
# Results carry the module options (invocation), masked where no_log says so: the leak search
# below needs them. ansible-core 2.21 leaves them out unless asked; older lines ignore the setting.
export ANSIBLE_INJECT_INVOCATION=true

# A self-signed certificate for 127.0.0.1 and a second fake that serves HTTPS with it.
cat >"${WORK_DIR}/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
x509_extensions = ext
prompt = no
[dn]
CN = 127.0.0.1
[ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
subjectKeyIdentifier = hash
EOF
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -config "${WORK_DIR}/openssl.cnf" \
    -keyout "${WORK_DIR}/tls.key" -out "${WORK_DIR}/tls.crt" 2>"${LOG_DIR}/openssl.log"
mkdir -p "${WORK_DIR}/tls-fake"
fake_launch "${WORK_DIR}/tls-fake" "the HTTPS fake Retell API" --tls-cert "${WORK_DIR}/tls.crt" \
    --tls-key "${WORK_DIR}/tls.key" --api-key "default=${LEAK_KEY}" --api-key other=test-key-other || exit 1
TLS_PID=${FAKE_LAUNCHED_PID}
FAKE_TLS_URL="$(cat "${WORK_DIR}/tls-fake/url")"
FAKE_TLS_CERT="${WORK_DIR}/tls.crt"
export FAKE_TLS_URL FAKE_TLS_CERT

# ---- the matrix -----------------------------------------------------------------------------

# At light scale (retell_test_scale in fake.sh) the 422 matrix, the 10-host race and the matrix
# through ansible-runner are left out: tests/run-all.sh runs them on one ansible-core line.
light_skip() {
    echo "== left out at light scale (run at full scale): $*"
}
race_sizes=(2 10)
if [ "${RETELL_TEST_SCALE}" = light ]; then
    race_sizes=(2)
fi

# Every case under Retell's 404 "not found"; the cases where the not-found answer matters
# (writes whose outcome is unknown, another workspace) under 422 as well.
playbook matrix-404 -i localhost, matrix.yml -e not_found_mode=404 "$@"
if [ "${RETELL_TEST_SCALE}" = full ]; then
    playbook matrix-422 -i localhost, matrix.yml -e not_found_mode=422 "$@"
else
    light_skip "matrix-422"
fi

# Parallel runs importing one number: 2 hosts, then 10, each twice (the second run changes nothing).
for size in "${race_sizes[@]}"; do
    for round in 1 2; do
        name="race-${size}-${round}"
        playbook "${name}" -i race_inventory.ini --forks 10 race.yml -e race_size="${size}" -e race_round="${round}" "$@"
        # the PLAY RECAP: every racer ended ok; on the second run none changed anything
        recap="$(grep -E '^racer[0-9]+ +: ok=' "${LOG_DIR}/${name}.log" || true)"
        if [ "$(grep -c ' failed=0 ' <<<"${recap}")" -ne "${size}" ] \
            || [ "$(grep -c ' unreachable=0 ' <<<"${recap}")" -ne "${size}" ]; then
            fail "${name}: not every one of the ${size} racers ended ok: ${recap}"
        fi
        if [ "${round}" -eq 2 ] && [ "$(grep -c ' changed=0 ' <<<"${recap}")" -ne "${size}" ]; then
            fail "${name}: a racer changed something on the second run: ${recap}"
        fi
    done
done

# TLS against the HTTPS fake, and the plain-http refusal.
playbook tls -i localhost, tls.yml "$@"

# The role, in both of its modes, with passwords and an API key given as role variables.
playbook role-secrets -i localhost, role_secrets.yml "$@"

# ---- ansible-runner: the whole matrix, and an import/update with the key as an option ---------

# check_runner_artifacts IDENT: the run succeeded and left job events in which Ansible masked options.
check_runner_artifacts() {
    local artifacts="${RUNNER_DIR}/artifacts/$1"
    if [ "$(cat "${artifacts}/status" 2>/dev/null)" != successful ] \
        || ! ls "${artifacts}/job_events/"*.json >/dev/null 2>&1 \
        || ! grep -rq 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' "${artifacts}/job_events"; then
        fail "ansible-runner $1: the run did not succeed or left no job events with masked options"
    fi
}

RUNNER_DIR="${WORK_DIR}/runner"
if command -v ansible-runner >/dev/null 2>&1; then
    # The project holds this target and setup_fake_retell, so the playbooks' relative paths work.
    mkdir -p "${RUNNER_DIR}/project" "${RUNNER_DIR}/inventory" "${RUNNER_DIR}/env"
    cp -R "${TARGET_DIR}" "${RUNNER_DIR}/project/retell_hardening"
    cp -R "${TARGET_DIR}/../setup_fake_retell" "${RUNNER_DIR}/project/setup_fake_retell"
    echo "localhost ansible_connection=local ansible_python_interpreter=${FAKE_PYTHON}" >"${RUNNER_DIR}/inventory/hosts"
    # The matrix reads the key from RETELL_API_KEY, as AWX credentials inject it.
    if [ "${RETELL_TEST_SCALE}" = full ]; then
        run_logged runner-matrix ansible-runner run "${RUNNER_DIR}" -p retell_hardening/matrix.yml --ident matrix -vvvv \
            --cmdline="--diff -e not_found_mode=404"
        check_runner_artifacts matrix
    else
        light_skip "runner-matrix"
    fi
    # Here the key reaches the playbook as a module option only, never through the environment.
    run_logged runner env -u RETELL_API_KEY ansible-runner run "${RUNNER_DIR}" -p retell_hardening/runner_playbook.yml \
        --ident hardening -vvvv --cmdline=--diff
    check_runner_artifacts hardening
else
    fail "ansible-runner is not installed; this target needs it (tests/requirements/integration.txt)"
fi

# ---- no secret in any output ----------------------------------------------------------------

# Not vacuous: the logs hold the verbose module output with the options Ansible masked, and the
# playbooks compared the stored password hashes, so the secrets did reach the fake.
if ! grep -q 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' "${LOG_DIR}/matrix-404.log"; then
    fail "the matrix log holds no masked module options: nothing to search"
fi
searched=("${LOG_DIR}")
[ -d "${RUNNER_DIR}/artifacts" ] && searched+=("${RUNNER_DIR}/artifacts")
# ansible-runner records the environment it started ansible-playbook with in artifacts/<ident>/command
# (AWX never keeps that file). The key may be there as env.RETELL_API_KEY and nowhere else: that
# field is checked and dropped before the search.
for command_file in "${RUNNER_DIR}"/artifacts/*/command; do
    [ -f "${command_file}" ] || continue
    if ! LEAK_KEY="${LEAK_KEY}" "${FAKE_PYTHON}" - "${command_file}" <<'PY'
import json
import os
import sys

with open(sys.argv[1]) as handle:
    record = json.load(handle)
key = record.get('env', {}).pop('RETELL_API_KEY', None)
if key not in (None, os.environ['LEAK_KEY']):
    sys.exit('%s: an unexpected RETELL_API_KEY' % sys.argv[1])
with open(sys.argv[1], 'w') as handle:
    json.dump(record, handle)
PY
    then
        fail "could not read ${command_file}"
    fi
done
for secret in "${LEAK_SECRETS[@]}"; do
    if grep -rqF -- "${secret}" "${searched[@]}"; then
        echo "== a secret (${secret:0:14}...) appears in:"
        grep -rnF -- "${secret}" "${searched[@]}" | cut -c1-400 | head -n 20
        fail "secret ${secret:0:14}... in the output"
    fi
done
echo "== searched $(find "${searched[@]}" -type f | wc -l) output files for ${#LEAK_SECRETS[@]} secrets"

if [ "${#FAILED[@]}" -ne 0 ]; then
    echo "== ${#FAILED[@]} part(s) failed:"
    printf '   %s\n' "${FAILED[@]}"
    exit 1
fi
echo "== every part passed"
