# -*- coding: utf-8 -*-
"""Command line: PYTHONPATH=tests python -m fake_retell --port 0 --url-file /tmp/url.txt

Prints the base URL (one line) once listening, writes it atomically to --url-file,
serves until SIGTERM or SIGINT and exits 0.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import os
import signal
import sys
import tempfile
import threading

from .openapi_document import ConformanceUnavailable
from .server import FakeRetell


def _parse_args(argv):
    parser = argparse.ArgumentParser(prog='python -m fake_retell', description='Fake Retell AI phone-number API for tests.')
    parser.add_argument('--host', default='127.0.0.1', help='address to bind (default 127.0.0.1)')
    parser.add_argument('--port', type=int, default=0, help='port to bind; 0 picks a free one (default)')
    parser.add_argument('--url-file', help='write the base URL here (atomically) once listening')
    parser.add_argument('--pid-file', help='write the process id here (atomically) once listening')
    parser.add_argument('--tls-cert', help='PEM certificate: serve https')
    parser.add_argument('--tls-key', help='PEM private key for --tls-cert')
    parser.add_argument('--not-found-mode', choices=('404', '422'), help='status for an unknown number (default 404)')
    parser.add_argument('--unknown-fields', choices=('reject', 'ignore'), help='unknown request fields (default reject)')
    parser.add_argument('--empty-patch', choices=('noop', 'reject'), help='PATCH with {} (default noop)')
    parser.add_argument('--legacy-fields-in-response', action='store_true', help='add the deprecated *_agent_id/_version keys')
    parser.add_argument('--transport-default-echo', action='store_true', help='report transport TCP when it was never set')
    parser.add_argument('--api-key', action='append', metavar='LABEL=KEY',
                        help='API key of a workspace; repeatable; replaces the default keys when given')
    parser.add_argument('--openapi-check', action='store_true',
                        help="check every exchange against Retell's OpenAPI document (needs openapi-core); "
                             'GET /__fake__/violations reports')
    parser.add_argument('--verbose', action='store_true', help='log every request on stderr')
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error('--tls-cert and --tls-key go together')
    config = {}
    for name in ('not_found_mode', 'unknown_fields', 'empty_patch'):
        if getattr(args, name):
            config[name] = getattr(args, name)
    for name in ('legacy_fields_in_response', 'transport_default_echo'):
        if getattr(args, name):
            config[name] = True
    if args.api_key:
        keys = {}
        for item in args.api_key:
            label, sep, key = item.partition('=')
            if not sep or not label or not key:
                parser.error('--api-key takes LABEL=KEY')
            keys[label] = key
        config['api_keys'] = keys
    return args, config


def _write_atomic(path, text):
    """Write via a temporary file in the same directory and rename, so readers never see half a file."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temp_path = tempfile.mkstemp(dir=directory, prefix='.%s.' % os.path.basename(path))
    try:
        with os.fdopen(handle, 'w') as stream:
            stream.write(text)
        os.replace(temp_path, path)
    except OSError:
        os.unlink(temp_path)
        raise


def _remove_if_ours(path, text):
    try:
        with open(path) as stream:
            if stream.read() != text:
                return
        os.unlink(path)
    except OSError:
        pass


def main(argv=None):
    args, config = _parse_args(argv)
    try:
        server = FakeRetell(host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key,
                            verbose=args.verbose, config=config, openapi_check=args.openapi_check).start()
    except (OSError, ValueError, ConformanceUnavailable) as exc:
        sys.stderr.write('fake_retell: cannot start: %s\n' % exc)
        return 1
    stop = threading.Event()

    def _on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    written = []
    try:
        sys.stdout.write(server.url + '\n')
        sys.stdout.flush()
        if args.pid_file:
            written.append((args.pid_file, '%d\n' % os.getpid()))
            _write_atomic(*written[-1])
        if args.url_file:
            written.append((args.url_file, server.url + '\n'))
            _write_atomic(*written[-1])
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        for path, text in written:
            _remove_if_ours(path, text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
