# Several nodes over one PostgreSQL: three samizdat servers, each with its own data
# directory, sharing nothing but the database. A write through any of them (or through the
# CLI) shows on every node's cached pages; a scheduled post is published once; a node that
# loses the database keeps serving its cached pages, answers 503 for the rest, and carries
# on by itself when the database is back.
#
# Needs Debian's postgresql package (tests/pg_cluster.py starts a throwaway cluster).
import datetime
import os
import re
import sys
import tempfile
import threading
import time
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402  (tests/pg_cluster.py)

from harness import (Server, cli, comment_form, html_paragraphs, parse_added,  # noqa: E402
                     post_comment, send_comment, start_together, visible_text)

HOST = 'nodes.test'
FAST_COMMENTS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')
POLL = 0.005          # seconds between two looks at a page
PROPAGATION = 1.0     # seconds a write may take to show on every node (the aim is 0.1)
PATIENCE = 30         # seconds for slower things: a restart, a reconnection
ATOM = '{http://www.w3.org/2005/Atom}'


def wait_until(what, probe, timeout=PATIENCE):
    """Calls probe() every POLL seconds until it returns a true value; returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        got = probe()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f'{what}: not within {timeout} s')
        time.sleep(POLL)


def page_text(server, path):
    status, _, body = server.get(path)
    return visible_text(body) if status == 200 else ''


class Nodes(unittest.TestCase):
    """Nodes A and B get the database with --db, node C from SAMIZDAT_DB, as an operator
    may configure them. The tests run in the order of their numbers and build on each
    other's posts; the last one takes the database away and brings it back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-nodes-')
        cls.tmp = cls._tmp.name
        # Its own directory under /tmp: as root the cluster runs as user postgres, which
        # may not enter ours.
        cls.pg_dir = tempfile.mkdtemp(prefix='samizdat-nodes-pg-')
        cls.nodes = {}
        cls._files = 0
        try:
            cls.url = pg_cluster.start(cls.pg_dir)
            cls.admin('blog', 'create', '--host', HOST, '--title', 'Nodes blog',
                      '--timezone', 'UTC')
            _, cls.seed = cls.add_post('Seed post', 'seedmarker', '--date', '2022-01-01')
            for name in 'ABC':
                data = os.path.join(cls.tmp, f'node-{name}')
                if name == 'C':
                    cls.nodes[name] = Server(data, *FAST_COMMENTS, env={'SAMIZDAT_DB': cls.url})
                else:
                    cls.nodes[name] = Server(data, *FAST_COMMENTS, global_args=('--db', cls.url))
            start_together(cls.nodes.values())
        except BaseException:
            cls._cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            for name, server in cls.nodes.items():
                code = server.stop()
                if code != 0:
                    raise AssertionError(f'node {name} exited {code} after SIGTERM\n'
                                         f'stderr: {server.stderr()[-4000:]}')
        finally:
            cls._cleanup()
            super().tearDownClass()

    @classmethod
    def _cleanup(cls):
        for server in cls.nodes.values():
            server.kill()
        pg_cluster.stop(cls.pg_dir)
        cls._tmp.cleanup()

    # --- the admin's side: the CLI on another machine, sharing only the database ---------

    @classmethod
    def admin(cls, *args):
        return cli('--db', cls.url, *args, data=os.path.join(cls.tmp, 'admin'))[1]

    @classmethod
    def body_file(cls, marker):
        cls._files += 1
        path = os.path.join(cls.tmp, f'body{cls._files}.html')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(html_paragraphs([f'Body {marker}.']))
        return path

    @classmethod
    def add_post(cls, title, marker, *args):
        """`post add`; returns (id, path)."""
        out = cls.admin('post', 'add', '--title', title, '--body', cls.body_file(marker), *args)
        return parse_added(out, 'post')

    def published_time(self, post_id):
        """The post's published instant (ms) as node A's Atom feed gives it, in epoch s."""
        status, _, body = self.nodes['A'].get('/feeds/posts/default')
        self.assertEqual(status, 200)
        for entry in ET.fromstring(body).iter(ATOM + 'entry'):
            if entry.findtext(ATOM + 'id', '').endswith(f'.post-{post_id}'):
                return datetime.datetime.fromisoformat(
                    entry.findtext(ATOM + 'published')).timestamp()
        raise AssertionError(f'post {post_id} is not in the feed')

    def warm(self, *paths):
        """GETs each path twice on every node (the second answer comes from its cache);
        returns {(node, path): bytes}."""
        pages = {}
        for name, server in self.nodes.items():
            for path in paths:
                for _ in range(2):
                    status, _, body = server.get(path)
                    self.assertEqual(status, 200, f'node {name} GET {path}: {body[:300]!r}')
                pages[name, path] = body
        return pages

    def shows_everywhere(self, path, marker, timeout=PATIENCE):
        for name, server in self.nodes.items():
            wait_until(f'node {name} showing {marker!r} at {path}',
                       lambda: marker in page_text(server, path), timeout)

    # --- the tests -------------------------------------------------------------------------

    def test_0_the_nodes_set_up_the_fresh_database_once(self):
        admins = [name for name, server in self.nodes.items()
                  if 'admin account: admin@localhost' in server.stdout()]
        self.assertEqual(len(admins), 1, f'one admin account, made by one node: {admins}')
        for name, server in self.nodes.items():
            self.assertIn('samizdat: data in PostgreSQL postgresql:', server.stderr(), name)

    def test_1_a_new_post_shows_on_every_node(self):
        self.warm('/', self.seed)
        for server in self.nodes.values():
            self.assertNotIn('freshmarker', page_text(server, '/'))

        # Each node is watched from before the write; the time a node first shows the post
        # is compared with the post's published time (set by the CLI just before it commits).
        seen = {}
        stop = threading.Event()

        def watch(name, server):
            while not stop.is_set():
                if 'freshmarker' in page_text(server, '/'):
                    seen[name] = time.time()
                    return
                time.sleep(POLL)

        watchers = [threading.Thread(target=watch, args=item, daemon=True)
                    for item in self.nodes.items()]
        for watcher in watchers:
            watcher.start()
        try:
            post_id, path = self.add_post('Fresh post', 'freshmarker')
            for watcher in watchers:
                watcher.join(PATIENCE)
        finally:
            stop.set()
        self.assertEqual(sorted(seen), ['A', 'B', 'C'], 'every node shows the new post')
        published = self.published_time(post_id)
        delays = {name: max(0.0, at - published) * 1000 for name, at in seen.items()}
        print('\npropagation of a new post (published time -> home page shows it): ' +
              ', '.join(f'{name} {ms:.0f} ms' for name, ms in sorted(delays.items())),
              file=sys.stderr)
        for name, ms in delays.items():
            self.assertLess(ms, PROPAGATION * 1000, f'node {name} showed the post after {ms:.0f} ms')
        for name, server in self.nodes.items():
            self.assertIn('freshmarker', page_text(server, path), f'node {name} {path}')

    def test_2_a_comment_on_c_updates_the_counts_cached_on_a_and_b(self):
        self.warm('/', self.seed)
        for name in 'AB':
            self.assertIn('No comments', page_text(self.nodes[name], self.seed))
        status, headers, body = post_comment(self.nodes['C'], self.seed, 'Hello from node C',
                                             name='Reader C')
        self.assertEqual(status, 303, body[:300])
        posted = time.monotonic()
        for name in 'AB':
            server = self.nodes[name]
            wait_until(f'node {name} showing the comment on the post page',
                       lambda: 'Hello from node C' in page_text(server, self.seed))
            self.assertIn('1 comment', page_text(server, self.seed))
            wait_until(f'node {name} counting the comment on the home page',
                       lambda: '1 comment' in page_text(server, '/'))
        print(f'\na comment on C showed on A and B within '
              f'{(time.monotonic() - posted) * 1000:.0f} ms', file=sys.stderr)

    def test_2b_a_form_shown_by_one_node_may_be_posted_to_another(self):
        status, _, page = self.nodes['A'].get(self.seed)
        self.assertEqual(status, 200)
        fields = comment_form(page)
        fields.update({'name': 'Roaming reader', 'body': 'Shown by A, sent to B'})
        status, _, body = send_comment(self.nodes['B'], fields)
        self.assertEqual(status, 303, body[:300])
        self.shows_everywhere(self.seed, 'Shown by A, sent to B')

    def test_3_a_scheduled_post_is_published_once_by_one_of_the_nodes(self):
        due = int(time.time()) + 3
        when = time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(due))
        self.add_post('Scheduled one', 'schedonemarker', '--date', when)
        self.add_post('Scheduled two', 'schedtwomarker', '--date', when)
        if time.time() < due - 0.5:  # the CLI may be slower than that on a loaded machine
            for server in self.nodes.values():
                self.assertNotIn('schedonemarker', page_text(server, '/'))
        self.shows_everywhere('/', 'schedonemarker')
        self.shows_everywhere('/', 'schedtwomarker')

        def published_counts():
            counts = []
            for server in self.nodes.values():
                counts += [int(n) for n in re.findall(
                    rf'{re.escape(HOST)}: published (\d+) scheduled post\(s\)', server.stderr())]
            return counts

        wait_until('a node saying it published the scheduled posts',
                   lambda: sum(published_counts()) >= 2)
        # A node that published them again would do it at its next tick, within a second.
        time.sleep(2)
        self.assertEqual(sum(published_counts()), 2,
                         'the two posts were published once in all: ' +
                         ' | '.join(s.stderr() for s in self.nodes.values()))

    def test_4_a_lost_database_leaves_cached_pages_and_comes_back(self):
        pages = self.warm('/', self.seed)
        pg_cluster.halt(self.pg_dir)
        try:
            for name, server in self.nodes.items():
                for path in ('/', self.seed):
                    status, _, body = server.get(path)
                    self.assertEqual(status, 200, f'node {name} {path} from its cache')
                    self.assertEqual(body, pages[name, path], f'node {name} {path}: same bytes')
                started = time.monotonic()
                status, headers, body = post_comment(server, self.seed, f'Lost on {name}')
                self.assertEqual(status, 503, f'node {name}: {body[:300]!r}')
                self.assertTrue(headers['Retry-After'], f'node {name}: a 503 says when to come back: {body[:300]!r}')
                status, _, body = server.get('/2022/')  # never asked for: not cached
                self.assertEqual(status, 503, f'node {name}: {body[:300]!r}')
                self.assertLess(time.monotonic() - started, 5, 'answers, does not hang')
                wait_until(f'node {name} logging the lost database',
                           lambda: 'the database is unavailable' in server.stderr())
                status, _, body = server.get('/healthz')
                self.assertEqual((status, body), (503, b'the database is unavailable\n'), name)
                _, _, metrics = server.get('/metrics')
                errors = re.search(rb'(?m)^samizdat_store_errors_total (\d+)$', metrics)
                self.assertGreater(int(errors.group(1)), 0, f'node {name}: {metrics[-2000:]!r}')
        finally:
            pg_cluster.restart(self.pg_dir)

        for name, server in self.nodes.items():
            tries = iter(range(1_000_000))

            def comment_goes_through():
                status, _, _ = post_comment(server, self.seed, f'Back on {name}, try {next(tries)}')
                return status == 303

            wait_until(f'node {name} taking comments again', comment_goes_through)
            wait_until(f'node {name} logging that the database is back',
                       lambda: 'the database is back' in server.stderr())
            self.assertEqual(server.get('/healthz')[0], 200, name)
        self.add_post('After the outage', 'aftermarker')
        self.shows_everywhere('/', 'aftermarker', timeout=10)


if __name__ == '__main__':
    unittest.main()
