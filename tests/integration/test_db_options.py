# Choosing the store: --db postgresql://… (or SAMIZDAT_DB, or db = "…" in a --config
# file) for every command, against a throwaway PostgreSQL; bad URLs, an unreachable
# server and a schema from a newer samizdat give one clear line and change nothing.
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

from harness import binary, cli, free_port

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402


def psql(url, sql):
    out = subprocess.run(['psql', url, '-X', '-q', '-t', '-A', '-c', sql], check=True,
                         capture_output=True, text=True)
    return out.stdout.strip()


def samizdat(*args, env=None, timeout=120):
    """Runs the binary with exactly these arguments (no --data added)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=timeout,
                          env=full_env)
    return proc.returncode, proc.stdout, proc.stderr


class DbOption(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.cluster = tempfile.mkdtemp(prefix='samizdat-pg-options-')
        cls.url = pg_cluster.start(cls.cluster)
        cls.admin_url = pg_cluster.url(cls.cluster, 'postgres')

    @classmethod
    def tearDownClass(cls):
        pg_cluster.stop(cls.cluster)

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix='samizdat-db-options-')
        self.data = os.path.join(self.work, 'data')

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def fresh_database(self, name):
        psql(self.admin_url, f'DROP DATABASE IF EXISTS {name} WITH (FORCE)')
        psql(self.admin_url, f'CREATE DATABASE {name}')
        return self.url.replace('/samizdat?', f'/{name}?')

    def test_db_option_puts_everything_in_postgresql(self):
        url = self.fresh_database('opt_db')
        code, out, err = cli('--db', url, 'blog', 'create', '--host', 'pg.test', '--title',
                             'On PostgreSQL', data=self.data)
        self.assertEqual(code, 0, err)
        self.assertEqual(psql(url, "SELECT title FROM blogs WHERE host = 'pg.test'"),
                         'On PostgreSQL')
        self.assertFalse(os.path.exists(os.path.join(self.data, 'samizdat.db')),
                         'with --db no SQLite file is made')
        _, out, _ = cli('--db', url, 'blog', 'list', data=self.data)
        self.assertIn('\tpg.test\tOn PostgreSQL', out)
        # Without --db the same data directory is an empty SQLite store.
        _, out, _ = cli('blog', 'list', data=self.data)
        self.assertNotIn('pg.test', out)

    def test_environment_variable_and_config_file(self):
        url = self.fresh_database('opt_env')
        code, _, err = samizdat('blog', 'create', '--host', 'env.test', '--title', 'From env',
                                env={'SAMIZDAT_DB': url})
        self.assertEqual(code, 0, err)
        config = os.path.join(self.work, 'samizdat.toml')
        with open(config, 'w') as f:
            f.write(f'db = "{url}"\n')
        code, out, err = samizdat('--config', config, 'blog', 'list')
        self.assertEqual(code, 0, err)
        self.assertIn('\tenv.test\tFrom env', out)
        # The command line wins over the file: --data with no --db reads SQLite.
        with open(config, 'w') as f:
            f.write(f'data = "{self.data}"\n')
        code, out, err = samizdat('--config', config, 'blog', 'list')
        self.assertEqual(code, 0, err)
        self.assertNotIn('env.test', out)
        self.assertTrue(os.path.exists(os.path.join(self.data, 'samizdat.db')),
                        'data = "…" in the file chose the SQLite directory')

    def test_the_servers_options_come_from_the_serve_table(self):
        url = self.fresh_database('opt_serve')
        port = free_port()
        config = os.path.join(self.work, 'samizdat.toml')
        with open(config, 'w') as f:
            f.write(f'db = "{url}"\ndata = "{self.data}"\n[serve]\nport = {port}\n')
        server = subprocess.Popen([binary(), '--config', config, 'serve'],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            line = server.stdout.readline()
            self.assertIn('data in PostgreSQL', line)
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz') as r:
                        self.assertEqual(r.status, 200)
                        break
                except OSError:
                    self.assertLess(time.monotonic(), deadline, 'the server never answered')
                    time.sleep(0.1)
        finally:
            server.terminate()
            server.communicate(timeout=60)
        # serve's first run made its blog in PostgreSQL, not in the data directory.
        self.assertEqual(psql(url, 'SELECT COUNT(*) FROM blogs'), '1')

    def test_a_url_that_is_not_postgresql_is_a_usage_error(self):
        for url in ('mysql://db/blog', 'sqlite:/tmp/x.db', '/var/lib/samizdat'):
            with self.subTest(url=url):
                code, out, err = cli('--db', url, 'blog', 'list', data=self.data, check=False)
                self.assertNotEqual(code, 0)
                self.assertEqual(len(err.strip().splitlines()), 1, err)
                self.assertIn('a postgresql:// URL is needed', err)

    def test_an_unreachable_server_is_one_clear_line(self):
        url = f'postgresql:///samizdat?host={self.work}&port=1'
        started = time.monotonic()
        code, out, err = cli('--db', url, 'blog', 'list', data=self.data, check=False)
        self.assertEqual(code, 1)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn('samizdat: error: cannot reach PostgreSQL', err)

    def test_a_schema_from_a_newer_samizdat_is_refused_and_left_alone(self):
        url = self.fresh_database('opt_newer')
        cli('--db', url, 'blog', 'create', '--host', 'n.test', '--title', 'N', data=self.data)
        psql(url, "INSERT INTO schema_version (version, name, applied_ms) VALUES (99, 'x', 0)")
        code, out, err = cli('--db', url, 'blog', 'list', data=self.data, check=False)
        self.assertEqual(code, 1)
        self.assertIn('schema version 99', err)
        self.assertEqual(psql(url, 'SELECT COUNT(*) FROM blogs'), '1')

    def test_passwords_are_not_shown(self):
        url = self.fresh_database('opt_secret')
        # The throwaway cluster trusts local connections, so any password is accepted.
        with_password = url.replace('postgresql:///', 'postgresql://samizdat:topsecret@/') + \
            '&password=alsosecret'
        target = os.path.join(self.work, 'copy.db')
        code, out, err = samizdat('migrate', '--from', with_password, '--to', f'sqlite:{target}')
        self.assertEqual(code, 0, err)
        self.assertIn('samizdat:***@', out)
        self.assertIn('password=***', out)
        self.assertNotIn('topsecret', out + err)
        self.assertNotIn('alsosecret', out + err)

    def test_nodes_starting_together_migrate_once(self):
        url = self.fresh_database('opt_race')
        results = []

        def run():
            results.append(cli('--db', url, 'blog', 'list', data=self.data, check=False))

        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for code, _, err in results:
            self.assertEqual(code, 0, err)
        versions = psql(url, 'SELECT version FROM schema_version ORDER BY version')
        # Every migration of the source tree, each applied once.
        migrations = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src',
                                  'store', 'migrations', 'postgres')
        expected = sorted(str(int(name[:4])) for name in os.listdir(migrations)
                          if name.endswith('.sql'))
        self.assertEqual(versions.split(), sorted(expected, key=int))


if __name__ == '__main__':
    unittest.main()
