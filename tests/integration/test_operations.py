# Operations, as an operator meets them: --version, an unknown config key, a port in use,
# the error log's levels, SIGINT and SIGHUP (the access log reopened for logrotate),
# /healthz and Prometheus's /metrics (who may read it, and what it counts).
import os
import re
import signal
import socket
import subprocess
import time
import unittest

from harness import (CLI_TIMEOUT, IntegrationCase, Server, _env, binary, cli, free_port,
                     post_comment)

HOST = 'ops.test'
TOKEN = 'metrics-token-0123456789'
LOG_LINE = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (error|warn|info|debug) \S')


def run(*args, timeout=CLI_TIMEOUT):
    """`samizdat ARGS...` as it is, no --data added: (exit code, stdout, stderr)."""
    proc = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=timeout,
                          env=_env(), input='')
    return proc.returncode, proc.stdout, proc.stderr


def wait_for(what, probe, timeout=10):
    deadline = time.monotonic() + timeout
    while not probe():
        if time.monotonic() > deadline:
            raise AssertionError(f'{what}: not within {timeout} s')
        time.sleep(0.05)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def metric(text, name, labels=''):
    """The value of one sample in an exposition text, or None."""
    m = re.search(rf'(?m)^{re.escape(name + labels)} (\S+)$', text)
    return float(m.group(1)) if m else None


class Commands(IntegrationCase):
    SERVE = False

    def test_version_names_the_release_and_the_commit(self):
        code, out, err = run('--version')
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r'^samizdat \d+\.\d+\.\d+( \(git [0-9a-f]{7,}\+?\))?\n$')

    def test_an_unknown_config_key_names_its_line_and_nothing_is_made(self):
        data = os.path.join(self.tmp, 'never-made')
        config = self.write_file('samizdat.toml', f'data = "{data}"\n\n[serve]\nport = 0\n'
                                                  'prot = 8080\n')
        code, out, err = run('--config', config, 'serve')
        self.assertNotEqual(code, 0)
        self.assertIn(f'{config}:5: unknown key "prot" in [serve]', err)
        self.assertFalse(os.path.exists(data), 'a refused config makes no data directory')

        code, _, err = run('--config', self.write_file('top.toml', 'datta = "x"\n'), 'post',
                           'list')
        self.assertNotEqual(code, 0)
        self.assertRegex(err, r'top\.toml:1: unknown key "datta"')
        code, _, err = run('--config', self.write_file('table.toml', '[serv]\nport = 1\n'),
                           'serve')
        self.assertNotEqual(code, 0)
        self.assertRegex(err, r'table\.toml:1: unknown table \[serv\]')

    def test_a_port_in_use_leaves_no_data_directory_behind(self):
        data = os.path.join(self.tmp, 'fresh')
        with socket.socket() as taken:
            taken.bind(('127.0.0.1', 0))
            taken.listen()
            port = taken.getsockname()[1]
            code, out, err = run('--data', data, 'serve', '--port', str(port))
        self.assertEqual(code, 1, err)
        self.assertIn(f'samizdat: error: 127.0.0.1 port {port} is already in use', err)
        self.assertNotIn('admin account', out)
        self.assertFalse(os.path.exists(data), os.listdir(self.tmp))

    def test_a_bad_metrics_token_or_log_level_is_refused_before_anything_is_made(self):
        data = os.path.join(self.tmp, 'refused')
        code, _, err = run('--data', data, 'serve', '--port', '0', '--metrics-token', 'short')
        self.assertEqual(code, 1)
        self.assertIn('--metrics-token must be at least 16 characters', err)
        code, _, err = run('--data', data, 'serve', '--port', '0', '--log-level', 'loud')
        self.assertNotEqual(code, 0)
        self.assertIn('--log-level', err)
        self.assertFalse(os.path.exists(data))


