# Bad query values get a 400 naming the parameter and change nothing; the first start on an
# empty data directory creates a blog, a welcome post and an admin account printed once.
import re
import unittest
import urllib.parse

from harness import IntegrationCase, Server, main_text, visible_text

BAD = [
    ('/search?updated-max=2022-01-05T00:00:00Z&max-results=abc', 'max-results'),
    ('/search?updated-max=2022-01-05T00:00:00Z&max-results=0', 'max-results'),
    ('/search?updated-max=2022-01-05T00:00:00Z&max-results=501', 'max-results'),
    ('/search?updated-max=2022-01-05T00:00:00Z&max-results=-3', 'max-results'),
    ('/search?updated-max=garbage&max-results=2', 'updated-max'),
    ('/search?updated-max=2022-13-45T99:00:00Z&max-results=2', 'updated-max'),
    ('/search?q=' + 'a' * 1001, 'q'),
    ('/2022/01/?updated-max=2022-01-05T00:00:00Z&max-results=abc', 'max-results'),
    ('/search/label/bad?updated-max=garbage&max-results=2', 'updated-max'),
]


class BadQueries(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('bad.test', 'Bad input blog')
        cls.add_post('Target post', '<p>targetmarker</p>', date='2022-01-03', labels='bad')
        cls.add_post('Other post', '<p>othermarker</p>', date='2022-01-02', labels='bad')

    def snapshot(self):
        return self.cli('post', 'list')[1], self.cli('blog', 'list')[1]

    def test_bad_values_get_400_naming_the_parameter(self):
        before = self.snapshot()
        for path, param in BAD:
            with self.subTest(path=path[:80]):
                status, headers, body = self.get(path)
                self.assertEqual(status, 400)
                self.assertTrue((headers['Content-Type'] or '').startswith('text/plain'),
                                headers['Content-Type'])
                self.assertRegex(body.decode('utf-8'), rf'(^|[^\w-]){re.escape(param)}([^\w-]|$)')
        self.assertEqual(self.snapshot(), before)

    def test_boundary_values_are_accepted(self):
        for path in ('/search?updated-max=2022-01-05T00:00:00Z&max-results=1',
                     '/search?updated-max=2022-01-05T00:00:00Z&max-results=500',
                     '/search?updated-max=' + urllib.parse.quote('2022-01-05T09:00:00+09:00') +
                     '&max-results=2',
                     '/search?q=' + 'a' * 1000):
            with self.subTest(path=path[:80]):
                status, _, _ = self.get(path)
                self.assertEqual(status, 200)

    def test_updated_max_lists_older_posts(self):
        text = main_text(self.get_ok('/search?updated-max=2022-01-02T12:00:00Z&max-results=5'))
        self.assertIn('othermarker', text)
        self.assertNotIn('targetmarker', text)

    def test_blank_query_shows_home_page(self):
        home = main_text(self.get_ok('/'))
        text = main_text(self.get_ok('/search?q=%20%20'))
        self.assertIn('targetmarker', text)
        self.assertIn('othermarker', text)
        self.assertEqual(text, home)


class FirstStart(IntegrationCase):
    SERVE = False

    def test_first_start_creates_admin_blog_and_welcome_post(self):
        with Server(self.data) as server:
            status, _, body = server.get('/')
            self.assertEqual(status, 200)
            home = visible_text(body)
        out = server.stdout()
        m = re.search(r'admin account: admin@localhost password: (\S+)', out)
        self.assertIsNotNone(m, f'no admin password line on stdout: {out!r}')
        self.assertGreaterEqual(len(m.group(1)), 12)
        self.assertNotIn(m.group(1), server.stderr(), 'the password must not go to the log')

        _, blogs, _ = self.cli('blog', 'list')
        self.assertEqual([line.split('\t')[1:] for line in blogs.splitlines()],
                         [['localhost', 'samizdat']])
        self.assertIn('samizdat', home)
        posts = [r for r in self.post_list() if r[1] == 'published']
        self.assertEqual(len(posts), 1, 'one welcome post')
        self.assertIn(posts[0][4], home, 'the welcome post is on the home page')

        with Server(self.data) as again:
            self.assertEqual(again.get('/')[0], 200)
        self.assertNotIn('password', again.stdout())
        self.assertNotIn(m.group(1), again.stdout() + again.stderr())
        _, blogs_again, _ = self.cli('blog', 'list')
        self.assertEqual(blogs_again, blogs, 'a second start creates no second blog')
        self.assertEqual(len([r for r in self.post_list() if r[1] == 'published']), 1)


if __name__ == '__main__':
    unittest.main()
