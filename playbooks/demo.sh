#!/usr/bin/env bash
# The README demo: start the fake Retell API on 127.0.0.1 and run playbooks/demo.yml against it.
# Needs Python 3.11+ (ansible-core 2.19's minimum); installs ansible-core and requests into its own venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${RETELL_DEMO_CACHE:-${HOME}/.cache/retellai-retell-demo}"
python="$(command -v python3.11 || true)"
for candidate in "${HOME}"/.pyenv/versions/3.11.*/bin/python3.11; do
    [ -z "${python}" ] && [ -x "${candidate}" ] && python="${candidate}"
done
[ -n "${python}" ] || python="$(command -v python3 || true)"
if [ -z "${python}" ] || ! "${python}" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "the demo needs Python 3.11 or newer (python3.11 on PATH, under pyenv, or as python3); found: ${python:-none}" >&2
    exit 1
fi
work="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -n "${server_pid}" ] && kill "${server_pid}" 2>/dev/null && wait "${server_pid}" 2>/dev/null
    rm -rf "${work}"
}
trap cleanup EXIT

# Bold headings on a terminal; plain text when the output goes to a file or a pipe.
if [ -t 1 ]; then
    step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
    step() { printf '\n==> %s\n' "$*"; }
fi

step "Preparing a virtual environment in ${cache}"
if [ ! -x "${cache}/bin/ansible-playbook" ]; then
    "${python}" -m venv "${cache}"
    "${cache}/bin/pip" install --quiet --disable-pip-version-check ansible-core==2.19.14 requests==2.34.2
fi

step "Installing the collection from this checkout"
"${cache}/bin/ansible-galaxy" collection build --force --output-path "${work}" "${root}" >/dev/null
export ANSIBLE_COLLECTIONS_PATH="${work}/collections"
"${cache}/bin/ansible-galaxy" collection install --force -p "${work}/collections" "${work}"/retellai-retell-*.tar.gz >/dev/null

step "Starting the fake Retell API"
PYTHONPATH="${root}/tests" "${cache}/bin/python" -m fake_retell --port 0 --url-file "${work}/url" >"${work}/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "${work}/url" ] && break; sleep 0.1; done
if [ ! -s "${work}/url" ]; then
    cat "${work}/server.log" >&2
    echo "the fake Retell API did not start" >&2
    exit 1
fi
RETELL_BASE_URL="$(cat "${work}/url")"
export RETELL_BASE_URL RETELL_API_KEY=test-key-default
echo "fake Retell API at ${RETELL_BASE_URL}"

play() { "${cache}/bin/ansible-playbook" -i localhost, "${root}/playbooks/demo.yml" -e ansible_python_interpreter="${cache}/bin/python" "$@"; }

step "1/5 Check mode with --diff: what would change (nothing is written)"
play --check --diff
step "2/5 The real run: imports the number, then sets the fallback number"
play --diff
step "3/5 The same run again: nothing to do (changed=0)"
play
step "4/5 An update: only the nickname is sent"
play --diff -e 'demo_nickname="Front desk (after hours)"'
step "5/5 Delete the number"
play --diff -e demo_state=absent

step "Requests the fake API received"
"${cache}/bin/python" - "${RETELL_BASE_URL}" <<'PY'
import json
import sys
import urllib.request

with urllib.request.urlopen(sys.argv[1] + '/__fake__/journal') as answer:
    for entry in json.load(answer)['entries']:
        print('%-6s %-45s -> %s' % (entry['method'], entry['path'], entry['status']))
PY
