# /sitemap.xml and /robots.txt: every published post and page, nothing else, with
# absolute URLs on the host asked for; Blogger's robots.txt pointing at the sitemap.
import unittest
import xml.etree.ElementTree as ET

from harness import IntegrationCase

NS = {'s': 'http://www.sitemaps.org/schemas/sitemap/0.9'}
HOST = 'maps.test'


class Sitemap(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Sitemap blog')
        _, cls.first = cls.add_post('First & foremost', '<p>one</p>', date='2021-03-04')
        _, cls.second = cls.add_post('Second', '<p>two</p>', date='2022-05-06')
        _, cls.page = cls.add_page('About', '<p>about</p>')
        cls.add_post('Unfinished', '<p>draft</p>', '--draft')
        cls.add_post('Later', '<p>future</p>', date='2099-01-01')

    def locs(self):
        status, headers, body = self.get('/sitemap.xml', host=HOST)
        self.assertEqual(status, 200)
        self.assertTrue(headers['Content-Type'].startswith('application/xml'))
        root = ET.fromstring(body)
        self.assertEqual(root.tag, '{%s}urlset' % NS['s'])
        entries = root.findall('s:url', NS)
        for url in entries:
            lastmod = url.find('s:lastmod', NS).text
            self.assertRegex(lastmod, r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$')
        return [url.find('s:loc', NS).text for url in entries]

    def test_lists_published_posts_and_pages_only(self):
        locs = self.locs()
        base = f'http://{HOST}'
        self.assertCountEqual(locs, [base + self.second, base + self.first, base + self.page])

    def test_a_new_post_is_in_the_sitemap_on_the_next_request(self):
        self.locs()  # warms the cache
        _, path = self.add_post('Third', '<p>three</p>', date='2022-07-08')
        self.assertIn(f'http://{HOST}{path}', self.locs())
        self.cli('post', 'rm', path)
        self.assertNotIn(f'http://{HOST}{path}', self.locs())

    def test_robots_txt_keeps_crawlers_out_of_search_and_names_the_sitemap(self):
        status, headers, body = self.get('/robots.txt', host=HOST)
        self.assertEqual(status, 200)
        self.assertTrue(headers['Content-Type'].startswith('text/plain'))
        lines = body.decode().splitlines()
        self.assertIn('User-agent: *', lines)
        self.assertIn('Disallow: /search', lines)
        self.assertIn(f'Sitemap: http://{HOST}/sitemap.xml', lines)


if __name__ == '__main__':
    unittest.main()
