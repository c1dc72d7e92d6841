# Test harness for the integration tests: runs the real samizdat binary (CLI and server on a
# free port) in a temporary data directory and reads what a browser would see.
#
# Environment: SAMIZDAT_BIN (the binary, required), SHARED_DIR (../shared, for the seed).
# Standard library only, plus Debian's python3-html5lib; run with /usr/bin/python3.
import gzip
import html
import http.client
import http.server
import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
from html.parser import HTMLParser

CLI_TIMEOUT = 120        # seconds; an ASan build is slow to start
READY_TIMEOUT = 20       # seconds for /healthz to answer after `serve` starts
STOP_TIMEOUT = 30        # seconds for the server to exit after SIGTERM
HTTP_TIMEOUT = 30


def binary():
    path = os.environ.get('SAMIZDAT_BIN')
    if not path:
        raise AssertionError('SAMIZDAT_BIN is not set: point it at the samizdat binary')
    if not os.access(path, os.X_OK):
        raise AssertionError(f'SAMIZDAT_BIN={path} is not an executable file')
    return path


def shared_dir():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared')
    return os.environ.get('SHARED_DIR') or os.path.normpath(default)


def _env(extra=None):
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1')
    # The media import fetches from the old blog's hosts: through a proxy on the loopback
    # where nothing listens, so no test reaches out (test_media_import serves its own).
    env.update({'http_proxy': 'http://127.0.0.1:1', 'https_proxy': 'http://127.0.0.1:1',
                'HTTPS_PROXY': 'http://127.0.0.1:1', 'no_proxy': '', 'NO_PROXY': ''})
    if extra:
        env.update(extra)
    return env


class OldHostsProxy:
    """A local HTTP server standing in for a moved blog's old hosts (Blogger's and
    WordPress's image hosts): samizdat processes run with `env` take it as their proxy, so
    they ask it for http:// URLs under their real host names (absolute-form targets reach
    `handler`). Started on a free port; stop() when done."""

    def __init__(self, handler):
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.port = self.server.server_address[1]
        proxy = f'http://127.0.0.1:{self.port}'
        self.env = {'http_proxy': proxy, 'HTTPS_PROXY': proxy, 'https_proxy': proxy,
                    'no_proxy': '', 'NO_PROXY': ''}

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def cli(*args, data, check=True, env=None, timeout=CLI_TIMEOUT, input_text=None):
    """Runs `samizdat --data DATA ARGS...`; returns (exit code, stdout, stderr) as text.
    `input_text` goes to its standard input (none: an empty one).

    With check=True a non-zero exit fails the calling test with the command's stderr."""
    cmd = [binary(), '--data', data, *[str(a) for a in args]]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_env(env),
                          input=input_text if input_text is not None else '')
    if check and proc.returncode != 0:
        raise AssertionError(f'{" ".join(cmd)} exited {proc.returncode}\n'
                             f'stdout: {proc.stdout}\nstderr: {proc.stderr}')
    return proc.returncode, proc.stdout, proc.stderr


