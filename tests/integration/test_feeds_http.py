# Feeds over HTTP: bad parameters get a 400 naming the parameter, unknown posts 404; each
# format has its Content-Type; ETag/Last-Modified, 304 and gzip; pages advertise their
# feeds; a post added with the CLI is in the feed on the next request.
import re
import unittest
import urllib.parse

from harness import elements, gunzip
from test_feeds_support import BASE, HOST, NS, FeedsBlog, link_href, parse_time

BAD = [
    ('/feeds/posts/default?max-results=0', 'max-results'),
    ('/feeds/posts/default?max-results=-1', 'max-results'),
    ('/feeds/posts/default?max-results=abc', 'max-results'),
    ('/feeds/posts/default?max-results=10000', 'max-results'),
    ('/feeds/posts/default?max-results=501', 'max-results'),
    ('/feeds/posts/default?start-index=0', 'start-index'),
    ('/feeds/posts/default?start-index=-5', 'start-index'),
    ('/feeds/posts/default?start-index=abc', 'start-index'),
    ('/feeds/posts/default?alt=json-in-script&callback=alert(1)//', 'callback'),
    ('/feeds/posts/default?orderby=bogus', 'orderby'),
    ('/feeds/posts/default?alt=bogus', 'alt'),
    ('/feeds/posts/default?max-results=99999999999999999999', 'max-results'),
    ('/feeds/posts/default?published-min=garbage', 'published-min'),
    ('/feeds/posts/default?published-max=2022-13-45T99:00:00Z', 'published-max'),
    ('/feeds/posts/default?orderby=updated&updated-min=garbage', 'updated-min'),
    ('/feeds/posts/default?orderby=updated&updated-max=garbage', 'updated-max'),
    ('/feeds/posts/summary?max-results=0', 'max-results'),
    ('/feeds/posts/default/-/food?start-index=0', 'start-index'),
    ('/feeds/comments/default?max-results=abc', 'max-results'),
    ('/atom.xml?max-results=0', 'max-results'),
    ('/feed.json?max-results=0', 'max-results'),
]

CONTENT_TYPES = [
    ('/feeds/posts/default', 'application/atom+xml'),
    ('/feeds/posts/default?alt=atom', 'application/atom+xml'),
    ('/feeds/posts/default?alt=rss', 'application/rss+xml'),
    ('/feeds/posts/default?alt=json', 'application/json'),
    ('/feeds/posts/default?alt=json-in-script', 'text/javascript'),
    ('/feeds/posts/summary', 'application/atom+xml'),
    ('/feeds/comments/default', 'application/atom+xml'),
    ('/feeds/comments/default?alt=rss', 'application/rss+xml'),
    ('/atom.xml', 'application/atom+xml'),
    ('/feed.json', 'application/feed+json'),
]


def media_type(value):
    return (value or '').split(';')[0].strip().lower()


class FeedsHttp(FeedsBlog):

    def test_bad_parameters_get_400_naming_the_parameter(self):
        for path, param in BAD:
            with self.subTest(path=path):
                status, hdrs, body = self.server.get(path, host=HOST)
                self.assertEqual(status, 400, body[:200])
                self.assertEqual(media_type(hdrs['Content-Type']), 'text/plain')
                self.assertRegex(body.decode('utf-8'),
                                 rf'(^|[^\w-]){re.escape(param)}([^\w-]|$)')

    def test_boundary_values_are_accepted(self):
        for path in ('/feeds/posts/default?max-results=1',
                     '/feeds/posts/default?max-results=500',
                     '/feeds/posts/default?start-index=1',
                     '/feeds/posts/default?start-index=1000000',
                     '/feeds/posts/default?orderby=published',
                     '/feeds/posts/default?orderby=updated',
                     '/feeds/posts/default?published-min=' +
                     urllib.parse.quote('2022-01-05T09:00:00.250+09:00'),
                     '/feeds/posts/default?m=1&v=2&redirect=false'):
            with self.subTest(path=path):
                self.fetch(path)

    def test_unknown_post_ids_are_404(self):
        # Blogger answers an unknown post id with an error page of its own; samizdat
        # answers 404 (the issue allows either).
        for path in ('/feeds/posts/default/123456789',
                     '/feeds/123456789/comments/default',
                     '/feeds/posts/default/notanumber',
                     f'/feeds/{self.draft_id}/comments/default'):
            with self.subTest(path=path):
                self.fetch(path, status=404)

    def test_content_types(self):
        # Atom first, then the others: a cache keyed without `alt` would serve Atom again.
        for path, expected in CONTENT_TYPES:
            with self.subTest(path=path):
                hdrs, body = self.fetch(path)
                self.assertEqual(media_type(hdrs['Content-Type']), expected)
                self.assertTrue(body)
        _, atom = self.fetch('/feeds/posts/default')
        _, rss = self.fetch('/feeds/posts/default?alt=rss')
        self.assertTrue(atom.lstrip().startswith(b'<?xml'))
        self.assertIn(b'<rss', rss)

    def test_validators_and_304(self):
        for path in ('/feeds/posts/default', '/feeds/posts/default?alt=rss',
                     '/feeds/posts/default?alt=json', '/feed.json'):
            with self.subTest(path=path):
                hdrs, _ = self.fetch(path)
                etag = hdrs['ETag']
                self.assertTrue(etag, 'no ETag')
                self.assertRegex(hdrs['Last-Modified'] or '',
                                 r'^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$')
                status, hdrs304, body = self.server.get(path, host=HOST,
                                                        headers={'If-None-Match': etag})
                self.assertEqual(status, 304)
                self.assertEqual(body, b'')
                self.assertEqual(hdrs304['ETag'], etag)
                status, _, body = self.server.get(path, host=HOST,
                                                  headers={'If-None-Match': '"other"'})
                self.assertEqual(status, 200)
                self.assertTrue(body)
        atom_etag = self.fetch('/feeds/posts/default')[0]['ETag']
        rss_etag = self.fetch('/feeds/posts/default?alt=rss')[0]['ETag']
        self.assertNotEqual(atom_etag, rss_etag)

    def test_gzip(self):
        for path in ('/feeds/posts/default', '/feeds/posts/default?alt=rss', '/feed.json'):
            with self.subTest(path=path):
                hdrs, plain = self.fetch(path)
                self.assertIsNone(hdrs['Content-Encoding'])
                hdrs, zipped = self.fetch(path, headers={'Accept-Encoding': 'gzip'})
                self.assertEqual(hdrs['Content-Encoding'], 'gzip')
                self.assertIn('accept-encoding', (hdrs['Vary'] or '').lower())
                self.assertEqual(gunzip(zipped), plain)

    def alternates(self, path):
        tags = elements(self.fetch(path)[1])
        return [urllib.parse.urljoin(BASE + '/', a.get('href', ''))
                for t, a in tags
                if t == 'link' and a.get('rel') == 'alternate'
                and a.get('type') == 'application/atom+xml']

    def test_pages_advertise_their_feeds(self):
        post = self.by_key['amp']
        home = self.alternates('/')
        self.assertIn(BASE + '/feeds/posts/default', home)
        self.assertIn(BASE + '/feeds/comments/default', home)
        label = self.alternates('/search/label/food')
        self.assertIn(BASE + '/feeds/posts/default', label)
        self.assertIn(BASE + '/feeds/posts/default/-/food', label)
        item = self.alternates(post.path)
        self.assertIn(BASE + '/feeds/posts/default', item)
        self.assertIn(f'{BASE}/feeds/{post.id}/comments/default', item)
        for href in home + item + label:
            with self.subTest(href=href):
                self.fetch_atom(urllib.parse.urlsplit(href).path)


