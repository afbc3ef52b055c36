#!/usr/bin/env bash
# The phone_numbers role on the example inventory shipped in playbooks/: check, apply, re-run,
# one edited host, one deleted host; facts published for later plays. First, the messages only the
# role shows, for hosts whose variables break its rules.
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
# shellcheck disable=SC2119 # fake_start's optional server options are not needed here
fake_start
examples="${RETELL_COLLECTION_ROOT}/playbooks"
run_role() { ansible-playbook -i "${examples}/inventory" role.yml "$@"; }
check() { ansible-playbook -i localhost, assert.yml -e phase="$1"; }

fake_control POST /__fake__/reset
ansible-playbook -i messages_inventory.yml messages.yml

run_role --check --diff | tee check.out
check check

run_role --diff | tee apply.out
check apply

run_role | tee rerun.out
grep -E 'changed=[1-9]' rerun.out && exit 1
check rerun

run_role --check --diff -i edit.yml | tee edit.out
check edit
grep -q 'Front desk NYC' edit.out
grep -qE '^front_desk_ny +:.* changed=1 ' edit.out
[ "$(grep -cE ' changed=[1-9]' edit.out)" = 1 ]

run_role -i delete.yml
check delete
rm -f check.out apply.out rerun.out edit.out