def start_together(servers):
    """Starts the servers at once, as an operator's nodes may come up: all of them
    setting up a fresh database at the same time. Raises the first start's error."""
    errors = []

    def start(server):
        try:
            server.start()
        except BaseException as e:  # noqa: B902  (raised below)
            errors.append(e)

    threads = [threading.Thread(target=start, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class _Drain(threading.Thread):
    """Reads a pipe to the end so the child never blocks on a full pipe."""

    def __init__(self, pipe):
        super().__init__(daemon=True)
        self.pipe = pipe
        self.chunks = []
        self.lock = threading.Lock()

    def run(self):
        for chunk in iter(lambda: self.pipe.read1(65536) if hasattr(self.pipe, 'read1')
                          else self.pipe.read(65536), b''):
            with self.lock:
                self.chunks.append(chunk)

    def text(self):
        with self.lock:
            return b''.join(self.chunks).decode('utf-8', 'replace')


class Server:
    """`samizdat --data DATA [GLOBAL_ARGS...] serve --port P [EXTRA...]` on a free port
    (global_args: options before the subcommand, such as ('--db', URL)). With `tls` (an
    ssl.SSLContext that trusts the server's certificate) the port speaks HTTPS: pass
    --tls-cert and --tls-key in `extra`; requests then go over TLS to `tls_host` (SNI and
    certificate name), at 127.0.0.1.

    `port` chooses the port (default: a free one); `ready(server)` says when it is up
    (default: /healthz answers 200).

    As a context manager it starts on enter and stops (SIGTERM) on exit; on a clean exit of
    the block it asserts the server exited 0 (check_exit=False turns that off)."""

    def __init__(self, data, *extra, env=None, check_exit=True, global_args=(), tls=None,
                 tls_host='localhost', port=None, ready=None):
        self.data = data
        self.tls = tls
        self.tls_host = tls_host
        self.extra = [str(e) for e in extra]
        self.global_args = [str(a) for a in global_args]
        self.env = env
        self.check_exit = check_exit
        self.proc = None
        self.port = None
        self.returncode = None
        self.chosen_port = port
        self.ready = ready or (lambda server: server.get('/healthz', timeout=2)[0] == 200)

    def start(self):
        self.port = self.chosen_port or free_port()
        cmd = [binary(), '--data', self.data, *self.global_args, 'serve', '--port',
               str(self.port), *self.extra]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=_env(self.env))
        self._out = _Drain(self.proc.stdout)
        self._err = _Drain(self.proc.stderr)
        self._out.start()
        self._err.start()
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                self._out.join(5)
                self._err.join(5)
                raise AssertionError(f'{" ".join(cmd)} exited {self.proc.returncode} before '
                                     f'answering /healthz\nstdout: {self.stdout()}\n'
                                     f'stderr: {self.stderr()}')
            try:
                if self.ready(self):
                    return self
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f'{" ".join(cmd)}: /healthz did not answer 200 within '
                                     f'{READY_TIMEOUT} s\nstderr: {self.stderr()}')
            time.sleep(0.1)

    def stop(self):
        """SIGTERM, wait; returns the exit code."""
        if self.proc is None:
            return self.returncode
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self._join()
                raise AssertionError(f'server did not exit within {STOP_TIMEOUT} s of SIGTERM\n'
                                     f'stderr: {self.stderr()}')
        self._join()
        self.returncode = self.proc.returncode
        self.proc = None
        return self.returncode

    def stop_and_check(self):
        code = self.stop()
        if code != 0:
            raise AssertionError(f'server exited {code} after SIGTERM (expected 0)\n'
                                 f'stderr: {self.stderr()[-4000:]}')

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._join()

    def _join(self):
        self._out.join(10)
        self._err.join(10)
        for pipe in (self._out.pipe, self._err.pipe):
            if not self._out.is_alive() and not self._err.is_alive():
                pipe.close()

    def stdout(self):
        return self._out.text()

    def stderr(self):
        return self._err.text()

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None or not self.check_exit:
            try:
                self.stop()
            except AssertionError:
                pass
            return False
        self.stop_and_check()
        return False

    # --- HTTP ---------------------------------------------------------------------------

    def connection(self, timeout=HTTP_TIMEOUT):
        if self.tls is not None:
            conn = http.client.HTTPSConnection(self.tls_host, self.port, timeout=timeout,
                                               context=self.tls)
            conn.sock = self.tls.wrap_socket(
                socket.create_connection(('127.0.0.1', self.port), timeout=timeout),
                server_hostname=self.tls_host)
            return conn
        return http.client.HTTPConnection('127.0.0.1', self.port, timeout=timeout)

    def get(self, path, headers=None, host=None, method='GET', body=None, timeout=HTTP_TIMEOUT):
        """One request on a fresh connection; returns (status, headers, body bytes).

        Redirects are not followed. `host` sets the Host header."""
        conn = self.connection(timeout)
        try:
            hdrs = dict(headers or {})
            if host is not None:
                hdrs['Host'] = host
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.msg, data
        finally:
            conn.close()

    def raw(self, request_bytes, timeout=HTTP_TIMEOUT):
        """Sends raw bytes, reads until the server closes; returns (status, headers dict with
        lower-case names, bytes after the head). Send `Connection: close` in the request."""
        with socket.create_connection(('127.0.0.1', self.port), timeout=timeout) as s:
            try:
                s.sendall(request_bytes)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before reading everything
            chunks = []
            while True:
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        data = b''.join(chunks)
        head, sep, rest = data.partition(b'\r\n\r\n')
        if not sep:
            raise AssertionError(f'no complete HTTP response head in {data[:500]!r}')
        lines = head.decode('latin-1').split('\r\n')
        m = re.match(r'HTTP/1\.[01] (\d{3})', lines[0])
        if not m:
            raise AssertionError(f'bad status line {lines[0]!r}')
        hdrs = {}
        for line in lines[1:]:
            name, _, value = line.partition(':')
            hdrs[name.strip().lower()] = value.strip()
        return int(m.group(1)), hdrs, rest


