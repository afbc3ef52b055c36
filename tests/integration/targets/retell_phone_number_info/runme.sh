#!/usr/bin/env bash
# Reading one number or all of them, under both ways Retell says "not found".
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
# shellcheck disable=SC2119 # fake_start's optional server options are not needed here
fake_start
ansible-playbook -i localhost, playbook.yml -e not_found_mode=404 "$@"
ansible-playbook -i localhost, playbook.yml -e not_found_mode=422 -e list_tests=false "$@"
