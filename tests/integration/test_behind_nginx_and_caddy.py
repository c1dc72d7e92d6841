# samizdat behind a real nginx and a real Caddy, each run by the test in a temp dir with the
# README's configuration (contrib/nginx.conf, contrib/Caddyfile: the README quotes them
# verbatim, so what it shows is what runs here). Through the proxy the access log and the
# comment limit see each reader's own address, HTTPS at the proxy gives the __Host-
# session cookie; a forged X-Forwarded-For sent straight to samizdat is ignored.
#
# Readers have addresses of their own: the test connects from several loopback
# addresses (127.0.0.5, 127.0.0.6, ...); the proxies reach samizdat from 127.0.0.1, the
# one trusted proxy.
import http.client
import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
import unittest

from admin_client import AdminClient, set_cookies
from harness import IntegrationCase, free_port, post_comment

CONTRIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'contrib')
README = os.path.join(CONTRIB, '..', 'README.md')
HOST = 'example.com'  # the host the contrib configurations name
PASSWORD = 'a good long password'
START_TIMEOUT = 20


def contrib(name):
    with open(os.path.join(CONTRIB, name), encoding='utf-8') as f:
        return f.read()


def substituted(text, replacements):
    """`text` with each key replaced by its value; each key must occur (else the contrib
    file changed and the test no longer runs what it names)."""
    for old, new in replacements.items():
        if old not in text:
            raise AssertionError(f'{old!r} is no longer in the configuration:\n{text}')
        text = text.replace(old, new)
    return text


def make_certificate(directory):
    """A self-signed certificate for HOST made by `openssl req`: (cert path, key path)."""
    cert, key = os.path.join(directory, 'cert.pem'), os.path.join(directory, 'key.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt',
                    'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj',
                    f'/CN={HOST}', '-addext', f'subjectAltName=DNS:{HOST}', '-keyout', key,
                    '-out', cert], check=True, capture_output=True, timeout=60)
    return cert, key


class _TLSConnection(http.client.HTTPConnection):
    """HTTPS to an address with the SNI and certificate check of `server_name`."""

    def __init__(self, *args, context, server_name, **kw):
        super().__init__(*args, **kw)
        self._context = context
        self._server_name = server_name

    def connect(self):
        super().connect()
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self._server_name)


class Endpoint:
    """A reader at loopback address `source` talking to 127.0.0.1:`port` (HTTPS checked
    against `cafile` when given). get() has the signature of harness.Server.get, so
    AdminClient and post_comment work through it."""

    def __init__(self, port, source, cafile=None):
        self.port = port
        self.source = source
        self.context = ssl.create_default_context(cafile=cafile) if cafile else None

    def get(self, path, headers=None, host=None, method='GET', body=None, timeout=30):
        kw = {'timeout': timeout, 'source_address': (self.source, 0)}
        if self.context:
            conn = _TLSConnection('127.0.0.1', self.port, context=self.context,
                                  server_name=HOST, **kw)
        else:
            conn = http.client.HTTPConnection('127.0.0.1', self.port, **kw)
        try:
            hdrs = dict(headers or {})
            if host is not None:
                hdrs['Host'] = host
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            return resp.status, resp.msg, resp.read()
        finally:
            conn.close()