# --- HTML reading ---------------------------------------------------------------------------

_INLINE = {'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i',
           'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub',
           'sup', 'time', 'u', 'var', 'wbr', 'font'}
_HIDDEN = {'script', 'style', 'head', 'title', 'template'}


class _TextParser(HTMLParser):
    """What a text browser shows: text and image alt texts, in document order."""

    def __init__(self, only_main=False):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0
        self.only_main = only_main
        self.main_depth = 0        # >0 while inside <main> / role=main
        self.main_tag = None
        self.saw_main = False

    def _capturing(self):
        return self.hidden == 0 and (not self.only_main or self.main_depth > 0)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'body':
            self.hidden = 0  # </head> may be omitted
        if self.only_main:
            if self.main_depth > 0 and tag == self.main_tag:
                self.main_depth += 1
            elif self.main_depth == 0 and not self.saw_main and (
                    tag == 'main' or a.get('role') == 'main'):
                self.main_tag = tag
                self.main_depth = 1
                self.saw_main = True
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if self._capturing():
            if tag == 'img' and a.get('alt'):
                self.parts.append(' ' + a['alt'] + ' ')
            elif tag not in _INLINE:
                self.parts.append(' ')

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if self._capturing() and tag not in _INLINE:
            self.parts.append(' ')
        if self.only_main and self.main_depth > 0 and tag == self.main_tag:
            self.main_depth -= 1

    def handle_data(self, data):
        if self._capturing():
            self.parts.append(data)


def _decode(body):
    return body.decode('utf-8') if isinstance(body, (bytes, bytearray)) else body


def normalize(text):
    return ' '.join(text.split())


def visible_text(body):
    """The page's text as a reader sees it, markup stripped, <head>/<script>/<style> dropped,
    image alt texts kept (as a text browser shows them), whitespace collapsed."""
    p = _TextParser()
    p.feed(_decode(body))
    p.close()
    return normalize(''.join(p.parts))


def main_text(body):
    """visible_text of the <main> (or role=main) element; the whole page if there is none."""
    p = _TextParser(only_main=True)
    p.feed(_decode(body))
    p.close()
    if not p.saw_main:
        return visible_text(body)
    return normalize(''.join(p.parts))


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []   # (tag, attrs dict)
        self.links = []      # [href, text] for each <a href>
        self._open_links = []
        self.title = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else '') for k, v in attrs}
        self.elements.append((tag, a))
        if tag == 'a' and 'href' in a:
            link = [a['href'], '']
            self.links.append(link)
            self._open_links.append(link)
        elif tag == 'img' and self._open_links:
            self._open_links[-1][1] += ' ' + a.get('alt', '') + ' '
        if tag == 'title' and self.title is None:
            self._in_title = True
            self.title = ''

    def handle_endtag(self, tag):
        if tag == 'a' and self._open_links:
            self._open_links.pop()
        if tag == 'title':
            self._in_title = False

    def handle_data(self, data):
        for link in self._open_links:
            link[1] += data
        if self._in_title:
            self.title += data


def parse_elements(body):
    p = _Elements()
    p.feed(_decode(body))
    p.close()
    return p


def elements(body):
    """[(tag, {attr: value})] for every start tag, in order (attribute values unescaped)."""
    return parse_elements(body).elements


def links(body):
    """[(href, normalized link text)] for every <a href>, in order."""
    return [(href, normalize(text)) for href, text in parse_elements(body).links]


