# An import is all or nothing, even when the process dies: `samizdat import` killed with
# SIGKILL in the middle of storing a large export (rows written, the transaction open)
# leaves the store exactly as it was: the same blogs, posts, comments and export, a
# database that passes SQLite's integrity check, and imports that work afterwards.
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unittest

from harness import IntegrationCase, _env, binary

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, '..', '..', 'bench', 'make_blogger_export.py')
HOST = 'bench.example.com'
KILL_TIMEOUT = 60  # seconds for the import to get halfway


def generate(path, posts, comments):
    subprocess.run([sys.executable, GENERATOR, '--posts', str(posts), '--comments',
                    str(comments), path], check=True)


def bytes_read(pid):
    """What the process has read with read(2) so far (its export, mostly)."""
    with open(f'/proc/{pid}/io', encoding='ascii') as f:
        for line in f:
            if line.startswith('rchar:'):
                return int(line.split()[1])
    return 0


class ImportKilledMidway(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        # The blog as it was: a few posts and comments (the large file's first ones).
        cls.small = os.path.join(cls.tmp, 'small.xml')
        generate(cls.small, 20, 40)
        cls.cli('import', cls.small, '--no-media')
        # Large enough that the import writes for seconds before it could end.
        cls.large = os.path.join(cls.tmp, 'large.xml')
        generate(cls.large, 2000, 10000)
        cls.db = os.path.join(cls.data, 'samizdat.db')

    def state(self):
        """Everything a user sees of the store."""
        blogs = self.cli('blog', 'list')[1]
        out = [blogs]
        for line in blogs.splitlines():
            host = line.split('\t')[1]
            out.append(self.cli('post', 'list', '--blog', host)[1])
            out.append(self.cli('comment', 'list', '--status', 'all', '--blog', host)[1])
            out.append(self.cli('export', '--format', 'blogger', '--blog', host)[1])
        return out

    def integrity(self):
        with sqlite3.connect(self.db) as db:
            return db.execute('PRAGMA integrity_check').fetchall()

    def kill_midway(self, *args):
        """Starts `samizdat import LARGE ARGS`, kills it once it has read half the file
        and has been storing it, and returns what it had printed."""
        size = os.path.getsize(self.large)
        wal = self.db + '-wal'
        wal_before = os.path.getsize(wal) if os.path.exists(wal) else 0
        proc = subprocess.Popen([binary(), '--data', self.data, 'import', self.large,
                                 '--no-media', *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        deadline = time.monotonic() + KILL_TIMEOUT
        try:
            while True:
                self.assertIsNone(proc.poll(), 'the import ended before it could be killed')
                self.assertLess(time.monotonic(), deadline, 'the import never got halfway')
                grown = os.path.exists(wal) and os.path.getsize(wal) > wal_before + (1 << 20)
                if bytes_read(proc.pid) > size // 2 and grown:
                    break
                time.sleep(0.02)
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            out, err = proc.communicate()
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        return out.decode() + err.decode()

    def test_into_an_existing_blog_leaves_it_as_it_was(self):
        before = self.state()
        self.kill_midway()
        self.assertEqual(self.integrity(), [('ok',)])
        self.assertEqual(self.state(), before)
        # The store takes imports as before: the blog's own file finds all of it there.
        out = self.cli('import', self.small, '--no-media')[1]
        self.assertIn('already there: 20 posts, 40 comments', out)

    def test_into_a_new_blog_leaves_no_blog_behind(self):
        before = self.state()
        self.kill_midway('--blog', 'other.example.com')
        self.assertEqual(self.integrity(), [('ok',)])
        self.assertEqual(self.state(), before)
        self.assertNotIn('other.example.com', self.cli('blog', 'list')[1])


if __name__ == '__main__':
    unittest.main()
