# Automatic certificates (serve --acme) against Debian's pebble: a certificate is ordered
# for every blog host over HTTP-01 (or TLS-ALPN-01), served by SNI, kept in the store (a
# restart serves it without a new order), ordered for a blog added later, renewed inside
# the renewal window, and kept serving while the ACME server fails. Bad --acme flags are
# refused at start with nothing made.
import http.client
import http.server
import os
import shutil
import socket
import tempfile
import threading
import time
import unittest

from harness import IntegrationCase, Server, free_port
from pebble import Pebble

CHECK = ('--acme-check-seconds', '1')
NO_PROXY = {'no_proxy': '*'}  # the harness points https_proxy at a dead port


def peer_serial(port, host, context):
    """The serial number of the certificate the server shows `host` (SNI)."""
    with socket.create_connection(('127.0.0.1', port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.getpeercert()['serialNumber']


def wait_for(what, probe, timeout=30):
    """probe()'s first true value within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = probe()
            if value:
                return value
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f'{what}: not within {timeout} s')
        time.sleep(0.2)


class FailingCa(http.server.BaseHTTPRequestHandler):
    """An ACME server that answers every request with 500."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(500)
        self.send_header('Content-Length', '0')
        self.end_headers()

    do_HEAD = do_POST = do_GET

    def log_message(self, *args):
        pass


class Acme(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.tls_port, cls.plain_port = free_port(), free_port()
        cls.pebble = Pebble(cls.plain_port, cls.tls_port).start()
        cls.roots = cls.pebble.root_context()
        cls.create_blog('blog.test', 'Blog over ACME')

    @classmethod
    def tearDownClass(cls):
        cls.pebble.remove()
        super().tearDownClass()

    def acme_server(self, *extra, directory=None):
        def plain_answers(server):
            conn = http.client.HTTPConnection('127.0.0.1', self.plain_port, timeout=2)
            conn.request('GET', '/healthz', headers={'Host': 'blog.test'})
            return conn.getresponse().status == 301

        return Server(self.data, '--acme', '--acme-email', 'ops@blog.test',
                      '--acme-directory', directory or self.pebble.directory,
                      '--acme-ca', self.pebble.api_ca, '--http-port', self.plain_port, *CHECK,
                      *extra, port=self.tls_port, ready=plain_answers, env=NO_PROXY)

    def serial(self, host):
        return peer_serial(self.tls_port, host, self.roots)

    def https_get(self, host, path):
        conn = http.client.HTTPSConnection('127.0.0.1', self.tls_port, timeout=10,
                                           context=self.roots)
        conn.sock = self.roots.wrap_socket(
            socket.create_connection(('127.0.0.1', self.tls_port), timeout=10),
            server_hostname=host)
        conn.request('GET', path, headers={'Host': host})
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        return response.status, body

    def test_1_a_certificate_is_issued_served_and_kept_in_the_store(self):
        with self.acme_server() as server:
            serial = wait_for('a certificate for blog.test', lambda: self.serial('blog.test'))
            status, body = self.https_get('blog.test', '/')
            self.assertEqual(status, 200)
            self.assertIn('Blog over ACME', body)
            self.assertIn('blog.test: certificate issued, valid until', server.stderr())
            # The challenge answered over plain HTTP; anything else there goes to https.
            self.assertIn('validate w/ HTTP: http://blog.test', self.pebble.log_text())
            conn = http.client.HTTPConnection('127.0.0.1', self.plain_port, timeout=10)
            conn.request('GET', '/', headers={'Host': 'blog.test'})
            answer = conn.getresponse()
            answer.read()
            self.assertEqual(answer.status, 301)
            self.assertTrue(answer.getheader('Location').startswith('https://blog.test'))
            # A challenge that is not (or no longer) stored is 404.
            conn.request('GET', '/.well-known/acme-challenge/unknown-token',
                         headers={'Host': 'blog.test'})
            self.assertEqual(conn.getresponse().status, 404)
            conn.close()
        issued = self.pebble.issued()
        self.assertEqual(issued, 1)
        # A restart serves the stored certificate from its first handshake, ordering nothing.
        with self.acme_server() as server:
            self.assertEqual(self.serial('blog.test'), serial)
            time.sleep(2)  # two checks
            self.assertEqual(self.pebble.issued(), issued)
            self.assertIn('1 stored certificate(s) in use', server.stderr())

    def test_2_a_blog_added_later_gets_one_on_the_next_check(self):
        with self.acme_server():
            before = wait_for('the stored certificate', lambda: self.serial('blog.test'))
            self.cli('blog', 'create', '--host', 'later.test', '--title', 'Later')
            wait_for('a certificate for later.test', lambda: self.serial('later.test') != before)
            status, body = self.https_get('later.test', '/')
            self.assertEqual(status, 200)
            self.assertIn('Later', body)
            self.assertEqual(self.serial('blog.test'), before)

    def test_3_a_certificate_in_the_renewal_window_is_renewed(self):
        with self.acme_server() as server:
            before = wait_for('the stored certificate', lambda: self.serial('blog.test'))
        # pebble's certificates last 5 years: a 10-year window puts them all in it.
        with self.acme_server('--acme-renew-days', '3650') as server:
            wait_for('a renewed certificate', lambda: self.serial('blog.test') != before)
            self.assertIn('blog.test: certificate issued', server.stderr())

    def test_4_tls_alpn_01_is_answered_on_the_tls_port(self):
        self.cli('blog', 'create', '--host', 'alpn.test', '--title', 'ALPN')
        issued = self.pebble.issued()
        # Only TLS-ALPN-01 answered: alpn.test's first certificate comes over the TLS port.
        with self.acme_server('--acme-challenge', 'tls-alpn-01'):
            wait_for('a certificate for alpn.test',
                     lambda: self.serial('alpn.test') != self.serial('blog.test'))
            status, body = self.https_get('alpn.test', '/')
            self.assertEqual(status, 200)
            self.assertIn('ALPN', body)
        self.assertEqual(self.pebble.issued(), issued + 1)
        self.assertNotIn('validate w/ HTTP: http://alpn.test', self.pebble.log_text())

    def test_5_a_failing_acme_server_leaves_the_current_certificate_serving(self):
        with self.acme_server():
            before = wait_for('the stored certificate', lambda: self.serial('blog.test'))
        failing = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FailingCa)
        threading.Thread(target=failing.serve_forever, daemon=True).start()
        directory = f'http://127.0.0.1:{failing.server_address[1]}/dir'
        try:
            with self.acme_server('--acme-renew-days', '3650', directory=directory) as server:
                wait_for('the failure in the log', lambda: 'ordering a certificate failed'
                         in server.stderr())
                out = server.stderr()
                self.assertIn(f'blog.test: ordering a certificate failed: the ACME directory '
                              f'{directory} answered 500; next try in 60 s', out)
                self.assertEqual(self.serial('blog.test'), before)
                status, _ = self.https_get('blog.test', '/')
                self.assertEqual(status, 200)
        finally:
            failing.shutdown()
            failing.server_close()

    def test_5b_stopping_ends_an_order_in_progress(self):
        # A CA that accepts the connection and never answers: the order waits for it.
        silent = socket.socket()
        silent.bind(('127.0.0.1', 0))
        silent.listen()
        directory = f'http://127.0.0.1:{silent.getsockname()[1]}/dir'
        try:
            server = self.acme_server('--acme-renew-days', '3650', directory=directory).start()
            time.sleep(1)
            started = time.monotonic()
            self.assertEqual(server.stop(), 0)
            self.assertLess(time.monotonic() - started, 5)
            self.assertNotIn('ordering a certificate failed', server.stderr())
        finally:
            silent.close()

    def test_6_bad_acme_flags_are_refused_at_start_and_nothing_is_made(self):
        bad = tempfile.mkdtemp(prefix='samizdat-bad-acme-')
        try:
            data = os.path.join(bad, 'data')
            directory = ('--acme-directory', self.pebble.directory)
            cases = [
                (('--acme', *directory), '--acme needs --acme-email'),
                (('--acme', '--acme-email', 'not an address', *directory), '--acme-email'),
                (('--acme', '--acme-email', 'a@b.test', '--acme-challenge', 'dns-01'),
                 '--acme-challenge must be http-01 or tls-alpn-01, not dns-01'),
                (('--acme', '--acme-email', 'a@b.test', '--acme-ca', os.path.join(bad, 'no.pem')),
                 '--acme-ca: cannot read'),
                (('--acme', '--acme-email', 'a@b.test', '--acme-directory', 'ftp://x/dir'),
                 '--acme-directory must be an http(s) URL'),
            ]
            self.assert_serve_refuses(data, cases)
        finally:
            shutil.rmtree(bad, ignore_errors=True)


if __name__ == '__main__':
    unittest.main()
