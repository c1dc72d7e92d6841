# Comment feeds carry the comments readers post through the real form: /feeds/comments/default
# and /feeds/POSTID/comments/default (Atom, RSS, GData JSON), newest first, with Blogger's
# ids, permalinks, reply links and counts; valid against atom.rnc (jing) and read by feedparser.
import json
import os
import re
import subprocess
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser

from harness import IntegrationCase, post_comment, visible_text

HOST = 'talk.test'
BASE = f'http://{HOST}'
NS = {
    'a': 'http://www.w3.org/2005/Atom',
    'os': 'http://a9.com/-/spec/opensearchrss/1.0/',
    'thr': 'http://purl.org/syndication/thread/1.0',
    'gd': 'http://schemas.google.com/g/2005',
}
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'atom.rnc')
PERMALINK = re.compile(r'^(/\S+)\?showComment=(\d+)#c(\d+)$')


class Posted:
    """A comment posted through the form, as its 303's Location describes it."""

    def __init__(self, post, location, name, text, parent=None):
        m = PERMALINK.match(urllib.parse.urlsplit(location)._replace(scheme='', netloc='')
                            .geturl())
        if not m:
            raise AssertionError(f'Location {location!r} is not a comment permalink')
        self.post = post
        self.path, self.ms, self.id = m.group(1), int(m.group(2)), m.group(3)
        self.permalink = f'{BASE}{self.path}?showComment={self.ms}#c{self.id}'
        self.name = name
        self.text = text
        self.parent = parent


