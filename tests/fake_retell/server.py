# -*- coding: utf-8 -*-
"""HTTP plumbing: the request handler, the threaded server and the FakeRetell facade."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import socketserver
import ssl
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .conformance import Exchange
from .control import CONTROL_PREFIX, FakeState, handle_control
from .faults import COMMIT_KINDS
from .replies import Reply
from .routes import BODY_ROUTES, INVALID_BODY, parse_body, parse_query, resolve

MAX_BODY = 16 * 1024 * 1024


class _BodyError(Exception):
    """The request body could not be read; the connection is closed after answering."""

    def __init__(self, status, message):
        super(_BodyError, self).__init__(message)
        self.status = status
        self.message = message


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'FakeRetell/1.0'
    sys_version = ''
    # Idle keep-alive connections are closed after this many seconds.
    timeout = 60

    # -- plumbing ------------------------------------------------------------------------------

    def handle(self):
        if isinstance(self.connection, ssl.SSLSocket):
            try:
                self.connection.do_handshake()
            except (ssl.SSLError, OSError):
                self.close_connection = True
                return
        try:
            BaseHTTPRequestHandler.handle(self)
        except (ConnectionError, ssl.SSLError, socket.timeout):
            self.close_connection = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            sys.stderr.write('fake_retell: %s - %s\n' % (self.address_string(), format % args))

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def _read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            return self._read_chunked()
        raw_length = self.headers.get('Content-Length')
        if raw_length is None:
            return b''
        try:
            length = int(raw_length)
        except ValueError:
            raise _BodyError(400, 'Invalid Content-Length header.') from None
        if length < 0 or length > MAX_BODY:
            raise _BodyError(413 if length > 0 else 400, 'Request body too large or invalid.')
        return self.rfile.read(length)

    def _read_chunked(self):
        parts = []
        total = 0
        while True:
            line = self.rfile.readline(65537)
            try:
                size = int(line.split(b';', 1)[0].strip(), 16)
            except ValueError:
                raise _BodyError(400, 'Invalid chunked body.') from None
            if size == 0:
                # Skip trailers up to the blank line.
                while self.rfile.readline(65537).strip():
                    pass
                return b''.join(parts)
            total += size
            if total > MAX_BODY:
                raise _BodyError(413, 'Request body too large.')
            parts.append(self.rfile.read(size))
            self.rfile.readline(3)

    def _send(self, reply):
        if reply.drop:
            self._drop()
            return
        try:
            self.send_response(reply.status)
            if reply.status != 204 and reply.status >= 200:
                if reply.content_type:
                    self.send_header('Content-Type', reply.content_type)
                self.send_header('Content-Length', str(len(reply.data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header('Connection', 'close')
            self.end_headers()
            if reply.data and reply.status != 204:
                self.wfile.write(reply.data)
            self.wfile.flush()
        except OSError:
            # The client went away (for example after its own timeout): nothing left to do.
            self.close_connection = True

    def _drop(self):
        """Close the connection without sending a single byte."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- dispatch ------------------------------------------------------------------------------

    def _dispatch(self):
        state = self.server.state
        raw_path, _sep, raw_query = self.path.partition('?')
        try:
            data = self._read_body()
        except _BodyError as exc:
            self.close_connection = True
            self._send(Reply.error(exc.status, exc.message))
            return
        try:
            if raw_path.startswith(CONTROL_PREFIX):
                self._send(handle_control(state, self.command, raw_path, data))
            else:
                self._api(state, raw_path, raw_query, data)
        except Exception:  # pylint: disable=broad-except
            # A bug in the fake must not kill the connection silently: answer 500 and say why on stderr.
            traceback.print_exc(file=sys.stderr)
            self._send(Reply.error(500))

    def _auth_label(self, config):
        header = self.headers.get('Authorization') or ''
        scheme, _sep, token = header.strip().partition(' ')
        if scheme.lower() != 'bearer' or not token.strip():
            return None
        return config.label_for_key(token.strip())

    def _api(self, state, raw_path, raw_query, data):
        route, number = resolve(self.command, raw_path)
        query = parse_query(raw_query)
        body = parse_body(data) if route in BODY_ROUTES or (data and self.command in ('POST', 'PATCH', 'PUT')) else None
        if route in ('import', 'create') and isinstance(body, dict) and isinstance(body.get('phone_number'), str):
            number = body['phone_number']
        journal_body = None if body is INVALID_BODY else body
        label = self._auth_label(state.config)

        def log(status, fault=None, reply=None):
            """Journal the exchange; `reply` is the fake's own answer (None when a fault made it up or none went out)."""
            entry = state.journal.add(self.command, raw_path, query, number, route, label, journal_body, status, fault)
            if state.conformance is not None:
                exchange = Exchange(self.command, raw_path, raw_query, self.headers.items(), data, reply)
                state.conformance.submit(entry, exchange, route)

        if label is None:
            reply = Reply.error(401)
            log(reply.status, reply=reply)
            self._send(reply)
            return
        fault = state.faults.take(route, number) if route != 'unknown' else None
        if fault is None:
            reply = state.api.handle(route, number, label, body, query)
            log(reply.status, reply=reply)
            self._send(reply)
            return
        self._api_with_fault(state, fault, (route, number, label, body, query), log)

    def _api_with_fault(self, state, fault, call, log):
        kind = fault.kind
        if kind == 'drop':
            log(0, kind)
            self._drop()
            return
        if kind == 'delay':
            if not state.sleep(fault.seconds):
                log(0, kind)
                self._drop()
                return
            reply = state.api.handle(*call)
            reply.headers.update(fault.headers)
            log(reply.status, kind, reply)
            self._send(reply)
            return
        if kind not in COMMIT_KINDS:
            reply = fault.reply()
            log(reply.status, kind)
            self._send(reply)
            return
        # commit_then_*: the real operation runs (and is stored) whatever is answered afterwards.
        real = state.api.handle(*call)
        if kind == 'commit_then_status':
            reply = fault.reply()
            log(reply.status, kind)
            self._send(reply)
        elif kind == 'commit_then_drop':
            log(0, kind)
            self._drop()
        else:
            real.headers.update(fault.headers)
            log(real.status, kind, real)
            if state.sleep(fault.seconds):
                self._send(real)
            else:
                self._drop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address, state, ssl_context=None, verbose=False):
        self.state = state
        self.ssl_context = ssl_context
        self.verbose = verbose
        self._open = set()
        self._open_lock = threading.Lock()
        ThreadingHTTPServer.__init__(self, address, _Handler)

    def server_bind(self):
        # Skip HTTPServer.server_bind: its getfqdn() reverse lookup can stall startup.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        sock, address = self.socket.accept()
        # Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus the
        # client's delayed ACK would add ~40 ms to every keep-alive response.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.ssl_context is not None:
            # The handshake runs in the handler thread, so a slow client cannot block accept().
            sock = self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        with self._open_lock:
            self._open.add(sock)
        return sock, address

    def shutdown_request(self, request):
        with self._open_lock:
            self._open.discard(request)
        ThreadingHTTPServer.shutdown_request(self, request)

    def close_connections(self):
        """Cut idle keep-alive connections so no handler thread outlives the server."""
        with self._open_lock:
            sockets = list(self._open)
            self._open.clear()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        if self.verbose:
            ThreadingHTTPServer.handle_error(self, request, client_address)


