# Hostile input still makes valid HTML: every body of tests/fixtures/hostile_comments.json
# is posted as a comment body, as a commenter's name and as a commenter's website, a few
# as post titles, labels and bodies, and the pages that show them (home, the posts with
# all their comments, a static page, label, archive, search, a refused comment's page,
# the 404 page) are checked by the Nu HTML Checker (npm vnu-jar, run by Debian's Java)
# in one run, which must report no error. The feeds holding them must be well-formed XML.
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from harness import IntegrationCase, comment_form, send_comment

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, '..', 'fixtures', 'hostile_comments.json')
VNU_JAR = os.path.join(HERE, '..', 'browser', 'node_modules', 'vnu-jar', 'build', 'dist',
                       'vnu.jar')
# Posts the comments are spread over: a post takes the same comment only once, and many
# payloads are the same once sanitized, so one refused as a duplicate goes to the next.
POSTS = 24
# Post titles, labels and bodies made of payloads (the CLI takes no NUL in an argument).
HOSTILE_POSTS = 12
SHOWN_ERRORS = 15
VNU_TIMEOUT = 120


def load_fixture():
    with open(FIXTURE, encoding='utf-8') as f:
        return json.load(f)


class ValidHtmlUnderAttack(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        cls.fixture = load_fixture()
        bodies = [p['body'] for p in cls.fixture['bodies']]
        cls.create_blog('vnu.test', 'Hostile \x01\x02\x03 blog\x7f',
                        '--description', 'Checked by\x85 <vnu> & "more"\x01')
        cls.posts = []
        for i in range(POSTS):
            cls.posts.append(cls.add_post(f'Target {i}', f'<p>target post {i}</p>',
                                          '--comments', 'open', date=f'2022-01-{i + 1:02d}',
                                          labels='targets'))
        # Payloads as post titles and labels, every few from the fixture, and all of them
        # in post bodies.
        usable = [b for b in bodies if '\x00' not in b and b.strip()]
        step = max(1, len(usable) // HOSTILE_POSTS)
        cls.hostile_posts = []
        for n, i in enumerate(range(0, step * HOSTILE_POSTS, step)):
            # Every body is in one of the posts, under the post policy.
            body = '\n<p>next payload</p>\n'.join(bodies[n::HOSTILE_POSTS])
            cls.hostile_posts.append(cls.add_post(
                f'{usable[i][:150]} {n}', body + f'\n<p>hostile post {n}</p>',
                date=f'2022-02-{n + 1:02d}',
                labels=f'hostile, {usable[(i + 1) % len(usable)][:60].replace(",", " ")}'))
        cls.page = cls.add_page('About \x02 this', usable[len(usable) // 3])

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.tokens = {}
            cls.refused_pages = {}  # kind of refusal -> bodies of 400 answers that are pages
            bodies = [p['body'] for p in cls.fixture['bodies']]
            cls.published = 0
            # Each body once as a comment's body and once as another comment's name.
            for i, body in enumerate(bodies):
                cls.send(i, body, name=bodies[(i + 1) % len(bodies)], url='', kind='body')
            for i, name in enumerate(cls.fixture['names']):
                cls.send(i, f'name case {i}', name=name, url='', kind='name')
            # Each body as a website: most are refused, and the page given back holds it.
            for i, url in enumerate(cls.fixture['urls'] + bodies):
                cls.send(i, f'url case {i}', name=f'url {i}', url=url, kind='url')
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def token(cls, post):
        if post not in cls.tokens:
            status, _, page = cls.server.get(post[1])
            if status != 200:
                raise AssertionError(f'GET {post[1]}: {status}')
            cls.tokens[post] = comment_form(page)['token']
        return cls.tokens[post]

    @classmethod
    def send(cls, i, body, name, url, kind):
        """Posts a comment on the i-th post, or the next ones while it is a duplicate."""
        for attempt in range(len(cls.posts)):
            post = cls.posts[(i + attempt) % len(cls.posts)]
            status, headers, answer = send_comment(cls.server, {
                'post_id': post[0], 'parent_id': '', 'token': cls.token(post), 'name': name,
                'url': url, 'body': body, 'email': ''})
            if status != 409:
                break
        if status == 303:
            cls.published += 1
        elif status == 400 and (headers['Content-Type'] or '').startswith('text/html'):
            pages = cls.refused_pages.setdefault(kind, [])
            if len(pages) < 10:
                pages.append(answer)
        elif status != 400:
            raise AssertionError(f'comment {body[:80]!r} name={name[:40]!r} url={url[:40]!r}: '
                                 f'{status} {answer[:300]!r}')

    def pages(self):
        """(name, path, expected status) of every page checked."""
        pages = [('home', '/', 200), ('home, page 2', '/search?max-results=5', 200),
                 ('static page', self.page[1], 200),
                 ('label', '/search/label/targets', 200),
                 ('hostile label', '/search/label/hostile', 200),
                 ('month archive', '/2022/02/', 200), ('year archive', '/2022/', 200),
                 ('search', '/search?q=' + urllib.parse.quote('alert'), 200),
                 ('search for a payload',
                  '/search?q=' + urllib.parse.quote('"><img src=x onerror=alert(1)>\x01'), 200),
                 ('search with no hits', '/search?q=nothingmatcheszz', 200),
                 ('empty search', '/search?q=', 200),
                 ('404', '/no/such/page', 404),
                 ('404 with a hostile path', '/%3Cscript%3E%01/x.html', 404),
                 ('unknown label', '/search/label/nosuchlabel', 200)]
        pages += [(f'post {post[1]}', post[1], 200) for post in self.posts]
        pages += [(f'hostile post {post[1]}', post[1], 200) for post in self.hostile_posts]
        return pages

    def test_comments_were_published(self):
        self.assertGreaterEqual(self.published, len(self.fixture['bodies']) // 2,
                                'most payloads leave something to publish')

    def test_pages_are_valid_html(self):
        if not os.path.exists(VNU_JAR):
            self.fail(f'{VNU_JAR} is missing: run npm ci in tests/browser (make test does)')
        java = shutil.which('java')
        self.assertIsNotNone(java, 'no java: install default-jre-headless')
        with tempfile.TemporaryDirectory(prefix='samizdat-vnu-') as out:
            files = {}
            for n, (name, path, expected) in enumerate(self.pages()):
                status, headers, body = self.get(path)
                self.assertEqual(status, expected, f'{name}: GET {path}')
                if status == 404 and not (headers['Content-Type'] or '').startswith('text/html'):
                    continue
                self.assertTrue((headers['Content-Type'] or '').startswith('text/html'), name)
                files[self.save(out, n, body)] = f'{name} ({path})'
            for kind, pages in self.refused_pages.items():
                for body in pages:
                    files[self.save(out, 1000 + len(files), body)] = f'refused comment ({kind})'
            self.assertIn('url', self.refused_pages, 'a refused website comes back in its form')
            errors = self.vnu(java, sorted(files))
        # The first error of each kind (the same markup shows on several pages).
        shown, seen = [], set()
        for e in errors:
            key = (e['message'], e.get('extract', ''))
            if key not in seen and len(shown) < SHOWN_ERRORS:
                seen.add(key)
                shown.append(f'{files.get(e["file"], e["file"])}:{e.get("lastLine")}: '
                             f'{e["message"]} [{e.get("extract", "")[:120]!r}]')
        self.assertFalse(errors, f'{len(errors)} errors from the Nu HTML Checker, first of '
                                 f'each kind:\n' + '\n'.join(shown))

    @staticmethod
    def save(directory, n, body):
        path = os.path.join(directory, f'page{n:04d}.html')
        with open(path, 'wb') as f:
            f.write(body)
        return path

    @staticmethod
    def vnu(java, paths):
        """The Nu HTML Checker's errors over `paths`, one JVM: [{file, lastLine, message,
        extract}]."""
        run = subprocess.run([java, '-jar', VNU_JAR, '--errors-only', '--format', 'json',
                              *paths], capture_output=True, timeout=VNU_TIMEOUT)
        report = json.loads(run.stderr.decode('utf-8') or '{"messages": []}')
        errors = []
        for m in report['messages']:
            if m.get('type') not in ('error', 'non-document-error'):
                continue
            url = m.get('url', '')
            m['file'] = urllib.parse.unquote(urllib.parse.urlparse(url).path) if url else ''
            errors.append(m)
        return errors

    def test_feeds_are_well_formed_xml(self):
        paths = ['/feeds/posts/default', '/feeds/posts/default?alt=rss',
                 '/feeds/comments/default?max-results=500']
        paths += [f'/feeds/{post[0]}/comments/default?max-results=500' for post in self.posts[:4]]
        for path in paths:
            with self.subTest(path=path):
                status, _, body = self.get(path)
                self.assertEqual(status, 200, body[:300])
                ET.fromstring(body)  # fails on a forbidden character


if __name__ == '__main__':
    unittest.main()