class FeedsLive(FeedsBlog):

    def test_blog_time_zone_sets_the_offsets(self):
        self.fetch_atom('/feeds/posts/default')
        self.cli('blog', 'set', HOST, '--timezone', 'Asia/Tokyo')
        root, _ = self.fetch_atom('/feeds/posts/default/-/uk')
        published = root.find('a:entry', NS).findtext('a:published', namespaces=NS)
        self.assertRegex(published, r'^2022-01-08T09:00:00(\.\d+)?\+09:00$')
        self.assertEqual(parse_time(published), self.by_key['amp'].published)

    def test_orderby_updated_puts_the_last_written_first(self):
        # `updated` is when the post was last written, as on Blogger: a post added now with
        # an old date is last by published time and first by updated time.
        post_id, _ = self.add_post('Old date, new write', '<p>latewritemarker</p>',
                                   date='2020-01-01')
        atom_id = f'tag:blogger.com,1999:blog-{self.blog_id}.post-{post_id}'
        by_updated, _ = self.fetch_atom('/feeds/posts/default?orderby=updated')
        self.assertEqual(self.entry_ids(by_updated)[0], atom_id)
        by_published, _ = self.fetch_atom('/feeds/posts/default')
        self.assertEqual(self.entry_ids(by_published)[-1], atom_id)
        self.cli('post', 'rm', post_id)

    def test_post_add_shows_in_feeds_on_next_request(self):
        root, _ = self.fetch_atom('/feeds/posts/default')  # warms any cache
        total = int(root.findtext('os:totalResults', namespaces=NS))
        hdrs, _ = self.fetch('/feeds/posts/default')
        old_etag = hdrs['ETag']
        self.fetch('/feeds/posts/default?alt=rss')
        self.fetch('/feed.json')
        self.fetch('/feeds/posts/default/-/food')
        post_id, path = self.add_post('Brand new & fresh', '<p>freshmarker</p>',
                                      date='2022-02-01', labels='food')
        status, hdrs, body = self.server.get('/feeds/posts/default', host=HOST,
                                             headers={'If-None-Match': old_etag})
        self.assertEqual(status, 200)
        self.assertNotEqual(hdrs['ETag'], old_etag)
        atom_id = f'tag:blogger.com,1999:blog-{self.blog_id}.post-{post_id}'
        root, _ = self.fetch_atom('/feeds/posts/default')
        self.assertEqual(self.entry_ids(root)[0], atom_id)
        self.assertEqual(root.findtext('os:totalResults', namespaces=NS), str(total + 1))
        self.assertEqual(link_href(root.find('a:entry', NS), 'alternate'), BASE + path)
        label, _ = self.fetch_atom('/feeds/posts/default/-/food')
        self.assertEqual(self.entry_ids(label)[0], atom_id)
        self.assertIn(b'freshmarker', self.fetch('/feeds/posts/default?alt=rss')[1])
        self.assertIn(b'freshmarker', self.fetch('/feed.json')[1])
        self.fetch_atom(f'/feeds/posts/default/{post_id}')

    def test_post_rm_leaves_feeds_on_next_request(self):
        post_id, _ = self.add_post('Short-lived', '<p>shortlivedmarker</p>', date='2021-06-01')
        self.assertIn(b'shortlivedmarker', self.fetch('/feeds/posts/default')[1])
        self.cli('post', 'rm', post_id)
        self.assertNotIn(b'shortlivedmarker', self.fetch('/feeds/posts/default')[1])
        self.fetch(f'/feeds/posts/default/{post_id}', status=404)


if __name__ == '__main__':
    unittest.main()