def links_with_text(body, text):
    return [href for href, t in links(body) if t == text]


def page_title(body):
    t = parse_elements(body).title
    return normalize(t) if t is not None else None


def assert_in_order(text, pieces):
    """Each piece occurs in `text` after the end of the previous one (whitespace-normalized)."""
    pos = 0
    for i, piece in enumerate(pieces):
        piece = normalize(piece)
        found = text.find(piece, pos)
        if found < 0:
            anywhere = text.find(piece)
            where = ('not at all' if anywhere < 0 else
                     f'only before the previous piece (at {anywhere}, previous ended at {pos})')
            raise AssertionError(f'piece {i} {piece!r} found {where}\n'
                                 f'text after previous piece: {text[pos:pos + 600]!r}')
        pos = found + len(piece)


def assert_valid_html5(body):
    """Fails unless html5lib's strict parser accepts the document without a parse error."""
    import html5lib  # Debian's python3-html5lib
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(_decode(body))
    except html5lib.html5parser.ParseError as e:
        line, col = parser.errors[-1][0] if parser.errors else (0, 0)
        lines = _decode(body).splitlines()
        context = lines[line - 1] if 0 < line <= len(lines) else ''
        raise AssertionError(f'not valid HTML5: {e} at line {line}, column {col}: '
                             f'{context.strip()[:300]!r}') from None


def gunzip(data):
    return gzip.decompress(data)


def html_paragraphs(paragraphs):
    return '\n'.join(f'<p>{html.escape(p)}</p>' for p in paragraphs) + '\n'


# --- test case base --------------------------------------------------------------------------

class IntegrationCase(unittest.TestCase):
    """One temporary data directory per test class and, if SERVE is true, one server
    started after prepare() (override it to create blogs and posts) and stopped (SIGTERM,
    exit code 0 asserted) after the class's tests."""

    SERVE = True
    SERVER_ARGS = ()
    ENV = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-it-')
        cls.tmp = cls._tmp.name
        cls.data = os.path.join(cls.tmp, 'data')
        cls.server = None
        cls._body_count = 0
        try:
            cls.prepare()
            if cls.SERVE:
                cls.server = Server(cls.data, *cls.SERVER_ARGS, env=cls.ENV).start()
        except BaseException:
            if cls.server is not None:
                cls.server.kill()
            cls._tmp.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            if cls.server is not None:
                cls.server.stop_and_check()
        finally:
            cls._tmp.cleanup()
            super().tearDownClass()

    def assert_serve_refuses(self, data, cases):
        """Each (args, message) of `cases`: `serve ARGS` on a fresh --data `data` exits 1 at
        start, says `message` on stderr, and leaves `data` unmade."""
        for args, said in cases:
            result = subprocess.run([binary(), '--data', data, 'serve', '--port',
                                     str(free_port()), *args], capture_output=True, text=True,
                                    timeout=30)
            self.assertEqual(result.returncode, 1, args)
            self.assertIn(said, result.stderr, args)
            self.assertFalse(os.path.exists(data), args)

    @classmethod
    def prepare(cls):
        pass

    # CLI helpers (usable from prepare() and from tests).
    @classmethod
    def cli(cls, *args, check=True, data=None, input_text=None):
        return cli(*args, data=data or cls.data, check=check, env=cls.ENV, input_text=input_text)

    @classmethod
    def write_file(cls, name, content):
        path = os.path.join(cls.tmp, name)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(content)
        return path

    @classmethod
    def body_file(cls, content, ext='.html'):
        cls._body_count += 1
        return cls.write_file(f'body{cls._body_count}{ext}', content)

    @classmethod
    def create_blog(cls, host, title, *args):
        _, out, _ = cls.cli('blog', 'create', '--host', host, '--title', title, *args)
        m = re.fullmatch(r'created blog (\d+) (\S+)\n?', out)
        if not m:
            raise AssertionError(f'blog create printed {out!r}, expected "created blog ID HOST"')
        return m.group(1)

    @classmethod
    def add_post(cls, title, body, *args, ext='.html', date=None, labels=None, blog=None,
                 draft=False):
        """`post add`; returns (id, path), path None for a draft. `body` is the file content."""
        cmd = ['post', 'add', '--title', title, '--body', cls.body_file(body, ext)]
        if date is not None:
            cmd += ['--date', date]
        if labels is not None:
            cmd += ['--labels', labels]
        if blog is not None:
            cmd += ['--blog', blog]
        if draft:
            cmd.append('--draft')
        _, out, _ = cls.cli(*cmd, *args)
        return parse_added(out, 'post')

    @classmethod
    def add_page(cls, title, body, *args, ext='.html', blog=None):
        cmd = ['page', 'add', '--title', title, '--body', cls.body_file(body, ext)]
        if blog is not None:
            cmd += ['--blog', blog]
        _, out, _ = cls.cli(*cmd, *args)
        return parse_added(out, 'page')

    @classmethod
    def post_list(cls, blog=None):
        """`post list` as [(id, status, date, path, title)]."""
        args = ['post', 'list'] + (['--blog', blog] if blog else [])
        _, out, _ = cls.cli(*args)
        rows = []
        for line in out.splitlines():
            if not line.strip():
                continue
            fields = line.split('\t')
            if len(fields) != 5:
                raise AssertionError(f'post list line {line!r} is not ID\\tSTATUS\\tDATE\\tPATH\\tTITLE')
            rows.append(tuple(fields))
        return rows

    def get(self, path, **kw):
        return self.server.get(path, **kw)

    def get_ok(self, path, **kw):
        status, headers, body = self.server.get(path, **kw)
        self.assertEqual(status, 200, f'GET {path}: {body[:300]!r}')
        return body


