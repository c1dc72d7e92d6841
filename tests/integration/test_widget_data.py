# The widgets' live data end to end: post page views counted (cached pages too, bots and
# HEADs not) and stored by the server for the PopularPosts widget; the contact form's
# messages sent, listed in the admin and deleted, and refused with nothing stored.
import http.server
import os
import re
import sqlite3
import threading
import time
import unittest
import urllib.parse

from admin_client import AdminClient, hidden_field
from harness import IntegrationCase, Server, visible_text

BLOG = 'w.test'
PASSWORD = 'a long enough password 42'


def most_viewed(data):
    """[(title, views)] of the blog's posts, most viewed first, as the store keeps them."""
    db = sqlite3.connect(f'file:{os.path.join(data, "samizdat.db")}?mode=ro', uri=True)
    try:
        return db.execute('SELECT p.title, SUM(v.views) FROM post_views v '
                          'JOIN posts p ON p.id = v.post_id GROUP BY p.id '
                          'ORDER BY SUM(v.views) DESC, p.published_ms DESC').fetchall()
    finally:
        db.close()


class PageViews(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog(BLOG, 'Widget blog')
        cls.paths = {}
        for title, date in (('Alpha', '2022-01-01'), ('Beta', '2022-01-02'),
                            ('Gamma', '2022-01-03'), ('Delta', '2022-01-04')):
            cls.paths[title] = cls.add_post(title, f'<p>{title} body</p>', date=date)[1]
        cls.page_path = cls.add_page('About', '<p>about</p>')[1]

    def view(self, title, times, **headers):
        for _ in range(times):
            status, _, _ = self.get(self.paths[title], host=BLOG, headers=headers)
            self.assertEqual(status, 200)

    def ranked(self, titles):
        return [row for row in most_viewed(self.data) if row[0] in titles]

    def wait_for(self, expected):
        titles = {title for title, _ in expected}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.ranked(titles) != expected:
            time.sleep(0.25)
        self.assertEqual(self.ranked(titles), expected)

    def test_views_rank_the_posts_bots_and_heads_left_out(self):
        # The first GET of each renders the page, the next ones come from the cache.
        self.view('Alpha', 3)
        self.view('Gamma', 2)
        self.view('Beta', 1)
        self.view('Beta', 4, **{'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)'})
        self.view('Beta', 2, **{'User-Agent': 'Baiduspider+(+http://www.baidu.com)'})
        for _ in range(5):
            status, _, _ = self.get(self.paths['Beta'], host=BLOG, method='HEAD')
            self.assertEqual(status, 200)
        # Not post pages: a page, a missing post, a feed.
        self.get_ok(self.page_path, host=BLOG)
        self.assertEqual(self.get('/2022/01/nothing-here.html', host=BLOG)[0], 404)
        self.get_ok('/feeds/posts/default', host=BLOG)
        # Flushed by the server every few seconds.
        self.wait_for([('Alpha', 3), ('Gamma', 2), ('Beta', 1)])

    def test_views_counted_just_before_a_stop_are_kept(self):
        # Another server on the same data, stopped at once: its views reach the store as it
        # stops, not a flush later.
        with Server(self.data) as other:
            for _ in range(4):
                status, _, _ = other.get(self.paths['Delta'], host=BLOG)
                self.assertEqual(status, 200)
            other.stop_and_check()
            self.assertEqual(self.ranked({'Delta'}), [('Delta', 4)])


class ContactForm(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0')

    @classmethod
    def prepare(cls):
        cls.create_blog(BLOG, 'Widget blog')
        cls.cli('user', 'add', '--email', 'owner@w.test', '--name', 'Owner', '--role', 'admin',
                '--password-stdin', input_text=PASSWORD + '\n')

    def admin(self):
        client = AdminClient(self.server, host=BLOG)
        status, _, _ = client.sign_in('owner@w.test', PASSWORD)
        self.assertEqual(status, 303)
        return client

    def messages_page(self):
        status, _, body = self.admin().get('/admin/messages')
        self.assertEqual(status, 200)
        return body.decode()

    def token(self):
        return hidden_field(self.get_ok('/contact-form', host=BLOG), 'token')

    def send(self, content_type='application/x-www-form-urlencoded', **fields):
        form = {'token': self.token(), 'name': 'Reader', 'email': 'reader@example.com',
                'email-message': 'Hello!'}
        form.update(fields)
        return self.get('/contact-form', method='POST', host=BLOG,
                        body=urllib.parse.urlencode(form).encode(),
                        headers={'Content-Type': content_type})

    def stored(self):
        db = sqlite3.connect(f'file:{os.path.join(self.data, "samizdat.db")}?mode=ro', uri=True)
        try:
            return db.execute('SELECT id, name, email, body FROM contact_messages '
                              'ORDER BY id').fetchall()
        finally:
            db.close()

    def test_a_message_lands_in_the_admin_and_can_be_deleted(self):
        status, headers, body = self.send(name='Ann <b>', **{
            'email-message': 'Your <script>alert(1)</script> blog\nis nice'})
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(headers['Cache-Control'], 'no-store')
        self.assertIn('Your message was sent', visible_text(body))
        page = self.messages_page()
        self.assertIn('Ann &lt;b&gt;', page)
        self.assertIn('reader@example.com', page)
        self.assertIn('Your &lt;script&gt;alert(1)&lt;/script&gt; blog\nis nice', page)
        self.assertNotIn('<script>alert', page)
        ids = re.findall(r'action="/admin/messages/(\d+)/delete"', page)
        self.assertTrue(ids)
        client = self.admin()
        client.get('/admin/messages')
        status, headers, _ = client.post(f'/admin/messages/{ids[0]}/delete', {})
        self.assertEqual(status, 303)
        self.assertNotIn(f'/admin/messages/{ids[0]}/delete', self.messages_page())
        self.assertEqual(client.post(f'/admin/messages/{ids[0]}/delete', {})[0], 404)

    def test_refusals_say_why_and_store_nothing(self):
        before = self.stored()
        cases = [
            (dict(**{'email-message': '   '}), 400, 'Your message is empty'),
            (dict(email='not an address'), 400, 'email address'),
            (dict(email=''), 400, 'email address'),
            (dict(**{'email-message': 'x' * 5001}), 400, 'the limit is 5,000'),
            (dict(token=''), 403, 'reload the page'),
            (dict(token='1.2.forged'), 403, 'reload the page'),
            (dict(website='http://spam.example/'), 400, 'leave empty'),
        ]
        for fields, expected, phrase in cases:
            with self.subTest(fields={k: v[:20] for k, v in fields.items()}):
                status, _, body = self.send(**fields)
                self.assertEqual(status, expected, body[:300])
                self.assertIn(phrase, visible_text(body))
                # What the reader wrote comes back in the form, with a fresh token.
                self.assertTrue(hidden_field(body, 'token'))
        status, _, _ = self.send(content_type='text/plain')
        self.assertEqual(status, 415)
        self.assertEqual(self.stored(), before)

    def test_the_messages_page_is_the_owners(self):
        status, headers, _ = self.get('/admin/messages', host=BLOG)
        self.assertEqual(status, 303)
        self.assertIn('/admin/sign-in', headers['Location'])


THEME = """<?xml version='1.0' encoding='UTF-8' ?>
<!DOCTYPE html>
<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'
      xmlns:data='http://www.google.com/2005/gml/data'
      xmlns:expr='http://www.google.com/2005/gml/expr'>
<head><title><data:blog.pageTitle/></title></head>
<body>
<b:section id='side'>
<b:widget id='PopularPosts1' title='Popular' type='PopularPosts' version='2'>
  <b:widget-settings>
    <b:widget-setting name='numItemsToShow'>3</b:widget-setting>
    <b:widget-setting name='timeRange'>LAST_WEEK</b:widget-setting>
  </b:widget-settings>
  <b:includable id='main'><ol><b:loop values='data:posts' var='post'><li class='popular-post'><data:post.title/></li></b:loop></ol></b:includable>
</b:widget>
<b:widget id='BlogList1' title='Friends' type='BlogList' version='2'>
  <b:widget-settings>
    <b:widget-setting name='feeds'>FEED_URL
      MISSING_URL</b:widget-setting>
  </b:widget-settings>
  <b:includable id='main'><ul><b:loop values='data:items' var='item'><li class='blog-list-item'><a expr:href='data:item.itemUrl'><data:item.itemTitle/></a> from <data:item.blogTitle/></li></b:loop></ul></b:includable>
</b:widget>
<b:widget id='ContactForm1' title='Contact' type='ContactForm' version='2'>
  <b:includable id='main'><form method='post' expr:action='data:submitUrl'><input type='hidden' name='token' expr:value='data:contactFormToken'/></form></b:includable>
</b:widget>
</b:section>
</body>
</html>
"""

FEED = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom'>
  <title>Friend's blog</title>
  <link rel='alternate' type='text/html' href='http://friend.test/'/>
  <entry><title>TITLE</title><link rel='alternate' href='http://friend.test/ITEM.html'/>
    <updated>2026-01-02T10:00:00Z</updated><summary>What happened</summary></entry>
</feed>
"""


class FeedHandler(http.server.BaseHTTPRequestHandler):
    feed = FEED.replace('TITLE', 'First news').replace('ITEM', 'first')

    def do_GET(self):
        if self.path != '/feed':
            self.send_error(404)
            return
        body = FeedHandler.feed.encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/atom+xml')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ThemeWidgets(IntegrationCase):
    """The three widgets in a Blogger theme: what the pages show."""
    SERVER_ARGS = ('--comment-min-seconds', '0', '--blog-list-seconds', '1')
    # The harness sends every fetch to a dead proxy (harness._env); the followed feeds are
    # served here on the loopback, which the server is told to reach directly, as an
    # operator behind a proxy would say of a local host.
    ENV = {'no_proxy': '127.0.0.1', 'NO_PROXY': '127.0.0.1'}

    @classmethod
    def prepare(cls):
        cls.feeds = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FeedHandler)
        threading.Thread(target=cls.feeds.serve_forever, daemon=True).start()
        base = f'http://127.0.0.1:{cls.feeds.server_address[1]}'
        cls.create_blog(BLOG, 'Widget blog')
        cls.paths = {}
        for title, date in (('Alpha', '2022-01-01'), ('Beta', '2022-01-02'),
                            ('Gamma', '2022-01-03'), ('Delta', '2022-01-04')):
            cls.paths[title] = cls.add_post(title, f'<p>{title} body</p>', date=date)[1]
        theme = THEME.replace('FEED_URL', base + '/feed').replace('MISSING_URL', base + '/gone')
        cls.cli('theme', 'set', '--blog', BLOG, cls.write_file('widgets.xml', theme))

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.feeds.shutdown()
            cls.feeds.server_close()

    def page_items(self, css_class, path='/'):
        body = self.get_ok(path, host=BLOG)
        return [visible_text(e) for e in re.findall(
            rf"<li class=.{css_class}.>(.*?)</li>", body.decode(), re.S)]

    def wait_for_items(self, css_class, expected, path='/'):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.page_items(css_class, path) != expected:
            time.sleep(0.25)
        self.assertEqual(self.page_items(css_class, path), expected)

    def test_popular_posts_follow_the_views(self):
        for title, times in (('Gamma', 4), ('Alpha', 3), ('Delta', 1)):
            for _ in range(times):
                self.get_ok(self.paths[title], host=BLOG)
        self.get_ok(self.paths['Beta'], host=BLOG,
                    headers={'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0)'})
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(most_viewed(self.data)) < 3:
            time.sleep(0.25)
        # Views do not drop cached pages; any change of the blog shows the new list.
        self.cli('blog', 'set', BLOG, '--title', 'Widget blog, again')
        self.wait_for_items('popular-post', ['Gamma', 'Alpha', 'Delta'])

    def test_the_blog_list_shows_each_followed_blogs_newest_post_and_follows_it(self):
        self.wait_for_items('blog-list-item', ["First news from Friend's blog"])
        page = self.get_ok('/', host=BLOG).decode()
        # Attributes as Blogger writes them, single-quoted.
        self.assertIn("href='http://friend.test/first.html'", page)
        FeedHandler.feed = FEED.replace('TITLE', 'Second news').replace('ITEM', 'second')
        self.wait_for_items('blog-list-item', ["Second news from Friend's blog"])

    def test_the_contact_widget_posts_with_its_token(self):
        page = self.get_ok('/', host=BLOG)
        token = hidden_field(page, 'token')
        self.assertTrue(token)
        status, _, body = self.get('/contact-form', method='POST', host=BLOG,
                                   body=urllib.parse.urlencode({
                                       'token': token, 'name': 'Widget reader',
                                       'email': 'w@example.com',
                                       'email-message': 'Sent from the sidebar'}).encode(),
                                   headers={'Content-Type': 'application/x-www-form-urlencoded'})
        self.assertEqual(status, 200, body[:300])
        self.assertIn('Your message was sent', visible_text(body))


if __name__ == '__main__':
    unittest.main()
