# samizdat's own HTTPS (serve --tls-cert/--tls-key): pages, cached pages and sign-in over
# TLS, the certificate chosen by SNI, the plain port beside it redirecting to https but for
# ACME's challenges, the certificate read again on SIGHUP without dropping a connection,
# HSTS only when asked for, a bad certificate or key refused at start with nothing made,
# and an expired one served with a warning.
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import unittest

from admin_client import AdminClient
from harness import IntegrationCase, Server, free_port

PASSWORD = 'a good long password'


def openssl(*args, cwd):
    subprocess.run(['openssl', *args], cwd=cwd, check=True, capture_output=True)


def make_ca(directory):
    """A throwaway certificate authority: ca.pem, ca.key."""
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test CA',
            cwd=directory)


def make_leaf(directory, name, hosts):
    """NAME.pem (the leaf, then the CA: a chain) and NAME.key for `hosts`, signed by the CA."""
    san = ','.join(f'DNS:{h}' for h in hosts)
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', f'{name}.key', '-out', f'{name}.csr', '-subj', f'/CN={hosts[0]}',
            cwd=directory)
    with open(os.path.join(directory, f'{name}.ext'), 'w') as ext:
        ext.write(f'subjectAltName={san}\n')
    openssl('x509', '-req', '-in', f'{name}.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key',
            '-CAcreateserial', '-days', '1', '-extfile', f'{name}.ext', '-out', f'{name}.leaf',
            cwd=directory)
    with open(os.path.join(directory, f'{name}.pem'), 'w') as chain:
        for part in (f'{name}.leaf', 'ca.pem'):
            with open(os.path.join(directory, part)) as f:
                chain.write(f.read())


def make_expired(directory):
    """expired.pem and its key first.key: the first leaf's request, signed for 2020 only."""
    with open(os.path.join(directory, 'ca.cnf'), 'w') as f:
        f.write('[ca]\ndefault_ca = own\n[own]\ndatabase = index.txt\nnew_certs_dir = .\n'
                'serial = serial\ndefault_md = sha256\npolicy = any\n[any]\n'
                'commonName = supplied\n')
    open(os.path.join(directory, 'index.txt'), 'w').close()
    with open(os.path.join(directory, 'serial'), 'w') as f:
        f.write('1000\n')
    openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key',
            '-in', 'first.csr', '-out', 'expired.pem', '-startdate', '20200101000000Z',
            '-enddate', '20200102000000Z', cwd=directory)


