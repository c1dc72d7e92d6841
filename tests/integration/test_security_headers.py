# The security headers on every kind of answer (one URL per kind of row of the route
# table, src/web/routes.cc, and the server's own errors): the public pages' script-free
# Content-Security-Policy with the embed providers' frames, nosniff and Referrer-Policy
# everywhere, the right Content-Type on feeds, the sitemap and media, the admin's own
# stricter set, and Strict-Transport-Security only when the operator asked for it
# (--hsts) and the client spoke HTTPS through a trusted proxy.
import hashlib
import os
import shutil
import sqlite3
import time
import unittest
import urllib.parse

import test_media
from admin_client import AdminClient
from harness import IntegrationCase, Server, comment_form

PASSWORD = 'a good long password'
HTTPS = {'X-Forwarded-Proto': 'https'}


class SecurityHeaders(IntegrationCase):
    SERVER_ARGS = ('--trusted-proxy', '127.0.0.1/32', '--hsts', '--comment-min-seconds', '0',
                   '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        blog_id = cls.create_blog('h.test', 'Headers blog')
        cls.cli('user', 'add', '--email', 'boss@h.test', '--name', 'Boss', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')
        _, cls.post = cls.add_post('Embeds', '<p style="color: red">Hi</p><iframe '
                                   'src="https://www.youtube.com/embed/x"></iframe>',
                                   date='2022-05-01', labels='L')
        _, cls.page = cls.add_page('About', '<p>About</p>')
        png = test_media.tiny_png()
        cls.hash = hashlib.blake2b(png, digest_size=16).hexdigest()
        db = sqlite3.connect(os.path.join(cls.data, 'samizdat.db'))
        with db:
            db.execute('INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, '
                       'created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
                       (int(blog_id), cls.hash, 'image/png', 'dot.png', png, len(png),
                        int(time.time() * 1000)))
        db.close()

    def fetch(self, path, method='GET', headers=None, body=None):
        return self.server.get(path, method=method, headers=headers, body=body, host='h.test')

    def assert_common(self, headers, https, what):
        self.assertEqual(headers['X-Content-Type-Options'], 'nosniff', what)
        self.assertIsNotNone(headers['Referrer-Policy'], what)
        if https:
            self.assertEqual(headers['Strict-Transport-Security'], 'max-age=31536000', what)
        else:
            self.assertIsNone(headers['Strict-Transport-Security'], what)

    def assert_page(self, headers, https, what):
        self.assert_common(headers, https, what)
        self.assertTrue(headers['Content-Type'].startswith('text/html'), what)
        self.assertEqual(headers['Referrer-Policy'], 'strict-origin-when-cross-origin', what)
        csp = headers['Content-Security-Policy'] or ''
        for part in ("default-src 'none'", "img-src 'self' http: https:",
                     "style-src 'self' 'unsafe-inline'", 'https://www.youtube.com',
                     'https://player.vimeo.com', "form-action 'self'", "frame-ancestors 'self'",
                     "base-uri 'self'"):
            self.assertIn(part, csp, what)
        self.assertNotIn('script-src', csp, what)

    def assert_other(self, headers, https, what, content_type=None):
        self.assert_common(headers, https, what)
        self.assertEqual(headers['Content-Security-Policy'],
                         "default-src 'none'; style-src 'unsafe-inline'; sandbox", what)
        if content_type:
            self.assertTrue(headers['Content-Type'].startswith(content_type),
                            f'{what}: {headers["Content-Type"]}')

    def assert_admin(self, headers, https, what):
        self.assert_common(headers, https, what)
        self.assertIn("script-src 'self'", headers['Content-Security-Policy'], what)
        self.assertIn("frame-ancestors 'none'", headers['Content-Security-Policy'], what)
        self.assertEqual(headers['X-Frame-Options'], 'DENY', what)
        self.assertEqual(headers['Cache-Control'], 'no-store', what)

    def test_public_pages(self):
        for https in (False, True):
            for path, status in [('/', 200), (self.post, 200), (self.page, 200),
                                 ('/search/label/L', 200), ('/search?q=Hi', 200),
                                 ('/2022/', 200), ('/2022/05/', 200), ('/no-such-page', 404),
                                 ('/2022/05/missing.html', 404), ('/?max-results=x', 400)]:
                with self.subTest(path=path, https=https):
                    got, headers, _ = self.fetch(path, headers=HTTPS if https else None)
                    self.assertEqual(got, status)
                    if status == 400:
                        self.assert_other(headers, https, path, 'text/plain')
                    else:
                        self.assert_page(headers, https, path)

    def test_cached_page_twice_and_304(self):
        # The second answer comes from the cache (sendfile): the same headers.
        for _ in range(2):
            _, headers, _ = self.fetch(self.post)
            self.assert_page(headers, False, 'cached post')
        status, headers, _ = self.fetch(self.post, headers={'If-None-Match': headers['ETag']})
        self.assertEqual(status, 304)
        self.assert_common(headers, False, '304')
        # A 304 carries no policy, so the browser keeps the cached page's own.
        self.assertIsNone(headers['Content-Security-Policy'])

    def test_feeds_sitemap_robots_and_media(self):
        for path, content_type in [
                ('/feeds/posts/default', 'application/atom+xml'),
                ('/feeds/posts/default?alt=rss', 'application/rss+xml'),
                ('/feeds/posts/default?alt=json', 'application/json'),
                ('/feeds/posts/default?alt=json-in-script&callback=cb', 'text/javascript'),
                ('/feeds/comments/default', 'application/atom+xml'),
                ('/feed.json', 'application/feed+json'), ('/rss.xml', 'application/rss+xml'),
                ('/sitemap.xml', 'application/xml'), ('/robots.txt', 'text/plain'),
                (f'/media/{self.hash}.png', 'image/png')]:
            for https in (False, True):
                with self.subTest(path=path, https=https):
                    status, headers, _ = self.fetch(path, headers=HTTPS if https else None)
                    self.assertEqual(status, 200)
                    self.assert_other(headers, https, path, content_type)
        for path in ('/media/nothing', '/feeds/nothing'):
            status, headers, _ = self.fetch(path)
            self.assertEqual(status, 404)
            self.assert_other(headers, False, path, 'text/plain')

    def test_comment_post_redirect(self):
        _, _, page = self.fetch(self.post)
        fields = comment_form(page)
        fields.update(body='A header check', name='Reader')
        for https in (False, True):
            with self.subTest(https=https):
                fields['body'] += '!'
                status, headers, _ = self.fetch(
                    '/comment', method='POST', body=urllib.parse.urlencode(fields),
                    headers={'Content-Type': 'application/x-www-form-urlencoded',
                             **(HTTPS if https else {})})
                self.assertEqual(status, 303)
                self.assert_other(headers, https, 'comment 303')

    def test_admin_pages_files_and_errors(self):
        for https in (False, True):
            client = AdminClient(self.server, host='h.test', headers=HTTPS if https else None)
            status, headers, _ = client.get('/admin/sign-in')
            self.assert_admin(headers, https, 'sign-in page')
            status, headers, _ = client.sign_in('boss@h.test', PASSWORD)
            self.assertEqual(status, 303)
            self.assert_admin(headers, https, 'sign-in redirect')
            for path, expected in [('/admin/posts', 200), ('/admin/settings', 200),
                                   ('/admin/no-such-page', 404)]:
                with self.subTest(path=path, https=https):
                    status, headers, _ = client.get(path)
                    self.assertEqual(status, expected)
                    self.assert_admin(headers, https, path)
            status, headers, _ = self.fetch('/admin/posts', method='PUT',
                                            headers={**client._headers(), 'Content-Length': '0'})
            self.assertEqual(status, 405)
            self.assert_admin(headers, https, 'admin 405')
            status, headers, _ = self.fetch('/admin/static/1/admin.css',
                                            headers=HTTPS if https else None)
            self.assertEqual(status, 200)
            self.assert_other(headers, https, 'admin static file', 'text/css')
            status, headers, _ = self.fetch('/admin/static/1/none.js')
            self.assertEqual(status, 404)
            self.assert_admin(headers, False, 'admin static 404')

    def test_405_and_400(self):
        status, headers, _ = self.fetch('/', method='DELETE')
        self.assertEqual(status, 405)
        self.assert_other(headers, False, 'public 405', 'text/plain')
        # A target that is no URL path: the router's 400.
        status, headers, _ = self.server.raw(
            b'GET /a%zz HTTP/1.1\r\nHost: h.test\r\nConnection: close\r\n\r\n')
        self.assertEqual(status, 400)
        self.assertEqual(headers['x-content-type-options'], 'nosniff')
        self.assertIn('sandbox', headers['content-security-policy'])
        # A request the server cannot read: its own 400, with the same headers.
        status, headers, _ = self.server.raw(b'NOT HTTP AT ALL\r\n\r\n')
        self.assertEqual(status, 400)
        self.assertEqual(headers['x-content-type-options'], 'nosniff')
        self.assertIn('sandbox', headers['content-security-policy'])

    def test_forged_proto_from_an_untrusted_peer_gets_no_hsts(self):
        # Only the trusted proxy's word counts: this server trusts 127.0.0.1, so a
        # second server trusting another network sees the same header as forged.
        with Server(self.data, '--trusted-proxy', '10.0.0.0/8', '--access-log', '-') as other:
            status, headers, _ = other.get('/', headers=HTTPS, host='h.test')
            self.assertEqual(status, 200)
            self.assertIsNone(headers['Strict-Transport-Security'])

    def test_no_hsts_unless_asked_for(self):
        with Server(self.data, '--trusted-proxy', '127.0.0.1/32', '--access-log', '-') as other:
            status, headers, _ = other.get('/', headers=HTTPS, host='h.test')
            self.assertEqual(status, 200)
            self.assertEqual(headers['X-Content-Type-Options'], 'nosniff')
            self.assertIsNone(headers['Strict-Transport-Security'])


class ThemePolicy(IntegrationCase):
    """A theme's content-security-policy.txt adds its sources to the pages' policy; a bad
    line stops the server at start, naming it."""
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('t.test', 'Theme blog')
        here = os.path.dirname(os.path.abspath(__file__))
        cls.theme = os.path.join(cls.tmp, 'theme')
        shutil.copytree(os.path.join(here, '..', '..', 'themes', 'default'), cls.theme)

    def write_policy(self, text):
        with open(os.path.join(self.theme, 'content-security-policy.txt'), 'w') as f:
            f.write(text)

    def test_theme_sources_join_the_policy(self):
        self.write_policy('# analytics\nscript-src https://stats.example\n'
                          'font-src https://fonts.example\n')
        with Server(self.data, global_args=('--theme', self.theme)) as server:
            status, headers, _ = server.get('/', host='t.test')
            self.assertEqual(status, 200)
            csp = headers['Content-Security-Policy']
            self.assertIn('script-src https://stats.example', csp)
            self.assertIn('font-src https://fonts.example', csp)
            self.assertIn("default-src 'none'", csp)
            # Feeds keep their own policy.
            _, headers, _ = server.get('/feeds/posts/default', host='t.test')
            self.assertNotIn('stats.example', headers['Content-Security-Policy'])

    def test_a_bad_line_is_an_error_at_start(self):
        self.write_policy('script-src https://ok.example\nframe-ancestors *\n')
        code, _, err = self.cli('--theme', self.theme, 'serve', '--port', '0', check=False)
        self.assertNotEqual(code, 0)
        self.assertIn("content-security-policy.txt, line 2", err)
        self.assertIn('"frame-ancestors" is not a directive a theme may add sources to', err)


if __name__ == '__main__':
    unittest.main()
