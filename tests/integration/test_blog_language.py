# A blog's language and head on the default theme: `blog set --locale fr` turns the theme's
# texts and dates French (date headers, "Publié par", pager, comment counts, the archive's
# months, the status line) at once on cached pages; a bad tag is refused and changes
# nothing. Every page's head carries the title, description, canonical URL, feed links,
# Open Graph and Twitter tags, and a post page a JSON-LD BlogPosting that parses; share
# buttons carry the post's own absolute URL.
import json
import re
import unittest
import urllib.parse

from harness import IntegrationCase, assert_valid_html5, elements, visible_text

HOST = 'langue.test'
BODY = ('<p>La mer est montée jusqu’à la troisième marche avant midi.</p>\n'
        '<p><img src="/media/maree.jpg" alt="Marée"></p>\n')


def meta(body):
    """{name or property: content} of the page's <meta> tags."""
    out = {}
    for tag, attrs in elements(body):
        if tag == 'meta' and 'content' in attrs:
            out[attrs.get('property') or attrs.get('name')] = attrs['content']
    return out


def link_hrefs(body, rel):
    return [a['href'] for t, a in elements(body) if t == 'link' and a.get('rel') == rel]


class BlogLanguage(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Marées', '--description', 'Notes du quai',
                        '--timezone', 'Europe/Paris')
        cls.post_id, cls.path = cls.add_post('Grande marée </script>', BODY, labels='mer',
                                             date='2022-01-15T15:18:00Z')

    def page(self, path):
        body = self.get_ok(path, host=HOST)
        assert_valid_html5(body)
        return body

    def test_french_texts_and_dates(self):
        english = visible_text(self.page('/'))
        self.assertIn('Saturday, January 15, 2022', english)
        self.assertIn('Posted by', english)

        self.cli('blog', 'set', HOST, '--locale', 'fr')
        home = self.page('/')
        self.assertIn('<html lang="fr" dir="ltr">', home.decode())
        text = visible_text(home)
        self.assertIn('samedi 15 janvier 2022', text)   # the date header, French order
        self.assertIn('Publié par', text)
        self.assertIn('16:18', text)                     # the post's time, 24-hour
        self.assertIn('Aucun commentaire', text)
        self.assertIn('Rechercher dans ce blog', text)
        self.assertIn('Archives du blog', text)
        self.assertIn('janvier', text)                   # the archive's month
        self.assertNotIn('Posted by', text)
        self.assertNotIn('Saturday', text)

        item = visible_text(self.page(self.path))
        self.assertIn('Enregistrer un commentaire', item)
        self.assertIn('Partager sur Twitter', item)

        label = visible_text(self.page('/search/label/mer'))
        self.assertIn('Affichage des articles dont le libellé est mer', label)
        archive = visible_text(self.page('/2022/01/'))
        self.assertIn('Affichage des articles de janvier 2022', archive)

        # A tag that is not one is refused and changes nothing.
        code, _, err = self.cli('blog', 'set', HOST, '--locale', 'fr_FR!', check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('language tag', err)
        self.assertIn('Publié par', visible_text(self.page('/')))
        self.cli('blog', 'set', HOST, '--locale', 'en')
        self.assertIn('Posted by', visible_text(self.page('/')))

    def test_head_of_a_post_page(self):
        body = self.page(self.path)
        base = f'http://{HOST}'
        html = body.decode()
        self.assertIn('<title>Marées: Grande marée &lt;/script&gt;</title>', html)
        self.assertEqual(link_hrefs(body, 'canonical'), [base + self.path])
        tags = meta(body)
        self.assertEqual(tags['description'],
                         'La mer est montée jusqu’à la troisième marche avant midi.')
        self.assertEqual(tags['og:title'], 'Grande marée </script>')
        self.assertEqual(tags['og:type'], 'article')
        self.assertEqual(tags['og:site_name'], 'Marées')
        self.assertEqual(tags['og:url'], base + self.path)
        self.assertEqual(tags['og:image'], base + '/media/maree.jpg')
        self.assertEqual(tags['twitter:card'], 'summary_large_image')
        feeds = [a['href'] for t, a in elements(body)
                 if t == 'link' and a.get('rel') == 'alternate']
        self.assertIn(base + '/feeds/posts/default', feeds)
        self.assertIn(base + '/feeds/posts/default?alt=rss', feeds)
        self.assertIn(f'{base}/feeds/{self.post_id}/comments/default', feeds)

        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        self.assertEqual(len(scripts), 1)
        self.assertEqual(html.count('<script'), 1)
        data = json.loads(scripts[0])
        self.assertEqual(data['@type'], 'BlogPosting')
        self.assertEqual(data['headline'], 'Grande marée </script>')
        self.assertTrue(data['datePublished'].startswith('2022-01-15T16:18:00'))
        self.assertEqual(data['mainEntityOfPage']['@id'], base + self.path)

        # Share buttons: real endpoints with the post's absolute URL.
        shares = {a['class']: a['href'] for t, a in elements(body)
                  if t == 'a' and 'share-button' in a.get('class', '')}
        quoted = urllib.parse.quote(base + self.path, safe='')
        self.assertEqual(shares['share-button sb-facebook'],
                         'https://www.facebook.com/sharer/sharer.php?u=' + quoted)
        self.assertTrue(shares['share-button sb-twitter'].startswith(
            'https://twitter.com/intent/tweet?url=' + quoted + '&text='))
        self.assertTrue(shares['share-button sb-email'].startswith('mailto:?subject='))
        self.assertIn('&media=' + urllib.parse.quote(base + '/media/maree.jpg', safe=''),
                      shares['share-button sb-pinterest'])

    def test_head_of_the_home_page(self):
        body = self.page('/')
        tags = meta(body)
        self.assertEqual(tags['description'], 'Notes du quai')
        self.assertEqual(tags['og:type'], 'website')
        self.assertEqual(tags['twitter:card'], 'summary')
        self.assertNotIn('ld+json', body.decode())
        self.assertEqual(link_hrefs(body, 'canonical'), [f'http://{HOST}/'])


if __name__ == '__main__':
    unittest.main()
