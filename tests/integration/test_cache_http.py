# HTTP behaviour: validators and 304, gzip, HEAD, methods, keep-alive, header limits, and a
# clean exit on SIGTERM.
import unittest

from harness import IntegrationCase, Server, gunzip


def raw_get(path, extra=b'', method=b'GET'):
    return (method + b' ' + path.encode() + b' HTTP/1.1\r\nHost: cache.test\r\n' + extra +
            b'Connection: close\r\n\r\n')


class CacheAndHttp(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog('cache.test', 'Cache blog')
        cls.post = cls.add_post('Cached post', '<p>cachedmarker</p>', date='2022-01-02')

    def test_validators_present(self):
        for path in ('/', self.post[1], '/2022/01/', '/search?q=cachedmarker'):
            with self.subTest(path=path):
                status, headers, _ = self.get(path)
                self.assertEqual(status, 200)
                self.assertTrue(headers['ETag'], 'no ETag')
                self.assertRegex(headers['Last-Modified'] or '',
                                 r'^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$')

    def test_if_none_match_gives_304_without_body(self):
        # The same host as raw_get's: a page's absolute URLs (its head) name the host.
        _, headers, _ = self.get(self.post[1], host='cache.test')
        etag = headers['ETag']
        status, hdrs, rest = self.server.raw(
            raw_get(self.post[1], b'If-None-Match: ' + etag.encode() + b'\r\n'))
        self.assertEqual(status, 304)
        self.assertEqual(rest, b'')
        self.assertEqual(hdrs.get('etag'), etag)

    def test_if_modified_since_gives_304(self):
        _, headers, _ = self.get(self.post[1])
        status, _, body = self.get(self.post[1],
                                   headers={'If-Modified-Since': headers['Last-Modified']})
        self.assertEqual(status, 304)
        self.assertEqual(body, b'')
        status, _, body = self.get(self.post[1],
                                   headers={'If-Modified-Since': 'Sat, 01 Jan 2000 00:00:00 GMT'})
        self.assertEqual(status, 200)
        self.assertIn(b'cachedmarker', body)

    def test_wrong_etag_gives_full_page(self):
        status, _, body = self.get(self.post[1], headers={'If-None-Match': '"not-the-etag"'})
        self.assertEqual(status, 200)
        self.assertIn(b'cachedmarker', body)

    def test_etag_changes_after_a_change(self):
        _, headers, _ = self.get('/')
        old = headers['ETag']
        self.add_post('Change post', '<p>changemarker</p>', date='2022-01-03')
        status, headers, body = self.get('/', headers={'If-None-Match': old})
        self.assertEqual(status, 200)
        self.assertNotEqual(headers['ETag'], old)
        self.assertIn(b'changemarker', body)

    def test_gzip(self):
        _, plain_headers, plain = self.get(self.post[1])
        status, headers, body = self.get(self.post[1], headers={'Accept-Encoding': 'gzip'})
        self.assertEqual(status, 200)
        self.assertEqual(headers['Content-Encoding'], 'gzip')
        self.assertIn('accept-encoding', (headers['Vary'] or '').lower())
        self.assertEqual(gunzip(body), plain)
        self.assertIsNone(plain_headers['Content-Encoding'])
        self.assertIn('accept-encoding', (plain_headers['Vary'] or '').lower())

    def test_head_has_headers_and_no_body(self):
        status, get_headers, get_body = self.server.raw(raw_get(self.post[1]))
        self.assertEqual(status, 200)
        status, head_headers, rest = self.server.raw(raw_get(self.post[1], method=b'HEAD'))
        self.assertEqual(status, 200)
        self.assertEqual(rest, b'')
        for name in ('content-type', 'etag', 'last-modified'):
            self.assertEqual(head_headers.get(name), get_headers.get(name), name)
        if 'content-length' in head_headers:
            self.assertEqual(int(head_headers['content-length']), len(get_body))

    def test_post_is_405_with_allow(self):
        for path in ('/', self.post[1]):
            with self.subTest(path=path):
                status, headers, _ = self.get(path, method='POST', body=b'x=1',
                                              headers={'Content-Type':
                                                       'application/x-www-form-urlencoded'})
                self.assertEqual(status, 405)
                allow = [m.strip() for m in (headers['Allow'] or '').split(',')]
                self.assertIn('GET', allow)
                self.assertIn('HEAD', allow)
        status, _, _ = self.get('/', method='DELETE')
        self.assertEqual(status, 405)

    def test_keep_alive(self):
        conn = self.server.connection()
        try:
            conn.request('GET', '/')
            first = conn.getresponse()
            self.assertEqual(first.status, 200)
            first.read()
            self.assertFalse(first.will_close, 'the server closed a keep-alive connection')
            sock = conn.sock
            self.assertIsNotNone(sock)
            conn.request('GET', self.post[1])
            second = conn.getresponse()
            self.assertEqual(second.status, 200)
            self.assertIn(b'cachedmarker', second.read())
            self.assertIs(conn.sock, sock, 'the second request needed a new connection')
        finally:
            conn.close()

    def test_header_over_16k_is_431(self):
        big = b'X-Big: ' + b'a' * 20000 + b'\r\n'
        status, _, _ = self.server.raw(raw_get('/', big))
        self.assertEqual(status, 431)
        self.get_ok('/')  # still serving

    def test_header_under_16k_is_fine(self):
        status, _, _ = self.server.raw(raw_get('/', b'X-Big: ' + b'a' * 8000 + b'\r\n'))
        self.assertEqual(status, 200)


class Lifecycle(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('life.test', 'Life blog')

    def test_prints_address_and_exits_0_on_sigterm(self):
        server = Server(self.data).start()
        try:
            self.assertEqual(self.server_get(server, '/')[0], 200)
        finally:
            code = server.stop()
        self.assertEqual(code, 0, server.stderr()[-3000:])
        self.assertRegex(server.stderr(),
                         rf'(?m) info samizdat serving http://[^/\s]+:{server.port}/$')

    def test_no_cache_serves_changes(self):
        with Server(self.data, '--no-cache') as server:
            self.assertEqual(self.server_get(server, '/')[0], 200)
            self.add_post('No cache post', '<p>nocachemarker</p>')
            self.assertIn(b'nocachemarker', self.server_get(server, '/')[2])

    def test_access_log(self):
        log = f'{self.tmp}/access.log'
        with Server(self.data, '--access-log', log) as server:
            self.server_get(server, '/2022/01/logged-path.html')
        with open(log, encoding='utf-8') as f:
            self.assertIn('/2022/01/logged-path.html', f.read())

    @staticmethod
    def server_get(server, path):
        return server.get(path)


if __name__ == '__main__':
    unittest.main()
