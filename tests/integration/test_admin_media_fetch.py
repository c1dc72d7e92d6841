# The admin's "Fetch images still on the old blog": a blog imported with `--no-media`
# (its post's image still on blogger.googleusercontent.com), the button on the transfer
# page starts a job whose page refreshes itself until it says what came of it; then the
# post shows the image from /media/, which serves its bytes. A local HTTP server stands
# in for the old hosts, reached through `http_proxy` as in test_media_import. A POST
# without the CSRF token is refused and fetches nothing.
import hashlib
import http.server
import re
import time
import unittest
import urllib.parse

from admin_client import AdminClient
from harness import IntegrationCase, OldHostsProxy
from test_media_import import png

BLOG = 'old.test'
PASSWORD = 'a good long password'
GOOGLE = 'http://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiQ'
IMAGE = png(12, 34, 56)
# The full-size address the proxy is asked for (host + path).
SERVED = {'blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiQ=s0': IMAGE}

EXPORT = f'''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Old blog</title>
  <link>http://{BLOG}</link>
  <item>
    <title>With a photo</title>
    <content:encoded><![CDATA[<p><img src="{GOOGLE}=w640-h480" alt="Photo"></p>]]></content:encoded>
    <wp:post_id>1</wp:post_id>
    <wp:post_date_gmt>2022-01-15 15:18:00</wp:post_date_gmt>
    <wp:post_name>with-a-photo</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
</channel>
</rss>
'''


class OldHosts(http.server.BaseHTTPRequestHandler):
    """The old blog's hosts, reached as a proxy: records each target, serves SERVED."""
    requests = []

    def do_GET(self):
        target = urllib.parse.urlsplit(self.path)
        OldHosts.requests.append(self.path)
        body = SERVED.get(target.netloc + target.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header('Content-Type', 'image/png')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class AdminMediaFetch(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.old_hosts = OldHostsProxy(OldHosts)
        cls.ENV = cls.old_hosts.env
        cls.cli('import', '--no-media', cls.write_file('export.xml', EXPORT))
        cls.cli('user', 'add', '--email', 'boss@old.test', '--name', 'Boss', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')
        [(_, _, _, cls.post_path, _)] = cls.post_list()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.old_hosts.stop()

    def signed_in(self):
        client = AdminClient(self.server, host=BLOG)
        status, _, _ = client.sign_in('boss@old.test', PASSWORD)
        self.assertEqual(status, 303)
        return client

    def post_images(self):
        body = self.get_ok(self.post_path, host=BLOG).decode()
        return re.findall(r'<img[^>]*\ssrc="([^"]*)"', body)

    def test_a_post_without_the_token_is_refused_and_fetches_nothing(self):
        client = self.signed_in()
        images = self.post_images()
        asked = len(OldHosts.requests)
        status, headers, body = client.post('/admin/media/fetch', {}, csrf=False)
        self.assertEqual(status, 403)
        self.assertIsNone(headers['Location'])
        self.assertIn(b'security token', body)
        time.sleep(1)
        self.assertEqual(len(OldHosts.requests), asked, 'the old hosts were asked')
        self.assertEqual(self.post_images(), images)

    def test_the_button_fetches_the_images_still_on_the_old_blog(self):
        self.assertEqual(self.post_images(), [f'{GOOGLE}=w640-h480'])
        client = self.signed_in()
        status, _, page = client.get('/admin/transfer')
        self.assertEqual(status, 200)
        self.assertRegex(page.decode(), r'<form method="post" action="/admin/media/fetch"[^>]*>'
                         r'\s*<input type="hidden" name="csrf"[^>]*>'
                         r'\s*<button type="submit">Fetch images still on the old blog</button>')

        status, headers, _ = client.post('/admin/media/fetch', {})
        self.assertEqual(status, 303)
        job = headers['Location']
        self.assertRegex(job, r'^/admin/import/[0-9a-f]{32}$')

        deadline = time.monotonic() + 60
        while True:
            status, _, page = client.get(job)
            self.assertEqual(status, 200)
            text = page.decode()
            if 'http-equiv="refresh"' not in text:
                break
            self.assertLess(time.monotonic(), deadline, 'the fetch did not end within a minute')
            time.sleep(0.2)
        self.assertIn('Images and files: 1 file downloaded (0.0 MB), 0 already here, 0 failed',
                      text)
        self.assertNotIn('Imported from', text)
        self.assertNotIn('File:', text)
        self.assertIn('<a href="/admin/transfer">', text)
        self.assertIn('/img/b/R29vZ2xl/AVvXsEiQ=s0', ' '.join(OldHosts.requests))

        media = f'/media/{hashlib.blake2b(IMAGE, digest_size=16).hexdigest()}.png'
        self.assertEqual(self.post_images(), [media])
        status, headers, body = self.get(media, host=BLOG)
        self.assertEqual(status, 200)
        self.assertEqual(headers['Content-Type'], 'image/png')
        self.assertEqual(body, IMAGE)


if __name__ == '__main__':
    unittest.main()
