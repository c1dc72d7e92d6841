# alt=json (Blogger's GData JSON: text in "$t", ':' as '$', counts as strings) and
# alt=json-in-script (JSONP: `CALLBACK(JSON);`, callback checked as a JavaScript name).
import json
import re
import unittest
import urllib.parse

from harness import visible_text
from test_feeds_support import BASE, HOST, LABEL_SCHEME, FeedsBlog, parse_time

BAD_CALLBACKS = ['alert(1)//', '1abc', 'a..b', 'a.', '.a', 'a-b', 'a b', '</script>',
                 'a;b']


class GDataJson(FeedsBlog):

    def json_feed(self, path):
        hdrs, body = self.fetch(path)
        self.assertTrue(hdrs['Content-Type'].startswith('application/json'),
                        hdrs['Content-Type'])
        return json.loads(body.decode('utf-8'))

    def test_gdata_json_shape(self):
        doc = self.json_feed('/feeds/posts/default?alt=json')
        self.assertEqual(doc['version'], '1.0')
        self.assertEqual(doc['encoding'], 'UTF-8')
        feed = doc['feed']
        self.assertEqual(feed['id']['$t'], f'tag:blogger.com,1999:blog-{self.blog_id}')
        self.assertEqual(feed['title']['$t'], 'Feeds & <Friends> 😀')
        self.assertEqual(feed['openSearch$totalResults']['$t'], str(len(self.posts)))
        self.assertEqual(feed['openSearch$startIndex']['$t'], '1')
        self.assertEqual(feed['openSearch$itemsPerPage']['$t'], '25')
        entries = feed['entry']
        self.assertEqual([e['id']['$t'] for e in entries], [self.atom_id(p) for p in self.posts])
        for post, entry in zip(self.posts, entries):
            with self.subTest(post=post.key):
                self.assertEqual(entry['title']['$t'], post.title)
                self.assertEqual(parse_time(entry['published']['$t']), post.published)
                self.assertIn('$t', entry['updated'])
                alternate = [l for l in entry['link'] if l.get('rel') == 'alternate']
                self.assertEqual([l['href'] for l in alternate], [post.url])
                self.assertIn(f'{BASE}/feeds/{post.id}/comments/default',
                              [l['href'] for l in entry['link'] if l.get('rel') == 'replies'])
                self.assertEqual(sorted((c['scheme'], c['term']) for c in entry['category']),
                                 sorted((LABEL_SCHEME, l) for l in post.labels))
                self.assertEqual(entry['content']['type'], 'html')
                self.assertEqual(visible_text(entry['content']['$t']), post.text)
                self.assertEqual(entry['thr$total']['$t'], '0')

    def test_json_paging_and_labels(self):
        feed = self.json_feed('/feeds/posts/default/-/food?alt=json&max-results=1')['feed']
        self.assertEqual(feed['openSearch$totalResults']['$t'], '2')
        self.assertEqual([e['id']['$t'] for e in feed['entry']], self.ids_of(['amp']))
        nxt = [l['href'] for l in feed['link'] if l.get('rel') == 'next']
        self.assertEqual(len(nxt), 1)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt[0]).query)
        self.assertEqual(query.get('start-index'), ['2'])
        self.assertEqual(query.get('alt'), ['json'])

    def jsonp(self, path, callback):
        hdrs, body = self.fetch(path)
        self.assertTrue(hdrs['Content-Type'].startswith('text/javascript'),
                        hdrs['Content-Type'])
        text = body.decode('utf-8')
        m = re.fullmatch(re.escape(callback) + r'\((.*)\);\s*', text, re.DOTALL)
        self.assertIsNotNone(m, f'body is not {callback}(JSON);: {text[:200]!r}')
        return json.loads(m.group(1))

    def test_json_in_script_default_callback(self):
        plain = self.json_feed('/feeds/posts/default?alt=json')
        wrapped = self.jsonp('/feeds/posts/default?alt=json-in-script',
                             'gdata.io.handleScriptLoaded')
        self.assertEqual([e['id']['$t'] for e in wrapped['feed']['entry']],
                         [e['id']['$t'] for e in plain['feed']['entry']])
        self.assertEqual(wrapped['feed']['entry'][0]['title'], plain['feed']['entry'][0]['title'])

    def test_json_in_script_custom_callback(self):
        for callback in ('a.b_c$', 'showPosts', '$', '_x.y1.z'):
            with self.subTest(callback=callback):
                doc = self.jsonp('/feeds/posts/default/-/rtl?alt=json-in-script&callback=' +
                                 urllib.parse.quote(callback), callback)
                self.assertEqual([e['id']['$t'] for e in doc['feed']['entry']],
                                 self.ids_of(['rtl']))

    def test_bad_callback_is_400(self):
        for callback in BAD_CALLBACKS:
            with self.subTest(callback=callback[:20]):
                status, hdrs, body = self.server.get(
                    '/feeds/posts/default?alt=json-in-script&callback=' +
                    urllib.parse.quote(callback, safe=''), host=HOST)
                self.assertEqual(status, 400)
                self.assertTrue(hdrs['Content-Type'].startswith('text/plain'))
                self.assertIn('callback', body.decode('utf-8'))


if __name__ == '__main__':
    unittest.main()
