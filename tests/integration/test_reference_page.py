# The central test: the reference Blogger post ("otto's war room", seed file 000)
# served by samizdat shows the same text, in the same order, as the real Blogger page.
import os
import unittest

from harness import (IntegrationCase, assert_in_order, assert_valid_html5, html_paragraphs,
                     links, main_text, page_title, shared_dir, visible_text)

SEED = '000_8735d24b7a9f1718.txt'
TITLE = ('In Kazakhstan the working class has shown what it is capable of doing and what it '
         'will do')
BLOG_TITLE = "otto's war room"
BANNER_ALT = "otto's war room banner"
PERMALINK = '/2022/01/in-kazakhstan-working-class-has-shown.html'


def seed_body_paragraphs():
    """The paragraphs between the title line and "No comments:" in the seed text."""
    with open(os.path.join(shared_dir(), 'seed', SEED), encoding='utf-8') as f:
        lines = [line.strip() for line in f.read().splitlines()]
    start = lines.index(TITLE) + 1
    end = lines.index('No comments:')
    paragraphs = [line for line in lines[start:end] if line]
    assert paragraphs[0] == 'From the International Communist Party:', paragraphs[0]
    return paragraphs


class ReferencePage(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.paragraphs = seed_body_paragraphs()
        cls.create_blog('example.com', BLOG_TITLE,
                        '--banner', 'https://example.com/images/war-room-banner.png',
                        '--banner-alt', BANNER_ALT)
        cls.post_id, cls.path = cls.add_post(TITLE, html_paragraphs(cls.paragraphs),
                                             date='2022-01-15',
                                             labels='Kazakhstan, class struggle')

    def test_cli_printed_blogger_permalink(self):
        self.assertEqual(self.path, PERMALINK)

    def test_post_page_reads_like_the_blogger_page(self):
        body = self.get_ok(PERMALINK, host='example.com')
        text = visible_text(body)
        assert_in_order(text, [
            BANNER_ALT,
            'Saturday, January 15, 2022',
            TITLE,
            'From the International Communist Party:',
            self.paragraphs[-1],
            'No comments:',
            'Post a Comment',
        ])

    def test_post_page_shows_every_paragraph_in_order(self):
        body = self.get_ok(PERMALINK, host='example.com')
        assert_in_order(visible_text(body), self.paragraphs)

    def test_post_page_title_is_blog_colon_post(self):
        body = self.get_ok(PERMALINK, host='example.com')
        self.assertEqual(page_title(body), f'{BLOG_TITLE}: {TITLE}')

    def test_post_page_links_its_labels(self):
        body = self.get_ok(PERMALINK, host='example.com')
        hrefs = [href for href, _ in links(body)]
        self.assertIn('/search/label/Kazakhstan', hrefs)
        self.assertIn('/search/label/class%20struggle', hrefs)

    def test_post_page_has_the_blogger_page_parts(self):
        # DESIGN.md: the parts the text dump cut off, plus the sidebar.
        text = visible_text(self.get_ok(PERMALINK, host='example.com'))
        for piece in ('Post a Comment', 'Subscribe to: Post Comments (Atom)', 'Home',
                      'Blog Archive', 'Labels'):
            self.assertIn(piece, text)

    def test_post_page_is_valid_html5(self):
        assert_valid_html5(self.get_ok(PERMALINK, host='example.com'))

    def _assert_lists_post(self, path, *status_line):
        body = self.get_ok(path, host='example.com')
        text = main_text(body)
        assert_in_order(text, [*status_line, 'Saturday, January 15, 2022', TITLE,
                               'From the International Communist Party:'])
        self.assertIn(PERMALINK, [href for href, _ in links(body)])
        assert_valid_html5(body)

    def test_home_page_lists_post(self):
        self._assert_lists_post('/')

    def test_month_archive_lists_post(self):
        self._assert_lists_post('/2022/01/', 'Showing posts from January 2022')

    def test_year_archive_lists_post(self):
        self._assert_lists_post('/2022/', 'Showing posts from 2022')

    def test_label_page_lists_post(self):
        self._assert_lists_post('/search/label/Kazakhstan',
                                'Showing posts with label Kazakhstan. Show all posts')

    def test_label_with_space_lists_post(self):
        self._assert_lists_post('/search/label/class%20struggle',
                                'Showing posts with label class struggle. Show all posts')


if __name__ == '__main__':
    unittest.main()
