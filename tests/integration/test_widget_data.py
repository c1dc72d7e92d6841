# The widgets' live data end to end: post page views counted (cached pages too, bots and
# HEADs not) and stored by the server for the PopularPosts widget; the contact form's
# messages sent, listed in the admin and deleted, and refused with nothing stored.
import os
import re
import sqlite3
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


if __name__ == '__main__':
    unittest.main()
