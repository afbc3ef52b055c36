# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the ``get-pip.py`` bootstrap script that ansible-test downloads.

ansible-test creates its virtual environments without pip and then runs the cached script
``~/.ansible/test/cache/get_pip_<version>.py`` through its ``quiet_pip.py`` wrapper (which sets
``GET_PIP`` to the script path and runs it as ``__main__``), with pip arguments such as::

    --disable-pip-version-check pip==24.2 --no-setuptools --no-wheel

The original script cannot be downloaded on machines that reach only the package registries.
This replacement bootstraps pip with the standard library's ``ensurepip`` and then runs
``pip install --upgrade --force-reinstall`` with the requested packages, taken from the index
pip is configured for. ``tests/run-all.sh`` copies it into ansible-test's cache.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

SETUPTOOLS_FLAG = '--no-setuptools'
WHEEL_FLAG = '--no-wheel'


def _requested(args, name):
    """Return True if a requirement for the named distribution is among the arguments."""
    for arg in args:
        if arg.startswith('-'):
            continue

        base = arg.lower().replace('_', '-')

        for separator in '=<>!~[; ':
            base = base.split(separator, 1)[0]

        if base == name:
            return True

    return False


def _run(command):
    """Run a command, exiting with its status on failure."""
    result = subprocess.run(command, check=False)

    if result.returncode:
        sys.exit(result.returncode)


def main():
    """Bootstrap pip, then install the requested packages like get-pip.py does."""
    args = sys.argv[1:]
    no_setuptools = SETUPTOOLS_FLAG in args or bool(os.environ.get('PIP_NO_SETUPTOOLS'))
    no_wheel = WHEEL_FLAG in args or bool(os.environ.get('PIP_NO_WHEEL'))
    args = [arg for arg in args if arg not in (SETUPTOOLS_FLAG, WHEEL_FLAG)]
    had_setuptools = importlib.util.find_spec('setuptools') is not None
    python = sys.executable

    if importlib.util.find_spec('pip') is None:
        # ensurepip installs the pip wheel bundled with the interpreter (plus setuptools before Python 3.12).
        _run([python, '-m', 'ensurepip', '--default-pip'])

    packages = list(args)

    if not _requested(packages, 'pip'):
        packages.append('pip')

    # Like get-pip.py: setuptools and wheel come along unless refused (and on 3.12+ only when asked for).
    implicit = sys.version_info < (3, 12)

    if implicit and not no_setuptools and not _requested(packages, 'setuptools'):
        packages.append('setuptools')

    if implicit and not no_wheel and not _requested(packages, 'wheel'):
        packages.append('wheel')

    _run([python, '-m', 'pip', 'install', '--upgrade', '--force-reinstall'] + packages)

    if no_setuptools and not had_setuptools and not _requested(packages, 'setuptools'):
        # ensurepip brings setuptools before Python 3.12; remove it when the caller did not want it.
        importlib.invalidate_caches()

        if importlib.util.find_spec('setuptools') is not None:
            _run([python, '-m', 'pip', 'uninstall', '--yes', '--quiet', '--disable-pip-version-check', 'setuptools'])


if __name__ == '__main__':
    main()
