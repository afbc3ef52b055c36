# -*- coding: utf-8 -*-
"""Retell's OpenAPI document (tests/openapi/retell-openapi.yaml) with the deviations that
tests/openapi/deviations.yml declares applied to it, as an openapi-core OpenAPI object.

Needs PyYAML and openapi-core; imported only when the fake's OpenAPI check is on.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import functools
import os

OPENAPI_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'openapi')
DOCUMENT_PATH = os.path.join(OPENAPI_DIR, 'retell-openapi.yaml')
DEVIATIONS_PATH = os.path.join(OPENAPI_DIR, 'deviations.yml')
DEVIATION_KEYS = ('id', 'kind', 'summary', 'evidence', 'changes')
DEVIATION_KINDS = ('live', 'inferred', 'strict')


class ConformanceUnavailable(RuntimeError):
    """The OpenAPI check was asked for, but openapi-core or PyYAML cannot be imported."""


class DeviationError(ValueError):
    """deviations.yml is malformed, or one of its changes no longer fits the document."""


def _yaml():
    try:
        import yaml  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise ConformanceUnavailable('the OpenAPI check needs PyYAML: %s' % exc) from None
    return yaml


def load_yaml(path):
    yaml = _yaml()
    loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
    with open(path, encoding='utf-8') as stream:
        return yaml.load(stream, Loader=loader)  # nosec B506 - a safe loader


def load_deviations(path=DEVIATIONS_PATH):
    """The declared deviations, each checked for its keys."""
    data = load_yaml(path)
    entries = data.get('deviations') if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DeviationError('%s: expected a non-empty list under "deviations"' % path)
    seen = set()
    for entry in entries:
        if not isinstance(entry, dict) or sorted(entry) != sorted(DEVIATION_KEYS):
            raise DeviationError('%s: each deviation has exactly the keys %s: %r' % (path, ', '.join(DEVIATION_KEYS), entry))
        if entry['id'] in seen:
            raise DeviationError('%s: deviation %s is declared twice' % (path, entry['id']))
        seen.add(entry['id'])
        if entry['kind'] not in DEVIATION_KINDS:
            raise DeviationError('%s: deviation %s: kind must be one of %s' % (path, entry['id'], ', '.join(DEVIATION_KINDS)))
        if not isinstance(entry['changes'], list) or not entry['changes']:
            raise DeviationError('%s: deviation %s has no changes' % (path, entry['id']))
    return entries


def _container(document, keys, where):
    """The object that holds the last key of `keys`."""
    node = document
    for key in keys[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            raise DeviationError('%s: %r is not in the document' % (where, key)) from None
    return node


def apply_change(document, change, where):
    """Apply one `at` + add/replace/remove change to the document, in place."""
    operations = [name for name in ('add', 'replace', 'remove') if name in change]
    keys = change.get('at')
    if len(operations) != 1 or set(change) != {'at', operations[0]} or not isinstance(keys, list) or not keys:
        raise DeviationError('%s: a change is `at: [keys...]` with exactly one of add, replace, remove: %r' % (where, change))
    operation = operations[0]
    parent = _container(document, keys, where)
    last = keys[-1]
    if not isinstance(parent, (dict, list)):
        raise DeviationError('%s: %r does not hold keys' % (where, keys[:-1]))
    exists = last in parent if isinstance(parent, dict) else isinstance(last, int) and 0 <= last < len(parent)
    if operation == 'add':
        if exists:
            raise DeviationError('%s: %r already exists in the document (has Retell documented it?)' % (where, keys))
        if isinstance(parent, list):
            raise DeviationError('%s: add works on object keys only: %r' % (where, keys))
        parent[last] = copy.deepcopy(change['add'])
        return
    if not exists:
        raise DeviationError('%s: %r is not in the document (has Retell changed it?)' % (where, keys))
    if operation == 'replace':
        parent[last] = copy.deepcopy(change['replace'])
    else:
        del parent[last]


def apply_deviations(document, deviations):
    """A copy of the document with every declared change applied."""
    patched = copy.deepcopy(document)
    for entry in deviations:
        for number, change in enumerate(entry['changes']):
            apply_change(patched, change, 'deviation %s, change %d' % (entry['id'], number + 1))
    return patched


def openapi_from(document, check_document=True):
    """An openapi-core OpenAPI object; the document is checked against the OpenAPI 3.0 schema unless told not to."""
    try:
        from openapi_core import Config, OpenAPI  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise ConformanceUnavailable('the OpenAPI check needs openapi-core (tests/requirements): %s' % exc) from None
    if check_document:
        return OpenAPI.from_dict(document)
    return OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))


@functools.lru_cache(maxsize=None)
def retell_openapi():
    """The vendored document with the declared deviations, loaded once per process."""
    return openapi_from(apply_deviations(load_yaml(DOCUMENT_PATH), load_deviations()))
