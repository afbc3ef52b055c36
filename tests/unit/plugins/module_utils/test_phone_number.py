# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.retellai.retell.plugins.module_utils._client import InvalidOption
from ansible_collections.retellai.retell.plugins.module_utils._phone_number import (
    desired_from_params,
    differing_fields,
    import_body,
    options_from_number,
    predict_update,
    update_body,
)

NUMBER = '+14155550100'


def desired(**options):
    options.setdefault('phone_number', NUMBER)
    return desired_from_params(options)


def retell_number(**fields):
    number = {'phone_number': NUMBER, 'phone_number_type': 'custom', 'last_modification_timestamp': 1}
    number.update(fields)
    return number


# ---- mapping between option names, import names and update names -------------------------

def test_import_body_uses_import_names_and_always_sends_the_e164_flag():
    body = import_body(desired(termination_uri='t.example', sip_trunk_auth_username='u', sip_trunk_auth_password='p',
                               transport='UDP', codecs=['PCMU'], nickname='n'))
    assert body == {
        'phone_number': NUMBER, 'ignore_e164_validation': False, 'termination_uri': 't.example',
        'sip_trunk_auth_username': 'u', 'sip_trunk_auth_password': 'p', 'transport': 'UDP', 'codecs': ['PCMU'],
        'nickname': 'n',
    }


def test_import_body_leaves_out_update_only_fields_and_empty_values():
    body = import_body(desired(termination_uri='t', fallback_number='+14155550111', inbound_sms_webhook_url='https://x.example/',
                               inbound_sms_agents=[{'agent_id': 'a', 'weight': 1}], nickname='', inbound_agents=[]))
    assert sorted(body) == ['ignore_e164_validation', 'phone_number', 'termination_uri']


def test_update_body_uses_update_names():
    wanted = desired(sip_trunk_auth_username='u', sip_trunk_auth_password='p', termination_uri='t')
    assert update_body(wanted, ['sip_trunk_auth_username', 'sip_trunk_auth_password', 'termination_uri'], retell_number()) == {
        'auth_username': 'u', 'auth_password': 'p', 'termination_uri': 't'}


@pytest.mark.parametrize('option, empty, sent', [
    ('nickname', '', None),
    ('inbound_webhook_url', '', None),
    ('inbound_sms_webhook_url', '', None),
    ('fallback_number', '', None),
    ('allowed_inbound_country_list', [], None),
    ('inbound_agents', [], []),
    ('outbound_sms_agents', [], []),
    ('codecs', [], []),
    ('sip_trunk_auth_username', '', ''),
])
def test_clearing_sends_what_retell_needs(option, empty, sent):
    wanted = desired(**{option: empty})
    key = {'sip_trunk_auth_username': 'auth_username'}.get(option, option)
    assert update_body(wanted, [option], retell_number()) == {key: sent}


def test_options_from_number_maps_response_paths_to_option_names_and_never_has_a_password():
    number = retell_number(nickname='n', sip_outbound_trunk_config={'termination_uri': 't', 'auth_username': 'u', 'transport': 'TLS'})
    options = options_from_number(number)
    assert options['termination_uri'] == 't'
    assert options['sip_trunk_auth_username'] == 'u'
    assert options['transport'] == 'TLS'
    assert options['nickname'] == 'n'
    assert 'sip_trunk_auth_password' not in options


# ---- comparison -------------------------------------------------------------------------

AGENTS_AB = [{'agent_id': 'a', 'weight': 0.7}, {'agent_id': 'b', 'weight': 0.3}]


