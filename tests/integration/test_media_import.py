# The media import: a real WordPress export (../shared/fixtures/wxr), its image URLs
# pointed at the old blog's hosts over http, imported while a local HTTP server stands in
# for those hosts. samizdat reaches them through `http_proxy` (libcurl honours it; the
# server gets absolute-form targets), so the real host names are what is recognized:
# Blogger's size variants are fetched once at full size, uploads on the old blog's own
# host come home and their old paths 301 to the files, a 404, an HTML page served as an
# image and an oversized file are listed and keep their URLs, `--media-only` fetches them
# once the server has them, `--no-media` fetches nothing, foreign hosts are never asked;
# the attachments' redirects (an attachment page -> its file) lead to the files at home.
import hashlib
import http.server
import os
import re
import sqlite3
import struct
import time
import unittest
import urllib.parse
import zlib

from harness import IntegrationCase, OldHostsProxy, cli, shared_dir

FIXTURE = os.path.join('fixtures', 'wxr', 'jekyll-import-sitetitle.xml')
BLOG = 'jekyllbot.wordpress.com'
UPLOADS = 'http://jekyllbot.wordpress.com/wp-content/uploads/2025/01/'
BLOGGER = 'http://1.bp.blogspot.com/-abc/XYZ/AAAAAAAAAAI/def/'
GOOGLE = 'http://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiQ'
FILES = 'http://jekyllbot.files.wordpress.com/2025/01/'
FOREIGN = 'http://elsewhere.example/photo.png'
OVERSIZED = 11 * 1024 * 1024


def png(red, green, blue):
    """A valid 1x1 RGB PNG of one colour: different colours, different files."""
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(bytes([0, red, green, blue]))) + chunk(b'IEND', b''))


PHOTO = png(255, 0, 0)      # Blogger's photo, linked at s1600 around its s320 thumbnail
WIDE = png(0, 255, 0)       # blogger.googleusercontent.com's =w640-h480
UPLOAD = png(0, 0, 255)     # an upload on the old blog's own host (absolute and ?w=)
RELATIVE = png(9, 9, 9)     # an upload written as a relative path
LATE = png(7, 7, 7)         # 404 at first, served for --media-only
SLOW = png(1, 2, 3)         # answers after 2 s: within the default limit, not within 1 s
FLAKY = png(4, 5, 6)        # 429, then 503, then the file: fetched on the third attempt

# Full-size addresses the server answers (host + path, as the proxy request names them).
SERVED = {
    '1.bp.blogspot.com/-abc/XYZ/AAAAAAAAAAI/def/s0/photo.jpg': PHOTO,
    'blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiQ=s0': WIDE,
    'jekyllbot.wordpress.com/wp-content/uploads/2025/01/upload.png': UPLOAD,
    'jekyllbot.wordpress.com/wp-content/uploads/2025/01/relative.png': RELATIVE,
}
LATE_PATH = 'jekyllbot.wordpress.com/wp-content/uploads/2025/01/late.png'
HTML_PATH = 'jekyllbot.files.wordpress.com/2025/01/page.png'
HUGE_PATH = 'jekyllbot.wordpress.com/wp-content/uploads/2025/01/huge.jpg'
SLOW_PATH = 'jekyllbot.wordpress.com/wp-content/uploads/2025/01/slow.png'
FLAKY_PATH = 'jekyllbot.wordpress.com/wp-content/uploads/2025/01/flaky.png'

POST_HTML = f'''
<p><a href="{BLOGGER}s1600/photo.jpg"><img src="{BLOGGER}s320/photo.jpg" alt="Photo"></a></p>
<p><img src="{GOOGLE}=w640-h480" srcset="{GOOGLE}=w640-h480 1x, {GOOGLE}=s1600 2x"></p>
<p><img src="{UPLOADS}upload.png?w=800"><img src="/wp-content/uploads/2025/01/relative.png"></p>
<p><img src="{UPLOADS}late.png"><img src="{FILES}page.png?w=300"><img src="{UPLOADS}huge.jpg"></p>
<p><img src="{FOREIGN}" alt="Someone else's"><img src="{UPLOADS}slow.png"><img src="{UPLOADS}flaky.png"></p>
'''
PAGE_HTML = f'<p><img src="{BLOGGER}s72-c/photo.jpg" alt="Thumbnail"></p>'


