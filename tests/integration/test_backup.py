# `samizdat backup` and `restore`: a backup taken while four clients post comments holds
# every comment acknowledged before it began, passes PRAGMA integrity_check, keeps the
# uploaded files, and serves the same pages once restored; bad input (an unwritable path,
# a non-empty target, a file that is not a backup, one from a newer samizdat) is refused
# with one clear line, exit code 1 and nothing changed; a round trip through PostgreSQL.
import hashlib
import http.client
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

from harness import IntegrationCase, Server, cli, comment_form

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402  (tests/pg_cluster.py)

FAST = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')
WRITERS = 4
PNG = bytes.fromhex('89504e470d0a1a0a') + b'not really a picture, but bytes all the same'


class Writer(threading.Thread):
    """Posts comments over one keep-alive connection until stopped; every acknowledged
    comment id goes into `acks` (shared, under `lock`)."""

    def __init__(self, port, forms, tag, acks, lock):
        super().__init__(daemon=True)
        self.port, self.forms, self.tag, self.acks, self.lock = port, forms, tag, acks, lock
        self.failures = []
        self.stop = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=60)
        n = 0
        try:
            while not self.stop.is_set():
                form = self.forms[n % len(self.forms)]
                fields = dict(form, body=f'{self.tag} comment {n}', name=f'writer {self.tag}')
                n += 1
                try:
                    conn.request('POST', '/comment', body=urllib.parse.urlencode(fields),
                                 headers={'Content-Type': 'application/x-www-form-urlencoded'})
                    resp = conn.getresponse()
                    resp.read()
                except (OSError, http.client.HTTPException) as e:
                    self.failures.append(repr(e))
                    return
                m = re.search(r'#c(\d+)$', resp.getheader('Location', ''))
                if resp.status != 303 or not m:
                    self.failures.append(resp.status)
                    continue
                with self.lock:
                    self.acks.append(m.group(1))
        finally:
            conn.close()


def add_media(data, blog_id):
    """An uploaded file, written into the SQLite database as an upload stores it."""
    digest = hashlib.blake2b(PNG, digest_size=16).hexdigest()
    db = sqlite3.connect(os.path.join(data, 'samizdat.db'))
    with db:
        db.execute('INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, '
                   'created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
                   (int(blog_id), digest, 'image/png', 'dot.png', PNG, len(PNG),
                    int(time.time() * 1000)))
    db.close()
    return f'/media/{digest}.png'


def comment_ids(data, global_args=()):
    _, out, _ = cli(*global_args, 'comment', 'list', '--status', 'all', data=data)
    return {line.split('\t')[0] for line in out.splitlines() if line}


# The Host every compared page is asked for: its absolute URLs (the head's, the share
# links) name it, and each server runs on a port of its own.
HOST = '127.0.0.1'


def same_page(response):
    """(status, body) with the comment form's token (it carries the time it was made)
    blanked."""
    status, _, body = response
    return status, re.sub(rb'name="token" value="[^"]*"', b'name="token" value=""', body)


def integrity(path):
    db = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    try:
        return db.execute('PRAGMA integrity_check').fetchall()
    finally:
        db.close()


def files_in(directory):
    """{name: bytes} of every file under `directory` (to show nothing changed)."""
    found = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, 'rb') as f:
                found[os.path.relpath(path, directory)] = f.read()
    return found


