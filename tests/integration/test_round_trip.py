# Leaving samizdat and coming back: `export --format blogger` and `--format wxr`, each
# imported into an empty data directory, give the same database rows: the blog (its id,
# which every feed entry id is made of, its time zone and settings), posts, pages,
# drafts, a scheduled post, labels, paths, redirects, comments in every status with their
# threads and kinds, feed ids. Only what cannot travel in a file is left out (IGNORED).
# A damaged extension value is refused where it is and creates nothing.
import os
import sqlite3
import unittest

from harness import IntegrationCase

HOST = 'trip.example.com'
BASE = 'https://' + HOST

# Columns that honestly cannot travel in an export file, and why.
IGNORED = {
    # Stamps of the last write and counters for the page cache: an import is a new write.
    'blogs': {'updated_ms', 'generation', 'comment_seq', 'comments_updated_ms'},
    # author_id: accounts are the instance's, not the blog's (an import's posts have none);
    # comment_seq: the page cache's stamp of the post's last comment write.
    'posts': {'author_id', 'comment_seq'},
    # ip_hash: a keyed hash under this instance's secret, meaningless elsewhere;
    # spam_score, trained: the spam filter's learning, which stays with the instance.
    'comments': {'ip_hash', 'spam_score', 'trained'},
    'post_labels': set(),
    'redirects': set(),
}

# A WordPress file with a post and a page carrying comments of every status, a reply
# thread and a pingback: imported into the blog, it gives it comments (the CLI makes
# none), redirects (/?p=…) and WordPress ids.
WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old trip</title><link>https://trip.example.com</link>
<wp:base_blog_url>https://trip.example.com</wp:base_blog_url>
<item><title>From WordPress</title><link>https://trip.example.com/2021/03/04/from-wp/</link>
<guid isPermaLink="false">https://trip.example.com/?p=12</guid><dc:creator>ana</dc:creator>
<content:encoded><![CDATA[<p>Came over.</p>]]></content:encoded>
<wp:post_id>12</wp:post_id><wp:post_date_gmt>2021-03-04 10:00:00</wp:post_date_gmt>
<wp:post_name>from-wp</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:comment_status>open</wp:comment_status>
<category domain="category" nicename="trips">Trips</category>
<category domain="post_tag" nicename="sea">sea</category>
{comments}
</item>
<item><title>About the trip</title><link>https://trip.example.com/about/</link>
<guid isPermaLink="false">https://trip.example.com/?page_id=20</guid>
<content:encoded><![CDATA[<p>A page.</p>]]></content:encoded>
<wp:post_id>20</wp:post_id><wp:post_date_gmt>2021-01-01 09:00:00</wp:post_date_gmt>
<wp:post_name>about</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
<wp:comment>
<wp:comment_id>40</wp:comment_id><wp:comment_author>Page reader</wp:comment_author>
<wp:comment_date_gmt>2021-01-02 09:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[On a page.]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
</wp:comment>
</item>
</channel></rss>
"""

COMMENTS = [  # id, approved, type, parent, author, text
    (31, '1', 'comment', 0, 'Bea', 'First!'),
    (32, '1', 'comment', 31, 'Cid', 'A reply to Bea.'),
    (33, '1', 'comment', 32, 'Bea', 'A reply to the reply.'),
    (34, '0', 'comment', 0, 'Dee', 'Waiting for approval.'),
    (35, 'spam', 'comment', 0, 'Eve', 'Cheap pills.'),
    (36, 'trash', 'comment', 31, 'Fay', 'Regretted words.'),
    (37, '1', 'pingback', 0, 'Other blog', 'Other blog linked here.'),
    (38, '1', 'trackback', 0, 'Third blog', 'Third blog tracked this.'),
]


def comment_xml(cid, approved, kind, parent, author, text):
    return f"""<wp:comment><wp:comment_id>{cid}</wp:comment_id>
<wp:comment_author>{author}</wp:comment_author>
<wp:comment_author_url>https://{author.lower().replace(' ', '')}.example/</wp:comment_author_url>
<wp:comment_date_gmt>2021-03-05 1{cid % 10}:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def rows(data, table):
    """Every row of `table` with the columns that travel, as sorted tuples, and the
    column names."""
    db = sqlite3.connect(os.path.join(data, 'samizdat.db'))
    try:
        columns = [c[1] for c in db.execute(f'PRAGMA table_info({table})')
                   if c[1] not in IGNORED[table]]
        got = db.execute(f'SELECT {", ".join(columns)} FROM {table}').fetchall()
    finally:
        db.close()
    return columns, sorted(got, key=repr)


