# A blog's Blogger theme from the command line and from an import: `theme set` makes the
# blog's pages render through it (cached like any page, a second GET a cache hit), `theme
# get` gives the XML back, `theme reset` brings the default theme back; a theme that
# does not compile is refused with FILE:LINE:COLUMN and changes nothing; a Blogger
# export's template entry becomes the imported blog's theme (one that does not compile
# is listed and the blog keeps the default theme); the export writes it back.
import html
import os
import re
import unittest

from harness import IntegrationCase, assert_valid_html5, shared_dir

HOST = 'themed.test'
IMPORTED_HOST = 'youngdoctornotes.blogspot.com'
TOKEN = 'metrics-token-0123456789'
FIXTURES = os.path.join(shared_dir(), 'fixtures')
CLASSIC = os.path.join(FIXTURES, 'blogger-classic', 'pelican-bloggerexport.xml')
HYDE = os.path.join(FIXTURES, 'blogger-templates', 'hyde.xml')
PLACEHOLDER = "[Over 2000 lines of mostly css that we don't need here.]"

# A small theme of the kind Blogger's Edit HTML holds: a skin variable, a section with a
# Blog widget looping over the posts.
TINY_THEME = """<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE html>
<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'
      xmlns:data='http://www.google.com/2005/gml/data'
      xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<title><data:blog.pageTitle/></title>
<b:skin><![CDATA[/*
<Variable name="tiny.ink" description="Ink" type="color" default="#123456" value="#123456"/>
*/
body { color: $(tiny.ink); }
]]></b:skin>
</head>
<body>
<h1 class='tiny-blog'><data:blog.title/></h1>
<b:section id='main' class='main' showaddelement='no'>
<b:widget id='Blog1' locked='true' title='Blog Posts' type='Blog' version='1'>
<b:includable id='main'>
<b:loop values='data:posts' var='post'>
<article class='tiny-post'><h2 class='tiny-title'><data:post.title/></h2>
<div class='tiny-body'><data:post.body/></div></article>
</b:loop>
</b:includable>
</b:widget>
</b:section>
</body>
</html>
"""

# Line 4, column 1 is where the unknown tag starts.
BROKEN_THEME = """<?xml version="1.0" encoding="UTF-8" ?>
<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'>
<body>
<b:nonsense/>
</body>
</html>
"""


def metric(text, name):
    m = re.search(rf'(?m)^{re.escape(name)} (\S+)$', text)
    return float(m.group(1)) if m else 0.0


