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

fake_start() {
    FAKE_DIR="$(mktemp -d)"
    PYTHONPATH="${FAKE_TESTS_DIR}" "${FAKE_PYTHON}" -m fake_retell --port 0 --url-file "${FAKE_DIR}/url" "$@" \
        >"${FAKE_DIR}/server.log" 2>&1 &
    FAKE_PID=$!
    trap fake_stop EXIT
    for _ in $(seq 1 100); do
        [ -s "${FAKE_DIR}/url" ] && break
        if ! kill -0 "${FAKE_PID}" 2>/dev/null; then
            cat "${FAKE_DIR}/server.log" >&2
            echo "the fake Retell API did not start" >&2
            return 1
        fi
        sleep 0.1
    done
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
