# shellcheck shell=bash
# Sourced by the runme.sh of every target that talks to the fake Retell API.
# fake_start [fake_retell options...] starts the server on an ephemeral 127.0.0.1 port and
# exports RETELL_BASE_URL / RETELL_API_KEY for the modules; the server stops when the shell exits.

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
FAKE_TESTS_DIR="${RETELL_COLLECTION_ROOT}/tests"
export RETELL_COLLECTION_ROOT
FAKE_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-$(command -v python3)}"

fake_stop() {
    if [ -n "${FAKE_PID:-}" ]; then
        kill "${FAKE_PID}" 2>/dev/null || true
        wait "${FAKE_PID}" 2>/dev/null || true
        FAKE_PID=""
    fi
}

# fake_launch DIR WHAT [fake_retell options...]: start a fake Retell API on an ephemeral 127.0.0.1
# port, its URL written to DIR/url and its output to DIR/server.log, and wait until it listens.
# Sets FAKE_LAUNCHED_PID (in this shell: do not call it in $(...)). When the server exits or does not
# listen within 10 s, shows its log, stops it and returns 1; WHAT names it in that message.
fake_launch() {
    local dir=$1 what=$2
    shift 2
    PYTHONPATH="${FAKE_TESTS_DIR}" "${FAKE_PYTHON}" -m fake_retell --port 0 --url-file "${dir}/url" "$@" \
        >"${dir}/server.log" 2>&1 &
    FAKE_LAUNCHED_PID=$!
    for _ in $(seq 1 100); do
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
