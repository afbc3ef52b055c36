#!/usr/bin/env bash
# The collection's single test command (what CI runs through .ci/run):
#
#   bash tests/run-all.sh                 # every stage: what CI runs
#   bash tests/run-all.sh sanity units    # only these stage groups (or exact names, e.g. sanity-2.19)
#   RETELL_TEST_CORES="2.19" bash tests/run-all.sh sanity   # limit the ansible-core matrix
#   bash tests/run-all.sh --list          # the stages and what they run
#
# Environment:
#   RETELL_TEST_CACHE      cache for virtual environments and collection trees
#                          (default: $HOME/.cache/retellai-retell-tests)
#   RETELL_TEST_CORES      ansible-core lines to test, space or comma separated (default: all); the
#                          integration stages run on 2.16, 2.19 and 2.21 when those are among them
#   RETELL_STAGE_TIMEOUT   seconds one stage's main command may run (default: 2400)
#   RETELL_TEST_JOBS       lanes run at the same time (default: 2; 1 runs every stage in turn)
#   RETELL_INTEGRATION_TARGETS  only these integration targets, space or comma separated (default: all)
#
# Stages run in lanes: the stages of one lane run in turn (they share a virtual environment and a
# collection tree), and RETELL_TEST_JOBS lanes run side by side, the longest first.
# Each stage is timed and reported PASS, FAIL or SKIP; a failure does not stop later stages.
# Logs: tests/output/run-all/<stage>.log. The last line is "N passed, M failed" (stages);
# the exit status is non-zero when any stage failed.
#
# To add a stage, add one line to plan() below: stage NAME command [args...], after the lane it
# belongs to (lane NAME): a stage that uses the same venv or tree as others goes in their lane.
# The command runs in a subshell with `set -e`, its output going to the stage's log, from the
# repository root. It passes by exiting 0; it may call `skip "reason"` to record a SKIP.

set -euo pipefail
shopt -s inherit_errexit

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
export HOME
CACHE=${RETELL_TEST_CACHE:-$HOME/.cache/retellai-retell-tests}
LOG_DIR=$REPO/tests/output/run-all
ANSIBLE_TEST_HOME=$CACHE/home/setup   # HOME for ansible-test, one per lane (see ansible_test below)
STAGE_TIMEOUT=${RETELL_STAGE_TIMEOUT:-2400}
JOBS=${RETELL_TEST_JOBS:-2}
NAMESPACE=retellai
COLLECTION=retell
# shellcheck source=tests/tooling/locate_python.sh
source "$REPO/tests/tooling/locate_python.sh"

# ansible-core line : Python version it runs on (requirements: tests/requirements/ansible-core-<line>.txt)
CORE_MATRIX=(2.16:3.11 2.17:3.11 2.18:3.11 2.19:3.11 2.20:3.12 2.21:3.12)
# the lines the integration targets run on (oldest, main, newest); each in a venv of its own from
# ansible-core-<line>.txt plus tests/requirements/integration.txt
INTEGRATION_LINES=(2.16 2.19 2.21)
# the one line that runs the heaviest scale pieces of the targets (the others run them light; see
# run_integration and tests/integration/targets/setup_fake_retell/fake.sh: retell_test_scale)
FULL_SCALE_LINE=2.19
# main development environment (tests/requirements/dev.txt): lint, fake API tests
DEV_PYTHON=3.11

export PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export NO_COLOR=1 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 PY_COLORS=0

# ---------------------------------------------------------------------------------------------
# The stages. One line each; the names select them (a name or its prefix before "-").

plan() {
    # before every lane: sanity needs shellcheck installed
    stage sanity-ignores check_no_sanity_ignores
    stage sanity-tools ensure_shellcheck
    # the lanes, longest first: the integration line that runs the full scale leads
    for line in "$FULL_SCALE_LINE" "${INTEGRATION_LINES[@]/$FULL_SCALE_LINE/}"; do
        if [[ -n $line && " ${CORES[*]} " == *" $line "* ]]; then
            lane "integration-$line"
            stage "integration-$line" run_integration "$line"
        fi
    done
    for line in "${CORES[@]}"; do
        lane "core-$line"
        stage "sanity-$line" run_sanity "$line"
        stage "units-$line" run_units "$line"
    done
    lane dev
    stage lint run_lint
    stage fake-api run_fake_api
    lane release
    stage docs-lint bash tests/tooling/release_checks.sh docs-lint
    stage docs-build bash tests/tooling/release_checks.sh docs-build
    stage galaxy-importer bash tests/tooling/release_checks.sh galaxy-importer
    stage changelog bash tests/tooling/release_checks.sh changelog
    lane bench
    stage bench-smoke bash benchmarks/run.sh --smoke
}

