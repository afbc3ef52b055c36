#!/usr/bin/env bash
# Every row of the module's behaviour table, under both ways Retell says "not found".
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
# shellcheck disable=SC2119 # fake_start's optional server options are not needed here
fake_start
for mode in 404 422; do
    ansible-playbook -i localhost, playbook.yml -e not_found_mode="${mode}" "$@"
done
