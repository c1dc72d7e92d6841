# Bad comments: each refusal has the right status and a message a person understands,
# keeps what the reader wrote in the form, and stores nothing.
import time
import unittest

from harness import (IntegrationCase, comment_form, post_comment, send_comment,
                     visible_text)

FAST = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')


class Refusals(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        cls.create_blog('r.test', 'Refusal blog')
        cls.post_id, cls.path = cls.add_post('Target', '<p>target</p>', date='2022-05-01')
        cls.closed_id, cls.closed = cls.add_post('Closed', '<p>c</p>', '--comments', 'closed',
                                                 date='2022-05-02')
        cls.draft_id, _ = cls.add_post('Draft', '<p>d</p>', draft=True)

    def stored(self):
        return self.cli('comment', 'list', '--status', 'all')[1]

    def form(self, path=None):
        return comment_form(self.get_ok(path or self.path))

    def assert_refused(self, status, body, expected_status, *phrases):
        text = visible_text(body) if body.lstrip().startswith(b'<') else body.decode()
        self.assertEqual(status, expected_status, text[:300])
        for phrase in phrases:
            self.assertIn(phrase, text)

    def test_each_bad_field_is_refused_with_its_reason(self):
        before = self.stored()
        cases = [
            (dict(body='   \n '), 400, 'Your comment is empty.'),
            (dict(body='x' * 4097), 400, '4,097 characters', 'the limit is 4,096'),
            (dict(body='é' * 4097), 400, 'the limit is 4,096'),
            (dict(body='fine', name='n' * 101), 400, 'Your name', 'the limit is 100'),
            (dict(body='fine', url='https://e.example/' + 'u' * 2000), 400, 'the limit is 2,000'),
            (dict(body='fine', url='javascript:alert(1)'), 400, 'http:// or https://'),
            (dict(body='fine', email='bot@example.com'), 400, 'leave empty'),
            (dict(body=' '.join(f'<a href="https://l{n}.example/">l{n}</a>' for n in range(4))),
             400, '4 links', 'at most 3'),
            (dict(body='<script>alert(1)</script>'), 400, 'no text left'),
            (dict(body='fine', token=''), 403, 'reload the page'),
            (dict(body='fine', token='123.456.forged'), 403, 'reload the page'),
        ]
        for fields, expected, *phrases in cases:
            with self.subTest(fields={k: v[:40] for k, v in fields.items()}):
                status, _, body = post_comment(self.server, self.path, **fields)
                self.assert_refused(status, body, expected, *phrases)
        self.assertEqual(self.stored(), before)

    def test_refused_form_comes_back_with_the_readers_text(self):
        status, _, body = post_comment(self.server, self.path, 'x' * 4097 + ' keep me',
                                       name='Keeper')
        self.assertEqual(status, 400)
        refilled = comment_form(body)
        self.assertIsNotNone(refilled)
        self.assertTrue(refilled['body'].endswith(' keep me'))
        self.assertEqual(refilled['name'], 'Keeper')
        self.assertTrue(refilled['token'], 'the refilled form has no fresh token')

    def test_invalid_utf8_is_refused(self):
        before = self.stored()
        fields = self.form()
        raw = '&'.join(f'{k}={v}' for k, v in
                       [('post_id', fields['post_id']), ('token', fields['token'])])
        status, _, body = send_comment(self.server, raw + '&body=bad%FF%FEbytes')
        self.assert_refused(status, body, 400, 'UTF-8')
        self.assertEqual(self.stored(), before)

    def test_unknown_closed_and_unpublished_posts(self):
        before = self.stored()
        fields = self.form()
        fields.update(body='where does this go', post_id='999999999')
        self.assert_refused(*send_comment(self.server, fields)[::2], 404, 'no post')
        fields.update(post_id=self.draft_id)
        self.assert_refused(*send_comment(self.server, fields)[::2], 404, 'no post')
        # A genuine token of the open post does not open the closed one.
        fields.update(post_id=self.closed_id)
        self.assert_refused(*send_comment(self.server, fields)[::2], 403, 'Comments are closed')
        self.assertEqual(self.stored(), before)

    def test_token_of_another_post_is_refused(self):
        other_id, other = self.add_post('Other', '<p>o</p>', date='2022-05-03')
        fields = self.form(other)
        fields.update(post_id=self.post_id, body='token from elsewhere')
        status, _, body = send_comment(self.server, fields)
        self.assert_refused(status, body, 403, 'reload the page')

    def test_duplicate_body_is_refused(self):
        self.assertEqual(post_comment(self.server, self.path, 'Said once,  only once')[0], 303)
        before = self.stored()
        status, _, body = post_comment(self.server, self.path, 'said once, only once')
        self.assert_refused(status, body, 409, 'already has that very comment')
        self.assertEqual(self.stored(), before)

    def test_not_a_form_and_too_large(self):
        before = self.stored()
        status, _, body = send_comment(self.server, '{"body": "json"}',
                                       content_type='application/json')
        self.assertEqual(status, 415)
        self.assertIn(b'form', body)
        status, _, _ = send_comment(self.server, 'body=' + 'x' * (200 * 1024))
        self.assertEqual(status, 413)
        status, headers, _ = self.get('/comment')
        self.assertEqual(status, 405)
        self.assertEqual(self.stored(), before)


class RateLimit(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '2')

    @classmethod
    def prepare(cls):
        cls.create_blog('rl.test', 'Rate blog')
        cls.post_id, cls.path = cls.add_post('Target', '<p>t</p>', date='2022-05-01')

    def test_third_comment_in_ten_minutes_waits(self):
        self.assertEqual(post_comment(self.server, self.path, 'one')[0], 303)
        self.assertEqual(post_comment(self.server, self.path, 'two')[0], 303)
        status, headers, body = post_comment(self.server, self.path, 'three')
        self.assertEqual(status, 429)
        self.assertTrue(int(headers['Retry-After']) > 0)
        self.assertIn('try again later', visible_text(body))
        self.assertNotIn('three', self.cli('comment', 'list', '--status', 'all')[1])


class TooSoon(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '60', '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        cls.create_blog('ts.test', 'Quick blog')
        cls.post_id, cls.path = cls.add_post('Target', '<p>t</p>', date='2022-05-01')

    def test_a_form_sent_at_once_is_refused(self):
        status, headers, body = post_comment(self.server, self.path, 'bot speed')
        self.assertEqual(status, 429)
        self.assertEqual(headers['Retry-After'], '60')
        self.assertIn('wait a few seconds', visible_text(body))
        self.assertEqual(self.cli('comment', 'list', '--status', 'all')[1], '')


class StaleForm(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0',
                   '--comment-form-ttl', '1')

    @classmethod
    def prepare(cls):
        cls.create_blog('st.test', 'Stale blog')
        cls.post_id, cls.path = cls.add_post('Target', '<p>t</p>', date='2022-05-01')

    def test_an_expired_form_is_refused(self):
        fields = comment_form(self.get_ok(self.path))
        time.sleep(1.5)
        fields.update(body='too late')
        status, _, body = send_comment(self.server, fields)
        self.assertEqual(status, 403)
        self.assertIn('expired', visible_text(body))
        self.assertEqual(self.cli('comment', 'list', '--status', 'all')[1], '')


if __name__ == '__main__':
    unittest.main()
