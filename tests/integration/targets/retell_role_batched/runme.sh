#!/usr/bin/env bash
# The batched phone_numbers role on twelve host-per-number hosts in two Retell
# workspaces, against the fake's journal: one listing per workspace and nothing else when nothing
# changes; each host's own recap line (an invalid host and an API refusal fail alone); check mode
# writes nothing; serial batches, --limit, the per-host switch and the fallbacks (strategy free,
# throttle, another API host, a condition false for the first host); no SIP password or API key in
# any output at -vvvv --diff.
set -eux
# shellcheck source=tests/integration/targets/setup_fake_retell/fake.sh
source ../setup_fake_retell/fake.sh
fake_start --api-key default=key-BATCHLEAK-default --api-key other=key-BATCHLEAK-other
export RETELL_API_KEY=key-BATCHLEAK-default
LOGS="$(mktemp -d)"
cleanup() {
    fake_stop
    rm -rf "${LOGS}"
}
trap cleanup EXIT
PY="${ANSIBLE_TEST_PYTHON_INTERPRETER:-$(command -v python3)}"
VALID="d01,d02,d03,d04,d05,d06,d07,o01,o02,o03"

# play NAME EXPECTED_RC PLAYBOOK [ansible-playbook options...]: run with the journal cleared first.
play() {
    local name=$1 want=$2 playbook=$3 rc=0
    shift 3
    fake_control DELETE /__fake__/journal >/dev/null
    ansible-playbook -i inventory.yml "${playbook}" "$@" >"${LOGS}/${name}.log" 2>&1 || rc=$?
    if [ "${rc}" != "${want}" ]; then
        tail -n 80 "${LOGS}/${name}.log"
        echo "FAIL: ${name} exited ${rc}, not ${want}" >&2
        exit 1
    fi
}

# recap NAME: "host changed failed" for every host of the PLAY RECAP, sorted.
recap() {
    sed -nE 's/^([a-z0-9_.]+) +: ok=[0-9]+ +changed=([0-9]+) +unreachable=[0-9]+ +failed=([0-9]+) .*/\1 \2 \3/p' \
        "${LOGS}/$1.log" | grep -v '^localhost ' | sort
}

# expect_recap NAME CHANGED_HOSTS FAILED_HOSTS [LIMIT_TO]: exactly these hosts changed / failed.
expect_recap() {
    local name=$1 changed=",$2," failed=",$3," hosts=${4:-${VALID},bad} want="" host
    for host in ${hosts//,/ }; do
        want+="${host} $([[ ${changed} == *",${host},"* ]] && echo 1 || echo 0) $([[ ${failed} == *",${host},"* ]] && echo 1 || echo 0)"$'\n'
    done
    if [ "$(recap "${name}")" != "$(printf '%s' "${want}" | sort)" ]; then
        diff <(recap "${name}") <(printf '%s' "${want}" | sort) || true
        echo "FAIL: ${name}: the PLAY RECAP differs (left: got, right: wanted)" >&2
        exit 1
    fi
}

check() { "${PY}" check.py "$1"; }

# warned NAME TEXT: the run warned TEXT (Ansible wraps long warnings at the terminal width).
warned() { tr '\n' ' ' <"${LOGS}/$1.log" | tr -s ' ' | grep -qF "$2"; }

# Check mode: one listing per workspace, every valid host predicts its import, "bad" fails alone.
fake_control POST /__fake__/reset >/dev/null
play check 2 role.yml --check --diff -vvvv -e expect_published="${VALID}"
check check
expect_recap check "${VALID}" bad
grep -A3 -F 'fatal: [bad]: FAILED!' "${LOGS}/check.log" | grep -qF '"msg": "phone_number: must be in E.164 format'

# The real run, with Retell refusing one import: that host fails with Retell's message, alone.
fake_control POST /__fake__/faults '{"faults": [{"route": "import", "number": "+14155550705", "kind": "status",
    "status": 400, "body": {"status": "error", "message": "Carrier refused +14155550705"}}]}' >/dev/null
play apply 2 role.yml --diff -vvvv -e expect_published="${VALID/d05,/}"
check apply
expect_recap apply "${VALID/d05,/}" bad,d05
grep -q 'Retell API POST /import-phone-number failed with HTTP 400: Carrier refused +14155550705' "${LOGS}/apply.log"
grep -q '"sip_trunk_auth_password": "<hidden>"' "${LOGS}/apply.log"

