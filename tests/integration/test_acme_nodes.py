# Automatic certificates on two nodes sharing one PostgreSQL database: both run
# `serve --acme`, one of them orders (the store's lease), pebble issues one certificate
# per host, and both nodes serve it; either node answers the HTTP-01 challenge from the
# store (pebble validates through node A whichever node ordered).
#
# Needs Debian's postgresql and pebble packages.
import http.client
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402  (tests/pg_cluster.py)

from harness import Server, cli, free_port, start_together  # noqa: E402
from pebble import Pebble  # noqa: E402
from test_acme import NO_PROXY, peer_serial, wait_for  # noqa: E402


class AcmeNodes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-acme-nodes-')
        cls.pg_dir = tempfile.mkdtemp(prefix='samizdat-acme-nodes-pg-')
        cls.nodes = []
        cls.pebble = None
        try:
            cls.url = pg_cluster.start(cls.pg_dir)
            cli('--db', cls.url, 'blog', 'create', '--host', 'shared.test', '--title', 'Shared',
                data=os.path.join(cls._tmp.name, 'cli'))
            ports = [(free_port(), free_port()) for _ in 'AB']  # (TLS, plain) of A and B
            cls.pebble = Pebble(http_port=ports[0][1], tls_port=ports[0][0]).start()
            cls.roots = cls.pebble.root_context()
            for name, (tls, plain) in zip('AB', ports):
                cls.nodes.append(cls.node(name, tls, plain))
            start_together(cls.nodes)
        except BaseException:
            cls._cleanup()
            raise

    @classmethod
    def node(cls, name, tls, plain):
        def plain_answers(server):
            conn = http.client.HTTPConnection('127.0.0.1', plain, timeout=2)
            conn.request('GET', '/healthz', headers={'Host': 'shared.test'})
            return conn.getresponse().status == 301

        return Server(os.path.join(cls._tmp.name, f'node-{name}'), '--acme', '--acme-email',
                      'ops@shared.test', '--acme-directory', cls.pebble.directory, '--acme-ca',
                      cls.pebble.api_ca, '--http-port', plain, '--acme-check-seconds', '1',
                      global_args=('--db', cls.url), port=tls, ready=plain_answers,
                      env=NO_PROXY)

    @classmethod
    def tearDownClass(cls):
        try:
            for server in cls.nodes:
                code = server.stop()
                if code != 0:
                    raise AssertionError(f'a node exited {code}: {server.stderr()[-4000:]}')
        finally:
            cls._cleanup()
            super().tearDownClass()

    @classmethod
    def _cleanup(cls):
        for server in cls.nodes:
            server.kill()
        if cls.pebble is not None:
            cls.pebble.remove()
        pg_cluster.stop(cls.pg_dir)
        cls._tmp.cleanup()

    def serials(self, host):
        return [peer_serial(n.port, host, self.roots) for n in self.nodes]

    def issued_lines(self, host):
        return sum(n.stderr().count(f'{host}: certificate issued') for n in self.nodes)

    def test_1_one_node_orders_and_both_serve_the_certificate(self):
        serials = wait_for('both nodes serving a certificate for shared.test',
                           lambda: (lambda s: s if len(set(s)) == 1 else None)(
                               self.serials('shared.test')))
        self.assertEqual(len(serials), 2)
        self.assertEqual(self.pebble.issued(), 1)
        self.assertEqual(self.issued_lines('shared.test'), 1)

    def test_2_a_blog_added_later_is_ordered_once_for_both(self):
        issued = self.pebble.issued()
        cli('--db', self.url, 'blog', 'create', '--host', 'second.test', '--title', 'Second',
            data=os.path.join(self._tmp.name, 'cli'))
        first = self.serials('shared.test')[0]
        wait_for('both nodes serving a certificate for second.test',
                 lambda: all(s != first for s in self.serials('second.test')) and
                 len(set(self.serials('second.test'))) == 1)
        self.assertEqual(self.pebble.issued(), issued + 1)
        self.assertEqual(self.issued_lines('second.test'), 1)


if __name__ == '__main__':
    unittest.main()
