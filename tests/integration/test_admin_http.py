# The admin over plain HTTP: what a browser never shows but a user relies on — redirects
# to the sign-in page, the session cookie's flags, CSRF refusals that change nothing,
# roles, the security headers, cacheable static files, sessions that survive a restart.
import re
import unittest

from admin_client import AdminClient, first_admin, set_cookies
from harness import IntegrationCase, Server

PASSWORD = 'a good long password'


class AdminHttp(IntegrationCase):
    @classmethod
    def prepare(cls):
        cls.create_blog('one.test', 'Blog one')
        cls.create_blog('two.test', 'Blog two')
        # Accounts made before the first start: the server then makes no admin of its own.
        cls.cli('user', 'add', '--email', 'boss@one.test', '--name', 'Boss', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')
        cls.cli('user', 'add', '--email', 'owner2@two.test', '--name', 'Owner Two', '--role',
                'owner', '--blog', 'two.test', '--password-stdin', input_text=PASSWORD + '\n')
        cls.cli('user', 'add', '--email', 'writer@one.test', '--name', 'Writer', '--role',
                'author', '--blog', 'one.test', '--password-stdin', input_text=PASSWORD + '\n')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert 'admin account:' not in cls.server.stdout()
        cls.admin = AdminClient(cls.server, host='one.test')
        status, headers, _ = cls.admin.sign_in('boss@one.test', PASSWORD)
        assert status == 303 and headers['Location'] == '/admin/posts', (status, headers)

    def test_pages_need_a_session(self):
        status, headers, _ = self.server.get('/admin/posts', host='one.test')
        self.assertEqual(status, 303)
        self.assertEqual(headers['Location'], '/admin/sign-in?next=%2Fadmin%2Fposts')

    def test_session_cookie_flags(self):
        client = AdminClient(self.server, host='one.test')
        status, headers, _ = client.sign_in('writer@one.test', PASSWORD)
        self.assertEqual(status, 303)
        cookie = set_cookies(headers)['samizdat_session'][1]
        for flag in ('HttpOnly', 'SameSite=Lax', 'Path=/admin'):
            self.assertIn(flag, cookie)
        self.assertNotIn('Secure', cookie)
        self.assertGreaterEqual(len(client.cookies['samizdat_session']), 43)  # 256 bits

    def test_forged_forwarded_proto_makes_no_secure_cookie(self):
        # No --trusted-proxy: anyone's X-Forwarded-Proto is ignored (the trusted case is
        # in test_origin_and_proxies).
        client = AdminClient(self.server, host='one.test', headers={'X-Forwarded-Proto': 'https'})
        status, headers, _ = client.sign_in('writer@one.test', PASSWORD)
        self.assertEqual(status, 303)
        self.assertNotIn('Secure', set_cookies(headers)['samizdat_session'][1])

    def test_post_without_csrf_is_refused_and_changes_nothing(self):
        status, _, body = self.admin.post('/admin/password', {
            'current_password': PASSWORD, 'new_password': 'another long password',
            'confirm_password': 'another long password'}, csrf=False)
        self.assertEqual(status, 403)
        self.assertIn(b'security token', body)
        # A wrong token is refused too.
        status, _, _ = self.admin.post('/admin/password', {
            'current_password': PASSWORD, 'new_password': 'another long password',
            'confirm_password': 'another long password', 'csrf': 'forged'}, csrf=False)
        self.assertEqual(status, 403)
        # The password is still the old one.
        check = AdminClient(self.server, host='one.test')
        status, headers, _ = check.sign_in('boss@one.test', PASSWORD)
        self.assertEqual((status, headers['Location']), (303, '/admin/posts'))

    def test_forged_sign_in_form_is_refused(self):
        client = AdminClient(self.server, host='one.test')
        status, headers, _ = client.post('/admin/sign-in', {
            'email': 'writer@one.test', 'password': PASSWORD, 'form_token': '0.1.abc'}, csrf=False)
        self.assertEqual(status, 403)
        self.assertNotIn('samizdat_session', set_cookies(headers))

    def test_owner_of_another_blog_has_no_access(self):
        client = AdminClient(self.server, host='one.test')
        status, headers, _ = client.sign_in('owner2@two.test', PASSWORD)
        self.assertEqual(status, 303)
        status, _, body = client.get('/admin/posts')
        self.assertEqual(status, 403)
        self.assertIn(b'no access to this blog', body)
        # The same session on the owner's own blog works.
        client.host = 'two.test'
        status, _, _ = client.get('/admin/posts')
        self.assertEqual(status, 200)

    def test_author_may_not_reach_owner_pages(self):
        client = AdminClient(self.server, host='one.test')
        client.sign_in('writer@one.test', PASSWORD)
        status, _, body = client.get('/admin/settings')
        self.assertEqual(status, 403)
        self.assertIn(b'owners', body)
        status, _, body = client.get('/admin/posts')
        self.assertEqual(status, 200)
        self.assertNotIn(b'href="/admin/settings"', body)  # the navigation hides it
        # Authors upload images but do not remove them (they may show in others' posts).
        status, _, body = client.get('/admin/media')
        self.assertEqual(status, 200)
        self.assertNotIn(b'/delete"', body)
        status, _, _ = client.post('/admin/media/' + 'a' * 32 + '/delete', {})
        self.assertEqual(status, 403)

    def test_security_headers(self):
        status, headers, body = self.admin.get('/admin/posts')
        self.assertEqual(status, 200)
        self.assertEqual(headers['Cache-Control'], 'no-store')
        self.assertEqual(headers['X-Frame-Options'], 'DENY')
        csp = headers['Content-Security-Policy']
        self.assertIn("script-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertNotRegex(body.decode(), r'<script>|<script [^>]*>[^<]')  # no inline script

    def test_static_files_are_cached_for_good(self):
        _, _, body = self.admin.get('/admin/posts')
        m = re.search(r'href="(/admin/static/[0-9a-f]+/admin\.css)"', body.decode())
        self.assertIsNotNone(m, 'the layout links no versioned admin.css')
        status, headers, css = self.server.get(m.group(1), host='one.test')
        self.assertEqual(status, 200)
        self.assertTrue(headers['Content-Type'].startswith('text/css'))
        self.assertIn('immutable', headers['Cache-Control'])
        self.assertIn(b'body', css)
        status, _, _ = self.server.get('/admin/static/x/nothing.js', host='one.test')
        self.assertEqual(status, 404)

    def test_unknown_pages_and_methods(self):
        status, _, _ = self.admin.get('/admin/no-such-page')
        self.assertEqual(status, 404)
        status, _, _ = self.admin.post('/admin/sign-out-everywhere-now', {})
        self.assertEqual(status, 404)
        status, _, _ = self.server.get('/admin/posts', method='PUT', host='one.test')
        self.assertEqual(status, 405)

    def test_absurd_page_numbers_show_an_empty_page(self):
        for path in ('/admin/posts', '/admin/pages', '/admin/comments', '/admin/media'):
            for page in ('2147483647', '-1', 'x', '9' * 30):
                status, _, _ = self.admin.get(f'{path}?page={page}')
                self.assertEqual(status, 200, f'{path}?page={page}')

    def test_malformed_form_body(self):
        status, _, body = self.admin.post('/admin/password', {}, headers={
            'Content-Type': 'application/json'})
        self.assertEqual(status, 400)
        self.assertIn(b'urlencoded', body)


class SessionsOutliveTheServer(IntegrationCase):
    """Sessions live in the store: a restart (an upgrade) signs nobody out."""

    def test_session_survives_restart(self):
        email, first = first_admin(self.server)
        client = AdminClient(self.server)
        client.sign_in(email, first)
        status, _, _ = client.change_password(first, PASSWORD)
        self.assertEqual(status, 303)
        self.server.stop_and_check()
        restarted = Server(self.data).start()
        try:
            client.server = restarted
            status, _, _ = client.get('/admin/posts')
            self.assertEqual(status, 200)
            # Signing out ends it for good.
            client.post('/admin/sign-out', {})
            status, headers, _ = client.get('/admin/posts')
            self.assertEqual(status, 303)
        finally:
            restarted.stop_and_check()
            type(self).server = None


if __name__ == '__main__':
    unittest.main()
