#!/usr/bin/env bash
# The scaling benchmark of retellai.retell: per-number modules, the host-per-number role
# and the bulk module against the fake Retell API on 127.0.0.1.
#
#   bash benchmarks/run.sh            # the full run (about 25 minutes on 2 cores): writes
#                                     # docs/benchmarks.md, docs/benchmarks.png, the measured block
#                                     # of docs/docsite/rst/scaling.rst and benchmarks/results/latest.json
#   bash benchmarks/run.sh --smoke    # N = 10 only, every variant and scenario (under a minute);
#                                     # proves the machinery works, writes only benchmarks/results/smoke.json
#   bash benchmarks/run.sh --only bulk,loop   # some variants only (benchmarks/results/partial.json)
#
# It builds (once, and again when benchmarks/requirements.txt changes) its own virtual environment
# with Python 3.11 in $RETELL_BENCH_CACHE (default: $HOME/.cache/retellai-retell-bench), starts the
# fake API, runs benchmarks/bench.py (every case is one ansible-playbook run under /usr/bin/time -v)
# and stops the fake. Logs of every case: benchmarks/results/logs/ (smoke: smoke-logs/).
# The exit status is non-zero only when the machinery failed (a playbook failed, or the fake did not
# hold what a case should leave); the benchmark's targets are reported as PASS/FAIL lines, never fatal.

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/benchmarks
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
export HOME
CACHE=${RETELL_BENCH_CACHE:-$HOME/.cache/retellai-retell-bench}
PYTHON_VERSION=3.11
# shellcheck source=tests/tooling/locate_python.sh
source "$REPO/tests/tooling/locate_python.sh"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

usage() {
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

MODE_ARGS=()
LOGS=$BENCH/results/logs
while [[ $# -gt 0 ]]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --smoke) MODE_ARGS+=(--smoke); LOGS=$BENCH/results/smoke-logs ;;
        --only)
            [[ $# -ge 2 ]] || { echo "--only needs a comma-separated list of variants" >&2; exit 2; }
            MODE_ARGS+=(--only "$2"); LOGS=$BENCH/results/partial-logs; shift ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

if [[ ! -x /usr/bin/time ]]; then
    echo "ERROR: /usr/bin/time is missing (Debian package 'time'); it measures the peak memory of each run" >&2
    exit 1
fi

# ensure_venv: print the path of the benchmark's virtual environment, (re)built when needed.
ensure_venv() {
    local python dir=$CACHE/venv stamp want out
    if ! python=$(locate_python "$PYTHON_VERSION"); then
        echo "ERROR: Python $PYTHON_VERSION not found (python$PYTHON_VERSION on PATH or in pyenv)" >&2
        return 1
    fi
    stamp=$dir/.bench-stamp
    want="$(sha256sum "$BENCH/requirements.txt" | cut -d' ' -f1) $python"
    if [[ -x $dir/bin/python && -f $stamp && $(<"$stamp") == "$want" ]]; then
        echo "$dir"
        return 0
    fi
    echo "building the benchmark environment in $dir (Python $PYTHON_VERSION, benchmarks/requirements.txt)" >&2
    rm -rf "$dir"
    mkdir -p "$CACHE"
    out=$(mktemp)
    if ! "$python" -m venv "$dir" >"$out" 2>&1 \
        || ! "$dir/bin/python" -m pip install --quiet -r "$BENCH/requirements.txt" >>"$out" 2>&1; then
        echo "ERROR: could not build the benchmark environment; pip said:" >&2
        cat "$out" >&2
        rm -rf "$dir" "$out"
        return 1
    fi
    rm -f "$out"
    echo "$want" >"$stamp"
    echo "$dir"
}

# On a shared machine other work competes for the CPUs. As root, the fake and every measured run
# get a higher scheduling priority (RETELL_BENCH_NICE, default -10; 0 turns it off) so that others
# take less of their time; bench.py still measures and reports how much CPU other processes used.
NICE=()
PRIORITY=${RETELL_BENCH_NICE:--10}
if [[ $PRIORITY != 0 && $(id -u) -eq 0 ]]; then
    NICE=(nice -n "$PRIORITY")
else
    PRIORITY=0
fi
export RETELL_BENCH_PRIORITY=$PRIORITY

START=$(date +%s)
VENV=$(ensure_venv)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/retell-bench.XXXXXX")
FAKE_PID=""

# shellcheck disable=SC2317  # called by the traps
cleanup() {
    if [[ -n $FAKE_PID ]]; then
        kill "$FAKE_PID" 2>/dev/null || true
        wait "$FAKE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# The fake Retell API, on an ephemeral port of 127.0.0.1.
PYTHONPATH=$REPO/tests ${NICE[@]+"${NICE[@]}"} "$VENV/bin/python" -m fake_retell --port 0 --url-file "$WORK/fake-url" \
    >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 100); do
    [[ -s $WORK/fake-url ]] && break
    if ! kill -0 "$FAKE_PID" 2>/dev/null; then
        cat "$WORK/fake.log" >&2
        echo "ERROR: the fake Retell API did not start" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ ! -s $WORK/fake-url ]]; then
    echo "ERROR: the fake Retell API did not write its URL within 10 s" >&2
    exit 1
fi
FAKE_URL=$(<"$WORK/fake-url")
echo "fake Retell API: $FAKE_URL   ansible-core: $("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("ansible-core"))')"

# bench.py runs in the background so that an interrupt reaches it at once (it ends its current
# ansible-playbook run); the EXIT trap then stops the fake.
BENCH_PID=""
# shellcheck disable=SC2317  # called by the traps
interrupted() {
    [[ -n $BENCH_PID ]] && kill "$BENCH_PID" 2>/dev/null
    wait "$BENCH_PID" 2>/dev/null || true
    echo "interrupted" >&2
    exit 130
}
trap interrupted INT TERM
rc=0
${NICE[@]+"${NICE[@]}"} "$VENV/bin/python" "$BENCH/bench.py" --fake-url "$FAKE_URL" --fake-pid "$FAKE_PID" --work-dir "$WORK/bench" --logs "$LOGS" \
    ${MODE_ARGS[@]+"${MODE_ARGS[@]}"} &
BENCH_PID=$!
wait "$BENCH_PID" || rc=$?
BENCH_PID=""
echo "benchmark command finished in $(($(date +%s) - START)) s (exit $rc)"
exit "$rc"