@pytest.mark.parametrize('options, current', [
    ({'inbound_agents': AGENTS_AB}, {'inbound_agents': [{'agent_id': 'b', 'weight': 0.3}, {'agent_id': 'a', 'weight': 0.7}]}),
    ({'inbound_agents': AGENTS_AB}, {'inbound_agents': [{'agent_id': 'a', 'weight': 0.70000001}, {'agent_id': 'b', 'weight': 0.29999999}]}),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 1}]}, {'inbound_agents': [{'agent_id': 'a', 'weight': 1.0, 'agent_version': 7}]}),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': '3'}]}, {'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 3}]}),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 3}]}, {'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': '3'}]}),
    ({'inbound_agents': []}, {'inbound_agents': None}),
    ({'outbound_agents': []}, {}),
    ({'allowed_inbound_country_list': ['us', 'Ca']}, {'allowed_inbound_country_list': ['CA', 'US']}),
    ({'allowed_inbound_country_list': []}, {'allowed_inbound_country_list': None}),
    ({'transport': 'TCP'}, {'sip_outbound_trunk_config': {'transport': None}}),
    ({'transport': 'TCP'}, {'sip_outbound_trunk_config': None}),
    ({'nickname': ''}, {'nickname': None}),
    ({'fallback_number': ''}, {}),
    ({'codecs': []}, {'sip_outbound_trunk_config': {}}),
    ({'sip_trunk_auth_username': 'u'}, {'sip_outbound_trunk_config': {'auth_username': 'u'}}),
    ({'sip_trunk_auth_password': 'secret'}, {}),
])
def test_equal_settings_are_not_a_change(options, current):
    assert differing_fields(desired(**options), retell_number(**current)) == []


@pytest.mark.parametrize('options, current', [
    ({'inbound_agents': AGENTS_AB}, {'inbound_agents': [{'agent_id': 'a', 'weight': 1.0}]}),
    ({'inbound_agents': AGENTS_AB}, {'inbound_agents': [{'agent_id': 'a', 'weight': 0.6}, {'agent_id': 'b', 'weight': 0.4}]}),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 'prod'}]}, {'inbound_agents': [{'agent_id': 'a', 'weight': 1}]}),
    ({'inbound_agents': []}, {'inbound_agents': [{'agent_id': 'a', 'weight': 1}]}),
    ({'allowed_outbound_country_list': ['US']}, {'allowed_outbound_country_list': ['US', 'CA']}),
    ({'transport': 'TLS'}, {'sip_outbound_trunk_config': {'transport': None}}),
    ({'codecs': ['PCMU', 'OPUS']}, {'sip_outbound_trunk_config': {'codecs': ['OPUS', 'PCMU']}}),
    ({'nickname': ''}, {'nickname': 'old'}),
    ({'termination_uri': 'new.example'}, {'sip_outbound_trunk_config': {'termination_uri': 'old.example'}}),
])
def test_different_settings_are_a_change(options, current):
    assert differing_fields(desired(**options), retell_number(**current)) == list(options)


def test_only_named_options_are_compared():
    current = retell_number(nickname='kept', inbound_agents=[{'agent_id': 'z', 'weight': 1}], fallback_number='+14155550199')
    assert differing_fields(desired(nickname='kept'), current) == []


def test_password_is_sent_only_when_asked():
    wanted = desired(sip_trunk_auth_password='p')
    assert differing_fields(wanted, retell_number()) == []
    assert differing_fields(wanted, retell_number(), include_password=True) == ['sip_trunk_auth_password']


def test_prediction_applies_only_the_changed_fields_in_response_shape():
    current = retell_number(nickname='old', sip_outbound_trunk_config={'termination_uri': 't'})
    predicted = predict_update(desired(nickname='', codecs=['PCMU']), current, ['nickname', 'codecs'])
    assert predicted['nickname'] is None
    assert predicted['sip_outbound_trunk_config'] == {'termination_uri': 't', 'codecs': ['PCMU']}
    assert current['nickname'] == 'old'


# ---- normalisation ----------------------------------------------------------------------

def test_normalises_countries_versions_and_weights():
    wanted = desired(allowed_inbound_country_list=['us', ' gb', 'US'],
                     inbound_agents=[{'agent_id': 'a', 'weight': 1, 'agent_version': '12'}])
    assert wanted.fields['allowed_inbound_country_list'] == ['US', 'GB']
    assert wanted.fields['inbound_agents'] == [{'agent_id': 'a', 'weight': 1.0, 'agent_version': 12}]


