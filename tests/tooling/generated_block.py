# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the generators of tests/tooling/ (field_table.py, bulk_entry_docs.py): import the
collection's code from this checkout, and write or check a generated block of lines between two
marker lines of a file.
"""

from __future__ import annotations

import os
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def load_module_utils():
    """Import the collection's module_utils from this checkout (through a temporary ansible_collections link)."""
    link_root = tempfile.mkdtemp(prefix='retell-generated-')
    os.makedirs(os.path.join(link_root, 'ansible_collections', 'retellai'))
    os.symlink(ROOT, os.path.join(link_root, 'ansible_collections', 'retellai', 'retell'))
    sys.path.insert(0, link_root)
    from ansible_collections.retellai.retell.plugins.module_utils import _client, _phone_number  # noqa: E402
    return _client, _phone_number


def replace_block(text, begin, end, body, path):
    """`text` with the lines between the line that holds `begin` and the line that holds `end` replaced by `body`."""
    lines = text.splitlines(keepends=True)
    starts = [index for index, line in enumerate(lines) if begin in line]
    ends = [index for index, line in enumerate(lines) if end in line]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise SystemExit('%s: expected one line with %r and, after it, one line with %r' % (path, begin, end))
    return ''.join(lines[:starts[0] + 1]) + body + ''.join(lines[ends[0]:])


def main(argv, path, begin, end, render, what, command):
    """--check (exit 1 when the block is stale), --write (rewrite it) or --print (print it)."""
    mode = argv[1] if len(argv) > 1 else '--check'
    if mode not in ('--check', '--write', '--print'):
        raise SystemExit('usage: %s [--check | --write | --print]' % command)
    body = render()
    if mode == '--print':
        sys.stdout.write(body)
        return 0
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    updated = replace_block(text, begin, end, body, os.path.relpath(path, ROOT))
    name = os.path.relpath(path, ROOT)
    if mode == '--write':
        if updated != text:
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(updated)
            print('%s: updated %s' % (command, name))
        else:
            print('%s: %s is up to date' % (command, name))
        return 0
    if updated != text:
        print('%s: %s in %s is out of date; run: python tests/tooling/%s --write' % (command, what, name, command))
        return 1
    print('%s: %s in %s is up to date' % (command, what, name))
    return 0
