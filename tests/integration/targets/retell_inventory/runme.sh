#!/usr/bin/env bash
# The inventory plugin retellai.retell.retell against the fake Retell API:
#   2,500 numbers in 3 list requests, keyed groups by type, every host under retell/retell_numbers;
#   filters with a hostnames template and compose; the cache (second run: no request, no key in it);
#   clean failures (no key, a wrong key, duplicate host names, a filter that fails under strict);
#   the round trip: numbers with agents (and versions), country lists and trunk settings, exported
#   with ansible-inventory --list --yaml, and the role in check mode over that static inventory and
#   over the plugin itself: changed=0 on every host, one listing for the role, no write.
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh

# A distinctive key, searched for in every output and in the cache.
fake_start --api-key default=key-INVLEAK-5c1e
export RETELL_API_KEY=key-INVLEAK-5c1e
WORK="$(mktemp -d)"
cleanup() {
    fake_stop
    rm -rf "${WORK}"
}
trap cleanup EXIT

# This plugin reads the sources (yaml the exported static inventory), and a source that cannot be
# parsed fails the command.
export ANSIBLE_INVENTORY_ENABLED=retellai.retell.retell,ansible.builtin.yaml ANSIBLE_INVENTORY_UNPARSED_FAILED=true
check() { "${FAKE_PYTHON}" check.py "$@"; }
config() { cat >"${WORK}/$1"; }
# fails CONFIG OUTPUT [env...]: ansible-inventory must fail on CONFIG; its output goes to OUTPUT.
fails() {
    local source=$1 output=$2
    shift 2
    if env "$@" ansible-inventory -i "${WORK}/${source}" --list >"${output}" 2>&1; then
        cat "${output}"
        echo "FAIL: ansible-inventory succeeded on ${source}" >&2
        return 1
    fi
}

# ---- scale, keyed groups -------------------------------------------------------------------------
check seed_scale
config retell.yml <<'EOF'
plugin: retellai.retell.retell
keyed_groups:
  - key: retell_phone_number_type
    prefix: type
EOF
ansible-inventory -i "${WORK}/retell.yml" --list >"${WORK}/scale.json"
check scale "${WORK}/scale.json"

# ---- filters, hostnames, compose, cache -----------------------------------------------------------
config filtered.retell.yml <<EOF
plugin: retellai.retell.retell
filters:
  - retell_nickname is match('Sales 2')
  - retell_phone_number_type == 'custom'
hostnames: "{{ retell_nickname | lower | replace(' ', '_') }}"
compose:
  ansible_connection: "'local'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ${WORK}/cache
EOF
fake_control DELETE /__fake__/journal
ansible-inventory -i "${WORK}/filtered.retell.yml" --list >"${WORK}/filtered.json"
check filtered "${WORK}/filtered.json"
fake_control DELETE /__fake__/journal
ansible-inventory -i "${WORK}/filtered.retell.yml" --list >"${WORK}/cached.json"
check cached "${WORK}/filtered.json" "${WORK}/cached.json" "${WORK}/cache"

# ---- clean failures (duplicate host names: below, on fewer numbers) -------------------------------
fake_control DELETE /__fake__/journal
fails retell.yml "${WORK}/no_key.out" -u RETELL_API_KEY
check failed no_key "${WORK}/no_key.out"
fails retell.yml "${WORK}/bad_key.out" RETELL_API_KEY=wrong-INVLEAK-0b7a
check failed bad_key "${WORK}/bad_key.out"

# ---- round trip ---------------------------------------------------------------------------------
check seed_roundtrip
config duplicate.retell.yml <<'EOF'
plugin: retellai.retell.retell
hostnames: "{{ retell_phone_number_type }}"
EOF
fails duplicate.retell.yml "${WORK}/duplicate.out"
check failed duplicate "${WORK}/duplicate.out"
# +14155550100 has two codecs; +12125550100, listed next, has none: strict makes that an error.
config strict.retell.yml <<'EOF'
plugin: retellai.retell.retell
strict: true
filters:
  - retell_codecs | length > 1
EOF
fails strict.retell.yml "${WORK}/strict.out"
check failed strict_filter "${WORK}/strict.out"
fake_control DELETE /__fake__/journal
playbook="${RETELL_COLLECTION_ROOT}/playbooks/phone_numbers.yml"
mkdir "${WORK}/adopted"
# The export takes its key from a lookup (as from a secret store), with none in the environment.
printf '%s' "${RETELL_API_KEY}" >"${WORK}/key"
config export.retell.yml <<EOF
plugin: retellai.retell.retell
api_key: "{{ lookup('ansible.builtin.file', '${WORK}/key') }}"
EOF
env -u RETELL_API_KEY ansible-inventory -i "${WORK}/export.retell.yml" --list --yaml >"${WORK}/adopted/hosts.yml"
check static "${WORK}/adopted/hosts.yml"
ansible-playbook -i "${WORK}/adopted/hosts.yml" "${playbook}" --check --diff >"${WORK}/static_check.out"
check roundtrip "${WORK}/static_check.out" 0

check seed_template_nickname
ansible-playbook -i "${WORK}/retell.yml" "${playbook}" --check --diff >"${WORK}/plugin_check.out"
check roundtrip "${WORK}/plugin_check.out" 1
