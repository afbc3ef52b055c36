# -*- coding: utf-8 -*-
"""Validate Retell responses against the JSON Schemas in schemas/ (needs `jsonschema`; the server does not).

    from fake_retell.schema_check import validate
    validate('phone_number_response', response.json())
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'schemas')
SCHEMA_NAMES = ('phone_number_response', 'list_v2_response', 'error_envelope')


def load_schema(name):
    with open(os.path.join(SCHEMA_DIR, name + '.json')) as stream:
        return json.load(stream)


def validator(name):
    """A Draft 2020-12 validator for one schema, with the sibling schemas registered for $ref."""
    import jsonschema  # pylint: disable=import-outside-toplevel
    from referencing import Registry, Resource  # pylint: disable=import-outside-toplevel

    resources = []
    for other in SCHEMA_NAMES:
        schema = load_schema(other)
        resources.append((schema['$id'], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(load_schema(name), registry=registry)


def validate(name, instance):
    """Raise jsonschema.ValidationError if `instance` does not match the named schema."""
    validator(name).validate(instance)
