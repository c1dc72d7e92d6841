# Blogger's URL scheme as samizdat serves it: home paging, date headers, pages, archives,
# legacy archive redirects, ?m=1, search, drafts, slug clashes, Markdown, sanitizing, 404.
import re
import unittest
import urllib.parse

from harness import (IntegrationCase, elements, links, links_with_text, main_text,
                     visible_text)

RFC3339 = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$')

# (title, date, body marker) oldest first; one post a day.
PAGING_POSTS = [
    ('Paging post one', '2022-01-01 12:00', 'alphaqz'),
    ('Paging post two', '2022-01-02 12:00', 'bravoqz'),
    ('Paging post three', '2022-01-03 12:00', 'charlieqz'),
    ('Paging post four', '2022-01-04 12:00', 'deltaqz'),
    ('Paging post five', '2022-01-05 12:00', 'echoqz'),
]
NEWEST_FIRST = [marker for _, _, marker in reversed(PAGING_POSTS)]


def markers_in_order(body, markers=NEWEST_FIRST):
    text = main_text(body)
    found = [(text.find(m), m) for m in markers if m in text]
    return [m for _, m in sorted(found)]


class HomePaging(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('paging.test', 'Paging blog', '--posts-per-page', '2')
        for title, date, marker in PAGING_POSTS:
            cls.add_post(title, f'<p>Body {marker} of {title}.</p>', date=date)

    def older_link(self, body):
        hrefs = links_with_text(body, 'Older Posts')
        return hrefs[0] if hrefs else None

    def test_home_shows_newest_two_with_older_link(self):
        body = self.get_ok('/')
        self.assertEqual(markers_in_order(body), ['echoqz', 'deltaqz'])
        href = self.older_link(body)
        self.assertIsNotNone(href, 'no "Older Posts" link on the home page')
        parsed = urllib.parse.urlsplit(href)
        self.assertEqual(parsed.path, '/search')
        self.assertNotIn('+', parsed.query, 'the time must be URL-encoded (+ is a space)')
        query = urllib.parse.parse_qsl(parsed.query)
        self.assertEqual([k for k, _ in query], ['updated-max', 'max-results'], href)
        self.assertRegex(dict(query)['updated-max'], RFC3339)
        self.assertEqual(dict(query)['max-results'], '2')

    def test_first_home_page_has_no_newer_link(self):
        self.assertEqual(links_with_text(self.get_ok('/'), 'Newer Posts'), [])

    def test_older_links_walk_every_post_once_newest_first(self):
        seen = []
        path = '/'
        for _ in range(10):
            body = self.get_ok(path)
            seen += markers_in_order(body)
            path = self.older_link(body)
            if path is None:
                break
        self.assertEqual(seen, NEWEST_FIRST)

    def test_second_page_has_newer_link_back_to_the_first(self):
        page2 = self.get_ok(self.older_link(self.get_ok('/')))
        self.assertEqual(markers_in_order(page2), ['charlieqz', 'bravoqz'])
        newer = links_with_text(page2, 'Newer Posts')
        self.assertEqual(len(newer), 1, 'page 2 needs one "Newer Posts" link')
        self.assertIn('reverse-paginate=true', newer[0])
        self.assertIn('max-results=2', newer[0])
        self.assertIn('/', links_with_text(page2, 'Home'))
        self.assertEqual(markers_in_order(self.get_ok(newer[0])), ['echoqz', 'deltaqz'])

    def test_month_archive_is_paged_too(self):
        body = self.get_ok('/2022/01/')
        self.assertEqual(markers_in_order(body), ['echoqz', 'deltaqz'])
        self.assertIsNotNone(self.older_link(body), 'no "Older Posts" on a full archive page')


class SiteUrls(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('urls.test', 'URL scheme blog', '--posts-per-page', '20')
        cls.morning = cls.add_post('Morning note', '<p>Early sameday1 text.</p>',
                                   date='2022-02-10 09:00')
        cls.evening = cls.add_post('Evening note', '<p>Late sameday2 text.</p>',
                                   date='2022-02-10 18:00')
        cls.page = cls.add_page('About this blog', '<p>Static aboutmarker text.</p>')
        cls.rare = cls.add_post('Instruments', '<p>A xylophonic evening in the park.</p>',
                                date='2022-01-10')
        cls.title_hit = cls.add_post('Quokka census', '<p>Counting animals on the island.</p>',
                                     date='2022-01-11')
        cls.body_hit = cls.add_post(
            'Island walk',
            '<p>We walked along the coast for hours, past the lighthouse and the old jetty, '
            'through dunes and pine woods, and saw one quokka near the path before the '
            'ferry left in the late afternoon light.</p>',
            date='2022-01-12')
        cls.draft = cls.add_post('Unfinished thoughts', '<p>Draft draftmarker words.</p>',
                                 date='2022-01-13', draft=True)
        cls.same1 = cls.add_post('Same title', '<p>First sametitleone.</p>', date='2022-01-05')
        cls.same2 = cls.add_post('Same title', '<p>Second sametitletwo.</p>', date='2022-01-20')
        cls.markdown = cls.add_post(
            'Markdown post',
            '| Fruit | Colour |\n|-------|--------|\n| plum  | purple |\n\n'
            'This is ~~struck~~ text.\n', ext='.md', date='2022-01-14')
        cls.dirty = cls.add_post(
            'Dirty post',
            '<p>Safe dirtymarker text.</p><script>alert("pwned")</script>'
            '<p><a href="/" onclick="steal()">click here</a> '
            '<a href="javascript:alert(2)">jslink</a></p>', date='2022-01-16')

    def test_two_posts_on_one_day_share_one_date_header(self):
        text = main_text(self.get_ok('/'))
        self.assertEqual(text.count('Thursday, February 10, 2022'), 1)
        self.assertLess(text.find('sameday2'), text.find('sameday1'), 'newest first')
        self.assertLess(text.find('Thursday, February 10, 2022'), text.find('sameday2'))

    def test_page_is_served_and_not_on_the_home_page(self):
        self.assertEqual(self.page[1], '/p/about-this-blog.html')
        self.assertIn('aboutmarker', visible_text(self.get_ok(self.page[1])))
        self.assertNotIn('aboutmarker', visible_text(self.get_ok('/')))

    def test_legacy_archive_redirects_to_month(self):
        status, headers, _ = self.get('/2022_01_01_archive.html')
        self.assertEqual(status, 301)
        self.assertEqual(urllib.parse.urlsplit(headers['Location']).path, '/2022/01/')

    def test_mobile_parameter_serves_same_post(self):
        path = self.rare[1]
        plain = visible_text(self.get_ok(path))
        self.assertIn('xylophonic', plain)
        self.assertEqual(visible_text(self.get_ok(path + '?m=1')), plain)
        self.assertEqual(visible_text(self.get_ok(path + '?m=0')), plain)
        self.assertEqual(visible_text(self.get_ok(path + '?utm_source=feed')), plain)

    def test_search_finds_rare_word_and_marks_it(self):
        body = self.get_ok('/search?q=xylophonic')
        self.assertIn('Instruments', main_text(body))
        self.assertNotIn('Quokka census', main_text(body))
        self.assertRegex(body.decode('utf-8'), r'(?i)<mark>xylophonic</mark>')

    def test_search_ranks_title_match_first(self):
        text = main_text(self.get_ok('/search?q=quokka'))
        self.assertIn('Quokka census', text)
        self.assertIn('Island walk', text)
        self.assertLess(text.find('Quokka census'), text.find('Island walk'))

    def test_draft_is_not_served_or_listed(self):
        self.assertIsNone(self.draft[1], 'post add --draft must print "added draft ID"')
        rows = {r[0]: r for r in self.post_list()}
        self.assertEqual(rows[self.draft[0]][1], 'draft')
        self.assertEqual(rows[self.draft[0]][3], '-')
        # The search page echoes the query, so look for the draft's title and sentence.
        for path in ('/', '/2022/01/', '/2022/', '/search?q=draftmarker'):
            text = visible_text(self.get_ok(path))
            self.assertNotIn('Unfinished thoughts', text, path)
            self.assertNotIn('Draft draftmarker words', text, path)
        status, _, _ = self.get('/2022/01/unfinished-thoughts.html')
        self.assertEqual(status, 404)

    def test_slug_clash_gets_day_suffix(self):
        self.assertEqual(self.same1[1], '/2022/01/same-title.html')
        self.assertEqual(self.same2[1], '/2022/01/same-title_20.html')
        self.assertIn('sametitleone', visible_text(self.get_ok(self.same1[1])))
        self.assertIn('sametitletwo', visible_text(self.get_ok(self.same2[1])))

    def test_markdown_renders_table_and_strikethrough(self):
        body = self.get_ok(self.markdown[1]).decode('utf-8')
        self.assertRegex(body, r'<table[\s>]')
        self.assertRegex(body, r'<td[^>]*>\s*plum\s*</td>')
        self.assertRegex(body, r'<(del|s)>struck</\1>')
        self.assertNotIn('~~', body)

    def test_html_body_is_sanitized(self):
        body = self.get_ok(self.dirty[1])
        text = visible_text(body)
        self.assertIn('dirtymarker', text)
        self.assertIn('click here', text)
        self.assertNotIn(b'pwned', body)
        self.assertNotIn(b'steal()', body)
        for tag, attrs in elements(body):
            if tag == 'script':  # only the head's JSON-LD data block, never run
                self.assertEqual(attrs.get('type'), 'application/ld+json')
            self.assertNotIn('onclick', attrs, tag)
        self.assertEqual([t for t, _ in elements(body)].count('script'), 1)
        for href, _ in links(body):
            self.assertFalse(href.strip().lower().startswith('javascript:'), href)

    def test_unknown_path_is_themed_404(self):
        for path in ('/no/such/thing', '/2022/01/no-such-post.html', '/p/no-such-page.html',
                     '/2022/13/'):
            status, _, body = self.get(path)
            self.assertEqual(status, 404, path)
            text = visible_text(body)
            self.assertIn('Sorry, the page you were looking for in this blog does not exist.',
                          text, path)
            self.assertIn('URL scheme blog', text, path)

    def test_healthz(self):
        status, _, body = self.get('/healthz')
        self.assertEqual(status, 200)
        self.assertEqual(body.strip(), b'ok')


if __name__ == '__main__':
    unittest.main()
