# The CLI writing while the server runs: the next request shows the change, even when the
# page was cached just before (no waiting).
import unittest

from harness import IntegrationCase, visible_text


class LiveChanges(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('live.test', 'Live blog before')
        cls.add_post('Standing post', '<p>standingmarker</p>', date='2022-01-01')

    def test_post_add_shows_on_next_request(self):
        self.assertNotIn('freshmarker', visible_text(self.get_ok('/')))  # warms the cache
        self.get_ok('/')
        self.add_post('Fresh post', '<p>freshmarker</p>', date='2022-06-01')
        text = visible_text(self.get_ok('/'))
        self.assertIn('freshmarker', text)
        self.assertIn('Fresh post', text)
        self.assertIn('freshmarker', visible_text(self.get_ok('/2022/06/')))

    def test_post_rm_gives_404_on_next_request(self):
        post_id, path = self.add_post('Short-lived post', '<p>shortlivedmarker</p>',
                                      date='2022-05-01')
        self.get_ok(path)
        self.get_ok(path)
        self.assertIn('shortlivedmarker', visible_text(self.get_ok('/')))
        self.cli('post', 'rm', path)
        status, _, _ = self.get(path)
        self.assertEqual(status, 404)
        self.assertNotIn('shortlivedmarker', visible_text(self.get_ok('/')))

    def test_blog_set_title_shows_on_next_request(self):
        self.get_ok('/')
        self.cli('blog', 'set', 'live.test', '--title', 'Live blog after')
        text = visible_text(self.get_ok('/'))
        self.assertIn('Live blog after', text)
        self.assertNotIn('Live blog before', text)


if __name__ == '__main__':
    unittest.main()
