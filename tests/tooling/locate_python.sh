# shellcheck shell=bash
# Sourced by tests/run-all.sh, benchmarks/run.sh and tests/tooling/release_env.sh: one way to find
# a Python of a given version on this machine.

# locate_python VERSION: print the real path of an interpreter for VERSION that can create a venv
# (PATH first, then pyenv's versions, newest patch release first); fail when there is none.
locate_python() {
    local version=$1 candidate
    local candidates=()
    if command -v "python$version" >/dev/null 2>&1; then
        candidates+=("$(command -v "python$version")")
    fi
    local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv} installed=()
    shopt -s nullglob
    installed=("$pyenv_root/versions/$version".*/bin/"python$version")
    shopt -u nullglob
    if [[ ${#installed[@]} -gt 0 ]]; then
        while IFS= read -r candidate; do
            candidates+=("$candidate")
        done < <(printf '%s\n' "${installed[@]}" | sort -rV)
    fi
    for candidate in "${candidates[@]}"; do
        # a pyenv shim is on PATH even where it cannot run that version: try each candidate, and
        # print the interpreter's real path
        if "$candidate" -c "import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" \
            >/dev/null 2>&1; then
            "$candidate" -c 'import os, sys; print(os.path.realpath(sys.executable))'
            return 0
        fi
    done
    return 1
}
