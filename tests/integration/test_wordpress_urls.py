# A blog that moved from WordPress: every old address answers (301 to a 200 with the
# right title, or the feed it stood for), an unknown ?p= is 404, feed entry ids are the
# WordPress guids in Atom, RSS and JSON Feed, a page shows its comments and takes new
# ones, and a pingback is listed under "Links to this post", its text escaped once.
import json
import xml.etree.ElementTree as ET

from harness import (IntegrationCase, assert_valid_html5, page_title, post_comment,
                     visible_text)

HOST = 'moved.test'
OLD = 'http://old.example.com'
FILE_URL = OLD + '/wp-content/uploads/2020/01/photo.jpg'
ATOM = '{http://www.w3.org/2005/Atom}'
GUID_URL = OLD + '/?p=12'
GUID_OPAQUE = 'tag:old.example.com,2020:post-13'

WXR = f'''<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Moved Blog</title>
  <link>{OLD}</link>
  <description>Tides</description>
  <language>en</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>{OLD}</wp:base_site_url>
  <wp:base_blog_url>{OLD}</wp:base_blog_url>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mira]]></wp:author_login><wp:author_display_name><![CDATA[Mira]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>6</wp:term_id><wp:category_nicename><![CDATA[parent]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Parent]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>7</wp:term_id><wp:category_nicename><![CDATA[child]]></wp:category_nicename><wp:category_parent><![CDATA[parent]]></wp:category_parent><wp:cat_name><![CDATA[Child]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>8</wp:term_id><wp:tag_slug><![CDATA[low-tide]]></wp:tag_slug><wp:tag_name><![CDATA[Low Tide]]></wp:tag_name></wp:tag>
  <generator>https://wordpress.org/?v=6.4.2</generator>
  <item>
    <title><![CDATA[Hello Tides]]></title>
    <link>{OLD}/2020/01/05/hello/</link>
    <pubDate>Sun, 05 Jan 2020 10:00:00 +0000</pubDate>
    <dc:creator><![CDATA[mira]]></dc:creator>
    <guid isPermaLink="false">{GUID_URL}</guid>
    <description></description>
    <content:encoded><![CDATA[<p>The water rose past the third step.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_date><![CDATA[2020-01-05 10:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2020-01-05 10:00:00]]></wp:post_date_gmt>
    <wp:comment_status><![CDATA[open]]></wp:comment_status>
    <wp:ping_status><![CDATA[open]]></wp:ping_status>
    <wp:post_name><![CDATA[hello]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:post_password><![CDATA[]]></wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
    <category domain="category" nicename="child"><![CDATA[Child]]></category>
    <category domain="post_tag" nicename="low-tide"><![CDATA[Low Tide]]></category>
    <wp:comment>
      <wp:comment_id>31</wp:comment_id>
      <wp:comment_author><![CDATA[Jonah]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[jonah@example.com]]></wp:comment_author_email>
      <wp:comment_author_url>https://jonah.example/</wp:comment_author_url>
      <wp:comment_author_IP><![CDATA[127.0.0.1]]></wp:comment_author_IP>
      <wp:comment_date><![CDATA[2020-01-06 09:00:00]]></wp:comment_date>
      <wp:comment_date_gmt><![CDATA[2020-01-06 09:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[A reader's words on the tide.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>32</wp:comment_id>
      <wp:comment_author><![CDATA[Tides &amp; Boats]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[]]></wp:comment_author_email>
      <wp:comment_author_url>https://tides.example/2020/01/07/linked/</wp:comment_author_url>
      <wp:comment_author_IP><![CDATA[192.0.2.7]]></wp:comment_author_IP>
      <wp:comment_date><![CDATA[2020-01-07 09:00:00]]></wp:comment_date>
      <wp:comment_date_gmt><![CDATA[2020-01-07 09:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[[&#8230;] the spring tide came &amp; went [&#8230;]]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[pingback]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>
  </item>
  <item>
    <title><![CDATA[Second Tide]]></title>
    <link>{OLD}/2020/01/08/second/</link>
    <pubDate>Wed, 08 Jan 2020 10:00:00 +0000</pubDate>
    <dc:creator><![CDATA[mira]]></dc:creator>
    <guid isPermaLink="false">{GUID_OPAQUE}</guid>
    <description></description>
    <content:encoded><![CDATA[<p>Another tide.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>13</wp:post_id>
    <wp:post_date><![CDATA[2020-01-08 10:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2020-01-08 10:00:00]]></wp:post_date_gmt>
    <wp:comment_status><![CDATA[open]]></wp:comment_status>
    <wp:post_name><![CDATA[second]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
  </item>
  <item>
    <title><![CDATA[About Us]]></title>
    <link>{OLD}/about/</link>
    <pubDate>Thu, 02 Jan 2020 10:00:00 +0000</pubDate>
    <dc:creator><![CDATA[mira]]></dc:creator>
    <guid isPermaLink="false">{OLD}/?page_id=4</guid>
    <description></description>
    <content:encoded><![CDATA[<p>We watch the harbor.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>4</wp:post_id>
    <wp:post_date><![CDATA[2020-01-02 10:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2020-01-02 10:00:00]]></wp:post_date_gmt>
    <wp:comment_status><![CDATA[open]]></wp:comment_status>
    <wp:post_name><![CDATA[about]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type><![CDATA[page]]></wp:post_type>
    <wp:comment>
      <wp:comment_id>41</wp:comment_id>
      <wp:comment_author><![CDATA[Ola]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[ola@example.com]]></wp:comment_author_email>
      <wp:comment_author_url></wp:comment_author_url>
      <wp:comment_author_IP><![CDATA[127.0.0.1]]></wp:comment_author_IP>
      <wp:comment_date><![CDATA[2020-01-03 09:00:00]]></wp:comment_date>
      <wp:comment_date_gmt><![CDATA[2020-01-03 09:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[A comment on the about page.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>
  </item>
  <item>
    <title><![CDATA[photo]]></title>
    <link>{OLD}/2020/01/05/hello/photo/</link>
    <pubDate>Sun, 05 Jan 2020 09:00:00 +0000</pubDate>
    <dc:creator><![CDATA[mira]]></dc:creator>
    <guid isPermaLink="false">{FILE_URL}</guid>
    <description></description>
    <content:encoded><![CDATA[]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>9</wp:post_id>
    <wp:post_date><![CDATA[2020-01-05 09:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2020-01-05 09:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[photo]]></wp:post_name>
    <wp:status><![CDATA[inherit]]></wp:status>
    <wp:post_parent>12</wp:post_parent>
    <wp:post_type><![CDATA[attachment]]></wp:post_type>
    <wp:attachment_url><![CDATA[{FILE_URL}]]></wp:attachment_url>
  </item>
</channel>
</rss>
'''

