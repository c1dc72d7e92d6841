# The command line: help, blog and post commands, their output and their errors.
import os
import unittest

from harness import IntegrationCase, cli, main_text, visible_text

COMMANDS = [
    ([], ['serve', 'blog', 'post', 'page']),
    (['serve'], ['--port', '--address']),
    (['blog'], ['create', 'list', 'set']),
    (['blog', 'create'], ['--host', '--title', '--timezone', '--banner-alt']),
    (['blog', 'list'], []),
    (['blog', 'set'], ['--title', '--posts-per-page']),
    (['post'], ['add', 'list', 'rm']),
    (['post', 'add'], ['--title', '--body', '--labels', '--date', '--draft', '--blog']),
    (['post', 'list'], ['--blog']),
    (['post', 'rm'], ['--blog']),
    (['page'], ['add']),
    (['page', 'add'], ['--title', '--body', '--draft']),
]


class Help(IntegrationCase):
    SERVE = False

    def test_help_on_every_command(self):
        for words, mentions in COMMANDS:
            with self.subTest(command=' '.join(words) or '(top level)'):
                code, out, err = self.cli(*words, '--help', check=False)
                self.assertEqual(code, 0, err)
                self.assertIn('usage', out.lower())
                for option in mentions:
                    self.assertIn(option, out)


def assert_one_line_error(test, code, out, err, *mentions):
    test.assertNotEqual(code, 0, f'expected a failure; stdout: {out!r}')
    lines = err.strip().splitlines()
    test.assertEqual(len(lines), 1, f'expected one line on stderr, got {err!r}')
    test.assertTrue(lines[0].startswith('samizdat: error: '), lines[0])
    for m in mentions:
        test.assertIn(m, lines[0])


