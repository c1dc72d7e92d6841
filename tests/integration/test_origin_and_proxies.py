# CSRF by origin and trusted proxies. A state change (an admin edit, the sign-in form,
# the comment form) whose Origin, Sec-Fetch-Site or Referer names another site is 403
# with a message a person understands and changes nothing, even with a valid token; the
# blog's own origin passes, as the client sees it (https behind a trusted proxy).
# Forwarded headers count only from a trusted proxy: a forged X-Forwarded-For or
# X-Forwarded-Proto from anyone else changes no address (comment limits, access log)
# and no cookie.
import os
import time
import unittest
import urllib.parse

from admin_client import AdminClient, hidden_field, set_cookies
from harness import IntegrationCase, Server, comment_form

PASSWORD = 'a good long password'
HOST = 'o.test'
FOREIGN = [{'Origin': 'http://evil.example'}, {'Origin': 'null'},
           {'Origin': 'https://o.test'},  # the right host, the wrong scheme (plain HTTP here)
           {'Origin': 'http://o.test.evil.example'},
           {'Sec-Fetch-Site': 'cross-site'}, {'Sec-Fetch-Site': 'same-site'},
           {'Referer': 'http://evil.example/page'}]
OWN = [{'Origin': 'http://o.test'}, {'Origin': 'http://O.test:80'},
       {'Sec-Fetch-Site': 'same-origin'}, {'Referer': 'http://o.test/admin/posts'}, {}]