@pytest.mark.parametrize('options, option', [
    ({'phone_number': '4155550100'}, 'phone_number'),
    ({'phone_number': '+0155550100'}, 'phone_number'),
    ({'phone_number': '+1 415 555 0100'}, 'phone_number'),
    ({'phone_number': '+1234567890123456'}, 'phone_number'),
    ({'fallback_number': NUMBER}, 'fallback_number'),
    ({'fallback_number': '555-0100'}, 'fallback_number'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 0.6}, {'agent_id': 'b', 'weight': 0.3}]}, 'inbound_agents'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 0}]}, 'inbound_agents[0].weight'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 1.5}]}, 'inbound_agents[0].weight'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 0.5}, {'agent_id': 'a', 'weight': 0.5}]}, 'inbound_agents'),
    ({'outbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 'v3'}]}, 'outbound_agents[0].agent_version'),
    ({'outbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': -1}]}, 'outbound_agents[0].agent_version'),
    ({'outbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': True}]}, 'outbound_agents[0].agent_version'),
    ({'outbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 'Prod'}]}, 'outbound_agents[0].agent_version'),
    ({'outbound_agents': [{'agent_id': '', 'weight': 1}]}, 'outbound_agents[0].agent_id'),
    ({'allowed_outbound_country_list': ['USA']}, 'allowed_outbound_country_list[0]'),
    ({'allowed_outbound_country_list': ['XX']}, 'allowed_outbound_country_list[0]'),
    ({'transport': 'SCTP'}, 'transport'),
    ({'inbound_webhook_url': 'ftp://example.com/hook'}, 'inbound_webhook_url'),
    ({'inbound_sms_webhook_url': 'example.com/hook'}, 'inbound_sms_webhook_url'),
    ({'termination_uri': ''}, 'termination_uri'),
    ({'termination_uri': 'a b'}, 'termination_uri'),
    ({'codecs': ['']}, 'codecs[0]'),
    ({'inbound_agents': ['agent_a']}, 'inbound_agents[0]'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent': 'x'}]}, 'inbound_agents[0]'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': 'heavy'}]}, 'inbound_agents[0].weight'),
    ({'inbound_agents': [{'agent_id': 'a', 'weight': True}]}, 'inbound_agents[0].weight'),
    ({'phone_number': '+1\u0664\u0661\u0665\u0665\u0665\u0665\u0660\u0661\u0663\u0663'}, 'phone_number'),
    ({'phone_number': '+\uff11\uff14\uff11\uff15\uff15\uff15\uff15\uff10\uff11\uff10\uff10'}, 'phone_number'),
    ({'fallback_number': '+1\u0664\u0661\u0665\u0665\u0665\u0665\u0660\u0661\u0663\u0663'}, 'fallback_number'),
    ({'allowed_inbound_country_list': ['u\u017f']}, 'allowed_inbound_country_list[0]'),
    ({'allowed_inbound_country_list': ['\uff35\uff33']}, 'allowed_inbound_country_list[0]'),
    ({'outbound_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': '\u0663'}]}, 'outbound_agents[0].agent_version'),
])
def test_bad_input_names_the_option(options, option):
    with pytest.raises(InvalidOption) as caught:
        desired(**options)
    assert caught.value.option == option
    assert str(caught.value).startswith(option + ': ')


def test_pseudo_numbers_pass_when_e164_validation_is_off():
    assert desired(phone_number='internal-7', ignore_e164_validation=True).phone_number == 'internal-7'


def test_weights_that_sum_to_one_in_floating_point_are_accepted():
    wanted = desired(inbound_agents=[{'agent_id': 'a', 'weight': 0.7}, {'agent_id': 'b', 'weight': 0.2}, {'agent_id': 'c', 'weight': 0.1}])
    assert len(wanted.fields['inbound_agents']) == 3


def test_weight_given_as_numeric_text_counts():
    assert desired(inbound_agents=[{'agent_id': 'a', 'weight': '1'}]).fields['inbound_agents'][0]['weight'] == 1.0


@pytest.mark.parametrize('number', ['.', '..', 'a/b', '../admin', 'x?y=1', 'x#y', '100%', 'a\\b', 'tab\x01', 'del\x7f'])
def test_identity_that_is_not_one_path_segment_is_refused_even_without_e164(number):
    for ignore in (True, False):
        with pytest.raises(InvalidOption) as caught:
            desired(phone_number=number, ignore_e164_validation=ignore)
        assert caught.value.option == 'phone_number'
        assert 'URL path' in str(caught.value) or 'spaces' in str(caught.value)


def test_arabic_indic_digits_are_not_e164():
    with pytest.raises(InvalidOption, match='E.164'):
        desired(phone_number='+1\u0664\u0661\u0665\u0665\u0665\u0665\u0660\u0661\u0663\u0663')
