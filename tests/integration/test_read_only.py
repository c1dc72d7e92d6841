# Read-only commands on a database this process may only read (the file 0444 in a 0555
# directory; as root, the commands run as `nobody`, whom the modes do stop): `blog list`,
# `post list`, `comment list`, `user list`, `export` and `backup` answer as they do for
# the owner and leave no -wal or -shm behind; commands that write fail with one clear line
# and change nothing.
import os
import stat
import subprocess

from harness import CLI_TIMEOUT, IntegrationCase, Server, _env, binary, post_comment

READER = ['runuser', '-u', 'nobody', '--'] if os.geteuid() == 0 else []
READS = (('blog', 'list'), ('post', 'list'), ('comment', 'list', '--status', 'all'),
         ('user', 'list'), ('export', '--format', 'blogger'), ('export', '--format', 'wxr'))


class ReadOnlyDatabase(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('ro.test', 'Read-only blog')
        cls.add_post('Kept', '<p>kept <b>as is</b></p>', date='2023-01-02', labels='one, two')
        cls.cli('user', 'add', '--email', 'owner@ro.test', '--role', 'admin', '--password-stdin',
                input_text='a long enough password, surely\n')
        with Server(cls.data, '--comment-min-seconds', '0') as server:
            path = cls.post_list()[0][3]
            status, _, _ = post_comment(server, path, 'a comment to list', name='Reader')
            assert status == 303, status
        cls.owner = {args: cls.cli(*args)[1] for args in READS}
        os.chmod(cls.tmp, 0o755)
        os.chmod(os.path.join(cls.data, 'samizdat.db'), 0o444)
        os.chmod(cls.data, 0o555)

    @classmethod
    def tearDownClass(cls):
        os.chmod(cls.data, 0o755)
        super().tearDownClass()

    def as_reader(self, *args):
        proc = subprocess.run(READER + [binary(), '--data', self.data, *args], capture_output=True,
                              text=True, timeout=CLI_TIMEOUT, env=_env(), input='')
        return proc.returncode, proc.stdout, proc.stderr

    def listing(self):
        return sorted(os.listdir(self.data))

    def test_the_database_is_read_only_to_the_reader(self):
        code, _, _ = self.as_reader('post', 'list')
        self.assertEqual(code, 0)
        probe = subprocess.run(READER + ['touch', os.path.join(self.data, 'probe')],
                               capture_output=True)
        self.assertNotEqual(probe.returncode, 0, 'the reader may write the data directory')

    def test_read_commands_answer_as_for_the_owner(self):
        before = self.listing()
        for args in READS:
            with self.subTest(command=' '.join(args)):
                code, out, err = self.as_reader(*args)
                self.assertEqual(code, 0, err)
                self.assertEqual(out, self.owner[args])
                self.assertTrue(out, 'nothing listed')
        self.assertEqual(self.listing(), before)
        self.assertEqual(before, ['access.log', 'samizdat.db'])

    def test_backup_of_a_read_only_database(self):
        out_dir = os.path.join(self.tmp, 'backups')
        os.mkdir(out_dir)
        os.chmod(out_dir, 0o777)
        code, out, err = self.as_reader('backup', os.path.join(out_dir, 'b.db'))
        self.assertEqual(code, 0, err)
        self.assertIn('backed up', out)
        self.assertEqual(self.listing(), ['access.log', 'samizdat.db'])
        restored = os.path.join(self.tmp, 'restored')
        self.cli('restore', os.path.join(out_dir, 'b.db'), data=restored)
        self.assertEqual(self.cli('post', 'list', data=restored)[1], self.owner[('post', 'list')])

    def test_commands_that_write_fail_clearly_and_change_nothing(self):
        body = self.body_file('<p>new</p>')
        os.chmod(body, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        before = self.listing()
        with open(os.path.join(self.data, 'samizdat.db'), 'rb') as f:
            bytes_before = f.read()
        for args in (('post', 'add', '--title', 'New', '--body', body),
                     ('blog', 'create', '--host', 'new.test', '--title', 'New'),
                     ('blog', 'set', 'ro.test', '--title', 'Changed'),
                     ('user', 'rm', 'owner@ro.test')):
            with self.subTest(command=' '.join(args[:2])):
                code, out, err = self.as_reader(*args)
                self.assertEqual(code, 1, out + err)
                self.assertEqual(
                    err, f'samizdat: error: the database {self.data}/samizdat.db may only be read '
                    'by this process, and this command changes it: run it as a user that may '
                    'write the database and its directory\n')
        self.assertEqual(self.listing(), before)
        with open(os.path.join(self.data, 'samizdat.db'), 'rb') as f:
            self.assertEqual(f.read(), bytes_before)
        self.assertEqual(self.post_list()[0][4], 'Kept')
