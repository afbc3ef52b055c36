#!/usr/bin/env bash
# Build the collection's HTML documentation site with antsibull-docs:
#
#   bash tests/tooling/docs_site.sh        # writes docs/build/html/index.html
#
# The site holds the reference of every module and role (from the plugins' own docs and the
# roles' meta/argument_specs.yml) and the guides listed in docs/docsite/extra-docs.yml.
# It builds offline: intersphinx is switched off, and the few links that the generated pages
# make into the Ansible documentation are turned into plain links (see the conf.py addition
# below). Any other warning or error, from antsibull-docs or Sphinx, fails the build.
#
# Tools: tests/requirements/release.txt, in a venv this script creates on first use
# (see tests/tooling/release_env.sh for RETELL_RELEASE_VENV and RETELL_RELEASE_USE_PATH).
# Output: docs/build/html (git-ignored). RETELL_DOCS_OUT=DIR writes somewhere else.

set -euo pipefail
shopt -s inherit_errexit

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${RETELL_DOCS_OUT:-$REPO/docs/build/html}
# shellcheck source=tests/tooling/release_env.sh
source "$REPO/tests/tooling/release_env.sh"
release_env "$REPO"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
started=$SECONDS

# The collection as ansible-core sees an installed one.
collection_tree "$REPO" "$WORK/collections"
export ANSIBLE_COLLECTIONS_PATH=$WORK/collections ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_LOCAL_TEMP=$WORK/ansible-tmp

# The site's front page (sphinx-init would write a generic one).
cat >"$WORK/index.rst" <<'RST'
.. _docsite_root_index:

retellai.retell
===============

Manage Retell AI phone numbers as code with Ansible: import numbers from your SIP trunk, bind
voice and SMS agents, restrict countries, set webhooks and fallbacks, and delete what you no
longer need, from playbooks, from inventories and from AWX.

Start with :ref:`the getting started guide <ansible_collections.retellai.retell.docsite.getting_started>`.
The collection's page lists the modules, the role and every guide.

.. toctree::
   :maxdepth: 2
   :caption: Collection

   collections/index

.. toctree::
   :maxdepth: 1
   :caption: Indexes
   :glob:

   collections/index_*
   collections/environment_variables
RST

# The collection is not on Ansible Galaxy. The plugin pages' note says how to install it from the
# tarball that a checkout builds (<checkout> is the directory that holds galaxy.yml) instead of
# "ansible-galaxy collection install retellai.retell", and its "retellai.retell collection" link
# goes to the collection's page in this site instead of Galaxy. sphinx-init copies these settings
# into the antsibull-docs.cfg that build.sh uses.
version=$(python -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' "$REPO/galaxy.yml")
cat >"$WORK/antsibull-docs.cfg" <<CFG
collection_install = {
  retellai.retell = "ansible-galaxy collection build <checkout> && ansible-galaxy collection install retellai-retell-$version.tar.gz"
}
collection_url = {
  retellai.retell = "index.html"
}
CFG

mkdir -m 0755 "$WORK/site"  # sphinx-init wants an existing directory that only its owner can write
antsibull-docs --config-file "$WORK/antsibull-docs.cfg" sphinx-init --use-current --fail-on-error \
    --project retellai.retell --copyright 'retellai.retell contributors' --title 'retellai.retell' \
    --index-rst-source "$WORK/index.rst" \
    --dest-dir "$WORK/site" retellai.retell >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log"; exit 1; }

cat >>"$WORK/site/conf.py" <<'PY'

# ---- added by tests/tooling/docs_site.sh: build offline -----------------------------------
# intersphinx would download inventories from docs.ansible.com and docs.python.org, which a
# machine without internet access cannot reach. It is off; the references the generated pages
# make into the Ansible documentation become plain links instead. Every other unresolved
# reference is still a warning, and the build (sphinx-build -W) fails on it.
extensions = [name for name in extensions if name != 'sphinx.ext.intersphinx']
intersphinx_mapping = {}

import re as _re

from docutils import nodes as _nodes

_ANSIBLE_DOCS = 'https://docs.ansible.com/projects/ansible/latest/'
_ANSIBLE_LABELS = {
    'common_return_values': ('reference_appendices/common_return_values.html', 'Return Values'),
    'ansible_configuration_settings': ('reference_appendices/config.html', 'Ansible Configuration Settings'),
    'list_of_collections': ('collections/index.html', 'Collection Index'),
    'action_plugins': ('plugins/action.html', 'Action Plugins'),
}
_PLUGIN_LABEL = _re.compile(r'^ansible_collections\.([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)_([a-z]+)$')


def _link_into_ansible_docs(app, env, node, contnode):
    if node.get('refdomain') != 'std' or node.get('reftype') not in ('ref', 'envvar'):
        return None
    target = node.get('reftarget', '')
    if node.get('reftype') == 'envvar':
        # ansible-core's own settings (the inventory cache options of the inventory plugin use them).
        reference = _nodes.reference('', '', internal=False,
                                     refuri=_ANSIBLE_DOCS + 'reference_appendices/config.html#envvar-' + target)
        reference += contnode
        return reference
    title = None
    if target in _ANSIBLE_LABELS:
        path, title = _ANSIBLE_LABELS[target]
    else:
        match = _PLUGIN_LABEL.match(target)
        if not match or match.group(1, 2) == ('retellai', 'retell'):
            return None
        path = 'collections/%s/%s/%s_%s.html' % match.groups()
    reference = _nodes.reference('', '', internal=False, refuri=_ANSIBLE_DOCS + path)
    if node.get('refexplicit') or title is None:
        reference += contnode
    else:
        reference += _nodes.inline(title, title)
    return reference


def setup(app):
    app.connect('missing-reference', _link_into_ansible_docs)
PY

# build.sh (written by sphinx-init) runs "antsibull-docs collection --fail-on-error" and then
# "sphinx-build -W --keep-going": both fail on problems; the log is scanned as well, since
# antsibull-docs reports some problems as warnings only.
status=0
bash "$WORK/site/build.sh" >"$WORK/build.log" 2>&1 || status=$?
findings=$(grep -E '(WARNING|ERROR|CRITICAL|Traceback)' "$WORK/build.log" || true)
if [[ $status -ne 0 || -n $findings ]]; then
    cat "$WORK/build.log"
    echo
    echo "docs_site: FAILED (exit $status); findings:"
    echo "${findings:-(none printed; see the log above)}"
    exit 1
fi

rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
cp -r "$WORK/site/build/html" "$OUT"
pages=$(find "$OUT" -name '*.html' | wc -l)
echo "docs_site: built $pages pages in $((SECONDS - started)) s: $OUT/index.html"
