# shellcheck shell=bash
# Sourced by the runme.sh of every target that talks to the fake Retell API.
# fake_start [fake_retell options...] starts the server on an ephemeral 127.0.0.1 port and
# exports RETELL_BASE_URL / RETELL_API_KEY for the modules; the server stops when the shell exits.
#
# Every fake started here checks each request and each of its answers against Retell's OpenAPI
# document (tests/openapi/; --openapi-check). fake_stop, which runs when the shell exits, prints
# what broke the document and makes the target fail (exit 1) when anything did. A target with its
# own EXIT trap calls fake_stop last in it.

# The collection root: ansible-test runs targets from a copy that holds only the targets, so
# look for the collection on ANSIBLE_COLLECTIONS_PATH (set by ansible-test) before ../../../..
retell_collection_root() {
    local candidate
    local -a candidates=()
    IFS=: read -r -a candidates <<< "${ANSIBLE_COLLECTIONS_PATH:-}"
    for candidate in "${candidates[@]}"; do
        candidate="${candidate}/ansible_collections/retellai/retell"
        if [ -d "${candidate}/tests/fake_retell" ]; then
            (cd "${candidate}" && pwd)
            return
        fi
    done
    (cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
}

RETELL_COLLECTION_ROOT="$(retell_collection_root)"

# retell_test_scale: "full" or "light". The heaviest scale pieces of the targets (the 2,501-number
# listings, the bulk module's scale playbook, the hardening target's 422 matrix, 10-host race and
# ansible-runner matrix) run at "full" scale only; tests/run-all.sh runs them on one ansible-core
# line (2.19) and the other lines "light". ansible-test passes no environment variables of ours to
# a target, so run-all.sh writes the scale into the collection tree, tests/output/retell-integration-scale;
# RETELL_INTEGRATION_SCALE wins when set (a runme.sh run by hand). Default: full.
retell_test_scale() {
    local file="${RETELL_COLLECTION_ROOT}/tests/output/retell-integration-scale" scale=full
    if [ -n "${RETELL_INTEGRATION_SCALE:-}" ]; then
        scale="${RETELL_INTEGRATION_SCALE}"
    elif [ -f "${file}" ]; then
        scale="$(cat "${file}")"
    fi
    case "${scale}" in
        full | light) echo "${scale}" ;;
        *)
            echo "retell_test_scale: '${scale}' is neither full nor light" >&2
            return 1
            ;;
    esac
}
RETELL_TEST_SCALE="$(retell_test_scale)"
echo "== scale: ${RETELL_TEST_SCALE} (the heaviest pieces run at full scale only; see retell_test_scale in setup_fake_retell/fake.sh)"
FAKE_TESTS_DIR="${RETELL_COLLECTION_ROOT}/tests"
export RETELL_COLLECTION_ROOT
FAKE_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-$(command -v python3)}"

# fake_check_conformance URL [CA-FILE]: print what the fake at URL found against Retell's OpenAPI
# document; return 1 when a request or an answer broke it (requests the fake itself refused with
# a 4xx are a test's deliberately bad input: counted apart, never a failure), or when the fake
# cannot say (not running, or started without --openapi-check).
fake_check_conformance() {
    "${FAKE_PYTHON}" - "$1" "${2:-}" <<'PY'
import json
import ssl
import sys
import urllib.request

url, cafile = sys.argv[1], sys.argv[2]
context = ssl.create_default_context(cafile=cafile) if cafile else None
try:
    with urllib.request.urlopen(url + '/__fake__/violations', timeout=120, context=context) as answer:
        report = json.load(answer)
except (OSError, ValueError) as exc:
    sys.exit('FAIL: cannot read the OpenAPI check of the fake Retell API at %s: %s' % (url, exc))
if not report.get('enabled'):
    sys.exit('FAIL: the fake Retell API at %s runs without --openapi-check' % url)
print('== OpenAPI check (%s): %d exchanges, %d broke the document, %d bad requests refused by the fake (not counted)'
      % (url, report['checked'], report['violation_count'], report['refused_count']))
for record in report['violations']:
    where = '#%d %s %s -> %s%s' % (record['seq'], record['method'], record['path'], record['status'] or 'no answer',
                                   ' (fault %s)' % record['fault'] if record['fault'] else '')
    for problem in record['problems']:
        sys.stderr.write('   %s: %s: %s\n' % (where, record['side'], problem))
if report['violation_count']:
    sys.exit('FAIL: %d exchange(s) with the fake Retell API broke its OpenAPI document (tests/openapi/, '
             'known deviations in tests/openapi/deviations.yml)' % report['violation_count'])
PY
}

# fake_stop: check the fake's exchanges (fake_check_conformance), stop it; exit 1 when the check failed.
fake_stop() {
    local conformance=0
    if [ -n "${FAKE_PID:-}" ]; then
        fake_check_conformance "${RETELL_BASE_URL}" || conformance=1
        kill "${FAKE_PID}" 2>/dev/null || true
        wait "${FAKE_PID}" 2>/dev/null || true
        FAKE_PID=""
    fi
    if [ "${conformance}" -ne 0 ]; then
        exit 1
    fi
}

# fake_launch DIR WHAT [fake_retell options...]: start a fake Retell API on an ephemeral 127.0.0.1
# port, its URL written to DIR/url and its output to DIR/server.log, and wait until it listens.
# Sets FAKE_LAUNCHED_PID (in this shell: do not call it in $(...)). When the server exits or does not
# listen within 30 s, shows its log, stops it and returns 1; WHAT names it in that message.
fake_launch() {
    local dir=$1 what=$2
    shift 2
    PYTHONPATH="${FAKE_TESTS_DIR}" "${FAKE_PYTHON}" -m fake_retell --port 0 --url-file "${dir}/url" --openapi-check "$@" \
        >"${dir}/server.log" 2>&1 &
    FAKE_LAUNCHED_PID=$!
    # loading the OpenAPI document takes about a second; give a busy machine room
    for _ in $(seq 1 300); do
        [ -s "${dir}/url" ] && return 0
        kill -0 "${FAKE_LAUNCHED_PID}" 2>/dev/null || break
        sleep 0.1
    done
    kill "${FAKE_LAUNCHED_PID}" 2>/dev/null || true
    wait "${FAKE_LAUNCHED_PID}" 2>/dev/null || true
    cat "${dir}/server.log" >&2
    echo "${what} did not start" >&2
    return 1
}

fake_start() {
    FAKE_DIR="$(mktemp -d)"
    trap fake_stop EXIT
    fake_launch "${FAKE_DIR}" "the fake Retell API" "$@" || return 1
    FAKE_PID=${FAKE_LAUNCHED_PID}
    RETELL_BASE_URL="$(cat "${FAKE_DIR}/url")"
    export RETELL_BASE_URL
    export RETELL_API_KEY=test-key-default
    export FAKE_PYTHON FAKE_TESTS_DIR
}

# fake_control METHOD PATH [JSON]: call the fake's control interface (for example to reset it between runs).
fake_control() {
    "${FAKE_PYTHON}" - "$RETELL_BASE_URL$2" "$1" "${3:-}" <<'PY'
import sys
import urllib.request

url, method, body = sys.argv[1], sys.argv[2], sys.argv[3]
request = urllib.request.Request(url, method=method, data=body.encode() if body else None,
                                 headers={'Content-Type': 'application/json'})
with urllib.request.urlopen(request) as answer:
    sys.stdout.write(answer.read().decode() + '\n')
PY
}
