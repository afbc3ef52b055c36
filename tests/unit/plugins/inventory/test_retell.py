# -*- coding: utf-8 -*-
# Copyright: (c) 2026, retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Which files the inventory plugin takes as its configuration."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.retellai.retell.plugins.inventory.retell import InventoryModule


@pytest.mark.parametrize('name, taken', [
    ('retell.yml', True),
    ('retell.yaml', True),
    ('production.retell.yml', True),
    ('eu.production.retell.yaml', True),
    ('myretell.yml', False),
    ('retell.yml.bak', False),
    ('retell.json', False),
    ('hosts.yml', False),
    ('retell_numbers.yml', False),
])
def test_config_file_names_follow_the_aws_ec2_convention(tmp_path, name, taken):
    path = tmp_path / name
    path.write_text(u'plugin: retellai.retell.retell\n')
    assert InventoryModule().verify_file(str(path)) is taken


def test_a_missing_file_is_not_taken(tmp_path):
    assert InventoryModule().verify_file(str(tmp_path / 'retell.yml')) is False
