# Readers' comments through the real form: publishing, permalinks, counts in Blogger's
# words, threads, the per-post switch, moderation from the CLI, the spam classifier, and
# cached pages dropped only where a comment shows.
import re
import unittest

from harness import (IntegrationCase, assert_valid_html5, comment_form, comment_id_from,
                     links, post_comment, visible_text)

FAST = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')


def comment_list(case, *args):
    """`comment list` rows as dicts (id, status, time, post, score, author, text)."""
    _, out, _ = case.cli('comment', 'list', *args)
    rows = []
    for line in out.splitlines():
        fields = line.split('\t')
        if len(fields) != 7:
            raise AssertionError(f'comment list line {line!r} has {len(fields)} fields, not 7')
        rows.append(dict(zip(('id', 'status', 'time', 'post', 'score', 'author', 'text'), fields)))
    return rows


class PublishedComments(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        cls.create_blog('c.test', 'Comment blog', '--timezone', 'America/New_York')
        cls.first_id, cls.first = cls.add_post('First post', '<p>first body</p>', date='2022-01-10')
        cls.second_id, cls.second = cls.add_post('Second post', '<p>second body</p>',
                                                 date='2022-01-11')
        cls.quiet_id, cls.quiet = cls.add_post('Quiet post', '<p>quiet body</p>', date='2022-01-09')
        cls.thread_id, cls.thread = cls.add_post('Thread post', '<p>thread body</p>',
                                                 date='2022-01-08')
        cls.fresh_id, cls.fresh = cls.add_post('Fresh post', '<p>no comments yet</p>',
                                               date='2022-01-07')

    def test_post_page_offers_the_form(self):
        body = self.get_ok(self.fresh)
        fields = comment_form(body)
        self.assertIsNotNone(fields, 'no <form action="/comment"> on the post page')
        for name in ('post_id', 'parent_id', 'token', 'name', 'url', 'body', 'email'):
            self.assertIn(name, fields)
        self.assertEqual(fields['post_id'], self.fresh_id)
        self.assertTrue(fields['token'])
        self.assertIn('Post a Comment', visible_text(body))
        self.assertIn('No comments:', visible_text(body))

    def test_a_comment_is_published_at_its_permalink_with_its_time(self):
        status, headers, _ = post_comment(self.server, self.second, 'Hello from <b>Ada</b>',
                                          name='Ada Lovelace', url='https://ada.example/')
        self.assertEqual(status, 303)
        location = headers['Location']
        self.assertTrue(location.startswith(self.second + '?showComment='), location)
        comment_id = comment_id_from(headers)
        page = self.get_ok(location.split('#')[0])
        text = visible_text(page)
        self.assertIn('1 comment:', text)
        self.assertIn('Hello from Ada', text)
        self.assertIn('Ada Lovelace', text)
        self.assertIn('<b>Ada</b>', page.decode())
        # The permalink is on the page, and the time reads as Blogger writes it, in the
        # blog's zone.
        self.assertIn(location, [href for href, _ in links(page)])
        self.assertRegex(text, r'[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d\d [AP]M')
        self.assertIn(f'id="c{comment_id}"', page.decode())
        author_link = re.search(r'<a [^>]*href="https://ada.example/"[^>]*>', page.decode())
        self.assertIsNotNone(author_link)
        self.assertIn('nofollow', author_link.group(0))
        assert_valid_html5(page)

    def test_counts_follow_bloggers_words_on_item_and_index_pages(self):
        self.get_ok('/')   # cached before the comments arrive
        for n in range(2):
            status, _, _ = post_comment(self.server, self.first, f'count comment {n}')
            self.assertEqual(status, 303)
        self.assertIn('2 comments:', visible_text(self.get_ok(self.first)))
        home = visible_text(self.get_ok('/'))
        self.assertIn('2 comments', home)
        self.assertIn('Anonymous', visible_text(self.get_ok(self.first)))

    def test_a_comment_drops_only_the_pages_that_show_it(self):
        # The form token carries the time its page was rendered: a page served from the
        # cache keeps it, a re-rendered one gets a new one.
        quiet_token = comment_form(self.get_ok(self.quiet))['token']
        self.assertEqual(comment_form(self.get_ok(self.quiet))['token'], quiet_token)
        thread_token = comment_form(self.get_ok(self.thread))['token']
        status, _, _ = post_comment(self.server, self.thread, 'invalidation check')
        self.assertEqual(status, 303)
        self.assertEqual(comment_form(self.get_ok(self.quiet))['token'], quiet_token,
                         'a page that does not show the comment was re-rendered')
        page = self.get_ok(self.thread)
        self.assertIn('invalidation check', visible_text(page))
        self.assertNotEqual(comment_form(page)['token'], thread_token)

    def test_replies_nest_under_their_comment(self):
        status, headers, _ = post_comment(self.server, self.thread, 'the parent comment',
                                          name='Parent')
        self.assertEqual(status, 303)
        parent = comment_id_from(headers)
        # The reply link opens the form replying to that comment.
        page = self.get_ok(self.thread)
        reply_url = f'{self.thread}?reply={parent}#comment-form'
        self.assertIn(reply_url, [href for href, _ in links(page)])
        reply_page = self.get_ok(reply_url.split('#')[0])
        self.assertEqual(comment_form(reply_page)['parent_id'], parent)
        self.assertIn('Parent', visible_text(reply_page))
        status, headers, _ = post_comment(self.server, self.thread, 'the child reply',
                                          name='Child', parent_id=parent)
        self.assertEqual(status, 303)
        child = comment_id_from(headers)
        html = self.get_ok(self.thread).decode()
        parent_at = html.index(f'id="c{parent}"')
        replies_at = html.index('comment-replies', parent_at)
        self.assertLess(replies_at, html.index(f'id="c{child}"'),
                        'the reply is not inside its parent\'s replies')
        # Replying to a comment of another post is refused.
        status, _, body = post_comment(self.server, self.first, 'stray reply', parent_id=parent)
        self.assertEqual(status, 400)
        self.assertIn('replying to', visible_text(body))


class CommentSwitch(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        cls.create_blog('s.test', 'Switch blog')
        cls.closed_id, cls.closed = cls.add_post('Closed later', '<p>x</p>', date='2022-02-01')
        cls.hidden_id, cls.hidden = cls.add_post('Hidden', '<p>y</p>', '--comments', 'hidden',
                                                 date='2022-02-02')

    def test_closed_post_shows_its_comments_but_takes_no_more(self):
        status, _, _ = post_comment(self.server, self.closed, 'said before closing')
        self.assertEqual(status, 303)
        form = comment_form(self.get_ok(self.closed))
        self.cli('post', 'set', self.closed_id, '--comments', 'closed')
        page = self.get_ok(self.closed)
        self.assertIn('said before closing', visible_text(page))
        self.assertIsNone(comment_form(page), 'a closed post still shows the form')
        form.update(body='after closing')
        from harness import send_comment
        status, _, body = send_comment(self.server, form)
        self.assertEqual(status, 403)
        self.assertIn('Comments are closed', visible_text(body))
        self.assertNotIn('after closing', ' '.join(r['text'] for r in comment_list(self, '--status', 'all')))

    def test_hidden_post_shows_no_comments_block(self):
        page = self.get_ok(self.hidden)
        self.assertIsNone(comment_form(page))
        self.assertNotIn('id="comments"', page.decode())
        self.assertNotIn('Post a Comment', visible_text(page))


class Moderation(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        cls.create_blog('m.test', 'Moderated blog', '--comment-moderation', 'always')
        cls.post_id, cls.path = cls.add_post('Moderated post', '<p>m</p>', date='2022-03-01')

    def test_held_comment_is_invisible_until_approved(self):
        status, _, body = post_comment(self.server, self.path, 'please approve me', name='Waiting')
        self.assertEqual(status, 202)
        self.assertIn('after the blog', visible_text(body))
        self.assertNotIn('please approve me', visible_text(self.get_ok(self.path)))
        held = [r for r in comment_list(self) if r['text'] == 'please approve me']
        self.assertEqual(len(held), 1)
        self.assertEqual(held[0]['status'], 'pending')
        self.cli('comment', 'approve', held[0]['id'])
        page = visible_text(self.get_ok(self.path))
        self.assertIn('please approve me', page)
        self.assertIn('1 comment:', page)
        self.cli('comment', 'spam', held[0]['id'])
        self.assertNotIn('please approve me', visible_text(self.get_ok(self.path)))
        spam = comment_list(self, '--status', 'spam')
        self.assertEqual([r['id'] for r in spam], [held[0]['id']])

    def test_unknown_comment_id_is_a_clear_cli_error(self):
        code, _, err = self.cli('comment', 'approve', '12345', check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('no comment 12345', err)


class ModerationOfOlderPosts(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        cls.create_blog('o.test', 'Older blog', '--comment-moderation', 'older',
                        '--moderation-days', '14')
        cls.old_id, cls.old = cls.add_post('Old post', '<p>o</p>', date='2020-01-01')
        cls.new_id, cls.new = cls.add_post('New post', '<p>n</p>')

    def test_only_comments_on_old_posts_wait(self):
        self.assertEqual(post_comment(self.server, self.old, 'on the old post')[0], 202)
        self.assertEqual(post_comment(self.server, self.new, 'on the new post')[0], 303)


class SpamClassifier(IntegrationCase):
    SERVER_ARGS = FAST

    SPAM = ['cheap pills casino bonus win money now viagra pills',
            'casino bonus cheap viagra pills win free money',
            'win money casino pills cheap bonus offer now']
    HAM = ['I enjoyed reading about the strike and the workers in the oil fields',
           'The history of the workers movement in the region is fascinating',
           'Thank you for the careful reading of the events in January']

    @classmethod
    def prepare(cls):
        cls.create_blog('spam.test', 'Spam blog')
        cls.post_id, cls.path = cls.add_post('Target', '<p>t</p>', date='2022-04-01')

    def test_author_decisions_teach_the_filter_to_hold_spam(self):
        for n, text in enumerate(self.SPAM):
            status, headers, _ = post_comment(self.server, self.path, text)
            self.assertEqual(status, 303, f'untrained filter held spam #{n}')
            self.cli('comment', 'spam', comment_id_from(headers))
        for text in self.HAM:
            status, headers, _ = post_comment(self.server, self.path, text)
            self.assertEqual(status, 303)
            self.cli('comment', 'approve', comment_id_from(headers))
        status, _, _ = post_comment(self.server, self.path, 'cheap casino pills bonus money win')
        self.assertEqual(status, 202, 'likely spam was not sent to the moderation queue')
        held = comment_list(self, '--status', 'pending')
        self.assertEqual(len(held), 1)
        self.assertGreaterEqual(float(held[0]['score']), 0.9)
        status, _, _ = post_comment(self.server, self.path,
                                    'A careful history of the workers in the oil region')
        self.assertEqual(status, 303, 'a ham-like comment was held')


if __name__ == '__main__':
    unittest.main()
