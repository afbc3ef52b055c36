#!/usr/bin/env bash
# Release checks for retellai.retell, one sub-command per check:
#
#   bash tests/tooling/release_checks.sh docs-lint        # antsibull-docs lint, generated docs, ansible-doc
#   bash tests/tooling/release_checks.sh docs-build       # the HTML site (tests/tooling/docs_site.sh), internal links
#   bash tests/tooling/release_checks.sh galaxy-importer  # Galaxy's import checks on the built tarball
#   bash tests/tooling/release_checks.sh changelog        # fragments, changelog.yaml, CHANGELOG.md, version
#   bash tests/tooling/release_checks.sh all              # all four, in that order
#
# Each exits non-zero on any finding and prints "release_checks: <name> PASS" when clean.
# Tools: tests/requirements/release.txt, in a venv created on first use (tests/tooling/release_env.sh:
# RETELL_RELEASE_VENV, RETELL_RELEASE_PYTHON, RETELL_RELEASE_USE_PATH=1 for a venv the caller manages).
# Runs offline apart from that first venv install from PyPI.

set -euo pipefail
shopt -s inherit_errexit

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NAMESPACE=retellai
COLLECTION=retell
FQCN=$NAMESPACE.$COLLECTION
PLACEHOLDER_REPOSITORY=https://repository.invalid/retellai/retell  # .invalid: a name that never resolves
# shellcheck source=tests/tooling/release_env.sh
source "$REPO/tests/tooling/release_env.sh"

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

fail() {
    echo "release_checks: $*" >&2
    exit 1
}

new_work() {
    WORK=$(mktemp -d)
    # shellcheck disable=SC2064  # expand now: the path is fixed
    trap "rm -rf '$WORK'" EXIT
    export ANSIBLE_LOCAL_TEMP=$WORK/ansible-tmp ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
}

# ---- docs-lint ---------------------------------------------------------------------------------

check_docs_lint() {
    new_work
    local out status=0

    echo "== antsibull-docs lint-collection-docs --plugin-docs (module and role docs, extra docs, links.yml)"
    # --check-extra-docs-refs: the guides' :ansplugin:/:ansopt:/:ansretval: references must exist.
    # --validate-collection-refs=all: references into other collections (ansible.builtin) as well.
    # rstcheck stays on: it works offline.
    out=$(cd "$REPO" && antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs \
        --validate-collection-refs=all --disallow-unknown-collection-refs . 2>&1) || status=$?
    if [[ $status -ne 0 || -n $out ]]; then
        echo "$out"
        fail "docs-lint: antsibull-docs reported findings (exit $status)"
    fi
    echo "no findings"

    echo "== field table in docs/docsite/rst/how_it_decides.rst"
    (cd "$REPO" && python tests/tooling/field_table.py --check)

    echo "== the bulk module's entry options (numbers[].*), generated from retell_phone_number and the field table"
    (cd "$REPO" && python tests/tooling/bulk_entry_docs.py --check)

    echo "== ansible-doc: every module and inventory plugin listed with a description, each of them and every role renders without warnings"
    collection_tree "$REPO" "$WORK/collections"
    export ANSIBLE_COLLECTIONS_PATH=$WORK/collections
    local listing errors module role missing=0
    listing=$(ansible-doc -l "$FQCN" 2>"$WORK/stderr")
    errors=$(cat "$WORK/stderr")
    [[ -z $errors ]] || { echo "$errors"; fail "docs-lint: ansible-doc -l $FQCN printed warnings or errors"; }
    echo "$listing"
    for module in "$REPO"/plugins/modules/*.py; do
        module=$(basename "$module" .py)
        if ! grep -qE "^$FQCN\\.$module +[^ ]" <<<"$listing"; then
            echo "not listed with a description: $FQCN.$module"
            missing=1
        fi
        ansible-doc "$FQCN.$module" >/dev/null 2>"$WORK/stderr" || true
        errors=$(cat "$WORK/stderr")
        [[ -z $errors ]] || { echo "$errors"; echo "ansible-doc $FQCN.$module printed the above"; missing=1; }
    done
    local inventory
    for inventory in "$REPO"/plugins/inventory/*.py; do
        [[ -e $inventory ]] || continue
        inventory=$(basename "$inventory" .py)
        if ! ansible-doc -t inventory -l "$FQCN" 2>/dev/null | grep -qE "^$FQCN\.$inventory +[^ ]"; then
            echo "not listed with a description: inventory $FQCN.$inventory"
            missing=1
        fi
        ansible-doc -t inventory "$FQCN.$inventory" >/dev/null 2>"$WORK/stderr" || true
        errors=$(cat "$WORK/stderr")
        [[ -z $errors ]] || { echo "$errors"; echo "ansible-doc -t inventory $FQCN.$inventory printed the above"; missing=1; }
    done
    for role in "$REPO"/roles/*/; do
        role=$(basename "$role")
        ansible-doc -t role "$FQCN.$role" >/dev/null 2>"$WORK/stderr" || true
        errors=$(cat "$WORK/stderr")
        [[ -z $errors ]] || { echo "$errors"; echo "ansible-doc -t role $FQCN.$role printed the above"; missing=1; }
    done
    [[ $missing -eq 0 ]] || fail "docs-lint: ansible-doc findings above"
    echo "all modules, inventory plugins and roles render"
}

