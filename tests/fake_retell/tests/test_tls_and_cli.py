# -*- coding: utf-8 -*-
"""HTTPS serving with a self-signed certificate, and the command line entry point."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import requests

from fake_retell import FakeRetell

from .helpers import NUMBER, TRUNK, TESTS_DIR

AUTH = {'Authorization': 'Bearer test-key-default'}


@pytest.fixture(scope='module')
def cert_pair(tmp_path_factory):
    if shutil.which('openssl') is None:
        # The HTTPS tests must run, not vanish: the hardening target needs openssl too.
        pytest.fail('the openssl command is needed to make the test certificate; install openssl')
    directory = tmp_path_factory.mktemp('tls')
    cert = str(directory / 'cert.pem')
    key = str(directory / 'key.pem')
    subprocess.run(
        ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1',
         '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', key, '-out', cert],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def _spawn(tmp_path, *extra):
    url_file = tmp_path / 'url.txt'
    pid_file = tmp_path / 'fake.pid'
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, '-m', 'fake_retell', '--port', '0', '--url-file', str(url_file), '--pid-file', str(pid_file)]
                            + list(extra), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    while not url_file.exists():
        if proc.poll() is not None:
            raise AssertionError('fake exited early: %s' % proc.stderr.read())
        if time.monotonic() - started > 10:
            proc.kill()
            raise AssertionError('fake did not start')
        time.sleep(0.01)
    elapsed = time.monotonic() - started
    url = url_file.read_text().strip()
    return proc, url, elapsed, url_file, pid_file


def _stop(proc, sig=signal.SIGTERM):
    proc.send_signal(sig)
    try:
        return proc.wait(5)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()


def test_tls_server_in_process(cert_pair):
    cert, key = cert_pair
    with FakeRetell(tls_cert=cert, tls_key=key) as server:
        assert server.url.startswith('https://127.0.0.1:')
        assert requests.get(server.url + '/__fake__/health', verify=cert, timeout=5).json() == {'ok': True}
        # verify= goes on each call: a REQUESTS_CA_BUNDLE in the environment would override Session.verify.
        session = requests.Session()
        session.headers.update(AUTH)
        response = session.post(server.url + '/import-phone-number', json={'phone_number': NUMBER, 'termination_uri': TRUNK},
                                verify=cert, timeout=5)
        assert response.status_code == 201
        for _attempt in range(3):
            assert session.get(server.url + '/get-phone-number/%2B14155550100', verify=cert, timeout=5).status_code == 200
        assert session.delete(server.url + '/delete-phone-number/' + NUMBER, verify=cert, timeout=5).status_code == 204
        session.close()
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(server.url + '/__fake__/health', timeout=5)
        with pytest.raises(requests.ConnectionError):
            requests.get(server.url.replace('https', 'http') + '/__fake__/health', timeout=5)
        # The server survives a plain-HTTP client and a failed handshake.
        assert requests.get(server.url + '/__fake__/health', verify=cert, timeout=5).status_code == 200


def test_tls_drop_fault(cert_pair):
    cert, key = cert_pair
    with FakeRetell(tls_cert=cert, tls_key=key) as server:
        server.add_faults([{'route': 'get', 'kind': 'drop'}])
        with pytest.raises(requests.ConnectionError):
            requests.get(server.url + '/get-phone-number/' + NUMBER, headers=AUTH, verify=cert, timeout=5)
        assert server.journal()[-1]['status'] == 0


def test_tls_needs_both_files():
    with pytest.raises(ValueError):
        FakeRetell(tls_cert='/nonexistent.pem')


def test_cli_starts_fast_serves_and_exits_cleanly_on_sigterm(tmp_path):
    proc, url, elapsed, url_file, pid_file = _spawn(tmp_path)
    try:
        assert elapsed < 1.0, elapsed
        assert url.startswith('http://127.0.0.1:')
        assert proc.stdout.readline().strip() == url
        assert int(pid_file.read_text()) == proc.pid
        assert requests.get(url + '/__fake__/health', timeout=5).json() == {'ok': True}
        response = requests.post(url + '/import-phone-number', json={'phone_number': NUMBER, 'termination_uri': TRUNK}, headers=AUTH, timeout=5)
        assert response.status_code == 201
    finally:
        code = _stop(proc)
    assert code == 0
    assert not url_file.exists()
    assert not pid_file.exists()
    assert not [p for p in os.listdir(str(tmp_path)) if p.startswith('.')]


def test_cli_exits_cleanly_on_sigint(tmp_path):
    proc, url, _elapsed, _url_file, _pid_file = _spawn(tmp_path)
    assert requests.get(url + '/__fake__/health', timeout=5).status_code == 200
    assert _stop(proc, signal.SIGINT) == 0


def test_cli_options_with_tls(tmp_path, cert_pair):
    cert, key = cert_pair
    proc, url, _elapsed, _url_file, _pid_file = _spawn(tmp_path, '--tls-cert', cert, '--tls-key', key, '--not-found-mode', '422',
                                                       '--api-key', 'ci=ci-secret', '--legacy-fields-in-response')
    try:
        assert url.startswith('https://127.0.0.1:')
        headers = {'Authorization': 'Bearer ci-secret'}
        response = requests.get(url + '/get-phone-number/' + NUMBER, headers=headers, verify=cert, timeout=5)
        assert response.status_code == 422
        assert requests.get(url + '/v2/list-phone-numbers', headers=AUTH, verify=cert, timeout=5).status_code == 401
        # A reset returns to the startup configuration, not to the built-in defaults.
        requests.post(url + '/__fake__/reset', verify=cert, timeout=5)
        config = requests.get(url + '/__fake__/config', verify=cert, timeout=5).json()
        assert config['not_found_mode'] == '422'
        assert config['legacy_fields_in_response'] is True
        assert config['api_keys'] == ['ci']
    finally:
        assert _stop(proc) == 0


@pytest.mark.parametrize('args', [['--tls-cert', 'only-cert.pem'], ['--not-found-mode', '500'], ['--api-key', 'nolabel']])
def test_cli_rejects_bad_arguments(args):
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    result = subprocess.run([sys.executable, '-m', 'fake_retell', '--port', '0'] + args, env=env, timeout=10,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    assert result.returncode == 2


def test_cli_reports_an_unusable_certificate(tmp_path):
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    missing = str(tmp_path / 'missing.pem')
    result = subprocess.run([sys.executable, '-m', 'fake_retell', '--tls-cert', missing, '--tls-key', missing], env=env, timeout=10,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=False)
    assert result.returncode == 1
    assert 'cannot start' in result.stderr


def test_cli_openapi_check_reports_over_http(tmp_path):
    proc, url, _elapsed, _url_file, _pid_file = _spawn(tmp_path, '--openapi-check', '--unknown-fields', 'ignore')
    try:
        body = {'phone_number': NUMBER, 'termination_uri': TRUNK, 'colour': 'blue'}
        assert requests.post(url + '/import-phone-number', json=body, headers=AUTH, timeout=5).status_code == 201
        assert requests.get(url + '/get-phone-number/' + NUMBER, headers=AUTH, timeout=5).status_code == 200
        report = requests.get(url + '/__fake__/violations', timeout=30).json()
        assert (report['enabled'], report['checked'], report['violation_count']) == (True, 2, 1)
        assert report['violations'][0]['problems'] == ["request body: Additional properties are not allowed ('colour' was unexpected)"]
    finally:
        assert _stop(proc) == 0


def test_cli_without_openapi_check_says_so(tmp_path):
    proc, url, _elapsed, _url_file, _pid_file = _spawn(tmp_path)
    try:
        assert requests.get(url + '/__fake__/violations', timeout=5).json()['enabled'] is False
    finally:
        assert _stop(proc) == 0
