# -*- coding: utf-8 -*-
"""AgentWeight, agent_version and country-code rules, on import, update and create alike."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from .helpers import assert_error


BAD_AGENT_LISTS = [
    ([{'agent_id': 'a', 'weight': 0}], 'inbound_agents[0].weight'),
    ([{'agent_id': 'a', 'weight': -0.5}], 'inbound_agents[0].weight'),
    ([{'agent_id': 'a', 'weight': 1.5}], 'inbound_agents[0].weight'),
    ([{'agent_id': 'a', 'weight': '1'}], 'inbound_agents[0].weight'),
    ([{'agent_id': 'a', 'weight': True}], 'inbound_agents[0].weight'),
    ([{'agent_id': 'a', 'weight': None}], 'inbound_agents[0].weight'),
    ([{'agent_id': 'a'}], 'inbound_agents[0].weight'),
    ([{'weight': 1}], 'inbound_agents[0].agent_id'),
    ([{'agent_id': '', 'weight': 1}], 'inbound_agents[0].agent_id'),
    ([{'agent_id': 7, 'weight': 1}], 'inbound_agents[0].agent_id'),
    (['agent_a'], 'inbound_agents[0]'),
    ([{'agent_id': 'a', 'weight': 0.5}, {'agent_id': 'b', 'weight': 0.4}], 'inbound_agents'),
    ([{'agent_id': 'a', 'weight': 0.5}, {'agent_id': 'b', 'weight': 0.6}], 'inbound_agents'),
    ([{'agent_id': 'a', 'weight': 0.5}], 'inbound_agents'),
    ([{'agent_id': 'a', 'weight': 0.5}, {'agent_id': 'a', 'weight': 0.5}], 'inbound_agents'),
    ([{'agent_id': 'a', 'weight': 1, 'extra': 1}], 'inbound_agents[0].extra'),
]
GOOD_AGENT_LISTS = [
    [],
    [{'agent_id': 'a', 'weight': 1}],
    [{'agent_id': 'a', 'weight': 1.0}],
    [{'agent_id': 'a', 'weight': 0.7}, {'agent_id': 'b', 'weight': 0.2}, {'agent_id': 'c', 'weight': 0.1}],
    [{'agent_id': 'a', 'weight': 1 / 3}, {'agent_id': 'b', 'weight': 1 / 3}, {'agent_id': 'c', 'weight': 1 / 3}],
    [{'agent_id': 'a', 'weight': 0.5000004}, {'agent_id': 'b', 'weight': 0.5}],
]
GOOD_VERSIONS = [0, 3, 1000, 'latest', 'latest_published', 'prod', 'staging-2', 'a', 'v', 'v3a', 'version3', 'x' * 20]
BAD_VERSIONS = ['v3', 'v0', 'v123', -1, True, False, None, 1.5, '', '3', 'Prod', 'LATEST', 'x' * 21, '_prod', '-prod', 'pro d', ['latest']]
BAD_COUNTRIES = [['USA'], ['us'], ['XX'], [''], ['U'], ['US', 'uk'], [1], ['XK'], 'US', {'US': True}]
GOOD_COUNTRIES = [['US'], ['US', 'CA', 'GB'], ['AX', 'ZW'], [], None]


def _send(api, endpoint, field, value):
    if endpoint == 'import':
        return api.import_number(**{field: value})
    if endpoint == 'update':
        api.import_number()
        return api.update({field: value})
    return api.create(**{field: value})


@pytest.mark.parametrize('endpoint', ['import', 'update', 'create'])
@pytest.mark.parametrize('agents,fragment', BAD_AGENT_LISTS)
def test_bad_agent_lists_are_400_naming_list_and_field(api, endpoint, agents, fragment):
    assert_error(_send(api, endpoint, 'inbound_agents', agents), 400, fragment)


@pytest.mark.parametrize('endpoint', ['import', 'update', 'create'])
@pytest.mark.parametrize('agents', GOOD_AGENT_LISTS)
def test_good_agent_lists_are_stored(api, endpoint, agents):
    response = _send(api, endpoint, 'outbound_agents', agents)
    assert response.status_code in (200, 201), response.text
    assert response.json()['outbound_agents'] == agents


def test_sms_agent_lists_follow_the_same_rules(api):
    api.import_number()
    assert_error(api.update({'outbound_sms_agents': [{'agent_id': 'a', 'weight': 0.3}]}), 400, 'outbound_sms_agents')
    assert_error(api.update({'inbound_sms_agents': [{'agent_id': 'a', 'weight': 1, 'agent_version': 'v2'}]}), 400,
                 'inbound_sms_agents[0].agent_version')


@pytest.mark.parametrize('version', GOOD_VERSIONS)
def test_good_agent_versions(api, version):
    agents = [{'agent_id': 'a', 'weight': 1, 'agent_version': version}]
    response = api.import_number(inbound_agents=agents)
    assert response.status_code == 201, response.text
    assert response.json()['inbound_agents'][0]['agent_version'] == version


@pytest.mark.parametrize('version', BAD_VERSIONS)
def test_bad_agent_versions(api, version):
    agents = [{'agent_id': 'a', 'weight': 1, 'agent_version': version}]
    assert_error(api.import_number(inbound_agents=agents), 400, 'inbound_agents[0].agent_version')


@pytest.mark.parametrize('endpoint', ['import', 'update', 'create'])
@pytest.mark.parametrize('field', ['allowed_inbound_country_list', 'allowed_outbound_country_list'])
@pytest.mark.parametrize('countries', BAD_COUNTRIES)
def test_bad_country_lists(api, endpoint, field, countries):
    assert_error(_send(api, endpoint, field, countries), 400, field)


@pytest.mark.parametrize('countries', GOOD_COUNTRIES)
def test_good_country_lists(api, countries):
    response = api.import_number(allowed_inbound_country_list=countries, allowed_outbound_country_list=countries)
    assert response.status_code == 201
    assert response.json()['allowed_inbound_country_list'] == countries


def test_country_list_ships_all_249_codes():
    from fake_retell.countries import ISO_3166_ALPHA2, ISO_3166_ALPHA2_SET  # pylint: disable=import-outside-toplevel
    assert len(ISO_3166_ALPHA2) == len(ISO_3166_ALPHA2_SET) == 249
    assert all(len(code) == 2 and code.isupper() for code in ISO_3166_ALPHA2)
    assert {'US', 'CA', 'GB', 'DE', 'SS', 'CW', 'BQ', 'AQ'} <= ISO_3166_ALPHA2_SET
    assert not {'XK', 'UK', 'EU', 'AN', 'YU'} & ISO_3166_ALPHA2_SET


@pytest.mark.parametrize('endpoint', ['import', 'update', 'create'])
@pytest.mark.parametrize('transport', ['tcp', 'SCTP', '', 1, ['TCP']])
def test_bad_transport(api, endpoint, transport):
    assert_error(_send(api, endpoint, 'transport', transport), 400, 'transport')
