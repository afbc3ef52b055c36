# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mirror the collection's files into ``.../ansible_collections/<namespace>/<name>/`` trees.

ansible-test resolves symlinks, so the trees it runs in hold real copies. The files copied are
the tracked and the untracked-but-not-ignored ones (``git ls-files -co --exclude-standard``);
outside a git checkout, every file except ``.git/`` and ``tests/output/``. Files that are no
longer part of the collection are removed from the trees; ``tests/output/`` in a tree is kept,
so ansible-test can reuse the virtual environments it keeps there.

Usage: python sync_tree.py SOURCE_DIR DEST_DIR [DEST_DIR ...]
"""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import subprocess
import sys

KEEP = ('tests/output',)
SKIP_WALK = ('.git', 'tests/output')


def _inside(rel_path, prefixes):
    """Return True if rel_path is one of the prefixes or lies below one."""
    return any(rel_path == prefix or rel_path.startswith(prefix + '/') for prefix in prefixes)


def list_files(source):
    """Return the sorted relative paths of the collection's files (git lists them relative to source)."""
    try:
        output = subprocess.run(
            ['git', '-C', source, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
            check=True, capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        output = None

    if output is not None:
        names = {os.fsdecode(name) for name in output.split(b'\0') if name}
    else:
        names = set()

        for root, dirs, files in os.walk(source):
            rel_root = os.path.relpath(root, source).replace(os.sep, '/')
            rel_root = '' if rel_root == '.' else rel_root + '/'
            dirs[:] = [d for d in dirs if not _inside(rel_root + d, SKIP_WALK)]
            names.update(rel_root + name for name in files)
            names.update(rel_root + d for d in dirs if os.path.islink(os.path.join(root, d)))

    # "git ls-files --cached" still lists tracked files deleted from the work tree
    return sorted(name for name in names if os.path.lexists(os.path.join(source, name)) and not _inside(name, KEEP))


def _same(src, dst):
    """Return True if dst already mirrors src (content, type and mode)."""
    if os.path.islink(src) or os.path.islink(dst):
        return os.path.islink(src) and os.path.islink(dst) and os.readlink(src) == os.readlink(dst)

    if not os.path.isfile(dst):
        return False

    if stat.S_IMODE(os.stat(src).st_mode) != stat.S_IMODE(os.stat(dst).st_mode):
        return False

    return filecmp.cmp(src, dst, shallow=False)


def sync(source, dest, names):
    """Make dest hold exactly the given files of source (apart from the kept paths); return the change count."""
    changes = 0
    wanted = set(names)

    for name in names:
        src = os.path.join(source, name)
        dst = os.path.join(dest, name)

        if _same(src, dst):
            continue

        if os.path.isdir(dst) and not os.path.islink(dst):
            shutil.rmtree(dst)
        elif os.path.lexists(dst):
            os.unlink(dst)

        os.makedirs(os.path.dirname(dst), exist_ok=True)

        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)

        changes += 1

    for root, dirs, files in os.walk(dest, topdown=False):
        rel_root = os.path.relpath(root, dest).replace(os.sep, '/')
        rel_root = '' if rel_root == '.' else rel_root + '/'

        if _inside(rel_root.rstrip('/'), KEEP):
            continue

        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            rel = rel_root + name

            if rel not in wanted and not _inside(rel, KEEP):
                os.unlink(os.path.join(root, name))
                changes += 1

        if rel_root and not os.listdir(root) and not any(prefix.startswith(rel_root) for prefix in KEEP):
            os.rmdir(root)

    return changes


def main():
    """Entry point."""
    if len(sys.argv) < 3:
        sys.exit(__doc__)

    source = os.path.abspath(sys.argv[1])
    names = list_files(source)

    if not names:
        sys.exit('sync_tree: no files found in %s' % source)

    for dest in sys.argv[2:]:
        os.makedirs(dest, exist_ok=True)
        changes = sync(source, dest, names)
        print('sync_tree: %d files in %s (%d changed)' % (len(names), dest, changes))


if __name__ == '__main__':
    main()