class BackupWhileWriting(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        blog_id = cls.create_blog('backup.test', 'Backup blog')
        cls.posts = [cls.add_post(f'Post {n}', f'<p>post {n}</p>', date=f'2023-03-{n + 1:02d}')
                     for n in range(4)]
        cls.media = add_media(cls.data, blog_id)

    def pages(self, server):
        paths = ['/', self.media] + [path for _, path in self.posts]
        return {path: same_page(server.get(path, host=HOST)) for path in paths}

    def test_backup_taken_while_four_clients_write_holds_every_acknowledged_comment(self):
        forms = [comment_form(self.server.get(path)[2]) for _, path in self.posts]
        acks, lock = [], threading.Lock()
        writers = [Writer(self.server.port, forms, f'w{n}', acks, lock) for n in range(WRITERS)]
        for w in writers:
            w.start()
        while len(acks) < 20:
            time.sleep(0.01)
        with lock:
            before = set(acks)
        backup = os.path.join(self.tmp, 'during.db')
        code, out, err = cli('backup', backup, data=self.data)
        with lock:
            during = len(acks) - len(before)
        time.sleep(0.2)
        for w in writers:
            w.stop.set()
        for w in writers:
            w.join(timeout=60)
        for w in writers:
            self.assertEqual(w.failures, [], f'writer {w.tag}')
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r'^backed up .*samizdat\.db to .*during\.db \([\d,]+ bytes\) in ')
        self.assertGreater(during, 0, 'no comment was acknowledged while the backup ran')
        self.assertEqual(integrity(backup), [('ok',)])
        self.assertEqual([n for n in os.listdir(self.tmp) if 'partial' in n], [])

        restored = os.path.join(self.tmp, 'restored')
        code, out, err = cli('restore', backup, data=restored)
        self.assertEqual(code, 0, err)
        self.assertIn('restored', out)
        self.assertEqual(integrity(os.path.join(restored, 'samizdat.db')), [('ok',)])
        held = comment_ids(restored)
        self.assertEqual(before - held, set(), 'acknowledged before the backup, missing after')
        self.assertLessEqual(held, set(acks))

        # Quiet now: a second backup, restored, serves what the server serves.
        quiet = os.path.join(self.tmp, 'quiet.db')
        cli('backup', quiet, data=self.data)
        again = os.path.join(self.tmp, 'again')
        cli('restore', quiet, data=again)
        self.assertEqual(comment_ids(again), comment_ids(self.data))
        with Server(again, *FAST) as copy:
            theirs, ours = self.pages(copy), self.pages(self.server)
        for path, (status, body) in ours.items():
            with self.subTest(path=path):
                self.assertEqual(status, 200)
                self.assertEqual(theirs[path], (status, body))
        self.assertEqual(ours[self.media][1], PNG)


