# What feed readers see: feedparser (Debian's python3-feedparser) reads the Atom and RSS
# feeds without complaint and finds the right titles, links, dates, labels and comment
# counts, and a reader following rel=next sees every post once; /feed.json is JSON Feed 1.1.
import calendar
import email.utils
import json
import unittest
import xml.etree.ElementTree as ET

import feedparser

from harness import visible_text
from test_feeds_support import BASE, HOST, LABEL_SCHEME, FeedsBlog, parse_time, path_of

ATOM_NS = 'http://www.w3.org/2005/Atom'


def epoch(struct_time):
    return calendar.timegm(struct_time)


class FeedReaders(FeedsBlog):

    def parse(self, path):
        _, body = self.fetch(path)
        d = feedparser.parse(body)
        self.assertFalse(d.bozo, f'{path}: feedparser: {d.get("bozo_exception")!r}')
        return d

    def check_entries(self, d, posts, fmt):
        self.assertEqual(len(d.entries), len(posts))
        for post, entry in zip(posts, d.entries):
            with self.subTest(fmt=fmt, post=post.key):
                self.assertEqual(entry.title, post.title)
                self.assertEqual(entry.link, post.url)
                self.assertEqual(epoch(entry.published_parsed), post.published.timestamp())
                self.assertEqual(sorted(t.term for t in entry.tags), sorted(post.labels))
                self.assertEqual(entry.id, self.atom_id(post))

    def test_atom_with_feedparser(self):
        d = self.parse('/feeds/posts/default')
        self.assertEqual(d.version, 'atom10')
        self.assertEqual(d.feed.title, 'Feeds & <Friends> 😀')
        self.check_entries(d, self.posts, 'atom')
        for post, entry in zip(self.posts, d.entries):
            self.assertEqual(entry.get('thr_total'), '0', post.key)
            self.assertEqual([t.scheme for t in entry.tags], [LABEL_SCHEME] * len(post.labels))
            self.assertEqual(visible_text(entry.content[0].value), post.text, post.key)

    def test_rss_with_feedparser(self):
        d = self.parse('/feeds/posts/default?alt=rss')
        self.assertEqual(d.version, 'rss20')
        self.assertEqual(d.feed.title, 'Feeds & <Friends> 😀')
        self.check_entries(d, self.posts, 'rss')
        for post, entry in zip(self.posts, d.entries):
            self.assertTrue(entry.get('comments', '').startswith(post.url), post.key)

    def test_rss_shape(self):
        hdrs, body = self.fetch('/feeds/posts/default?alt=rss')
        self.assertTrue(hdrs['Content-Type'].startswith('application/rss+xml'))
        root = ET.fromstring(body)
        self.assertEqual((root.tag, root.get('version')), ('rss', '2.0'))
        channel = root.find('channel')
        selfs = [l.get('href') for l in channel.findall(f'{{{ATOM_NS}}}link')
                 if l.get('rel') == 'self']
        self.assertEqual(len(selfs), 1)
        self.assertTrue(selfs[0].startswith(BASE + '/feeds/posts/default'), selfs[0])
        items = channel.findall('item')
        self.assertEqual(len(items), len(self.posts))
        for post, item in zip(self.posts, items):
            with self.subTest(post=post.key):
                guid = item.find('guid')
                self.assertEqual(guid.text, self.atom_id(post))
                self.assertEqual(guid.get('isPermaLink'), 'false')
                self.assertEqual(email.utils.parsedate_to_datetime(item.findtext('pubDate')),
                                 post.published)
                self.assertEqual(sorted(c.text for c in item.findall('category')),
                                 sorted(post.labels))
                self.assertEqual(item.findtext('link'), post.url)
                self.assertTrue(item.findtext('comments', '').startswith(post.url))
                self.assertEqual(item.findtext('title'), post.title)

    def test_rss_xml_is_the_rss_feed(self):
        status, hdrs, _ = self.server.get('/rss.xml', host=HOST)
        if status in (301, 302, 307, 308):  # a redirect to the feed is accepted too
            self.assertEqual(hdrs['Location'], BASE + '/feeds/posts/default?alt=rss')
            return
        self.assertEqual(status, 200)
        self.assertTrue(hdrs['Content-Type'].startswith('application/rss+xml'))
        self.check_entries(self.parse('/rss.xml'), self.posts, 'rss.xml')

    def test_label_feed_with_feedparser(self):
        d = self.parse('/feeds/posts/default/-/food/uk')
        self.check_entries(d, [self.by_key['amp']], 'atom label')
        d = self.parse('/feeds/posts/default/-/plain?alt=rss')
        self.check_entries(d, [self.by_key[k] for k in ('plain1', 'plain2', 'plain3')],
                           'rss label')

    def test_paging_walks_every_post_once(self):
        for fmt, first in (('atom', '/feeds/posts/default?max-results=2'),
                           ('rss', '/feeds/posts/default?alt=rss&max-results=2')):
            with self.subTest(fmt=fmt):
                seen, path, pages = [], first, 0
                while path is not None:
                    pages += 1
                    self.assertLessEqual(pages, 10, 'rel=next links do not end')
                    d = self.parse(path)
                    self.assertLessEqual(len(d.entries), 2)
                    seen += [e.id for e in d.entries]
                    nxt = [l.href for l in d.feed.get('links', []) if l.get('rel') == 'next']
                    path = path_of(nxt[0]) if nxt else None
                self.assertEqual(seen, [self.atom_id(p) for p in self.posts])
                self.assertEqual(pages, 5)

    def test_start_index_and_max_results_partition(self):
        seen = []
        for start in range(1, len(self.posts) + 1, 3):
            d = self.parse(f'/feeds/posts/default?start-index={start}&max-results=3')
            seen += [e.id for e in d.entries]
        self.assertEqual(seen, [self.atom_id(p) for p in self.posts])

    def test_json_feed(self):
        # Debian's feedparser 6.0.10 has no JSON Feed reader, so the JSON Feed 1.1 fields
        # (https://jsonfeed.org/version/1.1) are checked here directly.
        hdrs, body = self.fetch('/feed.json')
        self.assertTrue(hdrs['Content-Type'].startswith('application/feed+json'),
                        hdrs['Content-Type'])
        feed = json.loads(body.decode('utf-8'))
        self.assertEqual(feed['version'], 'https://jsonfeed.org/version/1.1')
        self.assertEqual(feed['title'], 'Feeds & <Friends> 😀')
        self.assertEqual(feed['home_page_url'], BASE + '/')
        self.assertEqual(feed['feed_url'], BASE + '/feed.json')
        items = feed['items']
        self.assertEqual(len(items), len(self.posts))
        for post, item in zip(self.posts, items):
            with self.subTest(post=post.key):
                self.assertIsInstance(item['id'], str)
                self.assertEqual(item['url'], post.url)
                self.assertEqual(item['title'], post.title)
                self.assertEqual(visible_text(item['content_html']), post.text)
                self.assertEqual(parse_time(item['date_published']), post.published)
                self.assertEqual(sorted(item.get('tags', [])), sorted(post.labels))


if __name__ == '__main__':
    unittest.main()