RSS = 'application/rss+xml'
ATOM_TYPE = 'application/atom+xml'


class WordPressAddresses(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0')

    @classmethod
    def prepare(cls):
        path = cls.write_file('moved.wxr.xml', WXR)
        cls.cli('import', path, '--blog', HOST)
        rows = cls.post_list(HOST)  # posts and pages: (id, status, date, path, title)
        cls.paths = {title: path for _, _, _, path, title in rows}
        cls.ids = {title: post_id for post_id, _, _, _, title in rows}

    def moved(self, old):
        """The Location `old` answers 301 with."""
        status, headers, body = self.get(old, host=HOST)
        self.assertEqual(status, 301, f'GET {old}: {status} {body[:200]!r}')
        return headers['Location']

    def follow(self, old):
        """(location, body) of the 200 that `old` leads to in one hop."""
        location = self.moved(old)
        target = location.split('#')[0]
        self.assertTrue(target.startswith('/'), f'{old} -> {location}')
        status, headers, body = self.get(target, host=HOST)
        self.assertEqual(status, 200, f'{old} -> {location}: {status}')
        return location, headers, body

    def assert_leads_to_page(self, old, title):
        location, _, body = self.follow(old)
        self.assertEqual(page_title(body), title, f'{old} -> {location}')
        return location

    def test_old_permalinks_and_ids_lead_to_the_posts_and_pages(self):
        hello = self.paths['Hello Tides']
        for old in ('/2020/01/05/hello/', '/2020/01/05/hello', '/?p=12'):
            with self.subTest(old=old):
                self.assertEqual(self.assert_leads_to_page(old, 'Moved Blog: Hello Tides'), hello)
        for old in ('/about/', '/about', '/?page_id=4'):
            with self.subTest(old=old):
                self.assertEqual(self.assert_leads_to_page(old, 'Moved Blog: About Us'),
                                 self.paths['About Us'])

    def test_categories_tags_and_authors_lead_to_their_pages(self):
        for old, title in (('/category/news/', 'Moved Blog: News'),
                           ('/category/news', 'Moved Blog: News'),
                           ('/?cat=5', 'Moved Blog: News'),
                           ('/category/news/page/2/', 'Moved Blog: News'),
                           ('/category/parent/child/', 'Moved Blog: Child'),
                           ('/?cat=7', 'Moved Blog: Child'),
                           ('/tag/low-tide/', 'Moved Blog: Low Tide'),
                           ('/?tag=low-tide', 'Moved Blog: Low Tide'),
                           ('/author/mira/', 'Moved Blog')):
            with self.subTest(old=old):
                self.assert_leads_to_page(old, title)

    def test_attachment_pages_lead_to_the_file(self):
        for old in ('/2020/01/05/hello/photo/', '/?attachment_id=9'):
            with self.subTest(old=old):
                location = self.moved(old)
                if location.startswith('/media/'):  # the media import brought it home
                    self.assertEqual(self.get(location, host=HOST)[0], 200)
                else:
                    self.assertEqual(location, FILE_URL)

    def test_comment_pages_lead_to_the_posts_comments(self):
        location, _, body = self.follow('/2020/01/05/hello/comment-page-1/')
        self.assertEqual(location, self.paths['Hello Tides'] + '#comments')
        self.assertIn('id="comments"', body.decode())

    def test_a_posts_and_a_pages_feed_are_their_comments(self):
        for old, title, comment in (
                ('/2020/01/05/hello/feed/', 'Hello Tides', "A reader's words on the tide."),
                ('/about/feed/', 'About Us', 'A comment on the about page.')):
            with self.subTest(old=old):
                location, headers, body = self.follow(old)
                self.assertEqual(location,
                                 f'/feeds/{self.ids[title]}/comments/default?alt=rss')
                self.assertTrue(headers['Content-Type'].startswith(RSS))
                channel = ET.fromstring(body).find('channel')
                self.assertIn(title, channel.findtext('title'))
                self.assertIn(comment, [i.findtext('description') for i in channel.iter('item')])

    def test_label_feeds_lead_to_the_labels_feed(self):
        for old, location, titles in (
                ('/category/news/feed/', '/feeds/posts/default/-/News?alt=rss',
                 ['Second Tide', 'Hello Tides']),
                ('/tag/low-tide/feed/', '/feeds/posts/default/-/Low%20Tide?alt=rss',
                 ['Hello Tides']),
                ('/category/news/feed/atom/', '/feeds/posts/default/-/News', None)):
            with self.subTest(old=old):
                got, headers, body = self.follow(old)
                self.assertEqual(got, location)
                if titles is not None:
                    self.assertTrue(headers['Content-Type'].startswith(RSS))
                    items = ET.fromstring(body).find('channel').iter('item')
                    self.assertEqual([i.findtext('title') for i in items], titles)
                else:
                    self.assertTrue(headers['Content-Type'].startswith(ATOM_TYPE))

    def test_the_blogs_feeds_answer_at_wordpress_addresses(self):
        posts_rss = '/feeds/posts/default?alt=rss'
        comments_rss = '/feeds/comments/default?alt=rss'
        expected = {
            '/feed/': posts_rss, '/feed': posts_rss, '/feed/rss2/': posts_rss,
            '/feed/rss/': posts_rss, '/feed/rdf/': posts_rss, '/wp-rss2.php': posts_rss,
            '/wp-rss.php': posts_rss, '/wp-rdf.php': posts_rss, '/?feed=rss2': posts_rss,
            '/?feed=rss': posts_rss, '/?feed=rdf': posts_rss,
            '/feed/atom/': '/feeds/posts/default', '/wp-atom.php': '/feeds/posts/default',
            '/?feed=atom': '/feeds/posts/default',
            '/comments/feed/': comments_rss, '/wp-commentsrss2.php': comments_rss,
            '/?feed=comments-rss2': comments_rss,
            '/comments/feed/atom/': '/feeds/comments/default',
            '/?feed=comments-atom': '/feeds/comments/default',
        }
        for old, location in expected.items():
            with self.subTest(old=old):
                got, headers, body = self.follow(old)
                self.assertEqual(got, location)
                root = ET.fromstring(body)
                if location.endswith('alt=rss'):
                    self.assertTrue(headers['Content-Type'].startswith(RSS))
                    self.assertEqual(root.tag, 'rss')
                else:
                    self.assertTrue(headers['Content-Type'].startswith(ATOM_TYPE))
                    self.assertEqual(root.tag, ATOM + 'feed')

    def test_day_archives_and_searches(self):
        self.assertEqual(self.assert_leads_to_page('/2020/01/05/', 'Moved Blog: January 2020'),
                         '/2020/01/')
        self.assertEqual(self.moved('/?s=spring+tide'), '/search?q=spring%20tide')

    def test_an_unknown_id_is_404_not_the_home_page(self):
        for old in ('/?p=999', '/?page_id=999', '/?cat=999', '/?tag=nothing',
                    '/?attachment_id=999', '/?author=999', '/2020/01/05/nothing/feed/'):
            with self.subTest(old=old):
                status, _, body = self.get(old, host=HOST)
                self.assertEqual(status, 404)
                self.assertIn('Page not found', visible_text(body))
        # The home page itself, and with Blogger's own query, is still the home page.
        for path in ('/', '/?m=1'):
            body = self.get_ok(path, host=HOST)
            self.assertIn('Hello Tides', visible_text(body))
        # Its cached copy does not answer an old address: the order does not matter.
        self.assertEqual(self.get('/?p=999', host=HOST)[0], 404)

    def test_feed_ids_are_the_wordpress_guids(self):
        guids = {GUID_URL, GUID_OPAQUE}
        _, _, atom = self.get('/feeds/posts/default', host=HOST)
        ids = {e.findtext(ATOM + 'id') for e in ET.fromstring(atom).iter(ATOM + 'entry')}
        self.assertEqual(ids, guids)

        _, _, rss = self.get('/feeds/posts/default?alt=rss', host=HOST)
        items = {i.findtext('guid'): i.find('guid').get('isPermaLink')
                 for i in ET.fromstring(rss).iter('item')}
        # A URL is a permalink by default; an id that is no URL says it is not one.
        self.assertEqual(items, {GUID_URL: None, GUID_OPAQUE: 'false'})

        _, _, feed = self.get('/feed.json', host=HOST)
        self.assertEqual({item['id'] for item in json.loads(feed)['items']}, guids)

        # The post's own feed and a comment's in-reply-to use the same id.
        _, _, one = self.get(f'/feeds/posts/default/{self.ids["Hello Tides"]}', host=HOST)
        self.assertEqual(ET.fromstring(one).find(ATOM + 'entry').findtext(ATOM + 'id'), GUID_URL)

    def test_a_page_shows_its_comments_and_takes_new_ones(self):
        page = self.paths['About Us']
        raw = self.get_ok(page, host=HOST)
        assert_valid_html5(raw)
        body = raw.decode()
        self.assertIn('A comment on the about page.', body)
        self.assertIn('1 comment:', visible_text(body.encode()))
        self.assertIn('Post a Comment', body)
        status, headers, _ = post_comment(self.server, page, 'Hello from a reader of pages.',
                                          name='Pia', host=HOST)
        self.assertEqual(status, 303)
        self.assertTrue(headers['Location'].startswith(page + '?showComment='))
        body = self.get_ok(page, host=HOST).decode()
        self.assertIn('Hello from a reader of pages.', body)
        _, _, feed = self.get(f'/feeds/{self.ids["About Us"]}/comments/default', host=HOST)
        texts = [e.findtext(ATOM + 'content') for e in ET.fromstring(feed).iter(ATOM + 'entry')]
        self.assertIn('Hello from a reader of pages.', texts)

    def test_a_pingback_is_a_link_to_this_post_escaped_once(self):
        raw = self.get_ok(self.paths['Hello Tides'], host=HOST)
        assert_valid_html5(raw)
        html = raw.decode()
        comments, _, links = html.partition('Links to this post')
        self.assertTrue(links, 'no "Links to this post" section')
        self.assertIn('<a href="https://tides.example/2020/01/07/linked/" rel="nofollow ugc">'
                      'Tides &amp; Boats</a>', links)
        self.assertIn('the spring tide came &amp; went', links)
        self.assertNotIn('&amp;amp;', html)
        self.assertNotIn('&amp;#8230;', html)
        # Not among the comments, and not counted with them (Blogger counts no backlinks).
        self.assertNotIn('tides.example', comments)
        self.assertIn('1 comment:', visible_text(comments.encode()))
        self.assertIn("A reader's words on the tide.", comments)


if __name__ == '__main__':
    import unittest
    unittest.main()
