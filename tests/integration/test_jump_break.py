# Jump breaks as a reader sees them: list pages (home, label) show a post up to its break
# and a "Read more »" link to POSTURL#more; the post page shows the whole body with the
# "more" anchor; the summary feeds (Atom, RSS, alt=json) end at the break; a post without
# a break is shown whole. The blog's jump link text is a setting (CLI and admin) whose
# change shows on cached list pages at once; a bad value is refused and changes nothing.
import json
import unittest
import xml.etree.ElementTree as ET

from admin_client import AdminClient
from harness import (IntegrationCase, assert_valid_html5, elements, links, links_with_text,
                     main_text)

HOST = 'jump.test'
NS = {'a': 'http://www.w3.org/2005/Atom'}
PASSWORD = 'a good long password'

# Blogger's marker, the one today's sanitizer keeps; the break sits inside a list inside a
# <div>, so the part before it must close both.
BROKEN_BODY = ('<p>Intro paragraph kept.</p>\n'
               '<div><ul><li>First item<a name="more"></a> hidden tail</li>'
               '<li>Hidden second item</li></ul></div>\n'
               '<p>Hidden after the break.</p>\n')
WHOLE_BODY = '<p>Whole post first.</p>\n<p>Whole post second.</p>\n'


class JumpBreakBlog(IntegrationCase):
    """A blog with one post with a break and one without, both labelled "jumping"."""

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Jumps')
        cls.broken_id, cls.broken_path = cls.add_post('Broken post', BROKEN_BODY,
                                                      labels='jumping', date='2022-03-02')
        cls.whole_id, cls.whole_path = cls.add_post('Whole post', WHOLE_BODY, labels='jumping',
                                                    date='2022-03-01')

    def page(self, path):
        body = self.get_ok(path, host=HOST)
        assert_valid_html5(body)
        return body


class JumpBreaks(JumpBreakBlog):

    def assert_list_page_cuts(self, path):
        body = self.page(path)
        text = main_text(body)
        self.assertIn('Intro paragraph kept.', text)
        self.assertIn('First item', text)
        for hidden in ('hidden tail', 'Hidden second item', 'Hidden after the break.'):
            self.assertNotIn(hidden, text, f'{path} shows what follows the break')
        self.assertEqual(links_with_text(body, 'Read more \u00bb'), [self.broken_path + '#more'])
        # The post without a break is whole, with no jump link of its own.
        self.assertIn('Whole post first. Whole post second.', text)
        self.assertNotIn(self.whole_path + '#more', [href for href, _ in links(body)])
        # The cut list is closed where the break stood: the reader sees the link after it.
        self.assertLess(text.index('First item'), text.index('Read more'))
        self.assertLess(text.index('Read more'), text.index('Whole post first.'))

    def test_home_page_shows_the_part_before_the_break_and_the_jump_link(self):
        self.assert_list_page_cuts('/')

    def test_label_page_shows_the_part_before_the_break_and_the_jump_link(self):
        self.assert_list_page_cuts('/search/label/jumping')

    def test_archive_page_cuts_too(self):
        self.assert_list_page_cuts('/2022/03/')

    def test_post_page_shows_the_whole_body_with_the_more_anchor(self):
        body = self.page(self.broken_path)
        text = main_text(body)
        for shown in ('Intro paragraph kept.', 'First item', 'hidden tail', 'Hidden second item',
                      'Hidden after the break.'):
            self.assertIn(shown, text)
        self.assertNotIn('Read more', text)
        # The anchor POSTURL#more scrolls to, between the text before and after the break.
        anchors = [attrs for tag, attrs in elements(body) if attrs.get('name') == 'more']
        self.assertEqual(len(anchors), 1, 'no element named "more" on the post page')
        self.assertIn('First item<a name="more"></a> hidden tail', body.decode())

    def entry(self, feed_body, post_id):
        root = ET.fromstring(feed_body)
        for entry in root.findall('a:entry', NS):
            if entry.findtext('a:id', namespaces=NS).endswith('.post-' + post_id):
                return entry
        self.fail(f'no entry for post {post_id}')

    def test_summary_atom_feed_ends_at_the_break(self):
        feed = self.get_ok('/feeds/posts/summary', host=HOST)
        summary = self.entry(feed, self.broken_id).find('a:summary', NS)
        self.assertEqual(summary.get('type'), 'text')
        self.assertEqual(summary.text, 'Intro paragraph kept.\nFirst item')
        whole = self.entry(feed, self.whole_id).findtext('a:summary', namespaces=NS)
        self.assertEqual(whole, 'Whole post first.\nWhole post second.')
        # The full feed still carries the whole body.
        full = self.entry(self.get_ok('/feeds/posts/default', host=HOST), self.broken_id)
        self.assertIn('Hidden after the break.', full.findtext('a:content', namespaces=NS))

    def test_summary_rss_and_json_end_at_the_break(self):
        rss = ET.fromstring(self.get_ok('/feeds/posts/summary?alt=rss', host=HOST))
        descriptions = {item.findtext('link'): item.findtext('description')
                        for item in rss.iter('item')}
        self.assertEqual(descriptions[f'http://{HOST}{self.broken_path}'],
                         'Intro paragraph kept.\nFirst item')
        doc = json.loads(self.get_ok('/feeds/posts/summary?alt=json', host=HOST))
        summaries = {e['id']['$t'].rsplit('.post-', 1)[1]: e['summary']['$t']
                     for e in doc['feed']['entry']}
        self.assertEqual(summaries[self.broken_id], 'Intro paragraph kept.\nFirst item')
        self.assertEqual(summaries[self.whole_id], 'Whole post first.\nWhole post second.')