class RoundTrip(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Trip notes', '--description', 'Notes & <more>',
                        '--timezone', 'Asia/Kolkata', '--posts-per-page', '5',
                        '--comment-moderation', 'older', '--moderation-days', '3',
                        '--comment-depth', '3', '--jump-text', 'Continue \u2192',
                        '--banner', BASE + '/media/lake.png', '--banner-alt', 'A lake')
        cls.add_post('Published', '<p>One</p><a name="more"></a><p>Two</p>',
                     date='2022-05-01 09:30', labels='travel,été')
        cls.add_post('In Markdown', 'Some *Markdown* text.\n', ext='.md', date='2022-06-01',
                     labels='travel')
        cls.add_post('Sanitized', '<p>Kept</p><script>alert(1)</script>', date='2022-06-15')
        cls.add_post('Closed', '<p>No more comments.</p>', '--comments', 'closed',
                     date='2022-07-01')
        cls.add_post('Hidden', '<p>Comments hidden.</p>', '--comments', 'hidden',
                     date='2022-07-02')
        cls.add_post('A draft', '<p>Later.</p>', labels='ideas', draft=True)
        cls.add_post('Scheduled', '<p>Soon.</p>', date='2099-01-01 08:00')
        cls.add_page('Contact', '<p>Write to me.</p>')
        wxr = cls.write_file('wordpress.xml', WXR.replace(
            '{comments}', '\n'.join(comment_xml(*c) for c in COMMENTS)))
        cls.cli('import', wxr, '--blog', HOST)
        # Settings the CLI does not offer (the admin's settings page does; an import from
        # WordPress or Blogger sets imported_from).
        db = sqlite3.connect(os.path.join(cls.data, 'samizdat.db'))
        with db:
            db.execute("UPDATE blogs SET locale = 'pt-BR', date_format = 'd MMM yyyy', "
                       "time_format = 'HH:mm', imported_from = 'https://old.example.org/'")
            # Unpublished (the admin's "Unpublish"): a draft that keeps its path.
            db.execute("UPDATE posts SET status = 'draft' WHERE title = 'Closed'")
        db.close()

    def exported(self, fmt):
        _, text, _ = self.cli('export', '--format', fmt, '--base-url', BASE)
        return self.write_file(f'export.{fmt}.xml', text)

    def test_the_original_has_what_the_round_trip_must_keep(self):
        db = sqlite3.connect(os.path.join(self.data, 'samizdat.db'))
        statuses = {r[0] for r in db.execute('SELECT DISTINCT status FROM comments')}
        kinds = {r[0] for r in db.execute('SELECT DISTINCT kind FROM comments')}
        feed_ids = {r[0] for r in db.execute("SELECT feed_id FROM posts WHERE feed_id <> ''")}
        replies = db.execute('SELECT count(*) FROM comments WHERE parent_id <> 0').fetchone()[0]
        db.close()
        self.assertEqual(statuses, {'published', 'pending', 'spam', 'deleted'})
        self.assertEqual(kinds, {'comment', 'pingback', 'trackback'})
        self.assertEqual(feed_ids, {BASE + '/?p=12', BASE + '/?page_id=20'})
        self.assertEqual(replies, 3)
        self.assertGreater(len(rows(self.data, 'redirects')[1]), 1)

    def test_each_format_gives_back_every_row(self):
        for fmt in ('blogger', 'wxr'):
            with self.subTest(format=fmt):
                path = self.exported(fmt)
                data = os.path.join(self.tmp, f'back-{fmt}')
                self.cli('import', path, data=data)  # an empty data directory
                for table in IGNORED:
                    with self.subTest(table=table):
                        columns, want = rows(self.data, table)
                        self.assertGreater(len(want), 0, table)
                        self.assertEqual(rows(data, table), (columns, want))

    def test_a_damaged_setting_is_refused_where_it_is_and_creates_nothing(self):
        for fmt in ('blogger', 'wxr'):
            with self.subTest(format=fmt):
                with open(self.exported(fmt), encoding='utf-8') as f:
                    text = f.read()
                good = '<samizdat:posts_per_page>5</samizdat:posts_per_page>'
                self.assertIn(good, text)
                bad = self.write_file(f'bad.{fmt}.xml', text.replace(
                    good, '<samizdat:posts_per_page>many</samizdat:posts_per_page>'))
                data = os.path.join(self.tmp, f'bad-{fmt}')
                code, out, err = self.cli('import', bad, data=data, check=False)
                self.assertNotEqual(code, 0, out)
                self.assertRegex(err, rf'bad\.{fmt}\.xml:\d+:\d+: .*posts_per_page.*many')
                self.assertEqual(self.cli('blog', 'list', data=data)[1], '')


if __name__ == '__main__':
    unittest.main()