# ---- docs-build --------------------------------------------------------------------------------

check_docs_build() {
    new_work
    RETELL_RELEASE_USE_PATH=1 RETELL_DOCS_OUT=$WORK/html bash "$REPO/tests/tooling/docs_site.sh"

    echo "== every internal link of the site resolves (pages, files, #anchors)"
    python "$REPO/tests/tooling/site_links.py" "$WORK/html"
}

# ---- galaxy-importer ---------------------------------------------------------------------------

check_galaxy_importer() {
    new_work
    local tree=$WORK/tree/ansible_collections/$NAMESPACE/$COLLECTION
    collection_tree "$REPO" "$WORK/tree"

    echo "== ansible-galaxy collection build (from the files of a clean checkout plus untracked, non-ignored work)"
    ansible-galaxy collection build --output-path "$WORK/dist" "$tree"
    local tarball version
    version=$(python -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' "$REPO/galaxy.yml")
    tarball=$WORK/dist/$NAMESPACE-$COLLECTION-$version.tar.gz
    [[ -f $tarball ]] || fail "galaxy-importer: the build did not write $(basename "$tarball")"

    # galaxy-importer refuses a galaxy.yml without "repository" (Galaxy needs one to publish). The
    # collection has no public repository yet and names none rather than a made-up one, so the
    # importer checks a second build whose galaxy.yml carries an obviously unreal placeholder; the
    # tarball above, which users install, stays without it.
    local imported=$tarball
    if ! grep -qE '^repository:' "$tree/galaxy.yml"; then
        echo "note: galaxy.yml names no repository; galaxy-importer checks a build with the placeholder $PLACEHOLDER_REPOSITORY"
        echo "      (Galaxy will want a real repository URL before the collection can be published there)"
        printf 'repository: %s\n' "$PLACEHOLDER_REPOSITORY" >>"$tree/galaxy.yml"
        ansible-galaxy collection build --output-path "$WORK/import" "$tree" >/dev/null
        imported=$(ls "$WORK/import/$NAMESPACE-$COLLECTION"-*.tar.gz)
    fi

    echo "== galaxy-importer (config: tests/tooling/galaxy-importer.cfg)"
    local status=0
    (cd "$WORK" && GALAXY_IMPORTER_CONFIG=$REPO/tests/tooling/galaxy-importer.cfg \
        python -m galaxy_importer.main "$imported") >"$WORK/importer.log" 2>&1 || status=$?
    # The importer exits 0 even when it reports problems: read its log.
    grep -vE '^(Loading |$)' "$WORK/importer.log" || true
    local findings
    findings=$(grep -nE '^(WARNING|ERROR|CRITICAL):|Traceback' "$WORK/importer.log" || true)
    if [[ $status -ne 0 || -n $findings ]] || ! grep -q '^Importer processing completed successfully' "$WORK/importer.log"; then
        echo
        echo "findings:"
        echo "${findings:-(none printed, but the import did not complete; exit $status)}"
        fail "galaxy-importer: the import of $(basename "$tarball") is not clean"
    fi
}

# ---- changelog ---------------------------------------------------------------------------------

check_changelog() {
    new_work
    local status=0 out

    echo "== antsibull-changelog lint (fragments)"
    out=$(cd "$REPO" && antsibull-changelog lint 2>&1) || status=$?
    [[ $status -eq 0 && -z $out ]] || { echo "$out"; fail "changelog: fragment findings (exit $status)"; }
    echo "no findings"

    echo "== antsibull-changelog lint-changelog-yaml"
    [[ -f $REPO/changelogs/changelog.yaml ]] \
        || fail "changelog: changelogs/changelog.yaml is missing; run: antsibull-changelog release --version <galaxy.yml version>"
    out=$(cd "$REPO" && antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml 2>&1) || status=$?
    [[ $status -eq 0 && -z $out ]] || { echo "$out"; fail "changelog: changelog.yaml findings (exit $status)"; }
    echo "no findings"

    echo "== CHANGELOG.md is what antsibull-changelog generates from changelog.yaml"
    local tree=$WORK/tree/ansible_collections/$NAMESPACE/$COLLECTION
    collection_tree "$REPO" "$WORK/tree"
    [[ -f $REPO/CHANGELOG.md ]] || fail "changelog: CHANGELOG.md is missing; run: antsibull-changelog generate"
    (cd "$tree" && antsibull-changelog generate >/dev/null)
    if ! diff -u "$REPO/CHANGELOG.md" "$tree/CHANGELOG.md"; then
        fail "changelog: CHANGELOG.md is stale; run: antsibull-changelog generate"
    fi
    echo "up to date"

    echo "== the release version in galaxy.yml"
    python - "$REPO" <<'PY'
import os
import sys

import yaml
from packaging.version import Version

repo = sys.argv[1]
with open(os.path.join(repo, 'galaxy.yml'), encoding='utf-8') as handle:
    version = str(yaml.safe_load(handle)['version'])
with open(os.path.join(repo, 'changelogs', 'changelog.yaml'), encoding='utf-8') as handle:
    releases = (yaml.safe_load(handle) or {}).get('releases') or {}
if not releases:
    sys.exit('release_checks: changelog: changelogs/changelog.yaml has no release; '
             'run: antsibull-changelog release --version %s' % version)
newest = max(releases, key=Version)
if version != newest:
    sys.exit('release_checks: changelog: galaxy.yml says version %s, but the newest release in '
             'changelogs/changelog.yaml is %s. Release it with: antsibull-changelog release --version %s'
             % (version, newest, version))
print('galaxy.yml version %s is the newest release in changelogs/changelog.yaml' % version)

fragments_dir = os.path.join(repo, 'changelogs', 'fragments')
pending = sorted(name for name in (os.listdir(fragments_dir) if os.path.isdir(fragments_dir) else [])
                 if not name.startswith('.'))
if pending:
    print('note: %d fragment(s) not released yet (%s); they go into the next release: bump galaxy.yml, '
          'then run antsibull-changelog release' % (len(pending), ', '.join(pending)))
PY
}

# ---- main --------------------------------------------------------------------------------------

run_check() {
    local name=$1 started=$SECONDS
    echo "==== release_checks: $name"
    case $name in
        docs-lint) check_docs_lint ;;
        docs-build) check_docs_build ;;
        galaxy-importer) check_galaxy_importer ;;
        changelog) check_changelog ;;
        *) usage ;;
    esac
    echo "release_checks: $name PASS ($((SECONDS - started)) s)"
}

[[ $# -eq 1 ]] || usage
case $1 in
    -h | --help) usage ;;
    all)
        release_env "$REPO"
        failed=0
        for name in docs-lint docs-build galaxy-importer changelog; do
            (run_check "$name") || failed=$((failed + 1))
        done
        [[ $failed -eq 0 ]] || fail "$failed of 4 checks failed"
        ;;
    docs-lint | docs-build | galaxy-importer | changelog)
        release_env "$REPO"
        run_check "$1"
        ;;
    *) usage ;;
esac