class JumpLinkSetting(JumpBreakBlog):

    def home_jump_links(self):
        body = self.page('/')
        return [(href, text) for href, text in links(body) if href.endswith('#more')]

    def test_cli_and_admin_change_the_jump_text_and_refresh_cached_pages(self):
        self.assertEqual(self.home_jump_links(), [(self.broken_path + '#more', 'Read more \u00bb')])
        self.home_jump_links()  # now cached

        self.cli('blog', 'set', HOST, '--jump-text', 'Keep reading \u2192')
        self.assertEqual(self.home_jump_links(), [(self.broken_path + '#more', 'Keep reading \u2192')])
        label = self.page('/search/label/jumping')
        self.assertEqual(links_with_text(label, 'Keep reading \u2192'), [self.broken_path + '#more'])

        # A bad value is refused with a reason, and the link stays as it was.
        for bad in ('', '   ', 'two\nlines', 'x' * 101):
            with self.subTest(bad=bad):
                code, _, err = self.cli('blog', 'set', HOST, '--jump-text', bad, check=False)
                self.assertNotEqual(code, 0)
                self.assertIn('jump link text', err)
        self.assertEqual(self.home_jump_links(), [(self.broken_path + '#more', 'Keep reading \u2192')])

        # The admin's settings page shows and saves it; left empty it is Blogger's default.
        self.cli('user', 'add', '--email', 'owner@jump.test', '--name', 'Owner', '--role', 'owner',
                 '--blog', HOST,
                 '--password-stdin', input_text=PASSWORD + '\n')
        admin = AdminClient(self.server, host=HOST)
        self.assertEqual(admin.sign_in('owner@jump.test', PASSWORD)[0], 303)
        status, _, page = admin.get('/admin/settings')
        self.assertEqual(status, 200)
        self.assertIn('name="jump_link_text" value="Keep reading \u2192"', page.decode())
        fields = {'title': 'Jumps', 'description': '', 'banner_url': '', 'banner_alt': '',
                  'posts_per_page': '7', 'time_zone': 'UTC', 'date_format': 'EEEE, MMMM d, yyyy',
                  'time_format': 'h:mm a', 'comment_moderation': 'never',
                  'moderation_days': '14'}
        status, _, _ = admin.post('/admin/settings', {**fields, 'jump_link_text': 'Continue'})
        self.assertEqual(status, 303)
        self.assertEqual(self.home_jump_links(), [(self.broken_path + '#more', 'Continue')])
        status, _, body = admin.post('/admin/settings', {**fields, 'jump_link_text': 'y' * 101})
        self.assertEqual(status, 400)
        self.assertIn('jump link text', body.decode())
        self.assertEqual(self.home_jump_links(), [(self.broken_path + '#more', 'Continue')])
        status, _, _ = admin.post('/admin/settings', {**fields, 'jump_link_text': ' '})
        self.assertEqual(status, 303)
        self.assertEqual(self.home_jump_links(), [(self.broken_path + '#more', 'Read more \u00bb')])


class CommentMarkers(IntegrationCase):
    """Blogger's <!-- more --> comment and WordPress's <!--more Custom text-->."""

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Comment breaks')
        cls.blogger_id, cls.blogger_path = cls.add_post(
            'Blogger comment', '<p>Before the comment break.</p>\n<!-- more -->\n'
            '<p>After the comment break.</p>\n', date='2022-04-02')
        cls.wp_id, cls.wp_path = cls.add_post(
            'WordPress custom', '<p>Before the custom break.</p><!--more Continue the story-->'
            '<p>After the custom break.</p><!--more second break-->', date='2022-04-01')

    def test_list_page_cuts_at_comment_markers_with_the_custom_text(self):
        body = self.get_ok('/', host=HOST)
        text = main_text(body)
        self.assertIn('Before the comment break.', text)
        self.assertIn('Before the custom break.', text)
        self.assertNotIn('After the comment break.', text)
        self.assertNotIn('After the custom break.', text)
        self.assertEqual(links_with_text(body, 'Read more \u00bb'), [self.blogger_path + '#more'])
        self.assertEqual(links_with_text(body, 'Continue the story'), [self.wp_path + '#more'])

    def test_post_page_has_the_more_anchor(self):
        for path, after in ((self.blogger_path, 'After the comment break.'),
                            (self.wp_path, 'After the custom break.')):
            body = self.get_ok(path, host=HOST)
            self.assertIn(after, main_text(body))
            names = [attrs for tag, attrs in elements(body) if attrs.get('name') == 'more']
            self.assertEqual(len(names), 1, path)

    def test_summary_feed_ends_at_the_comment_break(self):
        root = ET.fromstring(self.get_ok('/feeds/posts/summary', host=HOST))
        summaries = {e.findtext('a:id', namespaces=NS).rsplit('.post-', 1)[1]:
                     e.findtext('a:summary', namespaces=NS) for e in root.findall('a:entry', NS)}
        self.assertEqual(summaries[self.blogger_id], 'Before the comment break.')
        self.assertEqual(summaries[self.wp_id], 'Before the custom break.')


if __name__ == '__main__':
    unittest.main()
