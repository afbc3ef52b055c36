# -*- coding: utf-8 -*-
"""Responses validated against the JSON Schemas shipped in fake_retell/schemas/."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import jsonschema
import pytest

from fake_retell.schema_check import SCHEMA_NAMES, load_schema, validator

from .helpers import NUMBER


@pytest.fixture(scope='module')
def check():
    validators = {name: validator(name) for name in SCHEMA_NAMES}

    def _check(name, instance):
        validators[name].validate(instance)
        return instance
    return _check


@pytest.mark.parametrize('name', SCHEMA_NAMES)
def test_schemas_are_valid_draft_2020_12(name):
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema['$schema'] == 'https://json-schema.org/draft/2020-12/schema'


def test_import_get_update_responses(api, check):
    full = dict(
        sip_trunk_auth_username='u', sip_trunk_auth_password='p', transport='TLS', codecs=['PCMU'],
        inbound_agents=[{'agent_id': 'a', 'weight': 0.5, 'agent_version': 'prod'}, {'agent_id': 'b', 'weight': 0.5, 'agent_version': 2}],
        outbound_agents=[], nickname='n', inbound_webhook_url='https://example.com', allowed_inbound_country_list=['US'],
        allowed_outbound_country_list=None,
    )
    check('phone_number_response', api.import_number(**full).json())
    check('phone_number_response', api.get().json())
    check('phone_number_response', api.update({'fallback_number': '+14155550199', 'inbound_sms_agents': [{'agent_id': 'c', 'weight': 1}],
                                               'nickname': None}).json())
    check('phone_number_response', api.import_number('pseudo', ignore_e164_validation=True).json())


def test_create_and_lists(api, control, check):
    check('phone_number_response', api.create(number_provider='telnyx').json())
    control.seed([{'phone_number': '+1415%07d' % i} for i in range(30)])
    first = check('list_v2_response', api.list(limit=10).json())
    assert first['has_more'] is True
    last = check('list_v2_response', api.list(limit=100, pagination_key=first['pagination_key']).json())
    assert last['has_more'] is False
    for item in api.list_v1().json():
        check('phone_number_response', item)


def test_legacy_switch_output_still_validates(api, control, check):
    control.config(legacy_fields_in_response=True, transport_default_echo=True)
    check('phone_number_response', api.import_number(inbound_agents=[{'agent_id': 'a', 'weight': 1, 'agent_version': 1}]).json())
    check('list_v2_response', api.list().json())


def test_error_envelopes(fake, api, control, check):
    check('error_envelope', api.get().json())
    control.config(not_found_mode='422')
    check('error_envelope', api.get().json())
    check('error_envelope', api.import_number(transport='x').json())
    check('error_envelope', api.request('POST', '/import-phone-number', data=b'{').json())
    check('error_envelope', api.request('GET', '/nowhere').json())
    fake.add_faults([{'route': 'list', 'kind': 'status', 'status': 429}])
    check('error_envelope', api.list().json())
    api.session.headers['Authorization'] = 'Bearer nope'
    check('error_envelope', api.list().json())


def test_the_schemas_catch_bad_shapes(check):
    good = {'phone_number': NUMBER, 'phone_number_type': 'custom', 'last_modification_timestamp': 1}
    check('phone_number_response', good)
    bad_examples = [
        ('phone_number_response', dict(good, auth_password='x')),
        ('phone_number_response', dict(good, sip_trunk_auth_password='x')),
        ('phone_number_response', dict(good, sip_outbound_trunk_config={'auth_password': 'x'})),
        ('phone_number_response', dict(good, phone_number_type='landline')),
        ('phone_number_response', dict(good, last_modification_timestamp='1')),
        ('phone_number_response', dict(good, inbound_agents=[{'agent_id': 'a', 'weight': 0}])),
        ('phone_number_response', dict(good, inbound_agents=[{'agent_id': 'a', 'weight': 1, 'agent_version': 'v3'}])),
        ('phone_number_response', {'phone_number': NUMBER}),
        ('list_v2_response', {'items': [], 'has_more': True}),
        ('list_v2_response', {'items': [], 'has_more': False, 'pagination_key': NUMBER}),
        ('list_v2_response', {'items': [{'phone_number': NUMBER}], 'has_more': False}),
        ('error_envelope', {'status': 'error'}),
        ('error_envelope', {'status': 'failed', 'message': 'x'}),
        ('error_envelope', {'status': 'error', 'message': 'x', 'code': 1}),
    ]
    for name, instance in bad_examples:
        with pytest.raises(jsonschema.ValidationError):
            check(name, instance)
