#!/usr/bin/env bash
# Buying numbers: the single module, the bulk module and the role, checked against the fake's journal.
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
# shellcheck disable=SC2119 # fake_start's optional server options are not needed here
fake_start
ansible-playbook -i role_inventory.yml main.yml "$@"
