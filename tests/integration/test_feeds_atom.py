# Atom feeds at Blogger's URLs: every kind is valid against RFC 4287's RELAX NG schema
# (atom.rnc, with jing) and carries Blogger's ids, labels, links and counts; text that
# breaks naive writers (& < emoji, RTL, control characters, "]]>") comes out as written.
import subprocess
import tempfile
import unittest
import urllib.parse

from harness import elements, visible_text
from test_feeds_support import (BASE, HOST, LABEL_SCHEME, NS, SCHEMA, FeedsBlog, link_href,
                                links, parse_time, path_of)

GOOD_FEED = b"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom'>
<id>tag:blogger.com,1999:blog-1</id><title type='text'>T</title>
<updated>2022-01-01T00:00:00.002+08:00</updated><author><name>A</name></author>
<entry><id>tag:blogger.com,1999:blog-1.post-2</id><title type='text'>E</title>
<updated>2022-01-01T00:00:00Z</updated>
<link rel='alternate' type='text/html' href='http://h/2022/01/e.html'/></entry>
</feed>
"""


def jing_file(path):
    proc = subprocess.run(['jing', '-c', SCHEMA, path], capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, proc.stdout


class AtomSchemaSanity(unittest.TestCase):
    """The schema itself: it accepts a minimal feed and rejects what RFC 4287 requires."""

    def check(self, document):
        with tempfile.NamedTemporaryFile(suffix='.xml') as f:
            f.write(document)
            f.flush()
            return jing_file(f.name)

    def test_accepts_a_minimal_feed(self):
        code, out = self.check(GOOD_FEED)
        self.assertEqual(code, 0, out)

    def test_rejects_a_feed_without_id(self):
        doc = GOOD_FEED.replace(b'<id>tag:blogger.com,1999:blog-1</id>', b'')
        self.assertNotEqual(doc, GOOD_FEED)
        code, out = self.check(doc)
        self.assertNotEqual(code, 0)
        self.assertIn('id', out)

    def test_rejects_an_entry_without_title(self):
        doc = GOOD_FEED.replace(b"<title type='text'>E</title>", b'')
        self.assertNotEqual(doc, GOOD_FEED)
        code, out = self.check(doc)
        self.assertNotEqual(code, 0)
        self.assertIn('title', out)

    def test_rejects_a_bad_date(self):
        doc = GOOD_FEED.replace(b'2022-01-01T00:00:00Z', b'Sat, 01 Jan 2022 00:00:00 GMT')
        code, _ = self.check(doc)
        self.assertNotEqual(code, 0)


class AtomFeeds(FeedsBlog):

    def feed_paths(self):
        p = self.by_key['amp']
        return {
            'posts-default': '/feeds/posts/default',
            'posts-summary': '/feeds/posts/summary',
            'label': '/feeds/posts/default/-/food',
            'two-labels': '/feeds/posts/default/-/food/uk',
            'label-non-ascii': '/feeds/posts/default/-/' + urllib.parse.quote('café'),
            'single-entry': f'/feeds/posts/default/{p.id}',
            'comments': '/feeds/comments/default',
            'post-comments': f'/feeds/{p.id}/comments/default',
            'atom-xml': '/atom.xml',
            'page-2': '/feeds/posts/default?start-index=5&max-results=4',
            'orderby-updated': '/feeds/posts/default?orderby=updated',
            'alt-atom': '/feeds/posts/default?alt=atom',
        }

    def test_every_atom_feed_is_valid_rfc4287(self):
        documents = {}
        for name, path in self.feed_paths().items():
            with self.subTest(feed=name):
                _, body = self.fetch_atom(path)
                documents[name] = body
        ok, report = self.jing(documents)
        self.assertTrue(ok, f'jing rejected feeds:\n{report}')

    def test_feed_head(self):
        root, _ = self.fetch_atom('/feeds/posts/default')
        self.assertEqual(root.tag, '{http://www.w3.org/2005/Atom}feed')
        self.assertEqual(root.findtext('a:id', namespaces=NS),
                         f'tag:blogger.com,1999:blog-{self.blog_id}')
        self.assertEqual(root.findtext('a:title', namespaces=NS), 'Feeds & <Friends> 😀')
        self.assertEqual(root.findtext('os:totalResults', namespaces=NS), str(len(self.posts)))
        self.assertEqual(root.findtext('os:startIndex', namespaces=NS), '1')
        self.assertEqual(root.findtext('os:itemsPerPage', namespaces=NS), '25')
        self.assertEqual(link_href(root, 'self'), BASE + '/feeds/posts/default')
        self.assertEqual(link_href(root, 'alternate'), BASE + '/')
        self.assertIsNone(link_href(root, 'next'), 'next link although every post is shown')
        terms = {c.get('term') for c in root.findall('a:category', NS)}
        self.assertEqual(terms, {l for p in self.posts for l in p.labels})

    def test_entries_carry_blogger_ids_dates_labels_links(self):
        root, _ = self.fetch_atom('/feeds/posts/default')
        entries = root.findall('a:entry', NS)
        self.assertEqual(self.entry_ids(root), [self.atom_id(p) for p in self.posts])
        for post, entry in zip(self.posts, entries):
            with self.subTest(post=post.key):
                self.assertEqual(entry.findtext('a:title', namespaces=NS), post.title)
                self.assertIn(entry.find('a:title', NS).get('type', 'text'), ('text',))
                self.assertEqual(parse_time(entry.findtext('a:published', namespaces=NS)),
                                 post.published)
                self.assertIsNotNone(parse_time(entry.findtext('a:updated', namespaces=NS)))
                cats = [(c.get('scheme'), c.get('term')) for c in entry.findall('a:category', NS)]
                self.assertEqual(sorted(cats), sorted((LABEL_SCHEME, l) for l in post.labels))
                content = entry.find('a:content', NS)
                self.assertIsNotNone(content, 'no <content> in the full feed')
                self.assertEqual(content.get('type'), 'html')
                self.assertEqual(visible_text(content.text or ''), post.text)
                self.assertIsNone(entry.find('a:summary', NS))
                self.assertEqual(link_href(entry, 'alternate'), post.url)
                rels = [r for r, _, _, _ in links(entry)]
                self.assertIn('replies', rels)
                self.assertIn('self', rels)
                replies = [(t, h) for r, t, h, _ in links(entry) if r == 'replies']
                self.assertIn(('application/atom+xml',
                               f'{BASE}/feeds/{post.id}/comments/default'), replies)
                self.assertEqual(entry.findtext('thr:total', namespaces=NS), '0')

    def test_control_characters_and_cdata_text_survive(self):
        _, body = self.fetch_atom('/feeds/posts/default')
        for ch in range(0x20):
            if ch not in (0x09, 0x0a, 0x0d):
                self.assertNotIn(bytes([ch]), body, f'raw control character {ch:#x}')
        self.assertNotIn(b'&#1;', body)
        self.assertNotIn(b'&#x1;', body)

    def test_relative_links_in_bodies_become_absolute(self):
        root, _ = self.fetch_atom('/feeds/posts/default')
        post = self.by_key['links']
        entry = [e for e in root.findall('a:entry', NS)
                 if e.findtext('a:id', namespaces=NS) == self.atom_id(post)][0]
        tags = elements(entry.findtext('a:content', namespaces=NS))
        hrefs = [a.get('href') for t, a in tags if t == 'a']
        srcs = [a.get('src') for t, a in tags if t == 'img']
        self.assertEqual(hrefs, [BASE + '/p/about.html'])
        self.assertEqual(srcs, [BASE + '/img/x.png'])

    def test_host_header_sets_absolute_urls(self):
        status, _, body = self.server.get('/feeds/posts/default', host='other.example')
        self.assertEqual(status, 200)
        self.assertIn(b'http://other.example' + self.by_key['amp'].path.encode(), body)
        self.assertNotIn(b'http://feeds.test', body)

    def test_summary_feed_has_summaries_not_content(self):
        root, _ = self.fetch_atom('/feeds/posts/summary')
        entries = root.findall('a:entry', NS)
        self.assertEqual(self.entry_ids(root), [self.atom_id(p) for p in self.posts])
        for post, entry in zip(self.posts, entries):
            with self.subTest(post=post.key):
                self.assertIsNone(entry.find('a:content', NS))
                summary = entry.findtext('a:summary', namespaces=NS)
                self.assertIsNotNone(summary)
                self.assertIn(post.text.split()[0], summary)
        amp = entries[0].findtext('a:summary', namespaces=NS)
        self.assertIn('Salt & vinegar', amp)

    def test_label_feeds(self):
        cases = [
            ('/feeds/posts/default/-/food', ['amp', 'emoji']),
            ('/feeds/posts/default/-/food/uk', ['amp']),
            ('/feeds/posts/default/-/uk/food', ['amp']),
            ('/feeds/posts/default/-/plain', ['plain1', 'plain2', 'plain3']),
            ('/feeds/posts/default/-/' + urllib.parse.quote('café'), ['emoji']),
            ('/feeds/posts/default/-/rtl/food', []),
            ('/feeds/posts/default/-/nosuchlabel', []),
        ]
        for path, keys in cases:
            with self.subTest(path=path):
                root, _ = self.fetch_atom(path)
                self.assertEqual(self.entry_ids(root), self.ids_of(keys))
                self.assertEqual(root.findtext('os:totalResults', namespaces=NS),
                                 str(len(keys)))

    def test_single_entry_feed(self):
        post = self.by_key['rtl']
        root, _ = self.fetch_atom(f'/feeds/posts/default/{post.id}')
        self.assertEqual(self.entry_ids(root), [self.atom_id(post)])
        entry = root.find('a:entry', NS)
        self.assertEqual(entry.findtext('a:title', namespaces=NS), post.title)
        self.assertEqual(link_href(entry, 'alternate'), post.url)

    def test_comment_feeds_are_empty_feeds(self):
        post = self.by_key['amp']
        for path in ('/feeds/comments/default', f'/feeds/{post.id}/comments/default'):
            with self.subTest(path=path):
                root, _ = self.fetch_atom(path)
                self.assertIsNotNone(root.findtext('a:id', namespaces=NS))
                self.assertEqual(root.findall('a:entry', NS), [])
                self.assertEqual(root.findtext('os:totalResults', namespaces=NS), '0')

    def test_atom_xml_is_the_posts_feed(self):
        # Served directly (200, same entries); a redirect to /feeds/posts/default is accepted.
        status, hdrs, _ = self.server.get('/atom.xml', host=HOST)
        if status in (301, 302, 307, 308):
            self.assertEqual(hdrs['Location'], BASE + '/feeds/posts/default')
            return
        self.assertEqual(status, 200)
        alias, _ = self.fetch_atom('/atom.xml')
        root, _ = self.fetch_atom('/feeds/posts/default')
        self.assertEqual(self.entry_ids(alias), self.entry_ids(root))
        self.assertEqual(self.entry_ids(root), [self.atom_id(p) for p in self.posts])

    def test_drafts_and_scheduled_posts_stay_out(self):
        for path in ('/feeds/posts/default', '/feeds/posts/default/-/food'):
            _, body = self.fetch_atom(path)
            self.assertNotIn(b'draftmarker', body)
            self.assertNotIn(b'futuremarker', body)
        for post_id in (self.draft_id, self.scheduled_id):
            self.fetch(f'/feeds/posts/default/{post_id}', status=404)

    def test_paging_with_next_links(self):
        root, _ = self.fetch_atom('/feeds/posts/default?max-results=4')
        self.assertEqual(root.findtext('os:itemsPerPage', namespaces=NS), '4')
        self.assertEqual(self.entry_ids(root), [self.atom_id(p) for p in self.posts[:4]])
        nxt = link_href(root, 'next')
        self.assertIsNotNone(nxt)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt).query)
        self.assertEqual(query.get('start-index'), ['5'])
        self.assertEqual(query.get('max-results'), ['4'])
        page2, _ = self.fetch_atom(path_of(nxt))
        self.assertEqual(page2.findtext('os:startIndex', namespaces=NS), '5')
        self.assertEqual(self.entry_ids(page2), [self.atom_id(p) for p in self.posts[4:8]])
        page3, _ = self.fetch_atom(path_of(link_href(page2, 'next')))
        self.assertEqual(self.entry_ids(page3), [self.atom_id(p) for p in self.posts[8:]])
        self.assertIsNone(link_href(page3, 'next'))
        for start in ('100', '2147483647'):
            beyond, _ = self.fetch_atom(f'/feeds/posts/default?start-index={start}&max-results=500')
            self.assertEqual(self.entry_ids(beyond), [])
            self.assertEqual(beyond.findtext('os:totalResults', namespaces=NS),
                             str(len(self.posts)))
            self.assertEqual(beyond.findtext('os:startIndex', namespaces=NS), start)
            self.assertIsNone(link_href(beyond, 'next'))

    def test_order_and_time_filters(self):
        def times(path, field):
            root, _ = self.fetch_atom(path)
            return [parse_time(e.findtext(f'a:{field}', namespaces=NS))
                    for e in root.findall('a:entry', NS)], self.entry_ids(root)

        default_ids = times('/feeds/posts/default', 'published')[1]
        published, ids = times('/feeds/posts/default?orderby=published', 'published')
        self.assertEqual(ids, default_ids, 'the default order is orderby=published')
        self.assertEqual(published, sorted(published, reverse=True))
        updated, ids = times('/feeds/posts/default?orderby=updated', 'updated')
        self.assertEqual(updated, sorted(updated, reverse=True))
        self.assertEqual(sorted(ids), sorted(default_ids))

        q = urllib.parse.quote
        _, ids = times('/feeds/posts/default?published-min=' + q('2022-01-04T12:00:00Z') +
                       '&published-max=' + q('2022-01-07T12:00:00+00:00'), 'published')
        self.assertEqual(ids, self.ids_of(['emoji', 'rtl', 'ctrl']))
        _, ids = times('/feeds/posts/default?published-max=' + q('2022-01-01T12:00:00+09:00'),
                       'published')
        self.assertEqual(ids, self.ids_of(['plain2', 'plain3']))
        # GData: updated-min/updated-max apply only together with orderby=updated.
        _, ids = times('/feeds/posts/default?updated-max=2000-01-01T00:00:00Z', 'published')
        self.assertEqual(ids, default_ids)
        _, ids = times('/feeds/posts/default?orderby=updated&updated-max=2000-01-01T00:00:00Z',
                       'updated')
        self.assertEqual(ids, [])
        _, ids = times('/feeds/posts/default?orderby=updated&updated-min=2000-01-01T00:00:00Z',
                       'updated')
        self.assertEqual(sorted(ids), sorted(default_ids))


if __name__ == '__main__':
    unittest.main()
