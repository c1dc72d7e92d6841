# A move that loses nothing, checked on the real exports in ../shared/fixtures: every
# address an item of the file had on the old blog (its permalink, its guid, its
# attachment page) answers here with 200, or with 301 to a page that answers 200 and
# shows the item's title; the feeds give every post the entry id its old feeds gave it.
import json
import os
import re
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from harness import IntegrationCase, page_title, shared_dir, visible_text

FIXTURES = os.path.join(shared_dir(), 'fixtures')
WXR_FILES = [os.path.join(FIXTURES, 'wxr', name)
             for name in ('pelican-wordpressexport.xml', 'jekyll-import-sitetitle.xml')]
ATOM = '{http://www.w3.org/2005/Atom}'


def wxr_items(path):
    """The site's address, and the type, status, id, title, link, guid and attachment file of
    every item of a WXR file."""
    text = open(path, encoding='utf-8').read()
    wp = '{' + re.search(r'xmlns:wp="([^"]+)"', text).group(1) + '}'
    channel = ET.fromstring(text.encode()).find('channel')
    items = []
    for item in channel.iter('item'):
        items.append({
            'type': item.findtext(wp + 'post_type'),
            'status': item.findtext(wp + 'status'),
            'id': item.findtext(wp + 'post_id'),
            'title': (item.findtext('title') or '').strip(),
            'link': (item.findtext('link') or '').strip(),
            'guid': (item.findtext('guid') or '').strip(),
            'file': (item.findtext(wp + 'attachment_url') or '').strip(),
            'terms': [(c.get('domain'), c.get('nicename'), (c.text or '').strip())
                      for c in item.findall('category')],
        })
    return channel.findtext('link').strip(), items


def local_target(url):
    """The path and query of an absolute URL, as a request target."""
    parts = urllib.parse.urlsplit(url)
    return (parts.path or '/') + ('?' + parts.query if parts.query else '')


class EveryOldAddressAnswers(IntegrationCase):
    """Both WordPress fixtures, imported into one instance (one blog each)."""

    @classmethod
    def prepare(cls):
        cls.sites = {}
        for path in WXR_FILES:
            cls.cli('import', '--no-media', path)
            site, items = wxr_items(path)
            cls.sites[urllib.parse.urlsplit(site).hostname] = items

    def follow(self, host, target, hops=3):
        """(status, body, [targets]) after following this blog's own 301s."""
        seen = [target]
        for _ in range(hops):
            status, headers, body = self.get(target, host=host)
            if status != 301:
                return status, body, seen
            location = headers['Location']
            parts = urllib.parse.urlsplit(location)
            if parts.netloc and parts.hostname != host:
                return 301, location.encode(), seen + [location]
            target = local_target(location)
            seen.append(target)
        self.fail(f'{seen}: more than {hops} redirects')

    def published(self, host):
        """The published posts and pages whose link no other item of the file shares (the
        pelican file gives two items the same ?p= link; only one can have it)."""
        items = self.sites[host]
        links = [i['link'] for i in items]
        return [i for i in items
                if i['type'] in ('post', 'page') and i['status'] == 'publish'
                and links.count(i['link']) == 1]

    def test_every_permalink_leads_to_its_post_with_its_title(self):
        for host in self.sites:
            for item in self.published(host):
                with self.subTest(host=host, link=item['link']):
                    status, body, seen = self.follow(host, local_target(item['link']))
                    self.assertEqual(status, 200, seen)
                    if item['title']:
                        self.assertIn(item['title'], page_title(body), seen)

    def test_permalinks_answer_without_their_trailing_slash_too(self):
        host = 'jekyllbot.wordpress.com'
        for item in self.published(host):
            target = local_target(item['link'])
            if not target.endswith('/'):
                continue
            with self.subTest(link=item['link']):
                status, body, seen = self.follow(host, target.rstrip('/'))
                self.assertEqual(status, 200, seen)
                self.assertIn(item['title'], page_title(body), seen)

    def test_guid_addresses_lead_to_their_post(self):
        for host in self.sites:
            guids = [i['guid'] for i in self.sites[host]]
            for item in self.published(host):
                guid = urllib.parse.urlsplit(item['guid'])
                if guid.hostname != host or guids.count(item['guid']) != 1:
                    continue
                with self.subTest(guid=item['guid']):
                    status, body, seen = self.follow(host, local_target(item['guid']))
                    self.assertEqual(status, 200, seen)
                    if item['title']:
                        self.assertIn(item['title'], page_title(body), seen)

    def test_attachment_pages_lead_to_their_file(self):
        host = 'jekyllbot.wordpress.com'
        for item in self.sites[host]:
            if item['type'] != 'attachment' or urllib.parse.urlsplit(
                    item['link']).hostname != host:
                continue
            with self.subTest(link=item['link']):
                status, headers, _ = self.get(local_target(item['link']), host=host)
                self.assertEqual(status, 301)
                # Not downloaded (--no-media): the file where the old blog kept it.
                self.assertEqual(headers['Location'], item['file'])

    def test_attachment_ids_lead_to_their_file(self):
        host = 'jekyllbot.wordpress.com'
        for item in self.sites[host]:
            if item['type'] != 'attachment':
                continue
            with self.subTest(id=item['id']):
                status, headers, _ = self.get(f'/?attachment_id={item["id"]}', host=host)
                self.assertEqual(status, 301)
                self.assertEqual(headers['Location'], item['file'])

    def test_category_and_tag_pages_lead_to_their_label(self):
        base = {'category': '/category/', 'post_tag': '/tag/'}
        for host in self.sites:
            terms = {(d, n, name) for i in self.published(host) for d, n, name in i['terms']
                     if d in base and n and ' ' not in n}
            self.assertTrue(terms, host)
            for domain, nicename, name in terms:
                with self.subTest(host=host, term=nicename):
                    status, body, seen = self.follow(host, f'{base[domain]}{nicename}/')
                    self.assertEqual(status, 200, seen)
                    self.assertTrue(seen[-1].startswith('/search/label/'), seen)
                    self.assertIn(name, visible_text(body), seen)

    def test_feed_entry_ids_are_the_old_guids(self):
        for host in self.sites:
            expected = {i['guid'] for i in self.published(host) if i['type'] == 'post'}
            _, _, atom = self.get('/feeds/posts/default?max-results=100', host=host)
            atom_ids = {e.findtext(ATOM + 'id') for e in ET.fromstring(atom).iter(ATOM + 'entry')}
            _, _, rss = self.get('/feeds/posts/default?alt=rss&max-results=100', host=host)
            rss_ids = {i.findtext('guid') for i in ET.fromstring(rss).iter('item')}
            _, _, feed = self.get('/feed.json', host=host)
            json_ids = {i['id'] for i in json.loads(feed)['items']}
            with self.subTest(host=host):
                self.assertTrue(expected)
                self.assertLessEqual(expected, atom_ids)
                self.assertLessEqual(expected, rss_ids)
                self.assertLessEqual(expected, json_ids)

    def test_unknown_post_id_is_not_found(self):
        status, _, body = self.get('/?p=999999', host='jekyllbot.wordpress.com')
        self.assertEqual(status, 404)
        self.assertNotIn('The Art of Connection', visible_text(body))


if __name__ == '__main__':
    unittest.main()