# ---------------------------------------------------------------------------------------------
# Stage bodies (run inside the stage's subshell, output to its log, cwd = repository root).
# $SNAPSHOT holds the collection's files as they were when the run started; test from it (or from
# a collection_tree), not from the work tree, so that every stage sees the same content.

check_no_sanity_ignores() {
    local file count bad=0
    shopt -s nullglob
    for file in tests/sanity/ignore-*.txt; do
        count=$(grep -cvE '^[[:space:]]*(#|$)' "$file" || true)
        if [[ $count -gt 0 ]]; then
            echo "ERROR: $file has $count entries; this collection's sanity tests run with none:"
            grep -nvE '^[[:space:]]*(#|$)' "$file"
            bad=1
        fi
    done
    [[ $bad -eq 0 ]] || return 1
    echo "no entries in tests/sanity/ignore-*.txt"
}

ensure_shellcheck() {
    if command -v shellcheck >/dev/null 2>&1; then
        echo "shellcheck present: $(shellcheck --version | sed -n 's/^version: //p')"
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "WARNING: shellcheck is not installed and this is not root: ansible-test sanity will skip"
        echo "WARNING: its shellcheck test here, while CI runs it. Install Debian's 'shellcheck' package."
        skip "shellcheck missing (not root: cannot apt-get install it); sanity's shellcheck test is skipped"
        return 0
    fi
    echo "shellcheck is missing: installing Debian's package (ansible-test sanity skips that test without it)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends shellcheck
    echo "installed shellcheck $(shellcheck --version | sed -n 's/^version: //p')"
}

run_sanity() {
    local line=$1 py venv tree
    py=$(core_python "$line")
    venv=$(ensure_venv "ansible-core-$line" "$py" "tests/requirements/ansible-core-$line.txt")
    install_get_pip_standin "$venv"
    tree=$(collection_tree "ansible-core-$line")
    cd "$tree"
    ansible_test "$venv" sanity --local --python "$py"
}

run_units() {
    local line=$1 py venv tree
    if ! has_files "$SNAPSHOT/tests/unit" -name 'test_*.py' -o -name '*_test.py'; then
        skip "tests/unit holds no test files (test_*.py / *_test.py)"
        return 0
    fi
    py=$(core_python "$line")
    venv=$(ensure_venv "ansible-core-$line" "$py" "tests/requirements/ansible-core-$line.txt")
    install_get_pip_standin "$venv"
    tree=$(collection_tree "ansible-core-$line")
    cd "$tree"
    ansible_test "$venv" units --venv --python "$py" 2>&1 | tee "$RUN_TMP/units-$line.out"
    ran_something "$RUN_TMP/units-$line.out" "tests/unit holds test files"
}

run_integration() {
    local line=$1 py venv tree scale=light
    : "${RETELL_INTEGRATION_TARGETS:=}"
    if ! has_files "$SNAPSHOT/tests/integration/targets" -path '*/targets/*/*' -type f; then
        skip "tests/integration/targets holds no targets"
        return 0
    fi
    py=$(core_python "$line")
    venv=$(ensure_venv "integration-$line" "$py" "tests/requirements/ansible-core-$line.txt" tests/requirements/integration.txt)
    install_get_pip_standin "$venv"
    tree=$(collection_tree "integration-$line")
    # ansible-test passes no variables of ours to the targets: they read the scale from the tree
    [[ $line == "$FULL_SCALE_LINE" ]] && scale=full
    mkdir -p "$tree/tests/output"
    echo "$scale" >"$tree/tests/output/retell-integration-scale"
    local targets=()
    read -r -a targets <<<"${RETELL_INTEGRATION_TARGETS//,/ }"
    echo "integration on ansible-core $line (Python $py), scale: $scale, targets: ${targets[*]:-all}"
    cd "$tree"
    ansible_test "$venv" integration --local --python "$py" --continue-on-error ${targets[@]+"${targets[@]}"} 2>&1 \
        | tee "$RUN_TMP/integration-$line.out"
    ran_something "$RUN_TMP/integration-$line.out" "targets exist under tests/integration/targets"
}

