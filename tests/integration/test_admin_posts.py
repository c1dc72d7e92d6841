# The admin's posts over plain HTTP: the list's paging and filters, bulk actions that skip
# other authors' posts, the editor's saves and refusals (kept input, status 400), times
# read in the blog's zone, the preview and autosave answers for the editor's script, and
# which author may touch which post. The browser side is tests/browser/admin_posts.mjs.
import json
import re
import unittest

from admin_client import AdminClient
from harness import IntegrationCase, assert_valid_html5

PASSWORD = 'a good long password'
HOST = 'one.test'


def rows(body):
    return body.count(b'<tr data-id=')


class AdminPosts(IntegrationCase):
    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Blog one', '--timezone', 'Pacific/Honolulu')
        for email, role in (('boss@one.test', 'admin'), ('writer@one.test', 'author'),
                            ('other@one.test', 'author')):
            cls.cli('user', 'add', '--email', email, '--name', email.split('@')[0].title(),
                    '--role', role, '--password-stdin', input_text=PASSWORD + '\n')
        for i in range(30):
            cls.add_post(f'Paged post {i:02}', f'<p>number {i}</p>', labels='paged',
                         date=f'2020-01-{i + 1:02}')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = {}
        for name in ('boss', 'writer', 'other'):
            client = AdminClient(cls.server, host=HOST)
            status, _, _ = client.sign_in(f'{name}@one.test', PASSWORD)
            assert status == 303, f'{name} could not sign in: {status}'
            cls.clients[name] = client

    def follow(self, client, response):
        """The page a 303 leads to (its notice shows there)."""
        status, headers, _ = response
        self.assertEqual(status, 303)
        return client.get(headers['Location'])

    def create(self, client, title, action='publish', kind='posts', **fields):
        """A new post through the editor's form; returns its id."""
        client.get(f'/admin/{kind}/new')
        status, headers, body = client.post(f'/admin/{kind}/new', {
            'title': title, 'source': fields.pop('source', 'Some *text*'), 'format': 'markdown',
            'labels': '', 'comments': 'open', 'action': action, **fields})
        self.assertEqual(status, 303, body[:2000])
        return re.fullmatch(rf'/admin/{kind}/(\d+)', headers['Location']).group(1)

    def test_list_pages_by_25_keeping_the_filters(self):
        boss = self.clients['boss']
        status, _, body = boss.get('/admin/posts?label=paged')
        self.assertEqual(status, 200)
        assert_valid_html5(body)
        self.assertEqual(rows(body), 25)
        self.assertIn(b'href="/admin/posts?label=paged&amp;page=2"', body)
        self.assertNotIn(b'>Newer<', body)
        status, _, body = boss.get('/admin/posts?label=paged&page=2')
        self.assertEqual(rows(body), 5)
        self.assertIn(b'href="/admin/posts?label=paged"', body)  # Newer: page 1
        self.assertNotIn(b'>Older<', body)

    def test_filters_by_text_and_status(self):
        boss = self.clients['boss']
        _, _, body = boss.get('/admin/posts?q=paged+post+07')
        self.assertEqual(rows(body), 1)
        self.assertIn(b'Paged post 07', body)
        draft = self.create(boss, 'A draft to find', action='draft')
        _, _, body = boss.get('/admin/posts?status=draft')
        self.assertIn(f'<tr data-id="{draft}"'.encode(), body)
        self.assertNotIn(b'Paged post', body)

    def test_bulk_skips_posts_the_author_may_not_edit(self):
        writer, other = self.clients['writer'], self.clients['other']
        theirs = self.create(writer, 'Draft of the writer', action='draft')
        mine = self.create(other, 'Draft of the other', action='draft')
        other.get('/admin/posts')
        _, _, body = self.follow(other, other.post('/admin/posts/bulk', {
            'action': 'publish', 'id': [theirs, mine], 'status': 'draft'}))
        self.assertIn('1 published; 1 skipped: not yours.'.encode(), body)
        _, _, body = writer.get(f'/admin/posts/{theirs}')
        self.assertIn(b'Draft, last saved', body)

    def test_an_author_cannot_open_save_or_delete_another_authors_post(self):
        writer, other = self.clients['writer'], self.clients['other']
        post = self.create(writer, 'Only mine')
        status, _, _ = other.get(f'/admin/posts/{post}')
        self.assertEqual(status, 403)
        other.get('/admin/posts')
        for path, fields in ((f'/admin/posts/{post}', {'title': 'Taken', 'action': 'publish'}),
                             (f'/admin/posts/{post}/delete', {}),
                             (f'/admin/posts/{post}/autosave', {'title': 'Taken'})):
            status, _, _ = other.post(path, fields)
            self.assertEqual(status, 403, path)
        status, _, body = writer.get(f'/admin/posts/{post}')
        self.assertEqual(status, 200)
        self.assertIn(b'value="Only mine"', body)

    def test_refused_save_keeps_what_was_typed(self):
        boss = self.clients['boss']
        boss.get('/admin/posts/new')
        status, _, body = boss.post('/admin/posts/new', {
            'title': 'Too late', 'source': 'kept <body>', 'format': 'markdown',
            'action': 'schedule', 'publish_at': '2001-01-01T10:00'})
        self.assertEqual(status, 400)
        assert_valid_html5(body)
        self.assertIn(b'To schedule, choose a publish time in the future', body)
        self.assertIn(b'value="Too late"', body)
        self.assertIn(b'>\nkept &lt;body&gt;</textarea>', body)  # the parser drops that newline
        _, _, listed = boss.get('/admin/posts?q=Too+late')
        self.assertEqual(rows(listed), 0)

    def test_schedule_reads_the_time_in_the_blogs_zone(self):
        boss = self.clients['boss']
        post = self.create(boss, 'Far future', action='schedule', publish_at='2099-01-01T05:00')
        # 05:00 in Honolulu is 15:00 UTC, still January 1st there; read as UTC it would be
        # the evening before in Honolulu.
        listed = [row for row in self.post_list() if row[0] == post]
        self.assertEqual(listed[0][1:3], ('scheduled', '2099-01-01'))
        _, _, body = boss.get(f'/admin/posts/{post}')
        self.assertIn(b'Scheduled for 2099-01-01 05:00', body)
        self.assertIn(b'value="2099-01-01T05:00:00"', body)

    def test_pages_and_posts_have_their_own_urls(self):
        boss = self.clients['boss']
        page = self.create(boss, 'About', kind='pages')
        self.assertEqual(boss.get(f'/admin/pages/{page}')[0], 200)
        self.assertEqual(boss.get(f'/admin/posts/{page}')[0], 404)
        self.assertEqual(boss.get('/admin/posts/not-a-number')[0], 404)
        _, _, body = boss.get('/admin/pages')
        self.assertIn(f'<tr data-id="{page}"'.encode(), body)
        self.assertNotIn(b'Paged post', body)

    def test_preview_answers_the_sanitized_body_as_json(self):
        boss = self.clients['boss']
        boss.get('/admin/posts/new')
        status, headers, body = boss.post('/admin/preview', {
            'format': 'html', 'source': '<b>bold</b><script>alert(1)</script>'}, csrf=False,
            headers={'X-CSRF-Token': boss.csrf})
        self.assertEqual(status, 200)
        self.assertEqual(headers['Content-Type'], 'application/json')
        html = json.loads(body)['html']
        self.assertIn('<b>bold</b>', html)
        self.assertNotIn('script', html)
        status, _, _ = boss.post('/admin/preview', {'format': 'html', 'source': 'x'}, csrf=False)
        self.assertEqual(status, 403)

    def test_the_editor_shows_what_saving_removes_before_the_save(self):
        boss = self.clients['boss']
        boss.get('/admin/posts/new')
        source = ('<p style="text-align: center; position: absolute">kept</p>'
                  '<script>alert(1)</script><script>alert(2)</script>'
                  '<iframe src="https://evil.example/x"></iframe>')
        # The live preview lists each kind of removal once, with how often it occurs.
        status, _, body = boss.post('/admin/preview', {'format': 'html', 'source': source},
                                    csrf=False, headers={'X-CSRF-Token': boss.csrf})
        self.assertEqual(status, 200)
        answer = json.loads(body)
        self.assertIn('kept', answer['html'])
        removed = {entry['what']: entry['count'] for entry in answer['removed']}
        scripts = [what for what in removed if '<script>' in what]
        self.assertEqual([removed[what] for what in scripts], [2], removed)
        self.assertTrue(any('evil.example' in what for what in removed), removed)
        self.assertTrue(any('position' in what for what in removed), removed)
        # The Preview button (no script) shows the same list; nothing is saved by it.
        status, _, page = boss.post('/admin/posts/new', {
            'title': 'Has removals', 'source': source, 'format': 'html', 'action': 'preview'})
        self.assertEqual(status, 200)
        assert_valid_html5(page)
        listed = re.search(rb'<ul id="removed-list">(.*?)</ul>', page, re.S).group(1)
        self.assertIn(b'2 \xc3\x97 &lt;script&gt;', listed)
        self.assertIn(b'evil.example', listed)
        self.assertEqual(rows(boss.get('/admin/posts?q=Has+removals')[2]), 0)
        # A clean body shows no list; saving a body with removals says what went.
        status, _, page = boss.post('/admin/posts/new', {
            'title': 'Clean', 'source': '<p>fine</p>', 'format': 'html', 'action': 'preview'})
        self.assertIn(b'<div class="removed" id="removed" aria-live="polite" hidden>', page)
        status, _, page = self.follow(boss, boss.post('/admin/posts/new', {
            'title': 'Has removals', 'source': source, 'format': 'html', 'labels': '',
            'comments': 'open', 'action': 'publish'}))
        notice = re.search(rb'<p class="notice" role="status">(.*?)</p>', page).group(1)
        self.assertTrue(notice.startswith(b'Published. Removed from the body: '), notice)
        self.assertIn(b'2 \xc3\x97 &lt;script&gt; element', notice)

    def test_autosave_keeps_a_draft_without_a_revision_and_refuses_a_published_post(self):
        boss = self.clients['boss']
        draft = self.create(boss, 'Autosaved', action='draft')
        status, _, body = boss.post(f'/admin/posts/{draft}/autosave', {
            'title': 'Autosaved', 'source': 'later words', 'format': 'markdown'},
            headers={'Accept': 'application/json'})
        self.assertEqual(status, 200, body)
        self.assertRegex(json.loads(body)['saved_at'], r'^\d\d:\d\d:\d\d$')
        _, _, body = boss.get(f'/admin/posts/{draft}')
        self.assertIn(b'>\nlater words</textarea>', body)
        _, _, body = boss.get(f'/admin/posts/{draft}/revisions')
        self.assertIn(b'no earlier versions', body)
        published = self.create(boss, 'Out already')
        status, _, body = boss.post(f'/admin/posts/{published}/autosave', {
            'title': 'Out already', 'source': 'x', 'format': 'markdown'})
        self.assertEqual(status, 400)
        self.assertIn('error', json.loads(body))

    def test_a_revision_of_another_post_is_not_found(self):
        boss = self.clients['boss']
        first = self.create(boss, 'First of two')
        second = self.create(boss, 'Second of two')
        boss.get(f'/admin/posts/{first}')
        self.follow(boss, boss.post(f'/admin/posts/{first}', {
            'title': 'First, edited', 'source': 'new', 'format': 'markdown', 'action': 'publish'}))
        _, _, body = boss.get(f'/admin/posts/{first}/revisions')
        assert_valid_html5(body)
        revision = re.search(rf'/admin/posts/{first}/revisions/(\d+)'.encode(), body).group(1).decode()
        self.assertEqual(boss.get(f'/admin/posts/{first}/revisions/{revision}')[0], 200)
        self.assertEqual(boss.get(f'/admin/posts/{second}/revisions/{revision}')[0], 404)
        status, _, _ = boss.post(f'/admin/posts/{second}/revisions/{revision}/restore', {})
        self.assertEqual(status, 404)


if __name__ == '__main__':
    unittest.main()
