#!/usr/bin/env bash
# The bulk module: one listing, only the needed writes, check mode, purge, partial failure, a 429 storm.
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
# shellcheck disable=SC2119 # fake_start's optional server options are not needed here
fake_start
# the 429 storm and the 1,000-number drift check (scale.yml) at full scale only (retell_test_scale in fake.sh)
scale_tests=true
[ "${RETELL_TEST_SCALE}" = full ] || scale_tests=false
ansible-playbook -i localhost, playbook.yml -e not_found_mode=404 -e scale_tests="${scale_tests}" "$@"
ansible-playbook -i localhost, playbook.yml -e not_found_mode=422 -e quick=true "$@"
