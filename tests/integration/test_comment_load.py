# Comments under load and under a crash: 8 clients posting 2,000 comments to 20 posts
# store exactly 2,000 with every count right; a server killed with SIGKILL at random
# moments while 8 clients post keeps every comment it acknowledged, on SQLite and on
# PostgreSQL (there the database is crashed too, once).
import http.client
import os
import random
import re
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

from harness import IntegrationCase, Server, comment_form, visible_text

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402  (tests/pg_cluster.py)

FAST = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')
POSTS = 20
CLIENTS = 8
TOTAL = 2000


class Poster(threading.Thread):
    """Posts comments over one keep-alive connection; records acknowledged comment ids."""

    def __init__(self, port, forms, plan, tag):
        super().__init__(daemon=True)
        self.port, self.forms, self.plan, self.tag = port, forms, plan, tag
        self.acknowledged = []    # (post index, comment id)
        self.failures = []
        self.stop = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=60)
        try:
            for n, post in enumerate(self.plan):
                if self.stop.is_set():
                    return
                fields = dict(self.forms[post], body=f'{self.tag} comment {n} on post {post}',
                              name=f'client {self.tag}')
                try:
                    conn.request('POST', '/comment', body=urllib.parse.urlencode(fields),
                                 headers={'Content-Type': 'application/x-www-form-urlencoded'})
                    resp = conn.getresponse()
                    resp.read()
                except (OSError, http.client.HTTPException) as e:
                    self.failures.append(repr(e))
                    return
                if resp.status != 303:
                    self.failures.append(resp.status)
                    continue
                m = re.search(r'#c(\d+)$', resp.getheader('Location', ''))
                self.acknowledged.append((post, m.group(1)))
        finally:
            conn.close()


class LoadCase(IntegrationCase):
    SERVER_ARGS = FAST

    @classmethod
    def prepare(cls):
        cls.create_blog('load.test', 'Load blog')
        cls.posts = [cls.add_post(f'Post {n}', f'<p>post {n}</p>', date=f'2022-06-{n + 1:02d}')
                     for n in range(POSTS)]

    @classmethod
    def forms(cls, server):
        forms = []
        for _, path in cls.posts:
            _, _, page = server.get(path)
            forms.append(comment_form(page))
        return forms

    def stored_ids(self):
        _, out, _ = self.cli('comment', 'list', '--status', 'all')
        return [line.split('\t')[0] for line in out.splitlines() if line]


class ConcurrentComments(LoadCase):

    def test_eight_clients_two_thousand_comments(self):
        forms = self.forms(self.server)
        per_client = TOTAL // CLIENTS
        clients = [Poster(self.server.port, forms,
                          [(c + n) % POSTS for n in range(per_client)], f'c{c}')
                   for c in range(CLIENTS)]
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=600)
        for client in clients:
            self.assertEqual(client.failures, [], f'client {client.tag}')
        acknowledged = [a for client in clients for a in client.acknowledged]
        self.assertEqual(len(acknowledged), TOTAL)
        self.assertEqual(sorted(self.stored_ids()), sorted(cid for _, cid in acknowledged))
        for index, (_, path) in enumerate(self.posts):
            expected = sum(1 for post, _ in acknowledged if post == index)
            with self.subTest(post=path):
                self.assertIn(f'{expected} comments:', visible_text(self.get_ok(path)))
        # The list page shows every post's count: together, all the comments.
        listing = visible_text(self.get_ok(f'/search?max-results={POSTS}'))
        self.assertEqual(sum(int(n) for n in re.findall(r'(\d+) comments', listing)), TOTAL)


class CrashWhilePosting(LoadCase):
    """Three rounds: 8 clients post as fast as they can, and at a random moment the server
    gets SIGKILL. Every comment acknowledged with a 303 must be there afterwards, and the
    pages' counts must agree with what is stored."""
    SERVE = False
    ROUNDS = 3

    def crash_database(self):
        """Called with the server killed in the last round: a store that can crash on
        its own (PostgreSQL) is crashed here and brought back."""

    def test_every_acknowledged_comment_survives_sigkill(self):
        seed = random.randrange(1 << 30)
        moments = random.Random(seed)
        acknowledged = []
        for round_ in range(self.ROUNDS):
            server = Server(self.data, *FAST, check_exit=False, env=self.ENV).start()
            try:
                forms = self.forms(server)
                clients = [Poster(server.port, forms, [n % POSTS for n in range(100_000)],
                                  f'r{round_}c{c}') for c in range(CLIENTS)]
                for client in clients:
                    client.start()
                time.sleep(moments.uniform(0.5, 2.0))
                server.kill()   # SIGKILL mid-stream
                if round_ == self.ROUNDS - 1:
                    self.crash_database()
                for client in clients:
                    client.join(timeout=60)
                got = [cid for client in clients for _, cid in client.acknowledged]
                self.assertGreater(len(got), 0, 'no comment was acknowledged before the kill')
                acknowledged += got
            finally:
                server.kill()
        stored = set(self.stored_ids())
        lost = [cid for cid in acknowledged if cid not in stored]
        self.assertEqual(lost, [], f'{len(lost)} of {len(acknowledged)} acknowledged comments '
                                   f'lost (kill moments from random seed {seed})')
        # The counts the pages show agree with what is stored after the crashes.
        server = Server(self.data, *FAST, env=self.ENV).start()
        try:
            total = 0
            for _, path in self.posts:
                _, _, page = server.get(path)
                m = re.search(r'(No|\d+) comments?:', visible_text(page))
                total += 0 if m.group(1) == 'No' else int(m.group(1))
            self.assertEqual(total, len(stored))
        finally:
            server.stop_and_check()


class CrashWhilePostingOnPostgres(CrashWhilePosting):
    """The same on PostgreSQL, durable (fsync and synchronous commit on); in the last round
    the database server is stopped at once (pg_ctl -m immediate: no checkpoint, recovery
    from its WAL at the restart) right after samizdat is killed."""

    @classmethod
    def setUpClass(cls):
        # Its own directory under /tmp: as root the cluster runs as user postgres.
        cls.pg_dir = tempfile.mkdtemp(prefix='samizdat-crash-pg-')
        try:
            cls.ENV = {'SAMIZDAT_DB': pg_cluster.start(cls.pg_dir, durable=True)}
            super().setUpClass()
        except BaseException:
            pg_cluster.stop(cls.pg_dir)
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            pg_cluster.stop(cls.pg_dir)

    def crash_database(self):
        pg_cluster.halt(self.pg_dir)
        pg_cluster.restart(self.pg_dir)


if __name__ == '__main__':
    unittest.main()
