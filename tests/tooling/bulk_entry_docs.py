# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write or check the documentation of the bulk module's entry options (numbers[].*).

An entry of retellai.retell.retell_phone_numbers takes exactly the options of
retellai.retell.retell_phone_number, so its documentation is generated:
- which options, their type, choices, elements, default and required come from
  phone_number_argument_spec() in plugins/module_utils/_phone_number.py (the argument spec
  both modules use), checked against its FIELDS table;
- each option's description (and the agent entries' sub-options) comes from the single
  module's DOCUMENTATION, with references to its options rewritten to O(numbers[].<option>).

The block sits between two marker comments in plugins/modules/retell_phone_numbers.py.
After changing FIELDS, the argument spec or the single module's option docs, run --write.

Usage (needs ansible-core and PyYAML importable, as in the release venv):
    python tests/tooling/bulk_entry_docs.py --check   # exit 1 if the block is stale
    python tests/tooling/bulk_entry_docs.py --write   # rewrite the block in place
    python tests/tooling/bulk_entry_docs.py --print   # print the block
"""

from __future__ import annotations

import ast
import os
import re
import sys

import yaml

from generated_block import ROOT, load_module_utils, main as generated_main

SINGLE = os.path.join(ROOT, 'plugins', 'modules', 'retell_phone_number.py')
BULK = os.path.join(ROOT, 'plugins', 'modules', 'retell_phone_numbers.py')
BEGIN = '# BEGIN GENERATED ENTRY OPTIONS'
END = '# END GENERATED ENTRY OPTIONS'
INDENT = ' ' * 6  # the entry options sit under options.numbers.suboptions
AGENTS_ANCHOR = 'agents'
# Options that say which number and what to do with it; every other entry option is a FIELDS row.
IDENTITY = ('phone_number', 'purchase', 'state', 'update_password', 'ignore_e164_validation')
# O(option...) and RV(value...) without a plugin name (those with one already point at the right place)
REFERENCE = re.compile(r'\b(O|RV)\(([a-z_0-9]+)([^)#]*)\)')


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as the rest of the module's documentation does."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def documentation(path):
    """The parsed DOCUMENTATION of a module file (read with ast: the module is not imported)."""
    with open(path, encoding='utf-8') as handle:
        tree = ast.parse(handle.read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'DOCUMENTATION' for t in node.targets):
            return yaml.safe_load(node.value.value)
    raise SystemExit('bulk_entry_docs: no DOCUMENTATION in %s' % path)


def for_entry(text, entry_options):
    """A sentence of the single module's docs, with its references made right for a bulk entry."""
    def rewrite(match):
        kind, name, rest = match.groups()
        if kind == 'O' and name in entry_options:
            return 'O(numbers[].%s%s)' % (name, rest)
        if kind == 'RV':
            return 'RV(retellai.retell.retell_phone_number#module:%s%s)' % (name, rest)
        return match.group(0)  # a connection option: the bulk module has it too
    return REFERENCE.sub(rewrite, text)


def entry_option(name, spec, doc, entry_options):
    """The documentation of one entry option: the argument spec's facts, the single module's words."""
    option = {'description': [for_entry(line, entry_options) for line in _lines(doc['description'])]}
    option['type'] = spec['type']
    for key in ('elements', 'choices', 'default'):
        if key in spec:
            option[key] = spec[key]
    if spec.get('required'):
        option['required'] = True
    if 'version_added' in doc:
        option['version_added'] = doc['version_added']
    return option


def agent_suboptions(suboptions, entry_options):
    """The sub-options of an agent list entry, with the single module's words."""
    subs = {}
    for name, sub in suboptions.items():
        sub = dict(sub)
        sub['description'] = [for_entry(line, entry_options) for line in _lines(sub['description'])]
        subs[name] = sub
    return subs


def _lines(description):
    return [description] if isinstance(description, str) else list(description)


def _dump(data, indent):
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=100, allow_unicode=True)
    return ''.join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def render():
    _client, pn = load_module_utils()
    spec = pn.phone_number_argument_spec()
    docs = documentation(SINGLE)['options']
    fields = [field.option for field in pn.FIELDS]
    unlisted = sorted(set(spec) - set(IDENTITY) - set(fields))
    if unlisted or set(fields) - set(spec):
        raise SystemExit('bulk_entry_docs: the argument spec and FIELDS disagree: %s'
                         % ', '.join(unlisted or sorted(set(fields) - set(spec))))
    undocumented = [name for name in spec if name not in docs]
    if undocumented:
        raise SystemExit('bulk_entry_docs: retell_phone_number does not document %s' % ', '.join(undocumented))
    out = []
    anchored = None  # the sub-options written with the anchor, once
    for name in spec:
        out.append(_dump({name: entry_option(name, spec[name], docs[name], set(spec))}, INDENT))
        subs = docs[name].get('suboptions')
        if subs is None:
            continue
        # the agent lists have the same entries: write them once, then refer to them
        if subs == anchored:
            out.append('%s  suboptions: *%s\n' % (INDENT, AGENTS_ANCHOR))
        elif anchored is None and name.endswith('_agents'):
            out.append('%s  suboptions: &%s\n' % (INDENT, AGENTS_ANCHOR))
            out.append(_dump(agent_suboptions(subs, set(spec)), INDENT + '    '))
            anchored = subs
        else:
            out.append('%s  suboptions:\n' % INDENT)
            out.append(_dump(agent_suboptions(subs, set(spec)), INDENT + '    '))
    return ''.join(out)


def main():
    return generated_main(sys.argv, BULK, BEGIN, END, render, 'the entry options (numbers[].*)', 'bulk_entry_docs.py')


if __name__ == '__main__':
    sys.exit(main())
