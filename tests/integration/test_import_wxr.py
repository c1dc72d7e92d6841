# Every real WordPress export imports, and an import says what happened: WordPress.com's
# https namespace, every status (password-protected posts listed), "Uncategorized" as a
# label, the old category, tag, author and attachment addresses as redirects, pages in
# `post list`; a file cut short says so; a dry run or a failed import leaves the data
# directory as it was, byte for byte.
import hashlib
import os
import shutil
import unittest

from harness import IntegrationCase, shared_dir, visible_text


FIXTURES = os.path.join(shared_dir(), 'fixtures')
WXR_JEKYLL = os.path.join(FIXTURES, 'wxr', 'jekyll-import-sitetitle.xml')
WXR_PELICAN = os.path.join(FIXTURES, 'wxr', 'pelican-wordpressexport.xml')
CLASSIC = os.path.join(FIXTURES, 'blogger-classic', 'pelican-bloggerexport.xml')
JEKYLL_HOST = 'jekyllbot.wordpress.com'


def https_copy(src, dst):
    """The export with WordPress.com's https namespace URIs (wp and excerpt)."""
    with open(src, encoding='utf-8') as f:
        text = f.read()
    assert 'http://wordpress.org/export/1.2/' in text
    with open(dst, 'w', encoding='utf-8') as f:
        f.write(text.replace('http://wordpress.org/export/', 'https://wordpress.org/export/'))
    return dst


def item(post_id, title, status, kind='post', password='', slug=None, extra='', year=2024):
    slug = slug or title.lower().replace(' ', '-')
    link = f'https://gen.test/{year}/05/0{post_id % 9 + 1}/{slug}/'
    return f'''
  <item>
    <title>{title}</title>
    <link>{link}</link>
    <dc:creator>writer</dc:creator>
    <guid isPermaLink="false">https://gen.test/?p={post_id}</guid>
    <content:encoded><![CDATA[<p>Body of {title}.</p>]]></content:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date_gmt>{year}-05-0{post_id % 9 + 1} 10:00:00</wp:post_date_gmt>
    <wp:post_name>{slug}</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_type>{kind}</wp:post_type>
    <wp:post_password>{password}</wp:post_password>{extra}
  </item>'''


