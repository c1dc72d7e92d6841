# Feeds read like the page: every link, image and thumbnail in every entry of every feed
# (Atom, RSS, GData JSON, JSON Feed; posts and comments), as feedparser or a JSON reader
# finds it, is absolute and answers 200, relative references resolved against the post's
# own URL ("#anchor" is POSTURL#anchor); summaries show "<tag>"-like text as written; the
# blog's description is the same text everywhere; JSON Feed's next_url is JSON Feed; and
# the entries keep Blogger's shape for old widgets (link[4] alternate, author uri, email,
# gd$image, media$thumbnail).
import hashlib
import html
import json
import os
import sqlite3
import subprocess
import time
import unittest
import urllib.parse

import feedparser

from harness import IntegrationCase, elements, post_comment, visible_text
from test_feeds_support import JING_TIMEOUT, SCHEMA
from test_media import tiny_png

HOST = 'links.test'
BASE = f'http://{HOST}'
DESCRIPTION = 'Tips & <tricks> for "you"'
TEXTAREA = 'Use <textarea> for input & <b>more</b>'
BLOGGER_NO_PHOTO = 'https://img1.blogblog.com/img/b16-rounded.gif'
URL_ATTRIBUTES = ('href', 'src', 'poster', 'cite')


class FeedLinks(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        cls.blog_id = cls.create_blog(HOST, 'Links', '--timezone', 'UTC',
                                      '--description', DESCRIPTION)
        cls.png = tiny_png()
        cls.media = '/media/' + hashlib.blake2b(cls.png, digest_size=16).hexdigest() + '.png'
        _, cls.page_path = cls.add_page('About', '<p>about this blog</p>')
        cls.other_id, cls.other_path = cls.add_post('Other', '<p>the other post</p>',
                                                    date='2024-05-01')
        # Every kind of relative reference, each naming something the server has.
        cls.main_id, cls.main_path = cls.add_post(
            'Relative links',
            '<p><a href="other.html">same folder</a> <a href="./other.html">dot</a> '
            '<a href="#anchor">jump</a> <a href="../../p/about.html">up two</a> '
            f'<a href="{cls.page_path}">root</a> <a href="?x=1">query</a></p>'
            f'<p><img src="../..{cls.media}" alt="climbing"> '
            f'<img src="{cls.media}" alt="rooted"></p>'
            '<blockquote cite="other.html">quoted</blockquote>'
            '<p><a name="anchor"></a>Anchored.</p>',
            date='2024-05-02')
        cls.text_id, cls.text_path = cls.add_post('Textarea', f'<p>{html.escape(TEXTAREA)}</p>',
                                                  date='2024-05-03')
        db = sqlite3.connect(os.path.join(cls.data, 'samizdat.db'))
        with db:  # an uploaded image, stored as the admin's upload stores it
            db.execute('INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, '
                       'created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
                       (int(cls.blog_id), cls.media[7:39], 'image/png', 'dot.png', cls.png,
                        len(cls.png), int(time.time() * 1000)))
        db.close()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            status, _, body = post_comment(
                cls.server, cls.main_path,
                'See <a href="other.html">the other one</a> and <a href="#anchor">the anchor</a>',
                name='Reader', host=HOST)
            if status != 303:
                raise AssertionError(f'comment answered {status}: {body[:200]!r}')
        except BaseException:
            cls.tearDownClass()
            raise

    # --- fetching ---------------------------------------------------------------------------

    def fetch(self, path):
        status, headers, body = self.server.get(path, host=HOST)
        self.assertEqual(status, 200, f'GET {path}: {body[:200]!r}')
        return headers, body

    def parse(self, path):
        _, body = self.fetch(path)
        d = feedparser.parse(body)
        self.assertFalse(d.bozo, f'{path}: feedparser: {d.get("bozo_exception")!r}')
        return d

    def json(self, path):
        return json.loads(self.fetch(path)[1].decode('utf-8'))

    def assert_answers_200(self, url, where):
        parts = urllib.parse.urlsplit(url)
        self.assertEqual((parts.scheme, parts.netloc), ('http', HOST), f'{where}: {url}')
        path = parts.path + ('?' + parts.query if parts.query else '')
        status, _, _ = self.server.get(path, host=HOST)
        self.assertEqual(status, 200, f'{where}: {url}')

    def check_urls(self, html, where, post_path):
        """Every URL attribute of `html` is absolute and answers 200; fragments point into
        the post itself. Returns the URLs, in order."""
        urls = [attrs[name] for _, attrs in elements(html)
                for name in URL_ATTRIBUTES if attrs.get(name) is not None]
        for url in urls:
            with self.subTest(where=where, url=url):
                self.assert_answers_200(url, where)
                fragment = urllib.parse.urlsplit(url).fragment
                if fragment:
                    self.assertEqual(url, f'{BASE}{post_path}#{fragment}')
        return urls

    def expected_main_urls(self):
        """The main post's references, resolved against its own URL, in order."""
        other, page, media = BASE + self.other_path, BASE + self.page_path, BASE + self.media
        return [other, other, f'{BASE}{self.main_path}#anchor', page, page,
                f'{BASE}{self.main_path}?x=1', media, media, other]

    # --- relative references ----------------------------------------------------------------

    def test_every_url_in_every_posts_feed_answers_200(self):
        self.assertEqual(self.other_path, self.main_path.rsplit('/', 1)[0] + '/other.html',
                         '"other.html" in the main post must name the other post')
        bodies = {}  # (feed, post path) -> HTML
        for path in ('/feeds/posts/default', '/feeds/posts/default?alt=rss', '/atom.xml',
                     '/rss.xml'):
            d = self.parse(path)
            self.assertEqual(len(d.entries), 3, path)
            for entry in d.entries:
                html = entry.content[0].value if 'content' in entry else entry.summary
                bodies[(path, urllib.parse.urlsplit(entry.link).path)] = html
                for thumb in entry.get('media_thumbnail', []):
                    self.assert_answers_200(thumb['url'], f'{path} thumbnail')
        for entry in self.json('/feeds/posts/default?alt=json')['feed']['entry']:
            link = [l['href'] for l in entry['link'] if l['rel'] == 'alternate'][0]
            bodies[('alt=json', urllib.parse.urlsplit(link).path)] = entry['content']['$t']
            if 'media$thumbnail' in entry:
                self.assert_answers_200(entry['media$thumbnail']['url'], 'alt=json thumbnail')
        for item in self.json('/feed.json')['items']:
            bodies[('feed.json', urllib.parse.urlsplit(item['url']).path)] = item['content_html']
        for (feed, post_path), html in bodies.items():
            urls = self.check_urls(html, f'{feed} {post_path}', post_path)
            if post_path == self.main_path:
                self.assertEqual(urls, self.expected_main_urls(), feed)

    def test_every_url_in_the_comment_feeds_answers_200(self):
        for path in (f'/feeds/{self.main_id}/comments/default',
                     f'/feeds/{self.main_id}/comments/default?alt=rss',
                     '/feeds/comments/default'):
            d = self.parse(path)
            self.assertEqual(len(d.entries), 1, path)
            html = d.entries[0].content[0].value if 'content' in d.entries[0] \
                else d.entries[0].summary
            urls = self.check_urls(html, path, self.main_path)
            self.assertEqual(urls, [f'{BASE}{self.other_path}', f'{BASE}{self.main_path}#anchor'],
                             path)

    def test_the_anchor_is_on_the_post_page(self):
        # The post's <a name="anchor"> is kept as <a id="anchor"> (valid HTML5; the same target).
        _, page = self.fetch(self.main_path)
        self.assertIn(('a', {'id': 'anchor'}), elements(page))

    # --- text as written ----------------------------------------------------------------------

    def summary_text(self, entry):
        """What a reader shows of a summary: text/plain as it is, HTML as rendered."""
        detail = entry.summary_detail
        return entry.summary if detail.type == 'text/plain' else visible_text(entry.summary)

    def test_summaries_show_tag_like_text_as_written(self):
        for path in ('/feeds/posts/summary', '/feeds/posts/summary?alt=rss'):
            d = self.parse(path)
            entry = [e for e in d.entries if e.link == BASE + self.text_path][0]
            self.assertEqual(self.summary_text(entry), TEXTAREA, path)
        entry = [e for e in self.json('/feeds/posts/summary?alt=json')['feed']['entry']
                 if e['id']['$t'].endswith(f'.post-{self.text_id}')][0]
        self.assertEqual(entry['summary'], {'type': 'text', '$t': TEXTAREA})

    def test_full_feeds_show_tag_like_text_as_written(self):
        for path in ('/feeds/posts/default', '/feeds/posts/default?alt=rss'):
            d = self.parse(path)
            entry = [e for e in d.entries if e.link == BASE + self.text_path][0]
            html = entry.content[0].value if 'content' in entry else entry.summary
            self.assertEqual(visible_text(html), TEXTAREA, path)

    def test_the_description_is_the_same_text_everywhere(self):
        for path in ('/feeds/posts/default', '/feeds/posts/default?alt=rss'):
            d = self.parse(path)
            detail = d.feed.subtitle_detail
            shown = d.feed.subtitle if detail.type == 'text/plain' else visible_text(d.feed.subtitle)
            self.assertEqual(shown, DESCRIPTION, path)
        self.assertEqual(self.json('/feeds/posts/default?alt=json')['feed']['subtitle'],
                         {'type': 'text', '$t': DESCRIPTION})
        self.assertEqual(self.json('/feed.json')['description'], DESCRIPTION)

    # --- JSON Feed paging ---------------------------------------------------------------------

    def test_json_feed_next_url_is_json_feed(self):
        seen = []
        path = '/feed.json?max-results=1'
        while path:
            headers, body = self.fetch(path)
            self.assertTrue(headers['Content-Type'].startswith('application/feed+json'), path)
            feed = json.loads(body.decode('utf-8'))
            self.assertEqual(feed['version'], 'https://jsonfeed.org/version/1.1', path)
            seen += [item['id'] for item in feed['items']]
            nxt = feed.get('next_url')
            if nxt:
                parts = urllib.parse.urlsplit(nxt)
                self.assertEqual((parts.netloc, parts.path), (HOST, '/feed.json'), nxt)
                path = parts.path + '?' + parts.query
            else:
                path = None
        ids = [f'tag:blogger.com,1999:blog-{self.blog_id}.post-{i}'
               for i in (self.text_id, self.main_id, self.other_id)]
        self.assertEqual(seen, ids)

    # --- Blogger's shape ----------------------------------------------------------------------

    def test_alt_json_entries_in_bloggers_shape(self):
        entries = self.json('/feeds/posts/default?alt=json')['feed']['entry']
        for entry in entries:
            with self.subTest(id=entry['id']['$t']):
                # What old widgets read without checking: link[4], author[0].uri.$t, …
                self.assertEqual([l['rel'] for l in entry['link']],
                                 ['replies', 'replies', 'edit', 'self', 'alternate'])
                self.assertTrue(entry['link'][4]['href'].startswith(BASE + '/2024/05/'))
                author = entry['author'][0]
                self.assertEqual(author['uri']['$t'], BASE + '/')
                self.assertEqual(author['email']['$t'], 'noreply@blogger.com')
                self.assertEqual(author['gd$image'],
                                 {'rel': 'http://schemas.google.com/g/2005#thumbnail',
                                  'width': '16', 'height': '16', 'src': BLOGGER_NO_PHOTO})
        by_id = {e['id']['$t'].rsplit('-', 1)[1]: e for e in entries}
        self.assertEqual(by_id[self.main_id]['media$thumbnail'],
                         {'xmlns$media': 'http://search.yahoo.com/mrss/',
                          'url': BASE + self.media, 'height': '72', 'width': '72'})
        self.assertNotIn('media$thumbnail', by_id[self.other_id])

    def test_atom_with_thumbnails_and_authors_is_valid(self):
        _, body = self.fetch('/feeds/posts/default')
        d = feedparser.parse(body)
        main = [e for e in d.entries if e.link == BASE + self.main_path][0]
        self.assertEqual(main.media_thumbnail[0]['url'], BASE + self.media)
        self.assertEqual(main.author_detail.get('href'), BASE + '/')
        path = os.path.join(self.tmp, 'links-feed.xml')
        with open(path, 'wb') as f:
            f.write(body)
        proc = subprocess.run(['jing', '-c', SCHEMA, path], capture_output=True, text=True,
                              timeout=JING_TIMEOUT)
        self.assertEqual(proc.returncode, 0, f'jing rejected the feed:\n{proc.stdout}')


if __name__ == '__main__':
    unittest.main()
