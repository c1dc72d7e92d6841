# Several blogs on one instance, chosen by the Host header; a single blog answers any host.
import unittest

from harness import IntegrationCase, visible_text


class TwoBlogs(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('a.test', 'Alpha Journal')
        cls.create_blog('b.test', 'Bravo Gazette')
        cls.post_a = cls.add_post('Alpha post', '<p>alphamarker</p>', blog='a.test',
                                  date='2022-01-03')
        cls.post_b = cls.add_post('Bravo post', '<p>bravomarker</p>', blog='b.test',
                                  date='2022-01-04')

    def home_text(self, host):
        return visible_text(self.get_ok('/', host=host))

    def test_host_a_sees_blog_a(self):
        text = self.home_text('a.test')
        self.assertIn('Alpha Journal', text)
        self.assertIn('alphamarker', text)
        self.assertNotIn('Bravo Gazette', text)
        self.assertNotIn('bravomarker', text)

    def test_host_b_sees_blog_b(self):
        text = self.home_text('b.test')
        self.assertIn('Bravo Gazette', text)
        self.assertIn('bravomarker', text)
        self.assertNotIn('alphamarker', text)

    def test_host_with_port_and_other_case(self):
        self.assertIn('alphamarker', self.home_text('a.test:8080'))
        self.assertIn('bravomarker', self.home_text('B.Test'))

    def test_post_only_on_its_own_blog(self):
        self.get_ok(self.post_a[1], host='a.test')
        status, _, _ = self.get(self.post_a[1], host='b.test')
        self.assertEqual(status, 404)

    def test_unknown_host_is_404(self):
        status, _, body = self.get('/', host='unknown.test')
        self.assertEqual(status, 404)
        self.assertIn(b'no blog is hosted at unknown.test', body)
        self.assertNotIn(b'alphamarker', body)
        self.assertNotIn(b'bravomarker', body)

    def test_healthz_answers_any_host(self):
        status, _, _ = self.get('/healthz', host='unknown.test')
        self.assertEqual(status, 200)


class SingleBlog(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('only.test', 'Only Blog')
        cls.add_post('Only post', '<p>onlymarker</p>', date='2022-01-03')

    def test_any_host_gets_the_blog(self):
        for host in ('only.test', 'elsewhere.example', '127.0.0.1:9', 'localhost'):
            with self.subTest(host=host):
                text = visible_text(self.get_ok('/', host=host))
                self.assertIn('Only Blog', text)
                self.assertIn('onlymarker', text)


if __name__ == '__main__':
    unittest.main()
