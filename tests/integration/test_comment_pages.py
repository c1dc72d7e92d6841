# Comment pages (Blogger's ?commentPage=N and "Load more..."): a post with 450 comments,
# some in threads, imported from a generated Takeout feed; every comment reachable by
# following links, threads never split, permalinks (?showComment=MS) finding their page,
# bad page numbers refused, each page its own cache entry, and a new comment on its page
# at once.
import html
import re
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from harness import (IntegrationCase, assert_valid_html5, comment_form, comment_id_from,
                     elements, links, post_comment, visible_text)

FAST = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')
BLOG = '7777000011112222'
PER_PAGE = 200          # Blogger's comments per page
TOTAL = 450             # published comments on the big post
BASE_MS = 1646092800000  # 2022-03-01T00:00:00Z
ATOM = '{http://www.w3.org/2005/Atom}'


def iso(ms):
    t = datetime.fromtimestamp(ms // 1000, tz=timezone.utc)
    return t.strftime('%Y-%m-%dT%H:%M:%S') + f'.{ms % 1000:03d}Z'


class Thread:
    """A top-level comment and its replies: [(id, parent id or None, ms, status)]."""

    def __init__(self):
        self.comments = []

    def published(self):
        return [c for c in self.comments if c[3] == 'LIVE']


def big_post_threads():
    """Threads of 450 published comments: every eighth top-level comment has three
    replies (one a reply to a reply), ten minutes between top-level comments. A held and
    a spam comment sit five minutes after two of them, far from any published one."""
    threads, total, k, next_id = [], 0, 0, 500000
    while total < TOTAL:
        ms = BASE_MS + k * 600000 + 250
        t = Thread()
        top = next_id
        next_id += 1
        t.comments.append((top, None, ms, 'LIVE'))
        if k % 8 == 1 and total + 4 <= TOTAL:
            r1, r2, r3 = next_id, next_id + 1, next_id + 2
            next_id += 3
            t.comments += [(r1, top, ms + 60000, 'LIVE'), (r2, r1, ms + 120000, 'LIVE'),
                           (r3, top, ms + 180000, 'LIVE')]
        total += len(t.comments)
        threads.append(t)
        k += 1
    return threads


def pages_of(threads):
    """The comment ids of each page, cut as samizdat promises: whole threads, at most 200
    comments a page (an independent reimplementation of the rule, not a copy)."""
    pages, current = [], []
    for t in threads:
        ids = [c[0] for c in t.published()]
        if current and len(current) + len(ids) > PER_PAGE:
            pages.append(current)
            current = []
        current += ids
    pages.append(current)
    return pages


def takeout_feed(posts):
    """A Takeout feed.atom: posts = [(post id, path, title, threads, extra comments)]."""
    out = ["<?xml version='1.0' encoding='utf-8'?>",
           "<feed xmlns='http://www.w3.org/2005/Atom' "
           "xmlns:blogger='http://schemas.google.com/blogger/2018'>",
           f'<id>tag:blogger.com,1999:blog-{BLOG}</id><title>Paging blog</title>']
    for post_id, path, title, threads, extra in posts:
        out.append(f'''<entry><id>tag:blogger.com,1999:blog-{BLOG}.post-{post_id}</id>
<blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>
<author><name>Gus</name></author><title>{html.escape(title)}</title>
<content type='html'>&lt;p&gt;{html.escape(title)} body&lt;/p&gt;</content>
<published>2022-02-28T10:00:00Z</published><updated>2022-02-28T10:00:00Z</updated>
<blogger:filename>{path}</blogger:filename></entry>''')
        for cid, parent, ms, status in [c for t in threads for c in t.comments] + extra:
            reply = f'{parent}' if parent else ''
            out.append(f'''<entry><id>tag:blogger.com,1999:blog-{BLOG}.post-{cid}</id>
<blogger:parent>tag:blogger.com,1999:blog-{BLOG}.post-{post_id}</blogger:parent>
<blogger:inReplyTo>{reply}</blogger:inReplyTo>
<blogger:type>COMMENT</blogger:type><blogger:status>{status}</blogger:status>
<author><name>Reader {cid}</name></author>
<content type='html'>comment body {cid}</content>
<published>{iso(ms)}</published></entry>''')
    out.append('</feed>')
    return '\n'.join(out)


def comment_ids(body):
    """The ids of the comments a page shows (their <li id="cID"> anchors), in order."""
    return [int(a['id'][1:]) for tag, a in elements(body)
            if tag == 'li' and 'comment' in a.get('class', '').split()]


def load_more(body):
    return [href for href, text in links(body) if text == 'Load more...']


def older(body):
    return [href for href, text in links(body) if text == '‹ Older']


def canonical(body):
    """The canonical links' paths (the links are absolute: http://paging.test/...)."""
    return [urllib.parse.urlsplit(a['href']).path
            for tag, a in elements(body) if tag == 'link' and a.get('rel') == 'canonical']


def local(href):
    """'/path?query' of a link, without its fragment."""
    return urllib.parse.urlsplit(href)._replace(scheme='', netloc='', fragment='').geturl()


class PagingBlog(IntegrationCase):
    """The big post (450 comments, threads, a held and a spam comment) and a small one."""
    SERVER_ARGS = FAST
    PATH = '/2022/02/many-voices.html'
    SMALL = '/2022/02/few-voices.html'

    @classmethod
    def prepare(cls):
        cls.threads = big_post_threads()
        cls.pages = pages_of(cls.threads)
        cls.ms = {c[0]: c[2] for t in cls.threads for c in t.comments}
        held_at = cls.threads[300].comments[-1][2] + 300000
        spam_at = cls.threads[320].comments[-1][2] + 300000
        cls.held = (900001, None, held_at, 'PENDING')
        cls.spam = (900002, cls.threads[320].comments[0][0], spam_at, 'SPAM')
        small = Thread()
        small.comments = [(800001, None, BASE_MS + 1000, 'LIVE'),
                          (800002, 800001, BASE_MS + 2000, 'LIVE'),
                          (800003, None, BASE_MS + 3000, 'LIVE')]
        feed = cls.write_file('paging.atom', takeout_feed([
            (6001, cls.PATH, 'Many voices', cls.threads, [cls.held, cls.spam]),
            (6002, cls.SMALL, 'Few voices', [small], [])]))
        cls.cli('import', feed, '--blog', 'paging.test', '--no-media')

    def get(self, path, **kw):
        return self.server.get(path, host='paging.test', **kw)

    def get_ok(self, path, **kw):
        status, _, body = self.get(path, **kw)
        self.assertEqual(status, 200, f'GET {path}: {body[:300]!r}')
        return body

    def page_url(self, n):
        return self.PATH if n == 1 else f'{self.PATH}?commentPage={n}'

    def test_the_fixture_has_threads_across_pages(self):
        self.assertEqual(sum(len(p) for p in self.pages), TOTAL)
        self.assertEqual(len(self.pages), 3)
        self.assertLess(len(self.pages[0]), PER_PAGE, 'a thread should have crossed the line')

    def test_page_one_shows_the_first_threads_and_the_load_more_link(self):
        body = self.get_ok(self.PATH)
        self.assertEqual(comment_ids(body), self.pages[0])
        self.assertEqual(load_more(body), [f'{self.PATH}?commentPage=2#comments'])
        self.assertEqual(older(body), [])
        text = visible_text(body)
        self.assertIn(f'{TOTAL} comments:', text, 'the heading counts all pages')
        self.assertIn(f'1–{len(self.pages[0])} of {TOTAL}', text)
        self.assertEqual(canonical(body), [self.PATH])
        self.assertEqual(self.get_ok(f'{self.PATH}?commentPage=1'), body,
                         'commentPage=1 is the post page itself')

    def test_following_load_more_reaches_every_comment_once(self):
        seen, url, visited = [], self.PATH, []
        while url is not None:
            self.assertLess(len(visited), 10, f'Load more goes round in circles: {visited}')
            body = self.get_ok(url)
            visited.append(url)
            ids = comment_ids(body)
            self.assertEqual(ids, self.pages[len(visited) - 1], url)
            self.assertEqual(canonical(body), [self.PATH], url)
            seen += ids
            more = load_more(body)
            self.assertLessEqual(len(more), 1)
            url = local(more[0]) if more else None
        self.assertEqual(visited, [self.PATH, f'{self.PATH}?commentPage=2',
                                   f'{self.PATH}?commentPage=3'])
        self.assertEqual(sorted(seen), sorted(c[0] for t in self.threads for c in t.published()))
        self.assertEqual(len(seen), len(set(seen)))
        # The last page holds the rest, has no Load more link, and leads back.
        last = self.get_ok(f'{self.PATH}?commentPage=3')
        self.assertEqual(len(comment_ids(last)), TOTAL - len(self.pages[0]) - len(self.pages[1]))
        self.assertEqual(load_more(last), [])
        self.assertEqual(older(last), [f'{self.PATH}?commentPage=2#comments'])
        self.assertIn(f'{self.PATH}#comments', [href for href, _ in links(last)])
        self.assertEqual(older(self.get_ok(f'{self.PATH}?commentPage=2')),
                         [f'{self.PATH}#comments'])
        assert_valid_html5(last)

    def test_a_thread_is_never_split(self):
        for n in (1, 2, 3):
            ids = set(comment_ids(self.get_ok(self.page_url(n))))
            for t in self.threads:
                members = {c[0] for c in t.published()}
                self.assertIn(len(members & ids), (0, len(members)),
                              f'thread of {t.comments[0][0]} split at page {n}')

    def test_a_permalink_shows_the_page_holding_its_comment(self):
        # A reply deep in a thread on page 3, and the first and last comment of each page.
        reply = next(c for t in self.threads for c in t.comments
                     if c[1] is not None and c[0] in self.pages[2] and c[1] != t.comments[0][0])
        targets = [(reply[0], 3)] + [(p[i], n + 1) for n, p in enumerate(self.pages)
                                      for i in (0, -1)]
        for cid, page in targets:
            with self.subTest(comment=cid):
                url = f'{self.PATH}?showComment={self.ms[cid]}'
                body = self.get_ok(url)
                self.assertEqual(comment_ids(body), self.pages[page - 1])
                self.assertIn(f'id="c{cid}"', body.decode())
                # The page links the comment by the very permalink that led here.
                self.assertIn(f'{url}#c{cid}', [href for href, _ in links(body)])

    def test_the_comment_feeds_permalinks_reach_comments_on_later_pages(self):
        _, _, feed = self.get('/feeds/6001/comments/default?max-results=500')
        entries = ET.fromstring(feed).findall(f'{ATOM}entry')
        self.assertEqual(len(entries), TOTAL)
        for entry in (entries[0], entries[len(entries) // 2]):  # newest first
            href = next(l.get('href') for l in entry.findall(f'{ATOM}link')
                        if l.get('rel') == 'alternate')
            cid = int(href.rsplit('#c', 1)[1])
            page = next(n for n, p in enumerate(self.pages) if cid in p)
            self.assertEqual(comment_ids(self.get_ok(local(href))), self.pages[page])

    def test_held_spam_and_unknown_permalinks_show_page_one_and_reveal_nothing(self):
        page_one = comment_ids(self.get_ok(self.PATH))
        for ms in (self.held[2], self.spam[2], 1, 99999999999999, 'abc', ''):
            with self.subTest(ms=ms):
                body = self.get_ok(f'{self.PATH}?showComment={ms}')
                self.assertEqual(comment_ids(body), page_one)
                for hidden in (self.held[0], self.spam[0]):
                    self.assertNotIn(f'comment body {hidden}', body.decode())
                    self.assertNotIn(f'c{hidden}', body.decode())
        self.assertIn(f'{TOTAL} comments:', visible_text(self.get_ok(self.PATH)))

    def test_bad_page_numbers_are_refused(self):
        for value in ('0', '-1', 'abc', '', '1.5', '99999999999999999999999'):
            with self.subTest(commentPage=value):
                status, _, body = self.get(f'{self.PATH}?commentPage={value}')
                self.assertEqual(status, 400)
                self.assertIn(b'commentPage must be a page number', body)
        for value in ('4', '99999999'):
            with self.subTest(commentPage=value):
                status, _, body = self.get(f'{self.PATH}?commentPage={value}')
                self.assertEqual(status, 404)
                self.assertIn(f'no comment page {value}: its comments fill 3 pages',
                              visible_text(body))
        status, _, _ = self.get(f'{self.SMALL}?commentPage=2')
        self.assertEqual(status, 404)
        # Nothing was cached for them: the pages are still the right ones.
        self.assertEqual(comment_ids(self.get_ok(self.PATH)), self.pages[0])
        self.assertEqual(comment_ids(self.get_ok(self.page_url(3))), self.pages[2])

    def test_each_page_is_its_own_cache_entry(self):
        # The form token carries the time its page was rendered: the same token twice is
        # the cached page.
        one = self.get_ok(self.PATH)
        two = self.get_ok(self.page_url(2))
        self.assertNotEqual(comment_ids(one), comment_ids(two))
        self.assertEqual(self.get_ok(self.PATH), one, 'page 1 is not served from the cache')
        self.assertEqual(self.get_ok(self.page_url(2)), two, 'page 2 is not served from the cache')
        self.assertEqual(comment_ids(self.get_ok(self.PATH)), self.pages[0])
        # A permalink's page fills the cache entry of its comment page.
        cid = self.pages[2][5]
        shown = self.get_ok(f'{self.PATH}?showComment={self.ms[cid]}')
        self.assertEqual(self.get_ok(self.page_url(3)), shown)

    def test_the_permalinks_of_a_one_page_post_share_its_cached_page(self):
        first = self.get_ok(f'{self.SMALL}?showComment={BASE_MS + 1000}')
        self.assertEqual(comment_ids(first), [800001, 800002, 800003])
        self.assertNotIn(b'Load more', first)
        self.assertNotIn('‹ Older', first.decode())
        self.assertEqual(self.get_ok(f'{self.SMALL}?showComment={BASE_MS + 3000}'), first)
        self.assertEqual(self.get_ok(self.SMALL), first)


class NewCommentsOnTheirPage(IntegrationCase):
    """Comments posted through the form land on their page at once, every page counts them."""
    SERVER_ARGS = FAST
    PATH = PagingBlog.PATH

    @classmethod
    def prepare(cls):
        cls.threads = big_post_threads()
        cls.pages = pages_of(cls.threads)
        feed = cls.write_file('paging.atom', takeout_feed([
            (6001, cls.PATH, 'Many voices', cls.threads, [])]))
        cls.cli('import', feed, '--blog', 'paging.test', '--no-media')

    def test_a_new_comment_and_a_reply_show_on_their_page_at_once(self):
        def get(path):
            status, _, body = self.server.get(path, host='paging.test')
            self.assertEqual(status, 200, path)
            return body

        urls = [self.PATH, f'{self.PATH}?commentPage=2', f'{self.PATH}?commentPage=3']
        for url in urls:
            get(url)  # cached before the comment arrives
        status, headers, _ = post_comment(self.server, self.PATH, 'the newest word',
                                          host='paging.test')
        self.assertEqual(status, 303)
        new = int(comment_id_from(headers))
        shown = get(local(headers['Location']))
        self.assertEqual(comment_ids(shown)[-1], new, 'the new comment is not last on its page')
        self.assertEqual(shown, get(urls[2]), 'its permalink shows another page than page 3')
        for url in urls:
            self.assertIn(f'{TOTAL + 1} comments:', visible_text(get(url)), url)

        # A reply to the first comment joins its thread on page 1.
        first = self.pages[0][0]
        status, headers, _ = post_comment(self.server, self.PATH, 'a late reply',
                                          parent_id=str(first), host='paging.test')
        self.assertEqual(status, 303)
        reply = int(comment_id_from(headers))
        ids = comment_ids(get(local(headers['Location'])))
        self.assertEqual(ids[:2], [first, reply])
        self.assertIn(reply, comment_ids(get(self.PATH)))
        # The Reply link of a comment on page 3 opens the form on page 3.
        target = self.pages[2][3]
        body = get(f'{self.PATH}?reply={target}')
        self.assertIn(target, comment_ids(body))
        self.assertEqual(comment_form(body)['parent_id'], str(target))


if __name__ == '__main__':
    unittest.main()