def parse_added(out, kind):
    m = re.fullmatch(rf'added {kind} (\d+) at (/\S+)\n?', out)
    if m:
        return m.group(1), m.group(2)
    m = re.fullmatch(r'added draft (\d+)\n?', out)
    if m:
        return m.group(1), None
    raise AssertionError(f'{kind} add printed {out!r}, expected "added {kind} ID at PATH" '
                         f'or "added draft ID"')


# --- comments -------------------------------------------------------------------------------

class _FormFields(HTMLParser):
    """The named inputs and textareas of the comment form (action="/comment")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = None   # None until the form is seen
        self._in_form = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'form' and a.get('action') == '/comment':
            self._in_form = True
            self.fields = {}
        elif self._in_form and tag == 'input' and a.get('name'):
            self.fields[a['name']] = a.get('value') or ''
        elif self._in_form and tag == 'textarea' and a.get('name'):
            self._textarea = a['name']
            self.fields[self._textarea] = ''

    def handle_endtag(self, tag):
        if tag == 'form':
            self._in_form = False
        elif tag == 'textarea':
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def comment_form(body):
    """The comment form's fields on a page ({name: value}), or None when it has no form."""
    parser = _FormFields()
    parser.feed(_decode(body))
    return parser.fields


def post_comment(server, post_path, body, name='', url='', parent_id='', host=None, **extra):
    """Loads the post page, fills its comment form and posts it, like a browser.

    Returns (status, headers, body). `extra` overrides or adds form fields (e.g. email= for
    the honeypot, token= for a forged token)."""
    status, _, page = server.get(post_path, host=host)
    if status != 200:
        raise AssertionError(f'GET {post_path}: {status}')
    fields = comment_form(page)
    if fields is None:
        raise AssertionError(f'{post_path} has no comment form')
    fields.update({'name': name, 'url': url, 'body': body, 'parent_id': parent_id})
    fields.update(extra)
    return send_comment(server, fields, host=host)


def send_comment(server, fields, host=None, content_type='application/x-www-form-urlencoded'):
    """POST /comment with `fields` url-encoded (a str body is sent as it is)."""
    data = fields if isinstance(fields, (str, bytes)) else urllib.parse.urlencode(fields)
    return server.get('/comment', method='POST', body=data, host=host,
                      headers={'Content-Type': content_type})


def comment_id_from(headers):
    """The comment id in a 303's Location (…?showComment=MS#cID)."""
    location = headers['Location'] or ''
    m = re.search(r'\?showComment=(\d+)#c(\d+)$', location)
    if not m:
        raise AssertionError(f'Location {location!r} is not a comment permalink')
    return m.group(2)
