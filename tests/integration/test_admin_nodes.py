# The admin on several nodes over one PostgreSQL: sessions, CSRF tokens and the sign-in
# throttle live in the database, so a browser signed in through one node is signed in on
# every node, signing out anywhere ends it everywhere, and failed sign-ins on different
# nodes add up.
#
# Needs Debian's postgresql package (tests/pg_cluster.py starts a throwaway cluster).
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402  (tests/pg_cluster.py)

from admin_client import AdminClient, first_admin  # noqa: E402
from harness import Server, cli  # noqa: E402

PASSWORD = 'shared nodes password'


class AdminNodes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-admin-nodes-')
        cls.pg_dir = tempfile.mkdtemp(prefix='samizdat-admin-nodes-pg-')
        cls.nodes = []
        try:
            cls.url = url = pg_cluster.start(cls.pg_dir)
            for name in 'AB':
                data = os.path.join(cls._tmp.name, f'node-{name}')
                cls.nodes.append(Server(data, global_args=('--db', url)).start())
            # The first node to start made the admin account and printed its password.
            printed = [n for n in cls.nodes if 'admin account:' in n.stdout()]
            assert len(printed) == 1, 'exactly one node should print the first password'
            cls.email, first = first_admin(printed[0])
            client = AdminClient(cls.nodes[0])
            client.sign_in(cls.email, first)
            status, _, _ = client.change_password(first, PASSWORD)
            assert status == 303, status
        except BaseException:
            cls._cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            for node in cls.nodes:
                node.stop_and_check()
        finally:
            cls._cleanup()
            super().tearDownClass()

    @classmethod
    def _cleanup(cls):
        for node in cls.nodes:
            node.kill()
        pg_cluster.stop(cls.pg_dir)
        cls._tmp.cleanup()

    def test_a_session_holds_on_every_node(self):
        a, b = self.nodes
        client = AdminClient(a)
        status, _, _ = client.sign_in(self.email, PASSWORD)
        self.assertEqual(status, 303)
        client.server = b
        status, _, _ = client.get('/admin/password')
        self.assertEqual(status, 200)
        # A CSRF token shown by node B is good on node A, and signing out there ends the
        # session on node B too.
        client.server = a
        status, _, _ = client.post('/admin/sign-out', {})
        self.assertEqual(status, 303)
        client.server = b
        client.cookies.setdefault('samizdat_session', 'gone')
        status, headers, _ = client.get('/admin/password')
        self.assertEqual((status, headers['Location']), (303, '/admin/sign-in?next=%2Fadmin%2Fpassword'))

    def test_failed_sign_ins_add_up_across_nodes(self):
        email = 'throttled@example.com'
        cli('--db', self.url, 'user', 'add', '--email', email, '--name', 'Throttled',
            '--role', 'author', '--password-stdin', data=self._tmp.name,
            input_text='a right password\n')
        # Two failures on node A and one on node B: three for this address and account, so
        # the next attempt, on node B, waits (1 s after the third failure).
        for i, node in enumerate([0, 0, 1]):
            status, _, _ = AdminClient(self.nodes[node]).sign_in(email, f'wrong {i}')
            self.assertEqual(status, 401)
        status, headers, body = AdminClient(self.nodes[1]).sign_in(email, 'a right password')
        self.assertEqual(status, 429)
        self.assertIn('Retry-After', headers)
        self.assertIn(b'Too many failed sign-ins', body)


if __name__ == '__main__':
    unittest.main()