class ThemeCommands(IntegrationCase):
    SERVER_ARGS = ('--metrics-token', TOKEN)

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Themed <Blog>')
        _, cls.post_path = cls.add_post('A post & more', '<p>The body of the post.</p>',
                                        date='2024-05-01')
        cls.tiny = cls.write_file('tiny.xml', TINY_THEME)
        cls.broken = cls.write_file('broken.xml', BROKEN_THEME)

    def hits(self):
        _, _, body = self.server.get('/metrics', headers={'Authorization': f'Bearer {TOKEN}'})
        return metric(body.decode(), 'samizdat_cache_hits_total')

    def page(self, path):
        body = self.get_ok(path, host=HOST).decode()
        assert_valid_html5(body.encode())
        return body

    def test_set_get_reset_round_trip_and_the_pages_follow(self):
        default_home = self.page('/')
        self.assertNotIn('tiny-post', default_home)

        code, out, err = self.cli('theme', 'set', '--blog', HOST, self.tiny)
        self.assertEqual((code, out), (0, f'blog {HOST} wears the theme of {self.tiny}\n'), err)
        self.assertEqual(self.cli('theme', 'get', '--blog', HOST)[1], TINY_THEME)

        home = self.page('/')
        self.assertIn("<h1 class='tiny-blog'>Themed &lt;Blog&gt;</h1>", home)
        self.assertIn('A post &amp; more', home)
        self.assertIn('<p>The body of the post.</p>', home)
        self.assertIn('color: #123456', home)
        for leftover in ('<b:', '<data:', 'expr:', '$(tiny'):
            self.assertNotIn(leftover, home)
        post = self.page(self.post_path)
        self.assertIn('tiny-post', post)

        # Cached like any page: the second GET is a hit and the same bytes.
        before = self.hits()
        again = self.page(self.post_path)
        self.assertEqual(again, post)
        self.assertGreaterEqual(self.hits() - before, 1)

        code, out, _ = self.cli('theme', 'reset', '--blog', HOST)
        self.assertEqual((code, out), (0, f'blog {HOST} wears the default theme\n'))
        self.assertEqual(self.page('/'), default_home)
        code, _, err = self.cli('theme', 'get', '--blog', HOST, check=False)
        self.assertEqual(code, 1)
        self.assertIn(f'blog {HOST} wears the default theme', err)
        # Reset twice: not an error.
        self.assertEqual(self.cli('theme', 'reset', '--blog', HOST)[0], 0)

    def test_a_theme_that_does_not_compile_is_refused_and_changes_nothing(self):
        self.cli('theme', 'set', '--blog', HOST, self.tiny)
        home = self.page('/')
        code, out, err = self.cli('theme', 'set', '--blog', HOST, self.broken, check=False)
        self.assertEqual((code, out), (1, ''))
        self.assertRegex(err, rf'^samizdat: error: {re.escape(self.broken)}:4:\d+: ')
        self.assertEqual(self.cli('theme', 'get', '--blog', HOST)[1], TINY_THEME)
        self.assertEqual(self.page('/'), home)
        code, _, err = self.cli('theme', 'set', '--blog', HOST, self.tmp + '/none.xml',
                                check=False)
        self.assertEqual(code, 1)
        self.assertIn('cannot read', err)
        self.cli('theme', 'reset', '--blog', HOST)


class ImportedTemplate(IntegrationCase):
    """The real classic export with one of the nine themes (Hyde) as its template entry."""

    @classmethod
    def prepare(cls):
        with open(CLASSIC, encoding='utf-8') as f:
            export = f.read()
        with open(HYDE, encoding='utf-8') as f:
            cls.hyde = f.read()
        assert PLACEHOLDER in export
        themed = cls.write_file('themed-export.xml',
                                export.replace(PLACEHOLDER, html.escape(cls.hyde, quote=False)))
        cls.out = cls.cli('import', themed)[1]
        # The unchanged file's template ("[Over 2000 lines…]") is no theme.
        cls.plain_out = cls.cli('import', CLASSIC, '--blog', 'plain.test')[1]

    def test_the_template_entry_becomes_the_blogs_theme_and_renders(self):
        self.assertIn(', and its Blogger theme', self.out)
        self.assertEqual(self.cli('theme', 'get', '--blog', IMPORTED_HOST)[1], self.hyde)
        # (Whether the nine themes' pages parse is the nine-theme fixture test's to say.)
        body = self.get_ok('/2010/11/the-steel-windpipe.html', host=IMPORTED_HOST).decode()
        self.assertIn('The Steel Windpipe', body)
        self.assertIn("id='Blog1'", body.replace('"', "'"))
        for leftover in ('<b:', '<data:', 'expr:'):
            self.assertNotIn(leftover, body)

    def test_a_template_that_does_not_compile_is_listed_and_the_blog_keeps_the_default(self):
        self.assertNotIn('Blogger theme', self.plain_out.split('\n')[0])
        self.assertRegex(self.plain_out, r"the blog's theme \(.*pelican-bloggerexport\.xml:24\), "
                                         r"which samizdat cannot use: template\.xml:\d+:\d+: ")
        code, _, err = self.cli('theme', 'get', '--blog', 'plain.test', check=False)
        self.assertEqual(code, 1)
        self.assertIn('wears the default theme', err)

    def test_the_export_writes_the_theme_back_as_the_template_entry(self):
        out = self.cli('export', '--format', 'blogger', '--blog', IMPORTED_HOST)[1]
        self.assertIn('kind#template', out)
        reimported = self.write_file('reexport.xml', out)
        self.cli('import', reimported, '--blog', 'again.test')
        self.assertEqual(self.cli('theme', 'get', '--blog', 'again.test')[1], self.hyde)


if __name__ == '__main__':
    unittest.main()