class FakeRetell:
    """A fake Retell API on 127.0.0.1 (ephemeral port by default).

    Use start()/stop() or `with FakeRetell() as srv:`. `config` takes the same keys as
    POST /__fake__/config and becomes what /__fake__/reset returns to. `openapi_check=True`
    checks every exchange against Retell's OpenAPI document (conformance.py; needs openapi-core).
    """

    def __init__(self, host='127.0.0.1', port=0, tls_cert=None, tls_key=None, verbose=False, config=None,
                 openapi_check=False):
        if bool(tls_cert) != bool(tls_key):
            raise ValueError('tls_cert and tls_key must be given together')
        self.host = host
        self.port = port
        self.tls_cert = tls_cert
        self.tls_key = tls_key
        self.verbose = verbose
        self.state = FakeState(config, openapi_check)
        self._server = None
        self._thread = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self):
        if self._server is not None:
            return self
        context = None
        if self.tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.tls_cert, self.tls_key)
        self.state.stopping.clear()
        self._server = _Server((self.host, self.port), self.state, context, self.verbose)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={'poll_interval': 0.1},
                                        name='fake-retell', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is None:
            return
        self.state.stop()
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join(5)
        self._server = None
        self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def url(self):
        scheme = 'https' if self.tls_cert else 'http'
        return '%s://%s:%d' % (scheme, self.host, self.port)

    # -- direct accessors (same objects as the /__fake__/ routes) ------------------------------

    def reset(self):
        self.state.reset()

    def journal(self):
        """The journal entries (a list of dicts, oldest first)."""
        return self.state.journal.entries()

    def clear_journal(self):
        self.state.journal.clear()

    def store(self):
        """Like GET /__fake__/store: [{"workspace", "record", "password_sha256"}, ...]."""
        return self.state.dump_store()

    def seed(self, numbers, workspace='default'):
        return self.state.seed(numbers, workspace)

    def add_faults(self, faults):
        return self.state.faults.arm(faults)

    def faults(self):
        return self.state.faults.listing()

    def clear_faults(self):
        self.state.faults.clear()

    def configure(self, changes=None, **kwargs):
        """Change config switches; returns the full config (API keys as labels)."""
        merged = dict(changes or {})
        merged.update(kwargs)
        with self.state.store.lock:
            return self.state.config.update(merged)

    def config(self):
        return self.state.config.snapshot()

    def violations(self):
        """Like GET /__fake__/violations: the exchanges that broke the OpenAPI document (see conformance.py)."""
        return self.state.conformance_report()

    def clear_violations(self):
        self.state.clear_conformance()