class OldHosts(http.server.BaseHTTPRequestHandler):
    """The old blog's hosts, reached as a proxy: records each target, serves SERVED."""
    requests = []
    late_served = False
    flaky_answers = [429, 503]

    def do_GET(self):
        target = urllib.parse.urlsplit(self.path)
        key = target.netloc + target.path
        OldHosts.requests.append(self.path)
        body = SERVED.get(key)
        if key == SLOW_PATH:
            time.sleep(2)
            body = SLOW
        elif key == LATE_PATH and OldHosts.late_served:
            body = LATE
        elif key == FLAKY_PATH:
            if OldHosts.flaky_answers:
                self.send_error(OldHosts.flaky_answers.pop(0))
                return
            body = FLAKY
        if body is not None:
            self.send_response(200)
            self.send_header('Content-Type', 'image/png')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif key == HTML_PATH:  # a host's error page, served as 200 and called an image
            body = b'<!DOCTYPE html><html><body><p>Not found</p></body></html>\n'
            self.send_response(200)
            self.send_header('Content-Type', 'image/png')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif key == HUGE_PATH:  # no Content-Length: the cap must stop the body itself
            self.send_response(200)
            self.send_header('Content-Type', 'image/jpeg')
            self.end_headers()
            chunk = b'\xff' * 65536
            try:
                for _ in range(OVERSIZED // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


def blake(data):
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def media_path(data):
    return f'/media/{blake(data)}.png'


class MediaImport(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.old_hosts = OldHostsProxy(OldHosts)
        cls.ENV = cls.old_hosts.env
        with open(os.path.join(shared_dir(), FIXTURE), encoding='utf-8') as f:
            xml = f.read()
        # Over http, so the proxy sees the requests; the blog's address too (relative URLs).
        xml = xml.replace('https://jekyllbot.', 'http://jekyllbot.')
        cdata = '<content:encoded><![CDATA['
        first = xml.index(cdata) + len(cdata)  # the About page
        xml = xml[:first] + PAGE_HTML + xml[first:]
        post = xml.index(cdata, xml.index('<title><![CDATA[The Art of Connection]]>')) + len(cdata)
        xml = xml[:post] + POST_HTML + xml[post:]
        cls.export = cls.write_file('export.xml', xml)
        # The attachments on the old blog's host (not the one on another blog's).
        cls.attachments = {}
        for i, url in enumerate(re.findall(r'<wp:attachment_url>\s*(' + re.escape(UPLOADS) +
                                           r'[^<\s]+)', xml)):
            cls.attachments[url] = png(100 + i, 0, 100)
            SERVED[url.removeprefix('http://')] = cls.attachments[url]
        assert len(cls.attachments) == 5, cls.attachments

        # --no-media: nothing is asked of the old hosts.
        cls.bare = os.path.join(cls.tmp, 'bare')
        _, cls.no_media_out, _ = cls.cli('import', '--no-media', cls.export, data=cls.bare)
        cls.requests_after_no_media = list(OldHosts.requests)
        cls.bare_redirects = cls.redirects(cls.bare)

        # The import, then its media step.
        _, cls.import_out, _ = cls.cli('import', cls.export)
        cls.first_requests = list(OldHosts.requests)
        cls.rows_after_import = cls.post_rows(cls.data)
        # Then the late file is there, and --media-only (naming the file) brings it.
        OldHosts.late_served = True
        del OldHosts.requests[:]
        _, cls.media_only_out, _ = cls.cli('import', '--media-only', cls.export)
        cls.media_only_requests = list(OldHosts.requests)

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.old_hosts.stop()

    @staticmethod
    def post_rows(data):
        db = sqlite3.connect(os.path.join(data, 'samizdat.db'))
        try:
            return {title: (path, source, body) for title, path, source, body in db.execute(
                'SELECT title, path, source, body_html FROM posts')}
        finally:
            db.close()

    @staticmethod
    def redirects(data):
        db = sqlite3.connect(os.path.join(data, 'samizdat.db'))
        try:
            return dict(db.execute('SELECT old_path, new_path FROM redirects'))
        finally:
            db.close()

    def page(self, title):
        path = self.post_rows(self.data)[title][0]
        return self.get_ok(path, host=BLOG).decode()

    def test_no_media_fetches_nothing(self):
        self.assertEqual(self.requests_after_no_media, [])
        self.assertNotIn('media:', self.no_media_out)
        _, source, body = self.post_rows(self.bare)['The Art of Connection']
        self.assertIn(BLOGGER + 's320/photo.jpg', source)
        self.assertIn(BLOGGER + 's320/photo.jpg', body)

    def test_the_summary_counts_the_files_and_lists_the_failures(self):
        line = [l for l in self.import_out.splitlines() if l.startswith('media: ')]
        self.assertEqual(len(line), 1, self.import_out)
        line = line[0]
        self.assertRegex(line, r'^media: 11 files downloaded \(0\.0 MB\), 0 already here, '
                               r'3 failed: ')
        self.assertIn(UPLOADS + 'late.png (HTTP 404)', line)
        self.assertRegex(line, re.escape(FILES + 'page.png') + r' \([^)]*HTML[^)]*\)')
        self.assertIn(UPLOADS + 'huge.jpg (larger than the limit of 10 MiB)', line)

    def test_each_file_is_fetched_once_at_full_size_and_foreign_hosts_never(self):
        targets = sorted(self.first_requests)
        self.assertEqual(targets.count(BLOGGER + 's0/photo.jpg'), 1, targets)
        self.assertEqual(targets.count(GOOGLE + '=s0'), 1, targets)
        self.assertFalse([t for t in targets if 's1600' in t or 's320' in t or 'w640' in t
                          or 's72-c' in t or '?w=' in t], targets)
        self.assertFalse([t for t in targets if 'elsewhere.example' in t or 'parkrmoore' in t])
        # 429 and 503 are tried again (404 is not: late.png was asked once).
        self.assertEqual(targets.count(UPLOADS + 'flaky.png'), 3, targets)
        self.assertEqual(targets.count(UPLOADS + 'late.png'), 1, targets)
        for url in self.attachments:
            self.assertEqual(targets.count(url), 1, targets)
        self.assertEqual(len(targets), 16, targets)

    def test_images_are_served_from_media_with_their_bytes(self):
        for data in (PHOTO, WIDE, UPLOAD, RELATIVE, LATE, SLOW, FLAKY):
            status, headers, body = self.get(media_path(data), host=BLOG)
            self.assertEqual(status, 200, media_path(data))
            self.assertEqual(headers['Content-Type'], 'image/png')
            self.assertEqual(body, data)

    def test_bodies_point_to_media(self):
        _, source, body = self.post_rows(self.data)['The Art of Connection']
        # srcset: in the source (the sanitizer keeps none in the body).
        self.assertIn(f'srcset="{media_path(WIDE)} 1x, {media_path(WIDE)} 2x"', source)
        for html in (source, body):
            self.assertIn(f'<a href="{media_path(PHOTO)}"><img src="{media_path(PHOTO)}"', html)
            self.assertIn(f'<img src="{media_path(WIDE)}"', html)
            self.assertIn(f'src="{media_path(UPLOAD)}"', html)
            self.assertIn(f'src="{media_path(RELATIVE)}"', html)
            self.assertIn(f'src="{media_path(LATE)}"', html)
            self.assertIn(f'src="{FOREIGN}"', html)
            self.assertNotIn('bp.blogspot.com', html)
        page = self.page('The Art of Connection')
        self.assertIn(f'src="{media_path(PHOTO)}"', page)
        self.assertIn(f'src="{FOREIGN}"', page)
        # Pages too.
        _, source, body = self.post_rows(self.data)['About']
        self.assertIn(f'src="{media_path(PHOTO)}"', source)
        self.assertIn(f'src="{media_path(PHOTO)}"', body)

    def test_failed_files_keep_their_urls_until_fetched(self):
        _, source, body = self.rows_after_import['The Art of Connection']
        for html in (source, body):
            self.assertIn(f'src="{UPLOADS}late.png"', html)
            self.assertIn(f'src="{media_path(UPLOAD)}"', html)
        _, source, body = self.post_rows(self.data)['The Art of Connection']
        for html in (source, body):
            self.assertIn(f'{FILES}page.png?w=300', html)
            self.assertIn(f'{UPLOADS}huge.jpg', html)

    def test_media_only_fetches_what_is_still_missing(self):
        self.assertRegex(self.media_only_out,
                         r'^media: 1 file downloaded \(0\.0 MB\), 0 already here, 2 failed: ')
        self.assertNotIn('imported', self.media_only_out)
        # Only what is still on the old hosts is asked for.
        asked = sorted(t.rsplit('/', 1)[1] for t in self.media_only_requests)
        self.assertEqual(asked, ['huge.jpg', 'late.png', 'page.png'])

    def test_old_upload_paths_answer_301_to_the_file(self):
        for old, data in (('/wp-content/uploads/2025/01/upload.png', UPLOAD),
                          ('/wp-content/uploads/2025/01/relative.png', RELATIVE),
                          ('/wp-content/uploads/2025/01/late.png', LATE)):
            status, headers, _ = self.get(old, host=BLOG)
            self.assertEqual(status, 301, old)
            self.assertEqual(urllib.parse.urlsplit(headers['Location']).path, media_path(data))
            status, _, body = self.get(media_path(data), host=BLOG)
            self.assertEqual((status, body), (200, data))
        status, _, _ = self.get('/wp-content/uploads/2025/01/huge.jpg', host=BLOG)
        self.assertEqual(status, 404)

    def test_attachment_pages_lead_to_their_files_at_home(self):
        pages = [old for old, to in self.redirects(self.data).items()
                 if not old.startswith(('/?', '/wp-content/'))
                 and to in map(media_path, self.attachments.values())]
        self.assertEqual(len(pages), 5, self.redirects(self.data))
        for old in pages:
            status, headers, _ = self.get(old, host=BLOG)
            self.assertEqual(status, 301, old)
            status, _, body = self.get(urllib.parse.urlsplit(headers['Location']).path, host=BLOG)
            self.assertEqual(status, 200, old)
            self.assertIn(body, self.attachments.values())

    def test_redirects_to_old_files_lead_home_and_media_only_needs_no_file(self):
        _, out, _ = cli('import', '--media-only', '--media-timeout', '1', data=self.bare,
                        env=self.ENV)
        self.assertRegex(out, r'^media: 11 files downloaded \(0\.0 MB\), 0 already here, 3 failed')
        self.assertIn(UPLOADS + 'slow.png (timed out after 1 s)', out)
        # The slow file took longer than --media-timeout: it keeps its URL.
        _, source, body = self.post_rows(self.bare)['The Art of Connection']
        self.assertIn(f'src="{UPLOADS}slow.png"', source)
        self.assertIn(f'src="{UPLOADS}slow.png"', body)
        # Every redirect to an attachment on the old host leads to its file here (the
        # attachment's page and /?attachment_id=ID); the one on another blog's host stays.
        redirects = self.redirects(self.bare)
        moved = 0
        for old, to in self.bare_redirects.items():
            if to in self.attachments:
                self.assertEqual(redirects[old], media_path(self.attachments[to]), old)
                moved += 1
            else:
                self.assertEqual(redirects[old], to, old)
        self.assertEqual(moved, 10, self.bare_redirects)
        self.assertIn('parkrmoore.wordpress.com', ' '.join(redirects.values()))
        self.assertEqual(redirects['/wp-content/uploads/2025/01/upload.png'], media_path(UPLOAD))

    def test_a_file_on_a_private_address_is_refused_without_a_request(self):
        # A blog that says it lived on the loopback: without a proxy, nothing is fetched
        # from a non-public address (the proxy decides when there is one).
        port = self.old_hosts.port
        wxr = self.write_file('private.xml', f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<title>Private</title><link>http://127.0.0.1:{port}</link>
<item><title>Inside</title><link>http://127.0.0.1:{port}/inside/</link>
<content:encoded><![CDATA[<img src="/wp-content/uploads/2020/01/inside.png">]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:post_date_gmt>2020-01-05 10:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>""")
        no_proxy = {name: '' for name in ('http_proxy', 'https_proxy', 'HTTPS_PROXY',
                                          'all_proxy', 'ALL_PROXY')}
        before = list(OldHosts.requests)
        _, out, _ = cli('import', '--blog', 'private.test', wxr,
                        data=os.path.join(self.tmp, 'private'), env=no_proxy)
        self.assertIn(f'1 failed: http://127.0.0.1:{port}/wp-content/uploads/2020/01/inside.png '
                      '(127.0.0.1 is not a public address: refused)', out)
        self.assertEqual(OldHosts.requests, before)

    def test_media_only_without_a_blog_to_name_is_refused(self):
        code, _, err = cli('import', '--media-only', data=os.path.join(self.tmp, 'empty'),
                           env=self.ENV, check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('blog', err)
        code, _, err = cli('import', '--media-only', '--dry-run', data=self.data, env=self.ENV,
                           check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('--media-only cannot be combined', err)


if __name__ == '__main__':
    unittest.main()
