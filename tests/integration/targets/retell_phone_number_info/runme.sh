#!/usr/bin/env bash
# Reading one number or all of them, under both ways Retell says "not found".
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
# shellcheck disable=SC2119 # fake_start's optional server options are not needed here
fake_start
# the 2,501-number listings (list.yml) at full scale only (retell_test_scale in fake.sh)
list_tests=true
[ "${RETELL_TEST_SCALE}" = full ] || list_tests=false
ansible-playbook -i localhost, playbook.yml -e not_found_mode=404 -e list_tests="${list_tests}" "$@"
ansible-playbook -i localhost, playbook.yml -e not_found_mode=422 -e list_tests=false "$@"