run_lint() {
    local venv tree
    venv=$(ensure_venv dev "$DEV_PYTHON" tests/requirements/dev.txt)
    tree=$(collection_tree dev)
    cd "$tree"
    # .ansible-lint has offline: true, so ansible-lint installs nothing: find this collection through
    # the tree's ansible_collections/ directory instead
    ANSIBLE_COLLECTIONS_PATH=${tree%/ansible_collections/*} PATH="$venv/bin:$PATH" \
        limited "$venv/bin/ansible-lint" --profile production --nocolor
}

run_fake_api() {
    local venv tree
    if ! has_files "$SNAPSHOT/tests/fake_retell/tests" -name 'test_*.py' -o -name '*_test.py'; then
        skip "tests/fake_retell/tests holds no test files (test_*.py / *_test.py)"
        return 0
    fi
    venv=$(ensure_venv dev "$DEV_PYTHON" tests/requirements/dev.txt)
    tree=$(collection_tree dev)
    cd "$tree"
    PATH="$venv/bin:$PATH" limited "$venv/bin/python" -m pytest tests/fake_retell/tests -q -p no:cacheprovider
}

# ---------------------------------------------------------------------------------------------
# Helpers for stage bodies.

# skip REASON: mark the running stage as skipped (call it, then return 0).
skip() {
    echo "SKIP: $*"
    echo "$*" >"$STAGE_SKIP_FILE"
}

# ansible_test VENV ARGS...: run the ansible-test of VENV under the stage timeout. Its HOME (where
# it keeps ~/.ansible/test/venv and its cache) is the run's own, so ansible-test runs of other
# people on this machine cannot race with it, and nothing from ~/.ansible leaks in.
ansible_test() {
    local venv=$1
    shift
    HOME=$ANSIBLE_TEST_HOME PATH="$venv/bin:$PATH" limited "$venv/bin/ansible-test" "$@" --color no
}

# ran_something OUTPUT WHAT: fail when ansible-test's OUTPUT says it ran no target (it exits 0 then).
ran_something() {
    if grep -qE 'All targets skipped|No tests found' "$1"; then
        echo "ERROR: $2, but ansible-test ran none of them"
        return 1
    fi
}

# has_files DIR FIND-EXPRESSION...: true when DIR exists and holds a file matching the expression.
has_files() {
    local dir=$1
    shift
    [[ -d $dir ]] && [[ -n $(find "$dir" \( "$@" \) -print -quit) ]]
}

# limited COMMAND...: run a command under the stage timeout (kills its whole process group).
limited() {
    local rc=0
    timeout --kill-after=30 "$STAGE_TIMEOUT" "$@" </dev/null || rc=$?
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        echo "ERROR: timed out after ${STAGE_TIMEOUT}s (RETELL_STAGE_TIMEOUT): $*"
    fi
    return "$rc"
}

core_python() {
    local entry
    for entry in "${CORE_MATRIX[@]}"; do
        if [[ ${entry%%:*} == "$1" ]]; then
            echo "${entry##*:}"
            return 0
        fi
    done
    echo "unknown ansible-core line: $1" >&2
    return 1
}

# ensure_venv NAME PYTHON-VERSION REQUIREMENTS...: print the path of an up-to-date virtual environment
# with every requirements file installed. It is rebuilt when a requirements file (sha256) or the
# interpreter changed.
ensure_venv() {
    local name=$1 version=$2 dir stamp want python out file
    shift 2
    local requirements=() pip_args=()
    for file in "$@"; do
        requirements+=("$REPO/$file")
        pip_args+=(-r "$REPO/$file")
    done
    python=${PYTHONS[$version]}
    dir=$CACHE/venvs/$name
    stamp=$dir/.run-all-stamp
    want="$(cat "${requirements[@]}" | sha256sum | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])') $python"
    if [[ -x $dir/bin/python && -f $stamp && $(<"$stamp") == "$want" ]]; then
        echo "venv $name: up to date ($dir)" >&2
        echo "$dir"
        return 0
    fi
    echo "venv $name: building with Python $version from $*" >&2
    # the collection tree of the same name keeps ansible-test's venvs in tests/output: renew it too
    rm -rf "$dir" "$CACHE/trees/$name"
    mkdir -p "$CACHE/venvs"
    out=$(mktemp)
    if ! "$python" -m venv "$dir" >"$out" 2>&1 \
        || ! "$dir/bin/python" -m pip install --quiet --no-input --disable-pip-version-check "${pip_args[@]}" >>"$out" 2>&1; then
        echo "ERROR: could not build venv $name from $*; pip said:" >&2
        cat "$out" >&2
        rm -rf "$dir" "$out"
        return 1
    fi
    rm -f "$out"
    echo "$want" >"$stamp"
    echo "$dir"
}

# install_get_pip_standin VENV: put tests/tooling/get_pip_standin.py where the ansible-test of
# VENV looks for its get-pip bootstrap (for each pip version it pins), as the real one cannot be
# downloaded here.
install_get_pip_standin() {
    local venv=$1 source reqs version target
    source=$REPO/tests/tooling/get_pip_standin.py
    reqs=$(echo "$venv"/lib/python3*/site-packages/ansible_test/_internal/python_requirements.py)
    if [[ ! -f $reqs ]]; then
        echo "ERROR: ansible-test's python_requirements.py not found in $venv" >&2
        return 1
    fi
    local versions
    versions=$(grep -oE "pip=['\"][0-9][0-9.]*['\"]" "$reqs" | grep -oE '[0-9][0-9.]*[0-9]' | sort -u || true)
    if [[ -z $versions ]]; then
        echo "ERROR: no pinned pip version found in $reqs" >&2
        return 1
    fi
    mkdir -p "$ANSIBLE_TEST_HOME/.ansible/test/cache"
    for version in $versions; do
        target=$ANSIBLE_TEST_HOME/.ansible/test/cache/get_pip_${version//./_}.py
        if ! cmp -s "$source" "$target"; then
            cp "$source" "$target"
            echo "get-pip stand-in for pip $version: $target" >&2
        fi
    done
}

# collection_tree NAME: print the path of a copy of the collection at
# .../ansible_collections/retellai/retell/ (ansible-test needs that layout and resolves symlinks).
# Trees are kept in the cache (their tests/output too, for ansible-test's own venvs) and
# brought up to date from the snapshot taken when this run started.
collection_tree() {
    local tree=$CACHE/trees/$1/ansible_collections/$NAMESPACE/$COLLECTION
    "$SYNC_PYTHON" "$REPO/tests/tooling/sync_tree.py" "$SNAPSHOT" "$tree" >&2
    echo "$tree"
}

# ---------------------------------------------------------------------------------------------
# Machinery.

PLAN_ONLY=0
LANE=setup        # the lane plan() is declaring stages for
LANE_FILTER=setup # the lane whose stages this shell runs

# lane NAME: the stages declared after this belong to lane NAME.
lane() {
    LANE=$1
}

selected() {
    local name=$1 want
    [[ ${#SELECTION[@]} -eq 0 ]] && return 0
    for want in "${SELECTION[@]}"; do
        [[ $name == "$want" || $name == "$want"-* ]] && return 0
    done
    return 1
}

stage() {
    local name=$1
    shift
    selected "$name" || return 0
    if [[ $PLAN_ONLY -eq 1 ]]; then
        printf '  %-16s %-12s %s\n' "$name" "$LANE" "$*"
        return 0
    fi
    [[ $LANE == "$LANE_FILTER" ]] || return 0

    local log=$LOG_DIR/$name.log start rc=0 seconds status detail report
    STAGE_SKIP_FILE=$RUN_TMP/$name.skip
    rm -f "$STAGE_SKIP_FILE"
    start=$(date +%s)
    set +e
    (
        set -e
        cd "$REPO"
        echo "# stage $name (lane $LANE): $* ($(date -u '+%Y-%m-%dT%H:%M:%SZ'))"
        "$@"
    ) >"$log" 2>&1 </dev/null 9>&-
    rc=$?
    set -e
    seconds=$(($(date +%s) - start))
    if [[ $rc -ne 0 ]]; then
        status=FAIL
    elif [[ -f $STAGE_SKIP_FILE ]]; then
        status=SKIP
    else
        status=PASS
    fi
    detail=$(stage_detail "$status" "$log")
    report=$(printf '==> %-16s %s %ss%s' "$name" "$status" "$seconds" "${detail:+  ($detail)}")
    if [[ $status == FAIL ]]; then
        report+=$'\n'$(failure_excerpt "$log" "$rc")
    fi
    # lanes finish in any order: one write per report keeps each report in one piece
    flock "$RUN_TMP/output.lock" printf '%s\n' "$report"
    echo "$name|$status|$seconds|$detail" >"$RUN_TMP/results/$name"
}

# failure_excerpt LOG RC: the error lines and the end of a failed stage's log.
failure_excerpt() {
    local log=$1 rc=$2
    if grep -qE '^(ERROR|FATAL|FAILED)|^E  ' "$log"; then
        echo "---- error lines of ${log#"$REPO"/} (first 60) ----"
        grep -E '^(ERROR|FATAL|FAILED)|^E  ' "$log" | head -n 60 | sed 's/^/    /'
    fi
    echo "---- last 25 lines of ${log#"$REPO"/} (exit $rc) ----"
    tail -n 25 "$log" | sed 's/^/    /'
    echo "----"
}

# run_lane NAME: run the stages of lane NAME in turn, with an ansible-test HOME of the lane's own
# (ansible-test keeps virtual environments there, which lanes running side by side must not share).
run_lane() {
    LANE_FILTER=$1
    ANSIBLE_TEST_HOME=$CACHE/home/$1
    plan
}

# run_lanes LANE...: run the lanes, at most JOBS at a time, in the order given.
run_lanes() {
    local lane_name running=0
    for lane_name in "$@"; do
        if [[ $running -ge $JOBS ]]; then
            wait -n || true
            running=$((running - 1))
        fi
        run_lane "$lane_name" &
        running=$((running + 1))
    done
    wait || true
}

# stage_detail STATUS LOG: a short summary of what the stage ran, read from its log.
stage_detail() {
    local status=$1 log=$2 line
    if [[ $status == SKIP ]]; then
        cat "$STAGE_SKIP_FILE"
        return 0
    fi
    # pytest's closing lines (fake API, and ansible-test units: one per test context), added up
    line=$(grep -E '^=* ?[0-9]+ (passed|failed|error)' "$log" | awk '
        { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^(passed|failed|errors?|skipped)/) { word = $(i + 1); sub(/[,;]$/, "", word); n[word] += $i } runs++ }
        END { if (runs) { out = ""; for (w in n) out = out (out ? ", " : "") n[w] " " w; print out (runs > 1 ? " (" runs " pytest runs)" : "") } }' || true)
    if [[ -n $line ]]; then
        echo "$line"
        return 0
    fi
    line=$(sed -nE 's/.* ([0-9]+) (sanity|integration) test\(s\) listed below \(out of ([0-9]+)\) failed.*/\1 of \3 \2 tests failed/p' "$log" | tail -n 1)
    if [[ -n $line ]]; then
        echo "$line"
        return 0
    fi
    if grep -q "^Running sanity test" "$log"; then
        echo "$(grep -c '^Running sanity test' "$log") sanity tests run"
        return 0
    fi
    if grep -qE '^Running .* integration test (role|script)' "$log"; then
        echo "$(grep -cE '^Running .* integration test (role|script)' "$log") integration targets run"
        return 0
    fi
    grep -E '^(Passed|Failed): ' "$log" | tail -n 1 || true
}

usage() {
    sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
    SELECTION=()
    local arg
    for arg in "$@"; do
        case $arg in
            -h | --help) usage; return 0 ;;
            --list) PLAN_ONLY=1 ;;
            -*) echo "unknown option: $arg" >&2; usage >&2; return 2 ;;
            *) SELECTION+=("$arg") ;;
        esac
    done

    # the ansible-core lines
    CORES=()
    local entry want found
    if [[ -n ${RETELL_TEST_CORES:-} ]]; then
        for want in ${RETELL_TEST_CORES//,/ }; do
            found=0
            for entry in "${CORE_MATRIX[@]}"; do
                [[ ${entry%%:*} == "$want" ]] && found=1
            done
            if [[ $found -eq 0 ]]; then
                echo "ERROR: RETELL_TEST_CORES names $want; known lines: ${CORE_MATRIX[*]%%:*}" >&2
                return 2
            fi
            CORES+=("$want")
        done
    else
        for entry in "${CORE_MATRIX[@]}"; do
            CORES+=("${entry%%:*}")
        done
    fi

    # list the selected stages (and check the selection names some)
    local listing
    listing=$(PLAN_ONLY=1 plan_list)
    if [[ $PLAN_ONLY -eq 1 ]]; then
        echo "stages:"
        echo "$listing"
        return 0
    fi
    if [[ -z $listing ]]; then
        echo "ERROR: no stage matches: ${SELECTION[*]}" >&2
        echo "stages:" >&2
        SELECTION=()
        PLAN_ONLY=1 plan_list >&2
        return 2
    fi
    for want in "${SELECTION[@]}"; do
        if ! grep -qE "^  ($want|$want-[^ ]*) " <<<"$listing"; then
            echo "ERROR: no stage matches '$want' (try --list)" >&2
            return 2
        fi
    done

    # the Pythons the selected stages need: all must be there, never skip silently
    declare -gA PYTHONS=()
    local needed=() version missing=()
    local stage_name
    while read -r stage_name _; do
        version=$DEV_PYTHON
        if [[ $stage_name =~ -([0-9]+\.[0-9]+)$ ]]; then
            version=$(core_python "${BASH_REMATCH[1]}")
        fi
        [[ " ${needed[*]} " == *" $version "* ]] || needed+=("$version")
    done <<<"$listing"
    for version in "${needed[@]}"; do
        if PYTHONS[$version]=$(locate_python "$version"); then
            echo "Python $version: ${PYTHONS[$version]}"
        else
            missing+=("$version")
        fi
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "################################################################################" >&2
        for version in "${missing[@]}"; do
            echo "ERROR: Python $version not found (looked for python$version on PATH and in" >&2
            echo "       ${PYENV_ROOT:-$HOME/.pyenv}/versions/$version.*/bin/python$version)." >&2
        done
        echo "ERROR: the test matrix needs it; install it (e.g. pyenv install $version) and run again." >&2
        echo "################################################################################" >&2
        return 1
    fi

    mkdir -p "$CACHE" "$LOG_DIR"
    exec 9>"$CACHE/.lock"
    if ! flock -n 9; then
        echo "another run holds $CACHE/.lock; waiting for it..."
        flock 9
    fi
    RUN_TMP=$(mktemp -d)
    trap 'rm -rf "$RUN_TMP"' EXIT

    # snapshot of the collection's files, so every stage tests the same content
    SNAPSHOT=$CACHE/trees/snapshot
    SYNC_PYTHON=${PYTHONS[${needed[0]}]}
    "$SYNC_PYTHON" "$REPO/tests/tooling/sync_tree.py" "$REPO" "$SNAPSHOT"
    echo "ansible-core lines: ${CORES[*]}   cache: $CACHE   logs: ${LOG_DIR#"$REPO"/}/"
    echo

    local run_start lanes=()
    run_start=$(date +%s)
    mkdir -p "$RUN_TMP/results"
    echo "lanes: $JOBS at a time (RETELL_TEST_JOBS)"
    run_lane setup
    mapfile -t lanes < <(awk '$2 != "setup" && !seen[$2]++ {print $2}' <<<"$listing")
    run_lanes "${lanes[@]}"

    # summary
    local passed=0 failed=0 skipped=0 result name status seconds detail
    echo
    printf '%-16s %-6s %8s  %s\n' STAGE RESULT SECONDS DETAIL
    local results=() stage_name
    while read -r stage_name _; do
        if [[ -f $RUN_TMP/results/$stage_name ]]; then
            results+=("$(<"$RUN_TMP/results/$stage_name")")
        else
            results+=("$stage_name|FAIL|0|did not run (its lane stopped early)")
        fi
    done <<<"$listing"
    for result in "${results[@]}"; do
        IFS='|' read -r name status seconds detail <<<"$result"
        printf '%-16s %-6s %8s  %s\n' "$name" "$status" "$seconds" "$detail"
        case $status in
            PASS) passed=$((passed + 1)) ;;
            FAIL) failed=$((failed + 1)) ;;
            SKIP) skipped=$((skipped + 1)) ;;
        esac
    done
    printf '%-16s %-6s %8s\n' total "" "$(($(date +%s) - run_start))"
    {
        printf '%s\n' "${results[@]}"
    } >"$LOG_DIR/summary.txt"
    echo
    [[ $skipped -eq 0 ]] || echo "$skipped stage(s) skipped: see DETAIL above"
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
}

plan_list() {
    LANE_FILTER=none plan
}

main "$@"