class OriginChecks(IntegrationCase):
    SERVER_ARGS = ('--trusted-proxy', '127.0.0.1/32', '--comment-min-seconds', '0',
                   '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Origin blog')
        cls.cli('user', 'add', '--email', 'boss@o.test', '--name', 'Boss', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')
        _, cls.post = cls.add_post('Target', '<p>target</p>', date='2022-05-01')

    def posts(self):
        return self.cli('post', 'list')[1]

    def comments(self):
        return self.cli('comment', 'list', '--status', 'all')[1]

    def signed_in(self, headers=None):
        client = AdminClient(self.server, host=HOST, headers=headers)
        status, _, _ = client.sign_in('boss@o.test', PASSWORD)
        self.assertEqual(status, 303)
        client.get('/admin/posts/new')
        return client

    def create_post(self, client, title, headers):
        return client.post('/admin/posts/new', {'title': title, 'source': 'body',
                                                'format': 'markdown', 'action': 'publish'},
                           headers=headers)

    def test_admin_change_from_another_site_is_refused(self):
        client = self.signed_in()
        before = self.posts()
        for headers in FOREIGN:
            with self.subTest(headers=headers):
                status, _, body = self.create_post(client, 'Forged', headers)
                self.assertEqual(status, 403)
                self.assertIn(b'This form was sent from another site', body)
                self.assertIn(b'nothing was changed', body)
                self.assertIn(b'/admin/static/', body)  # in the admin's layout
        self.assertEqual(self.posts(), before)
        self.assertNotIn('Forged', self.posts())

    def test_admin_change_from_the_blog_itself_passes(self):
        client = self.signed_in()
        for n, headers in enumerate(OWN):
            with self.subTest(headers=headers):
                status, _, _ = self.create_post(client, f'Own {n}', headers)
                self.assertEqual(status, 303)
                self.assertIn(f'Own {n}', self.posts())

    def test_the_token_is_still_checked_after_the_origin(self):
        client = self.signed_in()
        before = self.posts()
        status, _, body = client.post('/admin/posts/new', {'title': 'No token', 'source': 'b',
                                                           'action': 'publish'}, csrf=False,
                                      headers={'Origin': 'http://o.test'})
        self.assertEqual(status, 403)
        self.assertIn(b'security token', body)
        self.assertEqual(self.posts(), before)

    def sign_in_form(self, headers):
        client = AdminClient(self.server, host=HOST)
        _, _, page = client.get('/admin/sign-in')
        return client.post('/admin/sign-in', {'email': 'boss@o.test', 'password': PASSWORD,
                                              'form_token': hidden_field(page, 'form_token')},
                           csrf=False, headers=headers)

    def test_sign_in_from_another_site_is_refused(self):
        for headers in FOREIGN:
            with self.subTest(headers=headers):
                status, out, body = self.sign_in_form(headers)
                self.assertEqual(status, 403)
                self.assertIn(b'This form was sent from another site', body)
                self.assertNotIn('samizdat_session', set_cookies(out))
        status, out, _ = self.sign_in_form({'Origin': 'http://o.test'})
        self.assertEqual(status, 303)
        self.assertIn('samizdat_session', set_cookies(out))

    def test_comment_from_another_site_is_refused(self):
        before = self.comments()
        _, _, page = self.server.get(self.post, host=HOST)
        fields = comment_form(page)
        fields.update(name='Reader', body='Forged from afar')
        for headers in FOREIGN:
            with self.subTest(headers=headers):
                status, _, body = self.server.get(
                    '/comment', method='POST', host=HOST, body=urllib.parse.urlencode(fields),
                    headers={'Content-Type': 'application/x-www-form-urlencoded', **headers})
                self.assertEqual(status, 403)
                self.assertIn(b'This form was sent from another site', body)
        self.assertEqual(self.comments(), before)
        status, _, _ = self.server.get(
            '/comment', method='POST', host=HOST, body=urllib.parse.urlencode(fields),
            headers={'Content-Type': 'application/x-www-form-urlencoded',
                     'Origin': 'http://o.test'})
        self.assertEqual(status, 303)
        self.assertIn('Forged from afar', self.comments())

    def test_behind_the_trusted_proxy_the_https_origin_is_the_blogs(self):
        https = {'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.3'}
        client = self.signed_in(https)
        self.assertIn('__Host-samizdat_session', client.cookies)
        status, _, _ = self.create_post(client, 'Through the proxy', {'Origin': 'https://o.test'})
        self.assertEqual(status, 303)
        self.assertIn('Through the proxy', self.posts())
        before = self.posts()
        status, _, _ = self.create_post(client, 'Plain origin', {'Origin': 'http://o.test'})
        self.assertEqual(status, 403)
        self.assertEqual(self.posts(), before)
        # The proxy's public host, when it forwards another Host.
        proxied = {'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': HOST}
        client = AdminClient(self.server, host='127.0.0.1:1', headers=proxied)
        status, _, _ = client.sign_in('boss@o.test', PASSWORD)
        self.assertEqual(status, 303)
        client.get('/admin/posts/new')
        status, _, _ = self.create_post(client, 'Forwarded host', {'Origin': 'https://o.test'})
        self.assertEqual(status, 303)


class Proxies(IntegrationCase):
    """Two servers on one data directory: one trusts the test's address (127.0.0.1), the
    other trusts only 10.0.0.0/8, so to it the test is an untrusted client."""
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Proxy blog')
        cls.cli('user', 'add', '--email', 'boss@o.test', '--name', 'Boss', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')
        _, cls.post = cls.add_post('Target', '<p>target</p>', date='2022-05-01')

    def serve(self, trusted, log):
        return Server(self.data, '--trusted-proxy', trusted, '--access-log',
                      os.path.join(self.tmp, log), '--comment-min-seconds', '0',
                      '--comment-rate-limit', '1')

    def comment(self, server, address, text):
        status, _, page = server.get(self.post, host=HOST)
        fields = comment_form(page)
        fields.update(name='R', body=text)
        return send_comment_from(server, fields, address)

    def log_addresses(self, log):
        path = os.path.join(self.tmp, log)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # flushed once a second
            with open(path, encoding='utf-8') as f:
                lines = list(f)
            if any('/p-marker' in line for line in lines):
                return {line.split(' ', 1)[0] for line in lines if '/p-marker' in line}
            time.sleep(0.2)
        self.fail(f'no /p-marker line in {path}')

    def test_an_untrusted_peers_forwarded_headers_are_ignored(self):
        with self.serve('10.0.0.0/8', 'untrusted.log') as server:
            # Comment limit (1 per address): a forged X-Forwarded-For is no new address.
            status, _, _ = self.comment(server, '192.0.2.1', 'first from afar')
            self.assertEqual(status, 303)
            status, _, body = self.comment(server, '192.0.2.2', 'second from afar')
            self.assertEqual(status, 429, body[:300])
            # The access log names the real peer.
            server.get('/p-marker', host=HOST, headers={'X-Forwarded-For': '192.0.2.9'})
            self.assertEqual(self.log_addresses('untrusted.log'), {'127.0.0.1'})
            # X-Forwarded-Proto: https from anyone makes no Secure cookie.
            client = AdminClient(server, host=HOST, headers={'X-Forwarded-Proto': 'https'})
            status, headers, _ = client.sign_in('boss@o.test', PASSWORD)
            self.assertEqual(status, 303)
            cookies = set_cookies(headers)
            self.assertIn('samizdat_session', cookies)
            self.assertNotIn('__Host-samizdat_session', cookies)
            self.assertNotIn('Secure', cookies['samizdat_session'][1])

    def test_a_trusted_proxys_forwarded_headers_are_believed(self):
        with self.serve('127.0.0.1/32', 'trusted.log') as server:
            # Each forwarded client has its own comment limit.
            self.assertEqual(self.comment(server, '192.0.2.11', 'one')[0], 303)
            self.assertEqual(self.comment(server, '192.0.2.12', 'two')[0], 303)
            self.assertEqual(self.comment(server, '192.0.2.11', 'three')[0], 429)
            server.get('/p-marker', host=HOST, headers={'X-Forwarded-For': '1.1.1.1, 192.0.2.9'})
            self.assertEqual(self.log_addresses('trusted.log'), {'192.0.2.9'})
            # HTTPS as the proxy says: the __Host- session cookie, Secure, Path=/.
            https = {'X-Forwarded-Proto': 'https'}
            client = AdminClient(server, host=HOST, headers=https)
            status, headers, _ = client.sign_in('boss@o.test', PASSWORD)
            self.assertEqual(status, 303)
            cookie = set_cookies(headers)['__Host-samizdat_session'][1]
            for flag in ('Secure', 'Path=/;', 'HttpOnly', 'SameSite=Lax'):
                self.assertIn(flag, cookie + ';')
            self.assertNotIn('Domain', cookie)
            self.assertEqual(client.get('/admin/posts')[0], 200)
            # The same cookie over plain HTTP is not read.
            client.headers = {}
            status, headers, _ = client.get('/admin/posts')
            self.assertEqual(status, 303)
            self.assertTrue(headers['Location'].startswith('/admin/sign-in'))
            # Signing out over HTTPS removes the __Host- cookie.
            client.headers = https
            client.get('/admin/posts')
            status, headers, _ = client.post('/admin/sign-out', {})
            self.assertEqual(status, 303)
            self.assertIn('Max-Age=0', set_cookies(headers)['__Host-samizdat_session'][1])

    def test_a_bad_trusted_proxy_is_an_error_at_start(self):
        code, _, err = self.cli('serve', '--port', '0', '--trusted-proxy', '10.0.0.0/33',
                                check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('"10.0.0.0/33" is not an IP network', err)
        # The same from the TOML config's [serve] table.
        config = self.write_file('samizdat.toml',
                                 '[serve]\ntrusted-proxy = ["127.0.0.1/32", "proxy.example"]\n')
        code, _, err = self.cli('--config', config, 'serve', '--port', '0', check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('"proxy.example" is not an IP network', err)


def send_comment_from(server, fields, address):
    """POST /comment with `fields` and X-Forwarded-For: `address`."""
    return server.get('/comment', method='POST', host=HOST, body=urllib.parse.urlencode(fields),
                      headers={'Content-Type': 'application/x-www-form-urlencoded',
                               'X-Forwarded-For': address})


if __name__ == '__main__':
    unittest.main()