class Signals(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Ops blog')

    def test_the_error_log_has_times_and_levels_and_sigint_says_what_it_stopped(self):
        server = Server(self.data).start()
        server.proc.send_signal(signal.SIGINT)
        self.assertEqual(server.stop(), 0, server.stderr())
        lines = server.stderr().splitlines()
        self.assertTrue(lines and all(LOG_LINE.match(line) for line in lines), lines)
        self.assertRegex(server.stderr(), rf'(?m) info samizdat: SIGINT: stopped serving '
                                          rf'http://127\.0\.0\.1:{server.port}/; \d+ '
                                          rf'connection\(s\) closed$')
        self.assertRegex(server.stderr(), r'(?m) info samizdat: data in SQLite ')

    def test_log_level_warn_keeps_the_info_lines_out(self):
        server = Server(self.data, '--log-level', 'warn').start()
        self.assertEqual(server.stop(), 0)
        self.assertEqual(server.stderr(), '')

    def test_sighup_reopens_the_access_log_for_logrotate(self):
        log = os.path.join(self.tmp, 'access.log')
        with Server(self.data, '--access-log', log) as server:
            self.assertEqual(server.get('/?before', host=HOST)[0], 200)
            wait_for('the first line in the log', lambda: '/?before' in read(log))
            os.rename(log, log + '.1')  # what logrotate does
            server.proc.send_signal(signal.SIGHUP)
            wait_for('the reopen said in the error log',
                     lambda: f'SIGHUP: reopened the access log {log}' in server.stderr())
            self.assertEqual(server.get('/?after', host=HOST)[0], 200)
            wait_for('the second line in the new log',
                     lambda: os.path.exists(log) and '/?after' in read(log))
        self.assertNotIn('/?after', read(log + '.1'))
        self.assertNotIn('/?before', read(log))


class Metrics(IntegrationCase):
    SERVER_ARGS = ('--metrics-token', TOKEN, '--comment-min-seconds', '0')

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Ops blog')
        _, cls.post = cls.add_post('Counted post', '<p>countedmarker</p>', blog=HOST)

    def scrape(self, **kw):
        status, headers, body = self.server.get('/metrics', **kw)
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(headers['Content-Type'], 'text/plain; version=0.0.4; charset=utf-8')
        return body.decode()

    def test_healthz_reads_the_store(self):
        status, _, body = self.server.get('/healthz')
        self.assertEqual((status, body), (200, b'ok\n'))

    def test_requests_by_route_and_the_cache_are_counted(self):
        before = self.scrape()
        route = '{route="GET /{yyyy}/{mm}/{slug}.html",status="200"}'
        hits = metric(before, 'samizdat_cache_hits_total')
        served = metric(before, 'samizdat_cache_served_bytes_total')
        for _ in range(3):
            status, _, body = self.server.get(self.post, host=HOST)
            self.assertEqual(status, 200)
        self.server.get('/no/such/page', host=HOST)
        after = self.scrape()
        self.assertEqual(metric(after, 'samizdat_http_requests_total', route) -
                         (metric(before, 'samizdat_http_requests_total', route) or 0), 3)
        self.assertGreaterEqual(metric(after, 'samizdat_cache_hits_total') - hits, 2)
        self.assertGreaterEqual(metric(after, 'samizdat_cache_served_bytes_total') - served,
                                2 * len(body))
        self.assertGreaterEqual(metric(after, 'samizdat_http_requests_total',
                                       '{route="GET /{rest...}",status="404"}'), 1)
        self.assertGreater(metric(after, 'samizdat_render_seconds_count'), 0)
        self.assertGreater(metric(after, 'samizdat_store_seconds_count', '{kind="read"}'), 0)
        self.assertEqual(metric(after, 'samizdat_store_errors_total'), 0)
        for line in after.splitlines():  # the text format: comments or "name{labels} value"
            self.assertRegex(line, r'^(# (HELP|TYPE) \w+ .+|'
                                   r'\w+(\{\w+="([^"\\]|\\.)*"(,\w+="([^"\\]|\\.)*")*\})? '
                                   r'[0-9.e+-]+)$')

    def test_comments_are_counted_by_what_became_of_them(self):
        before = self.scrape()
        sent, _, _ = post_comment(self.server, self.post, 'A counted comment', name='Ann',
                                  host=HOST)
        self.assertIn(sent, (303, 202))
        forged, _, _ = post_comment(self.server, self.post, 'Forged', name='Bob', host=HOST,
                                    token='forged')
        self.assertGreaterEqual(forged, 400)
        after = self.scrape()
        fate = 'accepted' if sent == 303 else 'held'
        for result, added in ((fate, 1), ('refused', 1)):
            labels = f'{{result="{result}"}}'
            self.assertEqual(metric(after, 'samizdat_comments_total', labels) -
                             metric(before, 'samizdat_comments_total', labels), added, result)

    def test_only_loopback_peers_or_the_token_may_read_it(self):
        self.scrape()
        # A request a proxy relayed is a stranger's, whatever its peer: 404, as any page
        # that does not exist.
        for header in ({'X-Forwarded-For': '203.0.113.9'}, {'Forwarded': 'for=127.0.0.1'}):
            status, _, body = self.server.get('/metrics', headers=header)
            self.assertEqual(status, 404, header)
            self.assertNotIn(b'samizdat_', body)
        self.scrape(headers={'X-Forwarded-For': '203.0.113.9',
                             'Authorization': f'Bearer {TOKEN}'})
        status, _, body = self.server.get('/metrics', headers={'Authorization': 'Bearer nope'})
        self.assertEqual(status, 403)
        self.assertNotIn(b'samizdat_', body)


if __name__ == '__main__':
    unittest.main()