class BadInput(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('bad.test', 'Bad input blog')
        cls.add_post('Kept', '<p>kept</p>', date='2023-01-02')
        cls.backup = os.path.join(cls.tmp, 'good.db')
        cli('backup', cls.backup, data=cls.data)

    def refused(self, *args, data=None, says):
        """Runs the command, expects exit code 1 and one error line containing `says`;
        the data directory and the backup file are left byte for byte as they were."""
        data = data or self.data
        before, backup_before = files_in(self.tmp), files_in(os.path.dirname(self.backup))
        code, out, err = cli(*args, data=data, check=False)
        self.assertEqual(code, 1, out + err)
        self.assertEqual(out, '')
        self.assertRegex(err, r'^samizdat: error: [^\n]*\n$')
        self.assertIn(says, err)
        self.assertEqual(files_in(self.tmp), before)
        self.assertEqual(files_in(os.path.dirname(self.backup)), backup_before)
        return err

    def test_backup_to_a_path_that_cannot_be_written(self):
        not_a_dir = self.write_file('plain.txt', 'a file, not a directory')
        self.refused('backup', os.path.join(not_a_dir, 'x.db'),
                     says=f'cannot write {not_a_dir}/x.db: Not a directory')
        self.refused('backup', os.path.join(self.tmp, 'missing', 'x.db'),
                     says='No such file or directory')
        self.refused('backup', self.tmp, says='is a directory')

    def test_backup_over_the_database_itself(self):
        self.refused('backup', os.path.join(self.data, 'samizdat.db'),
                     says='is the database itself')

    def test_backup_of_no_database(self):
        self.refused('backup', os.path.join(self.tmp, 'x.db'), data=os.path.join(self.tmp, 'nope'),
                     says='there is no database to back up')

    def test_restore_into_a_non_empty_data_directory(self):
        self.refused('restore', self.backup,
                     says='already holds a database')
        self.assertEqual(len(self.post_list()), 1)

    def test_restore_of_files_that_are_not_backups(self):
        empty = os.path.join(self.tmp, 'empty-data')
        text = self.write_file('notes.txt', 'not a database at all\n' * 100)
        self.refused('restore', text, data=empty, says='is not a samizdat backup: cannot read')
        other = os.path.join(self.tmp, 'other.db')
        db = sqlite3.connect(other)
        db.execute('CREATE TABLE things (x)')
        db.commit()
        db.close()
        self.refused('restore', other, data=empty, says="without samizdat's tables")
        self.refused('restore', os.path.join(self.tmp, 'absent.db'), data=empty,
                     says='there is no file')
        self.assertFalse(os.path.exists(empty))

    def test_restore_of_a_backup_from_a_newer_samizdat(self):
        newer = os.path.join(self.tmp, 'newer.db')
        cli('backup', newer, data=self.data)
        db = sqlite3.connect(newer)
        db.execute("INSERT INTO schema_version VALUES (9999, 'future', 0)")
        db.commit()
        db.close()
        empty = os.path.join(self.tmp, 'empty-data')
        self.refused('restore', newer, data=empty, says='written by a newer samizdat')
        self.assertFalse(os.path.exists(empty))


class PostgresRoundTrip(unittest.TestCase):
    """SQLite -> backup -> restore into PostgreSQL -> backup while a server on it takes
    comments -> restore into SQLite: the same pages, every acknowledged comment."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-backup-pg-')
        cls.tmp = cls._tmp.name
        cls.cluster = tempfile.mkdtemp(prefix='samizdat-pg-backup-')  # pg_cluster.stop removes it
        cls.url = pg_cluster.start(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        pg_cluster.stop(cls.cluster)
        cls._tmp.cleanup()

    def test_round_trip(self):
        data = os.path.join(self.tmp, 'data')
        cli('blog', 'create', '--host', 'pg.test', '--title', 'PG blog', data=data)
        body = os.path.join(self.tmp, 'body.html')
        with open(body, 'w') as f:
            f.write('<p>travelling</p>')
        _, out, _ = cli('post', 'add', '--title', 'Travels', '--body', body, '--date',
                        '2023-05-06', data=data)
        path = re.search(r' at (\S+)', out).group(1)
        _, out, _ = cli('blog', 'list', data=data)
        media = add_media(data, out.split()[0])
        first = os.path.join(self.tmp, 'first.db')
        cli('backup', first, data=data)
        pg = ('--db', self.url)
        code, out, err = cli(*pg, 'restore', first, data=data)
        self.assertEqual(code, 0, err)
        self.assertIn('restored', out)
        code, _, err = cli(*pg, 'restore', first, data=data, check=False)
        self.assertEqual(code, 1)
        self.assertIn('is not empty', err)

        with Server(data, *FAST, global_args=pg) as server:
            forms = [comment_form(server.get(path)[2])]
            acks, lock = [], threading.Lock()
            writer = Writer(server.port, forms, 'pg', acks, lock)
            writer.start()
            while len(acks) < 5:
                time.sleep(0.01)
            with lock:
                before = set(acks)
            second = os.path.join(self.tmp, 'second.db')
            code, out, err = cli(*pg, 'backup', second, data=data)
            writer.stop.set()
            writer.join(timeout=60)
            self.assertEqual(writer.failures, [])
            self.assertEqual(code, 0, err)
            self.assertIn('backed up postgresql://', out)
            self.assertEqual(integrity(second), [('ok',)])
            back = os.path.join(self.tmp, 'back')
            code, _, err = cli('restore', second, data=back)
            self.assertEqual(code, 0, err)
            self.assertEqual(before - comment_ids(back), set())
            pages = {p: same_page(server.get(p, host=HOST)) for p in ('/', path, media)}
        # The same pages as the PostgreSQL server, once its later comments are in too.
        final = os.path.join(self.tmp, 'final.db')
        cli(*pg, 'backup', final, data=data)
        last = os.path.join(self.tmp, 'last')
        cli('restore', final, data=last)
        with Server(last, *FAST) as copy:
            for p, seen in pages.items():
                with self.subTest(path=p):
                    self.assertEqual(same_page(copy.get(p, host=HOST)), seen)
        self.assertEqual(pages[media], (200, PNG))


if __name__ == '__main__':
    unittest.main()