class Proxy:
    """A proxy process started by the test; ready once `port` accepts connections."""

    def __init__(self, cmd, port, log, env=None):
        self.log = log
        with open(log, 'ab') as out:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f'{cmd} exited {self.proc.returncode}:\n{self.output()}')
            try:
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError(f'{cmd} did not listen on {port}:\n{self.output()}')
                time.sleep(0.1)

    def output(self):
        with open(self.log, encoding='utf-8', errors='replace') as f:
            return f.read()[-4000:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_nginx(tmp, samizdat_port):
    port = free_port()
    cert, key = make_certificate(tmp)
    site = substituted(contrib('nginx.conf'), {
        'listen 443 ssl;': f'listen 127.0.0.1:{port} ssl;',
        '/etc/letsencrypt/live/example.com/fullchain.pem': cert,
        '/etc/letsencrypt/live/example.com/privkey.pem': key,
        '127.0.0.1:8080': f'127.0.0.1:{samizdat_port}'})
    temp_paths = ''.join(f'    {kind}_temp_path {tmp}/nginx-{kind};\n'
                         for kind in ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'))
    conf = os.path.join(tmp, 'nginx.conf')
    with open(conf, 'w', encoding='utf-8') as f:
        f.write(f'daemon off;\nmaster_process off;\npid {tmp}/nginx.pid;\n'
                f'error_log {tmp}/nginx-error.log info;\nevents {{ worker_connections 64; }}\n'
                f'http {{\n    access_log {tmp}/nginx-access.log;\n{temp_paths}{site}}}\n')
    proxy = Proxy(['nginx', '-p', tmp, '-e', f'{tmp}/nginx-error.log', '-c', conf], port,
                  os.path.join(tmp, 'nginx-error.log'))
    return proxy, port, cert


def start_caddy(tmp, samizdat_port, tls):
    """Caddy with contrib/Caddyfile after global options that keep it in `tmp`: with tls,
    its own CA (`local_certs`, trusted by no one but the test); without, auto_https off
    and the site address made http:// (else Caddy still expects TLS on its https_port)."""
    http_port, https_port = free_port(), free_port()
    storage = os.path.join(tmp, 'caddy-storage')
    mode = 'local_certs\n\tskip_install_trust' if tls else 'auto_https off'
    replacements = {'127.0.0.1:8080': f'127.0.0.1:{samizdat_port}'}
    if not tls:
        replacements[f'{HOST} {{'] = f'http://{HOST} {{'
    site = substituted(contrib('Caddyfile'), replacements)
    caddyfile = os.path.join(tmp, 'Caddyfile')
    with open(caddyfile, 'w', encoding='utf-8') as f:
        f.write(f'{{\n\tadmin off\n\t{mode}\n\tdefault_bind 127.0.0.1\n'
                f'\thttp_port {http_port}\n\thttps_port {https_port}\n'
                f'\tstorage file_system {{\n\t\troot {storage}\n\t}}\n}}\n{site}')
    home = os.path.join(tmp, 'caddy-home')
    env = {**os.environ, 'HOME': home, 'XDG_DATA_HOME': home, 'XDG_CONFIG_HOME': home}
    port = https_port if tls else http_port
    proxy = Proxy(['caddy', 'run', '--config', caddyfile, '--adapter', 'caddyfile'], port,
                  os.path.join(tmp, 'caddy.log'), env=env)
    root = os.path.join(storage, 'pki', 'authorities', 'local', 'root.crt')
    return proxy, port, root if tls else None


class BehindProxy(IntegrationCase):
    """Base: samizdat trusting 127.0.0.1 (the proxy), one comment per reader per 10
    minutes; start_proxy() runs the proxy in front of it."""
    SERVER_ARGS = ('--trusted-proxy', '127.0.0.1/32', '--comment-min-seconds', '0',
                   '--comment-rate-limit', '1')
    HTTPS = True

    @classmethod
    def prepare(cls):
        cls.SERVER_ARGS = (*cls.SERVER_ARGS, '--access-log', os.path.join(cls.tmp, 'access.log'))
        cls.create_blog(HOST, 'Proxied blog')
        cls.cli('user', 'add', '--email', 'boss@example.com', '--name', 'Boss', '--role',
                'admin', '--password-stdin', input_text=PASSWORD + '\n')
        _, cls.post = cls.add_post('Target', '<p>target</p>', date='2022-05-01')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.proxy, cls.proxy_port, cls.cafile = cls.start_proxy()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, 'proxy', None):
            cls.proxy.stop()
            cls.proxy = None
        super().tearDownClass()

    def reader(self, source):
        """A reader at `source` going through the proxy."""
        return Endpoint(self.proxy_port, source, self.cafile)

    def comment(self, endpoint, text, headers=None):
        status, _, body = post_comment(_WithHeaders(endpoint, headers), self.post, text,
                                       name='R', host=HOST)
        return status, body

    def logged_address(self, marker):
        """The client address of the access log's line for `marker` (flushed each second)."""
        path = os.path.join(self.tmp, 'access.log')
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with open(path, encoding='utf-8') as f:
                lines = [line for line in f if marker in line]
            if lines:
                return {line.split(' ', 1)[0] for line in lines}
            time.sleep(0.2)
        self.fail(f'no {marker} line in {path}')

    def comments(self):
        return self.cli('comment', 'list', '--status', 'all')[1]

    # --- the tests every proxy passes --------------------------------------------------

    def test_access_log_and_comment_limit_see_each_reader(self):
        first, second = self.reader('127.0.0.5'), self.reader('127.0.0.6')
        self.assertEqual(self.comment(first, 'first reader')[0], 303)
        self.assertEqual(self.comment(second, 'second reader')[0], 303)
        before = self.comments()
        status, body = self.comment(first, 'first reader again')
        self.assertEqual(status, 429, body[:300])
        self.assertEqual(self.comments(), before)
        first.get('/p-marker-reader', host=HOST)
        self.assertEqual(self.logged_address('/p-marker-reader'), {'127.0.0.5'})
        # What a reader writes in X-Forwarded-For does not hide it behind the proxy.
        forged = {'X-Forwarded-For': '192.0.2.77'}
        self.reader('127.0.0.7').get('/p-marker-forged', host=HOST, headers=forged)
        self.assertEqual(self.logged_address('/p-marker-forged'), {'127.0.0.7'})

    def test_a_forged_forwarded_for_straight_to_samizdat_is_ignored(self):
        direct = Endpoint(self.server.port, '127.0.0.9')  # not the proxy: untrusted
        forged = {'X-Forwarded-For': '192.0.2.8', 'X-Forwarded-Proto': 'https'}
        direct.get('/p-marker-direct', host=HOST, headers=forged)
        self.assertEqual(self.logged_address('/p-marker-direct'), {'127.0.0.9'})
        self.assertEqual(self.comment(direct, 'straight', forged)[0], 303)
        before = self.comments()
        again = {'X-Forwarded-For': '192.0.2.10', 'X-Forwarded-Proto': 'https'}
        self.assertEqual(self.comment(direct, 'straight again', again)[0], 429)
        self.assertEqual(self.comments(), before)
        client = AdminClient(direct, host=HOST, headers=forged)
        status, headers, _ = client.sign_in('boss@example.com', PASSWORD)
        self.assertEqual(status, 303)
        cookies = set_cookies(headers)
        self.assertIn('samizdat_session', cookies)
        self.assertNotIn('__Host-samizdat_session', cookies)
        self.assertNotIn('Secure', cookies['samizdat_session'][1])

    def test_the_session_cookie_follows_the_proxys_scheme(self):
        client = AdminClient(self.reader('127.0.0.8'), host=HOST)
        status, headers, _ = client.sign_in('boss@example.com', PASSWORD)
        self.assertEqual(status, 303)
        cookies = set_cookies(headers)
        if self.HTTPS:
            cookie = cookies['__Host-samizdat_session'][1]
            self.assertIn('Secure', cookie)
            self.assertNotIn('samizdat_session', cookies)
        else:
            self.assertNotIn('__Host-samizdat_session', cookies)
            self.assertNotIn('Secure', cookies['samizdat_session'][1])
        status, _, body = client.get('/admin/posts')
        self.assertEqual(status, 200)
        self.assertIn(b'Target', body)

    def test_the_readme_shows_this_configuration(self):
        with open(README, encoding='utf-8') as f:
            readme = f.read()
        name = self.CONTRIB_FILE
        self.assertTrue(contrib(name) in readme, f'README.md no longer quotes contrib/{name}')


class _WithHeaders:
    """An endpoint whose requests carry extra headers (post_comment sends none)."""

    def __init__(self, endpoint, headers):
        self.endpoint = endpoint
        self.headers = headers or {}

    def get(self, path, headers=None, **kw):
        return self.endpoint.get(path, headers={**self.headers, **(headers or {})}, **kw)


@unittest.skipUnless(shutil.which('nginx'), 'nginx is not installed (scripts/install-deps.sh)')
class BehindNginx(BehindProxy):
    CONTRIB_FILE = 'nginx.conf'

    @classmethod
    def start_proxy(cls):
        return start_nginx(cls.tmp, cls.server.port)


@unittest.skipUnless(shutil.which('caddy'), 'caddy is not installed (scripts/install-deps.sh)')
class BehindCaddy(BehindProxy):
    CONTRIB_FILE = 'Caddyfile'

    @classmethod
    def start_proxy(cls):
        return start_caddy(cls.tmp, cls.server.port, tls=True)


@unittest.skipUnless(shutil.which('caddy'), 'caddy is not installed (scripts/install-deps.sh)')
class BehindPlainCaddy(BehindProxy):
    """Caddy with auto_https off: plain HTTP, so no __Host- cookie."""
    CONTRIB_FILE = 'Caddyfile'
    HTTPS = False

    @classmethod
    def start_proxy(cls):
        return start_caddy(cls.tmp, cls.server.port, tls=False)


del BehindProxy  # a base, not a test case of its own

if __name__ == '__main__':
    unittest.main()
