# Every kind of public page is valid HTML5, fit for a phone (viewport), has landmarks for
# screen readers, and runs no script.
import unittest
import urllib.parse

from harness import IntegrationCase, assert_valid_html5, elements


class PageStructure(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('html.test', 'Markup blog', '--description', 'Checking markup & more')
        cls.post = cls.add_post('Markup <post> & "quotes"',
                                '<p>Para one &amp; <em>emphasis</em>.</p><ul><li>item</li></ul>'
                                '<p><img src="/x.png" alt="pic"> <a href="https://example.org/">'
                                'link</a></p>',
                                date='2022-01-02', labels='markup, two words')
        cls.add_post('Markdown sibling', '# Heading\n\nSome *text* and a [link](https://a.b/).\n',
                     ext='.md', date='2022-01-03', labels='markup')
        cls.page = cls.add_page('Colophon', '<p>Made by hand.</p>')

    def pages(self):
        return [
            ('home', '/', 200),
            ('item', self.post[1], 200),
            ('static page', self.page[1], 200),
            ('label', '/search/label/markup', 200),
            ('label with space', '/search/label/two%20words', 200),
            ('month archive', '/2022/01/', 200),
            ('year archive', '/2022/', 200),
            ('search', '/search?q=' + urllib.parse.quote('emphasis'), 200),
            ('search with no hits', '/search?q=nothingmatcheszz', 200),
            ('older page', '/search?updated-max=2022-01-03T00:00:00Z&max-results=1', 200),
            ('404', '/no/such/page', 404),
        ]

    def test_pages(self):
        for name, path, expected in self.pages():
            with self.subTest(page=name):
                status, headers, body = self.get(path)
                self.assertEqual(status, expected)
                self.assertTrue((headers['Content-Type'] or '').startswith('text/html'))
                self.assertTrue('charset=utf-8' in (headers['Content-Type'] or '').lower() or
                                any(t == 'meta' and (a.get('charset') or '').lower() == 'utf-8'
                                    for t, a in elements(body)), 'no UTF-8 charset')
                assert_valid_html5(body)
                self.assertTrue(body.lstrip().lower().startswith(b'<!doctype html>'))
                els = elements(body)
                tags = [t for t, _ in els]
                roles = {a.get('role') for _, a in els}
                self.assertTrue(any(t == 'meta' and a.get('name') == 'viewport'
                                    for t, a in els), 'no <meta name="viewport">')
                self.assertTrue('header' in tags or 'banner' in roles, 'no header landmark')
                self.assertTrue('main' in tags or 'main' in roles, 'no main landmark')
                self.assertTrue('aside' in tags or 'complementary' in roles,
                                'no complementary landmark')
                # No script runs: the one allowed is the head's JSON-LD data block.
                self.assertEqual([a.get('type') for t, a in els if t == 'script'],
                                 ['application/ld+json'] if name == 'item' else [])


if __name__ == '__main__':
    unittest.main()
