# shellcheck shell=bash
# Sourced by tests/tooling/docs_site.sh and tests/tooling/release_checks.sh: puts the release
# tools (tests/requirements/release.txt) on PATH.
#
#   RETELL_RELEASE_VENV    the virtual environment to use or create
#                          (default: $HOME/.cache/retellai-retell-release/venv)
#   RETELL_RELEASE_PYTHON  the Python to create it with (default: python3.11, or pyenv's 3.11)
#   RETELL_RELEASE_USE_PATH=1  use the tools already on PATH (a venv the caller manages)
#
# The venv is created on first use and re-created when release.txt changes.

# shellcheck source=tests/tooling/locate_python.sh
source "$(dirname "${BASH_SOURCE[0]}")/locate_python.sh"

release_env() {
    local repo=$1
    local requirements=$repo/tests/requirements/release.txt

    export PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
    export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 NO_COLOR=1

    if [[ ${RETELL_RELEASE_USE_PATH:-0} == 1 ]]; then
        local tool
        for tool in ansible-galaxy ansible-doc antsibull-docs antsibull-changelog sphinx-build python; do
            command -v "$tool" >/dev/null || { echo "release_env: $tool not found on PATH" >&2; return 1; }
        done
        return 0
    fi

    local home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
    local venv=${RETELL_RELEASE_VENV:-$home/.cache/retellai-retell-release/venv}
    local stamp=$venv/.release-requirements.sha256
    local wanted
    wanted=$(sha256sum "$requirements" | cut -d' ' -f1)

    if [[ ! -x $venv/bin/python || ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
        local python=${RETELL_RELEASE_PYTHON:-}
        if [[ -z $python ]]; then
            python=$(HOME=$home locate_python 3.11 || true)
        fi
        if [[ -z $python ]]; then
            echo "release_env: Python 3.11 not found; set RETELL_RELEASE_PYTHON" >&2
            return 1
        fi
        echo "release_env: creating $venv from tests/requirements/release.txt (about a minute, once)" >&2
        rm -rf "$venv"
        "$python" -m venv "$venv"
        # -qq: errors only (some machines' pip configuration adds a warning per package)
        "$venv/bin/pip" install -qq --requirement "$requirements" >&2
        echo "$wanted" >"$stamp"
    fi

    export PATH=$venv/bin:$PATH
    export VIRTUAL_ENV=$venv
}

# Copy the collection's files (tracked, and untracked but not ignored: what a clean clone plus
# your work in progress holds) to DEST/ansible_collections/retellai/retell.
collection_tree() {
    local repo=$1 dest=$2
    python "$repo/tests/tooling/sync_tree.py" "$repo" "$dest/ansible_collections/retellai/retell" >/dev/null
}