def peer_serial(port, host, context):
    """The serial number of the certificate the server shows `host` (SNI)."""
    with socket.create_connection(('127.0.0.1', port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.getpeercert()['serialNumber']


class Https(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.certs = tempfile.mkdtemp(prefix='samizdat-certs-')
        make_ca(cls.certs)
        make_leaf(cls.certs, 'first', ['h.test', 'localhost'])
        make_leaf(cls.certs, 'second', ['h.test', 'localhost'])
        make_expired(cls.certs)
        cls.context = ssl.create_default_context(cafile=os.path.join(cls.certs, 'ca.pem'))
        cls.create_blog('h.test', 'Secure blog')
        cls.cli('user', 'add', '--email', 'boss@h.test', '--name', 'Boss', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')
        _, cls.post = cls.add_post('Over TLS', '<p>' + 'Encrypted words. ' * 2000 + '</p>',
                                   date='2022-05-01')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.certs, ignore_errors=True)
        super().tearDownClass()

    def cert_args(self, chain='first.pem', key='first.key'):
        return ('--tls-cert', os.path.join(self.certs, chain),
                '--tls-key', os.path.join(self.certs, key))

    def tls_server(self, *extra, chain='first.pem', key='first.key'):
        return Server(self.data, *self.cert_args(chain, key), *extra, tls=self.context,
                      tls_host='h.test')

    def test_pages_cached_pages_and_sign_in_go_over_tls(self):
        with self.tls_server() as server:
            status, headers, first = server.get(self.post, host='h.test')
            self.assertEqual(status, 200)
            self.assertIn(b'Encrypted words.', first)
            # The second answer comes from the cache (a sealed file the plain port would
            # sendfile): the same bytes, encrypted from memory.
            status, headers, second = server.get(self.post, host='h.test')
            self.assertEqual(status, 200)
            self.assertEqual(second, first)
            status, headers, zipped = server.get(self.post, host='h.test',
                                                 headers={'Accept-Encoding': 'gzip'})
            self.assertEqual(headers['Content-Encoding'], 'gzip')
            self.assertIsNone(headers['Strict-Transport-Security'])  # not asked for
            # Keep-alive: several requests on one TLS connection.
            conn = server.connection()
            try:
                for _ in range(3):
                    conn.request('GET', self.post, headers={'Host': 'h.test'})
                    response = conn.getresponse()
                    self.assertEqual(response.status, 200)
                    self.assertEqual(response.read(), first)
            finally:
                conn.close()
            # The session cookie of a sign-in over HTTPS is __Host- and Secure.
            admin = AdminClient(server, 'h.test')
            status, headers, _ = admin.sign_in('boss@h.test', PASSWORD)
            cookies = ' '.join(v for k, v in headers.items() if k.lower() == 'set-cookie')
            self.assertIn('__Host-', cookies)
            self.assertIn('Secure', cookies)

    def test_a_returning_client_resumes_its_session(self):
        # Stateless tickets (no server-side session cache): a second visit skips the full
        # handshake, on TLS 1.3 and on TLS 1.2.
        with self.tls_server() as server:
            for version in (ssl.TLSVersion.TLSv1_3, ssl.TLSVersion.TLSv1_2):
                context = ssl.create_default_context(cafile=os.path.join(self.certs, 'ca.pem'))
                context.maximum_version = version
                session = None
                for visit in range(2):
                    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as raw:
                        with context.wrap_socket(raw, server_hostname='h.test',
                                                 session=session) as tls:
                            tls.sendall(b'GET / HTTP/1.1\r\nHost: h.test\r\n'
                                        b'Connection: close\r\n\r\n')
                            while tls.recv(65536):
                                pass
                            self.assertEqual(tls.session_reused, visit == 1, (version, visit))
                            session = tls.session

    def test_hsts_when_asked_for(self):
        with self.tls_server('--hsts') as server:
            status, headers, _ = server.get('/', host='h.test')
            self.assertEqual(status, 200)
            self.assertEqual(headers['Strict-Transport-Security'], 'max-age=31536000')

    def test_plain_port_redirects_to_https_but_for_acme_challenges(self):
        plain = free_port()
        with self.tls_server('--http-port', plain) as server:
            self.assertIn(f'https://127.0.0.1:{server.port}/', server.stderr())
            conn = socket.create_connection(('127.0.0.1', plain), timeout=10)
            conn.close()
            plain_server = Server(self.data)
            plain_server.port = plain
            status, headers, _ = plain_server.get('/2022/05/x.html?a=1', host='h.test:80')
            self.assertEqual(status, 301)
            self.assertEqual(headers['Location'], f'https://h.test:{server.port}/2022/05/x.html?a=1')
            status, headers, _ = plain_server.get('/comment', method='POST', body=b'x=1',
                                                  host='h.test')
            self.assertEqual(status, 308)
            # ACME's HTTP-01 challenge is answered over plain HTTP, not redirected.
            status, headers, _ = plain_server.get('/.well-known/acme-challenge/none',
                                                  host='h.test')
            self.assertNotIn(status, (301, 308))
            status, _, body = plain_server.get('/', host='')
            self.assertEqual(status, 400)

    def test_sighup_reloads_the_certificate_without_dropping_connections(self):
        work = tempfile.mkdtemp(prefix='samizdat-reload-')
        try:
            chain = os.path.join(work, 'chain.pem')
            key = os.path.join(work, 'key.pem')
            shutil.copy(os.path.join(self.certs, 'first.pem'), chain)
            shutil.copy(os.path.join(self.certs, 'first.key'), key)
            with Server(self.data, '--tls-cert', chain, '--tls-key', key, tls=self.context,
                        tls_host='h.test') as server:
                before = peer_serial(server.port, 'h.test', self.context)
                kept = server.connection()
                kept.request('GET', '/', headers={'Host': 'h.test'})
                self.assertEqual(kept.getresponse().read()[:15].lower(), b'<!doctype html>')

                # A broken file: the certificate in force stays, and the log says why.
                with open(key, 'w') as f:
                    f.write('not a key\n')
                server.proc.send_signal(signal.SIGHUP)
                self.wait_for(lambda: 'not reloaded' in server.stderr())
                self.assertEqual(peer_serial(server.port, 'h.test', self.context), before)

                shutil.copy(os.path.join(self.certs, 'second.pem'), chain)
                shutil.copy(os.path.join(self.certs, 'second.key'), key)
                server.proc.send_signal(signal.SIGHUP)
                self.wait_for(lambda: 'reloaded the certificate' in server.stderr())
                after = peer_serial(server.port, 'h.test', self.context)
                self.assertNotEqual(after, before)
                # The connection opened before the reload still serves.
                kept.request('GET', '/', headers={'Host': 'h.test'})
                self.assertEqual(kept.getresponse().status, 200)
                kept.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def test_an_expired_certificate_serves_with_a_warning(self):
        lenient = ssl.create_default_context(cafile=os.path.join(self.certs, 'ca.pem'))
        lenient.check_hostname = False
        lenient.verify_mode = ssl.CERT_NONE
        with Server(self.data, *self.cert_args('expired.pem', 'first.key'), tls=lenient,
                    tls_host='h.test') as server:
            self.assertIn('expired on Thu, 02 Jan 2020', server.stderr())
            self.assertEqual(server.get('/', host='h.test')[0], 200)
            with socket.create_connection(('127.0.0.1', server.port), timeout=10) as raw:
                with self.assertRaises(ssl.SSLCertVerificationError):
                    self.context.wrap_socket(raw, server_hostname='h.test')

    def test_plain_http_or_old_tls_to_the_tls_port_gets_no_page(self):
        with self.tls_server() as server:
            # Plain HTTP to the TLS port: no page, but a 400 that says why.
            plain = Server(self.data)
            plain.port = server.port
            status, _, body = plain.raw(b'GET / HTTP/1.1\r\nHost: h.test\r\n'
                                        b'Connection: close\r\n\r\n')
            self.assertEqual(status, 400)
            self.assertIn(b'This port speaks HTTPS', body)
            # The port still speaks TLS to the next client.
            self.assertEqual(server.get('/', host='h.test')[0], 200)
            # TLS 1.1 is refused.
            old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            old.check_hostname = False
            old.verify_mode = ssl.CERT_NONE
            old.minimum_version = ssl.TLSVersion.TLSv1
            old.maximum_version = ssl.TLSVersion.TLSv1_1
            with socket.create_connection(('127.0.0.1', server.port), timeout=10) as raw:
                with self.assertRaises(ssl.SSLError):
                    old.wrap_socket(raw, server_hostname='h.test')

    def test_bad_certificate_or_key_is_refused_at_start_and_nothing_is_made(self):
        bad = tempfile.mkdtemp(prefix='samizdat-bad-')
        try:
            garbage = os.path.join(bad, 'garbage.pem')
            with open(garbage, 'w') as f:
                f.write('-----BEGIN CERTIFICATE-----\nnot base64 at all\n')
            data = os.path.join(bad, 'data')
            cases = [
                (('--tls-cert', garbage, '--tls-key', os.path.join(self.certs, 'first.key')),
                 'garbage.pem'),
                (('--tls-cert', os.path.join(self.certs, 'first.pem'), '--tls-key',
                  os.path.join(self.certs, 'second.key')), 'does not belong'),
                (('--tls-cert', os.path.join(bad, 'missing.pem'), '--tls-key',
                  os.path.join(self.certs, 'first.key')), 'missing.pem'),
                (('--tls-cert', os.path.join(self.certs, 'first.pem')), 'go together'),
                (('--http-port', '0'), 'needs --tls-cert'),
            ]
            self.assert_serve_refuses(data, cases)
        finally:
            shutil.rmtree(bad, ignore_errors=True)

    @staticmethod
    def wait_for(condition, timeout=10):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError('timed out waiting')
            time.sleep(0.05)


if __name__ == '__main__':
    unittest.main()