class OneBlog(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.blog_id = cls.create_blog('one.test', 'First title')
        cls.pub = cls.add_post('Published one', '<p>pubmarker</p>', date='2022-03-01',
                               labels='x, y, x')
        cls.dft = cls.add_post('Draft one', '<p>dftmarker</p>', draft=True)

    def test_blog_list(self):
        _, out, _ = self.cli('blog', 'list')
        self.assertIn(f'{self.blog_id}\tone.test\t', out)

    def test_blog_set_changes_title_on_the_site(self):
        code, out, _ = self.cli('blog', 'set', 'one.test', '--title', 'Second title')
        self.assertEqual(code, 0)
        self.assertEqual(out.strip(), 'updated blog one.test')
        _, out, _ = self.cli('blog', 'list')
        self.assertIn(f'{self.blog_id}\tone.test\tSecond title', out.splitlines())
        text = visible_text(self.get_ok('/'))
        self.assertIn('Second title', text)
        self.assertNotIn('First title', text)

    def test_post_list_shows_drafts_and_published(self):
        rows = {r[0]: r for r in self.post_list()}
        self.assertEqual(rows[self.pub[0]],
                         (self.pub[0], 'published', '2022-03-01', self.pub[1], 'Published one'))
        self.assertEqual(rows[self.dft[0]][1], 'draft')
        self.assertEqual(rows[self.dft[0]][3], '-')
        self.assertEqual(rows[self.dft[0]][4], 'Draft one')

    def test_post_list_is_newest_first(self):
        self.add_post('Older post', '<p>o</p>', date='2021-05-01')
        self.add_post('Newer post', '<p>n</p>', date='2022-02-01')
        dates = [r[2] for r in self.post_list() if r[1] != 'draft']
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_duplicate_labels_are_dropped(self):
        text = main_text(self.get_ok(self.pub[1]))
        self.assertIn('Labels: x, y', text)
        self.assertNotIn('x, y, x', text)

    def test_post_rm_by_id(self):
        post_id, path = self.add_post('Doomed post', '<p>doomed</p>', date='2022-03-02')
        self.get_ok(path)
        code, out, _ = self.cli('post', 'rm', post_id)
        self.assertEqual(code, 0)
        self.assertEqual(out.strip(), f'removed post {post_id}')
        self.assertNotIn(post_id, [r[0] for r in self.post_list()])
        status, _, _ = self.get(path)
        self.assertEqual(status, 404)

    def test_missing_body_file_stores_nothing(self):
        before = self.post_list()
        code, out, err = self.cli('post', 'add', '--title', 'Ghost',
                                  '--body', os.path.join(self.tmp, 'no-such-file.html'),
                                  check=False)
        assert_one_line_error(self, code, out, err)
        self.assertEqual(self.post_list(), before)

    def test_txt_body_is_refused(self):
        before = self.post_list()
        path = self.write_file('notes.txt', 'plain text')
        code, out, err = self.cli('post', 'add', '--title', 'Text', '--body', path, check=False)
        assert_one_line_error(self, code, out, err)
        self.assertEqual(self.post_list(), before)

    def test_unknown_blog_is_refused(self):
        before = self.post_list()
        path = self.body_file('<p>x</p>')
        code, out, err = self.cli('post', 'add', '--title', 'X', '--body', path,
                                  '--blog', 'nowhere.test', check=False)
        assert_one_line_error(self, code, out, err)
        self.assertEqual(self.post_list(), before)
        code, out, err = self.cli('post', 'list', '--blog', 'nowhere.test', check=False)
        assert_one_line_error(self, code, out, err)

    def test_unknown_timezone_is_refused_and_named(self):
        code, out, err = self.cli('blog', 'create', '--host', 'tz.test', '--title', 'TZ',
                                  '--timezone', 'Mars/Olympus_Mons', check=False)
        assert_one_line_error(self, code, out, err, 'Mars/Olympus_Mons')
        _, out, _ = self.cli('blog', 'list')
        self.assertNotIn('tz.test', out)
        code, out, err = self.cli('blog', 'set', 'one.test', '--timezone', 'Mars/Olympus_Mons',
                                  check=False)
        assert_one_line_error(self, code, out, err, 'Mars/Olympus_Mons')

    def test_unknown_command_is_a_usage_error(self):
        code, out, err = self.cli('frobnicate', check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('samizdat: error:', err)


class TwoBlogs(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('a.test', 'Blog A')
        cls.create_blog('b.test', 'Blog B')

    def test_blog_list_shows_both(self):
        _, out, _ = self.cli('blog', 'list')
        rows = [line.split('\t') for line in out.splitlines()]
        self.assertEqual(sorted((r[1], r[2]) for r in rows),
                         [('a.test', 'Blog A'), ('b.test', 'Blog B')])
        for r in rows:
            self.assertRegex(r[0], r'^\d+$')

    def test_post_add_needs_blog(self):
        path = self.body_file('<p>which blog?</p>')
        code, out, err = self.cli('post', 'add', '--title', 'Where', '--body', path, check=False)
        assert_one_line_error(self, code, out, err, 'several blogs')
        self.assertEqual(self.post_list(blog='a.test'), [])
        self.assertEqual(self.post_list(blog='b.test'), [])

    def test_post_add_with_blog(self):
        post_id, path = self.add_post('Here', '<p>here</p>', blog='b.test', date='2022-04-01')
        self.assertEqual(path, '/2022/04/here.html')
        self.assertIn(post_id, [r[0] for r in self.post_list(blog='b.test')])
        self.assertNotIn(post_id, [r[0] for r in self.post_list(blog='a.test')])

    def test_duplicate_host_is_refused(self):
        code, out, err = self.cli('blog', 'create', '--host', 'a.test', '--title', 'Again',
                                  check=False)
        assert_one_line_error(self, code, out, err)
        _, out, _ = self.cli('blog', 'list')
        self.assertEqual(len(out.splitlines()), 2)


class DataDirectory(IntegrationCase):
    SERVE = False

    def test_data_dir_is_created_with_the_database(self):
        nested = os.path.join(self.tmp, 'deep', 'er')
        code, out, _ = cli('blog', 'create', '--host', 'd.test', '--title', 'D', data=nested)
        self.assertEqual(code, 0)
        self.assertRegex(out, r'^created blog \d+ d\.test\n?$')
        self.assertTrue(os.path.isfile(os.path.join(nested, 'samizdat.db')))


if __name__ == '__main__':
    unittest.main()
