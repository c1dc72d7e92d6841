# Shared by the test_feeds_* files (no tests here): a blog whose posts carry the text that
# breaks feeds (& < > emoji, RTL, control characters, "]]>", relative links), fetching
# feeds as a subscriber would (Host feeds.test), and reading Atom with ElementTree and jing.
import datetime
import os
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

from harness import IntegrationCase

HOST = 'feeds.test'
BASE = f'http://{HOST}'

NS = {
    'a': 'http://www.w3.org/2005/Atom',
    'os': 'http://a9.com/-/spec/opensearchrss/1.0/',
    'thr': 'http://purl.org/syndication/thread/1.0',
}
LABEL_SCHEME = 'http://www.blogger.com/atom/ns#'
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'atom.rnc')
JING_TIMEOUT = 120

# (key, title as written, body file content, date, labels, title as shown, body text as shown)
POSTS = [
    ('amp', 'Fish & Chips <b>not bold</b>', '<p>Salt &amp; vinegar &lt;always&gt; here</p>',
     '2022-01-08', 'food, uk', 'Fish & Chips <b>not bold</b>', 'Salt & vinegar <always> here'),
    ('emoji', 'Party 😀🎉 time', '<p>Cake 🍰 and 👨‍👩‍👧 family</p>',
     '2022-01-07', 'food, café', 'Party 😀🎉 time', 'Cake 🍰 and 👨‍👩‍👧 family'),
    ('rtl', 'مرحبا بالعالم', '<p dir="rtl">שלום עולם ومرحبا</p>',
     '2022-01-06', 'rtl', 'مرحبا بالعالم', 'שלום עולם ومرحبا'),
    ('ctrl', 'Bell\x01ringer', '<p>Ring\x01ing bell\x02s here</p>',
     '2022-01-05', 'ctrl', 'Bellringer', 'Ringing bells here'),
    ('cdata', 'Ends with ]]> here', '<p>Literal ]]&gt; and ]]> twice</p>',
     '2022-01-04', 'cdata', 'Ends with ]]> here', 'Literal ]]> and ]]> twice'),
    ('links', 'Relative links',
     '<p><a href="/p/about.html">About page</a> <img src="/img/x.png" alt="pic"></p>',
     '2022-01-03', 'links', 'Relative links', 'About page pic'),
    ('plain1', 'Plain post one', '<p>plainmarker one</p>', '2022-01-02', 'plain',
     'Plain post one', 'plainmarker one'),
    ('plain2', 'Plain post two', '<p>plainmarker two</p>', '2022-01-01', 'plain',
     'Plain post two', 'plainmarker two'),
    ('plain3', 'Plain post three', '<p>plainmarker three</p>', '2021-12-31', 'plain',
     'Plain post three', 'plainmarker three'),
]


class Post:
    def __init__(self, row, post_id, path):
        (self.key, self.written_title, self.body, self.date, labels, self.title,
         self.text) = row
        self.labels = [l.strip() for l in labels.split(',')]
        self.id = post_id
        self.path = path
        self.url = BASE + path
        self.published = datetime.datetime.fromisoformat(self.date + 'T00:00:00+00:00')


class FeedsBlog(IntegrationCase):
    """A blog at feeds.test (UTC) holding POSTS (newest first by date), a draft and a
    scheduled post that no feed may show."""

    @classmethod
    def prepare(cls):
        cls.blog_id = cls.create_blog(HOST, 'Feeds & <Friends> 😀', '--timezone', 'UTC')
        cls.posts = []
        for row in reversed(POSTS):  # oldest first, so creation order matches dates
            post_id, path = cls.add_post(row[1], row[2], date=row[3], labels=row[4])
            cls.posts.append(Post(row, post_id, path))
        cls.posts.reverse()
        cls.by_key = {p.key: p for p in cls.posts}
        cls.draft_id, _ = cls.add_post('Secret draft', '<p>draftmarker</p>', draft=True,
                                       labels='food')
        cls.scheduled_id, _ = cls.add_post('Future post', '<p>futuremarker</p>',
                                           date='2099-01-01', labels='food')

    def atom_id(self, post):
        return f'tag:blogger.com,1999:blog-{self.blog_id}.post-{post.id}'

    def fetch(self, path, status=200, headers=None):
        """GET with Host feeds.test; returns (headers, body bytes)."""
        got, hdrs, body = self.server.get(path, host=HOST, headers=headers)
        self.assertEqual(got, status, f'GET {path}: {body[:300]!r}')
        return hdrs, body

    def fetch_atom(self, path):
        """GETs an Atom feed: checks its Content-Type, parses it; returns (root, bytes)."""
        hdrs, body = self.fetch(path)
        self.assertTrue((hdrs['Content-Type'] or '').startswith('application/atom+xml'),
                        f'{path}: Content-Type {hdrs["Content-Type"]}')
        return ET.fromstring(body), body

    def entry_ids(self, root):
        return [e.findtext('a:id', namespaces=NS) for e in root.findall('a:entry', NS)]

    def ids_of(self, keys):
        return [self.atom_id(self.by_key[k]) for k in keys]

    def jing(self, named_documents):
        """Validates {name: bytes} against atom.rnc in one jing run; returns (ok, report)."""
        paths = []
        for name, body in named_documents.items():
            path = os.path.join(self.tmp, 'jing-' + name + '.xml')
            with open(path, 'wb') as f:
                f.write(body)
            paths.append(path)
        proc = subprocess.run(['jing', '-c', SCHEMA, *paths], capture_output=True, text=True,
                              timeout=JING_TIMEOUT)
        # jing's launcher warns on stderr about optional jars; errors go to stdout.
        return proc.returncode == 0, proc.stdout


def links(element):
    """[(rel, type, href, title)] of an Atom element's links (rel defaults to alternate)."""
    return [(l.get('rel', 'alternate'), l.get('type'), l.get('href'), l.get('title'))
            for l in element.findall('a:link', NS)]


def link_href(element, rel):
    hrefs = [href for r, _, href, _ in links(element) if r == rel]
    return hrefs[0] if hrefs else None


def path_of(url):
    """The path and query of an absolute URL on feeds.test, to request it again."""
    parts = urllib.parse.urlsplit(url)
    if parts.netloc != HOST:
        raise AssertionError(f'{url} is not on http://{HOST}/')
    return parts.path + ('?' + parts.query if parts.query else '')


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