# The refusal is gone: only that number is written; then nothing at all but one listing per workspace.
play recover 2 role.yml -vvvv
check recover
expect_recap recover d05 bad
play steady 2 role.yml -e expect_published="${VALID}"
check steady
expect_recap steady "" bad

# serial: two batches of four hosts, one listing each.
play serial 2 serial.yml --limit ws_default
check serial
expect_recap serial "" bad "d01,d02,d03,d04,d05,d06,d07,bad"

# --limit: an edit for every host, but only the two limited hosts are written.
play limit 0 role.yml --limit d01,d02 -e retell_nickname=Edited --diff
check limit
expect_recap limit d01,d02 "" d01,d02

# One call per host: the switch (no warning), strategy free and throttle (with a warning).
play per_host 0 role.yml --limit ws_other -e phone_numbers_per_host=true
check per_host
expect_recap per_host "" "" o01,o02,o03
if warned per_host 'calls the Retell API once'; then exit 1; fi
play free 0 free.yml --limit ws_other -e expect_published=o01,o02,o03
check per_host
expect_recap free "" "" o01,o02,o03
warned free '[WARNING]: The phone_numbers role calls the Retell API once per host: the play uses strategy free, which'
play throttle 0 throttle.yml --limit ws_other
check per_host
expect_recap throttle "" "" o01,o02,o03
warned throttle '[WARNING]: The phone_numbers role calls the Retell API once per host: throttle is 2, so at most'

# Batched hosts report without delegation; only hosts applied alone are delegated to the API host.
report_step() { sed -n "/^TASK \[retellai.retell.phone_numbers : Report this host's number/,/^TASK /p" "${LOGS}/$1.log"; }
report_step steady | grep -qF 'ok: [d01]'
if report_step steady | grep -qF -- '-> localhost]'; then
    echo "FAIL: steady: a batched host's step was delegated" >&2
    exit 1
fi
report_step per_host | grep -qF 'ok: [o01 -> localhost]'

# A host that delegates to another API host is applied alone; the rest of its workspace is batched.
play api_host 0 role.yml -i api_host.yml --limit ws_other
check api_host
expect_recap api_host "" "" o01,o02,o03
warned api_host '[WARNING]: The phone_numbers role calls the Retell API once for each of 1 host(s) it cannot batch (o03); see the reason in their results.'

# Imported with rolespec_validate: false (no per-host argument check by Ansible): the batched step
# checks every host against the role's argument spec itself. The host that breaks it fails alone
# with Ansible's own message, before any request; the rest of its workspace costs one listing.
play imported 2 imported.yml -i spec_hosts.yml --limit ws_other -e expect_published=o01,o02,o03
check imported
expect_recap imported "" o09 o01,o02,o03,o09
grep -A4 -F 'fatal: [o09]: FAILED!' "${LOGS}/imported.log" | tr -d '\n' \
    | grep -qF 'Validation of arguments failed:\nvalue of retell_transport must be one of: TLS, TCP, UDP, got: SCTP'
if grep -qF 'Validating arguments against arg spec' "${LOGS}/imported.log"; then
    echo "FAIL: imported: Ansible checked the role's arguments per host" >&2
    exit 1
fi

# A condition on the role that is false for the first host skips the run-once tasks: the other
# hosts are applied alone, with a warning that says why.
play skipped_first 0 skipped_first.yml --limit ws_other
check skipped_first
expect_recap skipped_first "" "" o01,o02,o03
warned skipped_first "[WARNING]: Hosts that were not part of the batched call of the phone_numbers role are applied with one call each. When a 'when' on the role is false for the first host of the batch, it skips the role's run-once tasks, and these hosts do not publish phone_numbers_result either: apply the role with include_role and 'when'."

# No secret in any output: the SIP passwords and both API keys appear only in the inventory and
# in the fake's command line. Not vacuous: the -vvvv logs hold the batched results and the diffs.
grep -q '"every_host": null' "${LOGS}/apply.log"
if grep -rlF 'BATCHLEAK' "${LOGS}"; then
    grep -rnF 'BATCHLEAK' "${LOGS}" | cut -c1-300 | head -n 5
    echo "FAIL: a secret is in the output" >&2
    exit 1
fi
echo "retell_role_batched: every check passed"
