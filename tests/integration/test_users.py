# `samizdat user`: accounts added, listed, given new passwords and removed from the CLI;
# passwords come from standard input (or a terminal), never from the command line.
import os
import sqlite3
import subprocess
import unittest

from harness import IntegrationCase, binary, CLI_TIMEOUT
from test_cli import assert_one_line_error

PASSWORD = 'a long enough password'


class Users(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('one.test', 'One')

    def run_cli(self, *args, stdin=''):
        """Runs the CLI with `stdin` as its standard input: (exit code, stdout, stderr)."""
        env = dict(os.environ)
        env.setdefault('ASAN_OPTIONS', 'detect_leaks=1')
        proc = subprocess.run([binary(), '--data', self.data, *args], input=stdin,
                              capture_output=True, text=True, timeout=CLI_TIMEOUT, env=env)
        return proc.returncode, proc.stdout, proc.stderr

    def add(self, email, *args, password=PASSWORD):
        return self.run_cli('user', 'add', '--email', email, *args, '--password-stdin',
                            stdin=password + '\n')

    def listed(self):
        _, out, _ = self.cli('user', 'list')
        return {line.split('\t')[1]: line.split('\t') for line in out.splitlines()}

    def stored_hash(self, email):
        with sqlite3.connect(os.path.join(self.data, 'samizdat.db')) as db:
            row = db.execute('SELECT password_hash, must_change_password FROM users '
                             'WHERE email = ?', (email,)).fetchone()
        return row

    def test_add_then_list(self):
        code, out, err = self.add('ann@example.com', '--name', 'Ann Example', '--role', 'owner',
                                  '--blog', 'one.test')
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r'^added user \d+ ann@example.com \(owner, one.test\)\n$')
        code, out, err = self.add('root@example.com', '--role', 'admin')
        self.assertEqual(code, 0, err)
        users = self.listed()
        ann = users['ann@example.com']
        self.assertEqual(ann[2:5], ['Ann Example', 'owner', 'one.test'])
        self.assertTrue(ann[0].isdigit())
        self.assertEqual(users['root@example.com'][2:5], ['root', 'admin', 'all'])
        # Stored hashed, never as typed (nor with the newline).
        password_hash, must_change = self.stored_hash('ann@example.com')
        self.assertTrue(password_hash.startswith('$argon2id$'), password_hash)
        self.assertNotIn(PASSWORD, password_hash)
        self.assertEqual(must_change, 0)

    def test_duplicate_email_is_refused(self):
        self.assertEqual(self.add('dup@example.com')[0], 0)
        code, out, err = self.add('DUP@example.com')
        assert_one_line_error(self, code, out, err, 'DUP@example.com', 'already registered')
        self.assertNotIn('DUP@example.com', self.listed())

    def test_short_password_is_refused(self):
        code, out, err = self.add('short@example.com', password='short')
        assert_one_line_error(self, code, out, err, 'password is too short')
        self.assertNotIn('short@example.com', self.listed())

    def test_bad_role_and_unknown_blog_are_refused(self):
        code, out, err = self.add('role@example.com', '--role', 'king')
        assert_one_line_error(self, code, out, err, 'admin, owner or author')
        code, out, err = self.add('blog@example.com', '--blog', 'nowhere.test')
        assert_one_line_error(self, code, out, err, 'nowhere.test')

    def test_password_on_the_command_line_is_not_accepted(self):
        code, out, err = self.run_cli('user', 'add', '--email', 'cmd@example.com',
                                      '--password', PASSWORD)
        self.assertNotEqual(code, 0)
        self.assertIn('--password', err)
        code, _, _ = self.run_cli('user', 'passwd', 'cmd@example.com', '--password', PASSWORD)
        self.assertNotEqual(code, 0)
        self.assertNotIn('cmd@example.com', self.listed())

    def test_no_password_without_a_terminal_or_stdin_flag(self):
        code, out, err = self.run_cli('user', 'add', '--email', 'tty@example.com',
                                      stdin=PASSWORD + '\n')
        assert_one_line_error(self, code, out, err, '--password-stdin')
        code, out, err = self.add('empty@example.com', password='')
        assert_one_line_error(self, code, out, err, 'too short')

    def test_passwd_changes_the_hash(self):
        self.assertEqual(self.add('pw@example.com')[0], 0)
        before, _ = self.stored_hash('pw@example.com')
        code, out, err = self.run_cli('user', 'passwd', 'PW@example.com', '--password-stdin',
                                      '--must-change', stdin='another fine password\n')
        self.assertEqual(code, 0, err)
        self.assertIn('pw@example.com', out)
        after, must_change = self.stored_hash('pw@example.com')
        self.assertNotEqual(before, after)
        self.assertTrue(after.startswith('$argon2id$'))
        self.assertEqual(must_change, 1)
        self.assertIn('must change password', self.listed()['pw@example.com'][-1])

        code, out, err = self.run_cli('user', 'passwd', 'pw@example.com', '--password-stdin',
                                      stdin='short\n')
        assert_one_line_error(self, code, out, err, 'too short')
        self.assertEqual(self.stored_hash('pw@example.com')[0], after)
        code, out, err = self.run_cli('user', 'passwd', 'ghost@example.com', '--password-stdin',
                                      stdin=PASSWORD + '\n')
        assert_one_line_error(self, code, out, err, 'ghost@example.com')

    def test_rm_removes_and_unknown_fails(self):
        self.assertEqual(self.add('gone@example.com')[0], 0)
        code, out, err = self.run_cli('user', 'rm', 'Gone@example.com')
        self.assertEqual(code, 0, err)
        self.assertNotIn('gone@example.com', self.listed())
        code, out, err = self.run_cli('user', 'rm', 'gone@example.com')
        assert_one_line_error(self, code, out, err, 'no user', 'gone@example.com')


class LastAdmin(IntegrationCase):
    SERVE = False

    def test_the_last_admin_cannot_be_removed(self):
        proc = subprocess.run([binary(), '--data', self.data, 'user', 'add', '--email',
                               'boss@example.com', '--role', 'admin', '--password-stdin'],
                              input=PASSWORD + '\n', capture_output=True, text=True,
                              timeout=CLI_TIMEOUT)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        code, out, err = self.cli('user', 'rm', 'boss@example.com', check=False)
        assert_one_line_error(self, code, out, err, 'last admin')
        _, out, _ = self.cli('user', 'list')
        self.assertIn('boss@example.com', out)


if __name__ == '__main__':
    unittest.main()