class CommentFeeds(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        cls.blog_id = cls.create_blog(HOST, 'Talk & <Back>', '--timezone', 'UTC')
        cls.first = cls.add_post('First post', '<p>first body</p>', date='2022-01-10')
        cls.second = cls.add_post('Second & <post>', '<p>second body</p>', date='2022-01-11')
        cls.quiet = cls.add_post('Quiet post', '<p>nobody talks here</p>', date='2022-01-09')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.comments = [
                cls.comment(cls.first, 'Ann & <Bob>', 'Nice & <b>bold</b> words',
                            url='https://ann.example/?a=1&b=2'),
                cls.comment(cls.second, 'Carol', 'About the second post'),
            ]
            cls.comments.append(cls.comment(cls.first, '', 'I agree with Ann',
                                            parent=cls.comments[0]))
            cls.comments.append(cls.comment(cls.first, 'Dave', 'One more thought'))
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def comment(cls, post, name, text, url='', parent=None):
        status, headers, body = post_comment(cls.server, post[1], text, name=name, url=url,
                                             parent_id=parent.id if parent else '', host=HOST)
        if status != 303:
            raise AssertionError(f'POST /comment on {post[1]}: {status}\n{body[:500]!r}')
        return Posted(post, headers['Location'], name, text, parent)

    # --- helpers -------------------------------------------------------------------------

    def atom_id(self, item_id):
        return f'tag:blogger.com,1999:blog-{self.blog_id}.post-{item_id}'

    def newest_first(self, comments):
        return sorted(comments, key=lambda c: (c.ms, int(c.id)), reverse=True)

    def of(self, post):
        return [c for c in self.comments if c.post is post]

    def fetch(self, path, status=200):
        got, headers, body = self.server.get(path, host=HOST)
        self.assertEqual(got, status, f'GET {path}: {body[:300]!r}')
        return headers, body

    def fetch_atom(self, path):
        headers, body = self.fetch(path)
        self.assertTrue(headers['Content-Type'].startswith('application/atom+xml'),
                        headers['Content-Type'])
        return ET.fromstring(body), body

    def entries(self, root):
        return root.findall('a:entry', NS)

    def link(self, element, rel):
        hrefs = [l.get('href') for l in element.findall('a:link', NS) if l.get('rel') == rel]
        self.assertLessEqual(len(hrefs), 1, rel)
        return hrefs[0] if hrefs else None

    def check_entries(self, root, expected):
        self.assertEqual([e.findtext('a:id', namespaces=NS) for e in self.entries(root)],
                         [self.atom_id(c.id) for c in expected])
        for c, e in zip(expected, self.entries(root)):
            with self.subTest(comment=c.text):
                self.assertEqual(self.link(e, 'alternate'), c.permalink)
                self.assertEqual(visible_text(e.findtext('a:content', namespaces=NS)),
                                 visible_text(c.text))
                self.assertEqual(e.findtext('a:author/a:name', namespaces=NS),
                                 c.name or 'Anonymous')
                reply_to = e.find('thr:in-reply-to', NS)
                self.assertEqual(reply_to.get('href'), BASE + c.post[1])
                self.assertEqual(reply_to.get('ref'), self.atom_id(c.post[0]))
                related = self.link(e, 'related')
                if c.parent:
                    self.assertIsNotNone(related)
                    self.assertIn(f'/feeds/{c.post[0]}/comments/default/{c.parent.id}', related)
                else:
                    self.assertIsNone(related)

    # --- tests ---------------------------------------------------------------------------

    def test_blog_comments_feed_newest_first(self):
        root, _ = self.fetch_atom('/feeds/comments/default')
        self.assertEqual(root.findtext('a:id', namespaces=NS),
                         f'tag:blogger.com,1999:blog-{self.blog_id}.comments')
        self.assertEqual(root.findtext('os:totalResults', namespaces=NS), '4')
        self.check_entries(root, self.newest_first(self.comments))

    def test_post_comments_feed_holds_only_that_posts_comments(self):
        post_id = self.first[0]
        root, _ = self.fetch_atom(f'/feeds/{post_id}/comments/default')
        self.assertEqual(root.findtext('a:id', namespaces=NS),
                         f'tag:blogger.com,1999:blog-{self.blog_id}.post{post_id}..comments')
        self.assertEqual(root.findtext('os:totalResults', namespaces=NS), '3')
        self.check_entries(root, self.newest_first(self.of(self.first)))
        root, _ = self.fetch_atom(f'/feeds/{self.second[0]}/comments/default')
        self.check_entries(root, self.of(self.second))
        root, _ = self.fetch_atom(f'/feeds/{self.quiet[0]}/comments/default')
        self.assertEqual(self.entries(root), [])
        self.assertEqual(root.findtext('os:totalResults', namespaces=NS), '0')

    def test_names_and_urls_come_out_as_written(self):
        root, body = self.fetch_atom(f'/feeds/{self.first[0]}/comments/default')
        ann = [e for e in self.entries(root)
               if e.findtext('a:id', namespaces=NS) == self.atom_id(self.comments[0].id)][0]
        self.assertEqual(ann.findtext('a:author/a:name', namespaces=NS), 'Ann & <Bob>')
        self.assertEqual(ann.findtext('a:author/a:uri', namespaces=NS),
                         'https://ann.example/?a=1&b=2')
        self.assertNotIn(b'<Bob>', body)
        # The body keeps its markup as HTML, escaped once.
        self.assertIn('<b>bold</b>', ann.findtext('a:content', namespaces=NS))

    def test_pages_follow_next_links(self):
        root, _ = self.fetch_atom('/feeds/comments/default?max-results=3')
        self.assertEqual(len(self.entries(root)), 3)
        self.assertEqual(root.findtext('os:totalResults', namespaces=NS), '4')
        next_href = self.link(root, 'next')
        self.assertIsNotNone(next_href)
        self.assertTrue(next_href.startswith(BASE + '/feeds/comments/default?'), next_href)
        self.assertIn('start-index=4', next_href)
        page2, _ = self.fetch_atom(next_href[len(BASE):])
        self.assertIsNone(self.link(page2, 'next'))
        seen = [e.findtext('a:id', namespaces=NS) for e in self.entries(root) + self.entries(page2)]
        self.assertEqual(seen, [self.atom_id(c.id) for c in self.newest_first(self.comments)])

    def test_one_comment_at_its_self_link(self):
        root, _ = self.fetch_atom(f'/feeds/{self.first[0]}/comments/default')
        self.check_entries(root, self.newest_first(self.of(self.first)))
        entry = self.entries(root)[0]
        one, _ = self.fetch_atom(self.link(entry, 'self')[len(BASE):])
        self.assertEqual([e.findtext('a:id', namespaces=NS) for e in self.entries(one)],
                         [entry.findtext('a:id', namespaces=NS)])
        # A comment asked for under another post is not there.
        carol = self.comments[1]
        self.fetch(f'/feeds/{self.first[0]}/comments/default/{carol.id}', status=404)

    def test_posts_feed_counts_comments(self):
        root, _ = self.fetch_atom('/feeds/posts/default')
        totals = {e.findtext('a:id', namespaces=NS): e.findtext('thr:total', namespaces=NS)
                  for e in self.entries(root)}
        self.assertEqual(totals[self.atom_id(self.first[0])], '3')
        self.assertEqual(totals[self.atom_id(self.second[0])], '1')
        self.assertEqual(totals[self.atom_id(self.quiet[0])], '0')

    def test_atom_is_valid_against_rfc4287(self):
        paths = ['/feeds/comments/default', '/feeds/comments/summary',
                 f'/feeds/{self.first[0]}/comments/default',
                 f'/feeds/{self.quiet[0]}/comments/default',
                 f'/feeds/{self.first[0]}/comments/default/{self.comments[2].id}']
        files = []
        for i, path in enumerate(paths):
            _, body = self.fetch_atom(path)
            files.append(os.path.join(self.tmp, f'comments-{i}.xml'))
            with open(files[-1], 'wb') as f:
                f.write(body)
        proc = subprocess.run(['jing', '-c', SCHEMA, *files], capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stdout)

    def test_feedparser_reads_atom_and_rss(self):
        expected = self.newest_first(self.comments)
        for query, version in (('', 'atom10'), ('?alt=rss', 'rss20')):
            with self.subTest(version=version):
                _, body = self.fetch('/feeds/comments/default' + query)
                d = feedparser.parse(body)
                self.assertFalse(d.bozo, repr(d.get('bozo_exception')))
                self.assertEqual(d.version, version)
                self.assertEqual([e.id for e in d.entries], [self.atom_id(c.id) for c in expected])
                self.assertEqual([e.link for e in d.entries], [c.permalink for c in expected])
                for c, e in zip(expected, d.entries):
                    self.assertIn(c.name or 'Anonymous', e.author)

    def test_gdata_json(self):
        _, body = self.fetch(f'/feeds/{self.first[0]}/comments/default?alt=json')
        feed = json.loads(body)['feed']
        expected = self.newest_first(self.of(self.first))
        self.assertEqual(feed['openSearch$totalResults']['$t'], '3')
        self.assertEqual([e['id']['$t'] for e in feed['entry']],
                         [self.atom_id(c.id) for c in expected])
        for c, e in zip(expected, feed['entry']):
            # Blogger's comment widget reads the permalink as link[2], the parent as link[3].
            self.assertEqual(e['link'][2]['href'], c.permalink)
            if c.parent:
                self.assertRegex(e['link'][3]['href'], rf'comments/default/{c.parent.id}\?')
            self.assertEqual(e['thr$in-reply-to']['ref'], self.atom_id(c.post[0]))


class ModeratedCommentFeeds(IntegrationCase):
    """Only comments readers can see reach the feeds: held, spam and hidden ones do not, and a
    change made with the CLI shows in the next request's feed."""

    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')
    HELD_HOST = 'held.test'

    @classmethod
    def prepare(cls):
        cls.blog_id = cls.create_blog(cls.HELD_HOST, 'Held', '--timezone', 'UTC')
        cls.cli('blog', 'set', cls.HELD_HOST, '--comment-moderation', 'always')
        cls.open_post = cls.add_post('Open post', '<p>open</p>', date='2022-01-10')
        cls.hidden_post = cls.add_post('Soon hidden', '<p>hidden</p>', date='2022-01-11')

    def hold(self, post, text):
        """Posts a comment that the blog holds; returns its id (from `comment list`)."""
        status, _, body = post_comment(self.server, post[1], text, name='Eve',
                                       host=self.HELD_HOST)
        self.assertEqual(status, 202, body[:300])
        _, out, _ = self.cli('comment', 'list', '--status', 'pending')
        ids = [line.split('\t')[0] for line in out.splitlines() if line.endswith(text)]
        self.assertEqual(len(ids), 1, out)
        return ids[0]

    def feed_ids(self, path):
        # Twice: the second answer may come from the page cache.
        for _ in range(2):
            status, _, body = self.server.get(path, host=self.HELD_HOST)
            self.assertEqual(status, 200, body[:300])
        root = ET.fromstring(body)
        return ([e.findtext('a:id', namespaces=NS) for e in root.findall('a:entry', NS)],
                root.findtext('os:totalResults', namespaces=NS))

    def atom_id(self, item_id):
        return f'tag:blogger.com,1999:blog-{self.blog_id}.post-{item_id}'

    def test_held_comment_appears_once_approved_and_leaves_as_spam(self):
        feed = f'/feeds/{self.open_post[0]}/comments/default'
        comment_id = self.hold(self.open_post, 'Waiting for approval')
        self.assertEqual(self.feed_ids(feed), ([], '0'))
        self.cli('comment', 'approve', comment_id)
        self.assertEqual(self.feed_ids(feed), ([self.atom_id(comment_id)], '1'))
        self.assertIn(self.atom_id(comment_id), self.feed_ids('/feeds/comments/default')[0])
        self.cli('comment', 'spam', comment_id)
        self.assertEqual(self.feed_ids(feed), ([], '0'))
        self.assertNotIn(self.atom_id(comment_id), self.feed_ids('/feeds/comments/default')[0])

    def test_comments_of_a_hidden_thread_leave_the_feeds(self):
        feed = f'/feeds/{self.hidden_post[0]}/comments/default'
        comment_id = self.hold(self.hidden_post, 'Soon out of sight')
        self.cli('comment', 'approve', comment_id)
        self.assertEqual(self.feed_ids(feed), ([self.atom_id(comment_id)], '1'))
        blog_wide_before = self.feed_ids('/feeds/comments/default')
        self.cli('post', 'set', self.hidden_post[0], '--comments', 'hidden')
        self.assertEqual(self.feed_ids(feed), ([], '0'))
        ids, total = self.feed_ids('/feeds/comments/default')
        self.assertNotIn(self.atom_id(comment_id), ids)
        # The blog-wide count leaves the hidden thread out too.
        self.assertEqual(int(total), int(blog_wide_before[1]) - 1)
        _, _, body = self.server.get('/feeds/posts/default', host=self.HELD_HOST)
        entry = [e for e in ET.fromstring(body).findall('a:entry', NS)
                 if e.findtext('a:id', namespaces=NS) == self.atom_id(self.hidden_post[0])]
        self.assertEqual(entry[0].findtext('thr:total', namespaces=NS), '0')


if __name__ == '__main__':
    unittest.main()