def generated_wxr():
    """A WXR 1.2 file (https namespace) with every status, a page, a password, terms."""
    items = [
        item(1, 'Out in the open', 'publish', extra='''
    <category domain="category" nicename="uncategorized"><![CDATA[Uncategorized]]></category>
    <category domain="post_tag" nicename="deep-roots"><![CDATA[Deep roots]]></category>
    <wp:comment>
      <wp:comment_id>50</wp:comment_id>
      <wp:comment_author>Other blog</wp:comment_author>
      <wp:comment_author_url>https://other.test/x/</wp:comment_author_url>
      <wp:comment_date_gmt>2024-05-03 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[[&#8230;] linked here [&#8230;]]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_type>pingback</wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>'''),
        item(2, 'Just a draft', 'draft'),
        item(3, 'Waiting review', 'pending'),
        item(4, 'Never saved', 'auto-draft'),
        item(5, 'Kept private', 'private'),
        item(6, 'Coming later', 'future', year=2099),
        item(7, 'Behind a password', 'publish', password='open-sesame'),
        item(8, 'About us', 'publish', kind='page', slug='about'),
    ]
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="https://wordpress.org/export/1.2/">
<channel>
  <title>Generated</title>
  <link>https://gen.test</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_login>writer</wp:author_login><wp:author_display_name>The Writer</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>garden</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Garden]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>uncategorized</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Uncategorized]]></wp:cat_name></wp:category>
  <generator>https://wordpress.org/?v=6.5</generator>
{''.join(items)}
</channel>
</rss>
'''


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class WordPressComHttps(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0')

    @classmethod
    def prepare(cls):
        cls.jekyll_out = cls.cli('import', https_copy(WXR_JEKYLL,
                                                      os.path.join(cls.tmp, 'https.xml')))[1]
        cls.generated_out = cls.cli('import', cls.write_file('gen.xml', generated_wxr()))[1]

    def rows(self, *args):
        _, out, _ = self.cli('post', 'list', *args)
        return [line.split('\t') for line in out.splitlines() if line.strip()]

    def test_the_https_namespace_is_a_wordpress_export(self):
        self.assertIn(f'imported WordPress WXR into {JEKYLL_HOST} (new blog): '
                      '8 posts and pages (1 pages, 0 drafts)', self.jekyll_out)

    def test_statuses(self):
        statuses = {r[4]: r[1] for r in self.rows('--blog', 'gen.test')}
        self.assertEqual(statuses, {
            'Out in the open': 'published',
            'Just a draft': 'draft',
            'Waiting review': 'draft',
            'Never saved': 'draft',
            'Kept private': 'draft',
            'Coming later': 'scheduled',
            'Behind a password': 'draft',
            'About us': 'published',
        })
        self.assertIn('post 7 "Behind a password" is password-protected: imported as a draft',
                      self.generated_out)
        self.assertIn('8 posts and pages (1 pages, 5 drafts)', self.generated_out)

    def test_post_list_shows_pages_and_chooses_by_kind(self):
        everything = {r[4] for r in self.rows('--blog', 'gen.test')}
        pages = {r[4] for r in self.rows('--blog', 'gen.test', '--kind', 'page')}
        posts = {r[4] for r in self.rows('--blog', 'gen.test', '--kind', 'post')}
        self.assertEqual(pages, {'About us'})
        self.assertIn('About us', everything)
        self.assertEqual(posts, everything - pages)
        self.assertEqual([r[3] for r in self.rows('--blog', JEKYLL_HOST, '--kind', 'page')],
                         ['/p/about.html'])
        code, _, err = self.cli('post', 'list', '--blog', 'gen.test', '--kind', 'blog',
                                check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('--kind', err)

    def test_uncategorized_is_a_label(self):
        body = self.get_ok('/search/label/Uncategorized', host=JEKYLL_HOST)
        self.assertIn('The Art of Connection', visible_text(body))

    def test_old_term_author_and_attachment_addresses_redirect(self):
        # The query forms (/?cat=ID, /?tag=SLUG, /?attachment_id=ID) are stored as well
        # (tests/unit/service/import_test.cc); the site answers them with the web side's
        # WordPress routes.
        for old, to in [('/category/foo/', '/search/label/Foo'),
                        ('/tag/stars/', '/search/label/stars'),
                        ('/category/uncategorized/', '/search/label/Uncategorized'),
                        ('/author/jekyllbot/', '/')]:
            with self.subTest(old=old):
                status, headers, _ = self.get(old, host=JEKYLL_HOST)
                self.assertEqual(status, 301)
                self.assertEqual(headers['Location'], to)
                self.get_ok(to, host=JEKYLL_HOST)
        status, headers, _ = self.get('/2025/01/18/the-art-of-connection/placeholder-image/',
                                      host=JEKYLL_HOST)
        self.assertEqual(status, 301)
        self.assertEqual(headers['Location'], 'https://jekyllbot.wordpress.com/wp-content/'
                                              'uploads/2025/01/0565b-tt4_post_1.jpg')
        status, headers, _ = self.get('/tag/deep-roots/', host='gen.test')
        self.assertEqual(status, 301)
        self.assertEqual(headers['Location'], '/search/label/Deep%20roots')

    def test_pages_keep_their_wordpress_addresses(self):
        for old in ('/about/', '/?page_id=1'):
            with self.subTest(old=old):
                status, headers, _ = self.get(old, host=JEKYLL_HOST)
                self.assertEqual(status, 301)
                self.assertEqual(headers['Location'], '/p/about.html')


class ImportsThatChangeNothing(IntegrationCase):
    """A cut file says so; a dry run and a failed import leave no database behind, and an
    existing one byte for byte as it was."""

    SERVE = False

    def cut(self, src, name, lines):
        with open(src, encoding='utf-8') as f:
            kept = f.readlines()[:lines]
        return self.write_file(name, ''.join(kept))

    def fresh_data(self, name):
        data = os.path.join(self.tmp, name)
        self.assertFalse(os.path.exists(data))
        return data

    def test_a_wxr_cut_at_a_line_boundary_says_it_is_cut_short(self):
        path = self.cut(WXR_PELICAN, 'cut.xml', 300)
        data = self.fresh_data('cut-wxr')
        code, out, err = self.cli('import', path, data=data, check=False)
        self.assertEqual(code, 1, out)
        self.assertRegex(err, r'cut\.xml:301:1: the file ends before the document does: it was '
                              r'cut short \(it stops inside <[a-z:]+>, opened at \d+:\d+\)')
        self.assertNotIn('more after the end', err)
        self.assertFalse(os.path.exists(data), 'a failed import left a data directory')

    def test_a_blogger_export_cut_at_a_line_boundary_says_it_is_cut_short(self):
        path = self.cut(CLASSIC, 'cut.atom.xml', 100)
        data = self.fresh_data('cut-blogger')
        code, _, err = self.cli('import', path, data=data, check=False)
        self.assertEqual(code, 1)
        self.assertRegex(err, r'cut\.atom\.xml:101:1: the file ends before the document does: '
                              r'it was cut short')
        self.assertFalse(os.path.exists(data))

    def test_a_dry_run_leaves_no_database(self):
        data = self.fresh_data('dry')
        out = self.cli('import', WXR_JEKYLL, '--dry-run', data=data)[1]
        self.assertIn(f'would import WordPress WXR into {JEKYLL_HOST} (new blog)', out)
        self.assertFalse(os.path.exists(data), 'a dry run left a data directory')
        # Into an existing data directory without a database: the directory stays, empty.
        os.makedirs(data)
        self.cli('import', WXR_JEKYLL, '--dry-run', data=data)
        self.assertEqual(os.listdir(data), [])

    def test_a_dry_run_changes_an_existing_database_in_nothing(self):
        data = self.fresh_data('dry-existing')
        self.cli('blog', 'create', '--host', 'keep.test', '--title', 'Keep', data=data)
        db = os.path.join(data, 'samizdat.db')
        before = sha256(db)
        self.cli('import', WXR_JEKYLL, '--dry-run', data=data)
        self.assertEqual(sha256(db), before)
        self.assertEqual(sorted(os.listdir(data)), ['samizdat.db'])

    def conflicting_wxr(self):
        """Two items whose samizdat_path is the same path: the second read refuses the
        second one, after the new blog is in the import's transaction."""
        text = generated_wxr()
        meta = ('<wp:postmeta><wp:meta_key>samizdat_path</wp:meta_key>'
                '<wp:meta_value>/2024/05/same.html</wp:meta_value></wp:postmeta>')
        text = text.replace('<wp:post_password></wp:post_password>',
                            '<wp:post_password></wp:post_password>' + meta)
        return self.write_file('conflict.xml', text)

    def test_a_failed_import_leaves_an_existing_database_byte_for_byte(self):
        data = self.fresh_data('existing')
        self.cli('blog', 'create', '--host', 'keep.test', '--title', 'Keep', data=data)
        db = os.path.join(data, 'samizdat.db')
        before = sha256(db)
        for path in (self.cut(WXR_PELICAN, 'cut2.xml', 300), self.conflicting_wxr()):
            with self.subTest(path=path):
                code, out, err = self.cli('import', path, data=data, check=False)
                self.assertEqual(code, 1, out)
                self.assertEqual(sha256(db), before, err)
                self.assertEqual(sorted(os.listdir(data)), ['samizdat.db'])
        blogs = self.cli('blog', 'list', data=data)[1]
        self.assertNotIn('gen.test', blogs, 'the failed import left its new blog')

    def test_a_failed_import_into_a_new_data_directory_leaves_nothing(self):
        data = self.fresh_data('new-failed')
        code, _, err = self.cli('import', self.conflicting_wxr(), data=data, check=False)
        self.assertEqual(code, 1)
        self.assertIn('/2024/05/same.html', err)
        self.assertFalse(os.path.exists(data))


if __name__ == '__main__':
    unittest.main()
