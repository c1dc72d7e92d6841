# No comment can attack a reader: every hostile body of tests/fixtures/hostile_comments.json
# is posted through the real comment form, and the post pages, comment permalinks, refusal
# pages and comment feeds that come back hold no script, no event handler, no dangerous URL,
# and, inside a comment body, nothing but b, i, a(href, rel="nofollow ugc") and br.
import json
import os
import re
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import html5lib  # Debian's python3-html5lib

from harness import IntegrationCase

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures',
                       'hostile_comments.json')
# The payloads are spread over this many posts. A post takes the same comment only once
# (409), and many payloads come out the same once sanitized ('<b onclick=..>x</b>' and
# '</b onclick=..>x' are both "x"), so a payload refused as a duplicate is posted on the
# next post instead; POSTS is more than the largest such group in the fixture.
POSTS = 24
ATOM = '{http://www.w3.org/2005/Atom}'
REFUSED_URL = 'javascript:alert(1)'   # a comment's url must be http(s)

ALLOWED_IN_BODY = {'b', 'i', 'a', 'br'}
# Attributes that hold URLs a browser follows or loads, and the schemes each may use.
LINK_ATTRS = {'href', 'cite', 'action', 'formaction'}
LOAD_ATTRS = {'src', 'poster', 'background', 'data', 'srcset', 'codebase', 'manifest',
              'longdesc', 'lowsrc', 'dynsrc', 'ping'}
SCHEME = re.compile(r'^([a-zA-Z][a-zA-Z0-9+.-]*):')
# Elements that have no business anywhere on a public page of samizdat.
NEVER_ON_PAGE = {'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base',
                 'svg', 'math', 'template', 'noscript', 'portal', 'isindex', 'bgsound',
                 'layer', 'plaintext', 'xmp'}


def load_fixture():
    with open(FIXTURE, encoding='utf-8') as f:
        return json.load(f)


def browser_url(value):
    """The URL as a browser's URL parser sees it: C0 controls and spaces trimmed from both
    ends, tabs and line breaks removed everywhere."""
    value = value.strip(''.join(chr(c) for c in range(0x21)))
    return re.sub(r'[\t\n\r]', '', value)


def scheme_of(value):
    """The lower-case scheme of a URL, or None for a relative URL."""
    m = SCHEME.match(browser_url(value))
    return m.group(1).lower() if m else None


def parse_html(body):
    text = body.decode('utf-8') if isinstance(body, (bytes, bytearray)) else body
    return html5lib.parse(text, treebuilder='etree', namespaceHTMLElements=False)


def parse_fragment(text):
    return html5lib.parseFragment(text, treebuilder='etree', namespaceHTMLElements=False)


def find_id(root, ident):
    for el in root.iter():
        if el.get('id') == ident:
            return el
    return None


def element_text(el):
    return ''.join(el.itertext())


def page_problems(root):
    """What makes a whole page unsafe: scripts and other active elements, event handler
    attributes, and URLs with schemes other than http(s) (mailto for links)."""
    problems = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments
        # The head's JSON-LD is a data block, never run (render/head_content.h).
        data_block = el.tag == 'script' and el.get('type') == 'application/ld+json'
        if (el.tag in NEVER_ON_PAGE and not data_block) or el.tag.startswith('{'):
            problems.append(f'<{el.tag}> on the page')
        if el.tag == 'meta' and (el.get('http-equiv') or '').lower() == 'refresh':
            problems.append(f'<meta http-equiv=refresh content={el.get("content")!r}>')
        for name, value in el.attrib.items():
            bare = name.split('}')[-1].lower()
            if bare.startswith('on'):
                problems.append(f'<{el.tag} {name}={value!r}>: event handler')
            elif bare == 'style' and re.search(r'url\s*\(|expression|binding|behavior', value,
                                                re.I):
                problems.append(f'<{el.tag} style={value!r}>')
            elif bare in LINK_ATTRS or bare in LOAD_ATTRS or name != bare:
                urls = [u.split()[0] for u in value.split(',') if u.split()] \
                    if bare == 'srcset' else [value]
                allowed = {'http', 'https', 'mailto'} if bare in LINK_ATTRS else {'http', 'https'}
                for url in urls:
                    scheme = scheme_of(url)
                    if scheme is not None and scheme not in allowed:
                        problems.append(f'<{el.tag} {name}={value!r}>: {scheme}: URL')
                    if '127.0.0.1:9/' in url and bare in LOAD_ATTRS:
                        problems.append(f'<{el.tag} {name}={value!r}>: loads the payload URL')
    return problems


def body_problems(container):
    """What a comment body may not hold: any element but b, i, a, br; any attribute but an
    <a>'s href and rel="nofollow ugc" (no rel without href); an href with a scheme other
    than http, https, mailto."""
    problems = []
    for el in container.iter():
        if el is container or not isinstance(el.tag, str):
            continue
        if el.tag not in ALLOWED_IN_BODY:
            problems.append(f'<{el.tag}> in a comment body')
            continue
        allowed_attrs = {'href', 'rel'} if el.tag == 'a' else set()
        extra = set(el.attrib) - allowed_attrs
        if extra:
            problems.append(f'<{el.tag}> in a comment body has {sorted(extra)}')
        if el.tag == 'a':
            # A link has rel="nofollow ugc"; an <a> whose href was refused has no rel.
            rel = 'nofollow ugc' if el.get('href') is not None else None
            if el.get('rel') != rel:
                problems.append(f'<a> in a comment body has rel={el.get("rel")!r}')
            href = el.get('href')
            if href is not None and scheme_of(href) not in (None, 'http', 'https', 'mailto'):
                problems.append(f'<a href={href!r}> in a comment body')
    return problems


class CommentXss(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')

    @classmethod
    def prepare(cls):
        cls.create_blog('xss.test', 'Hostile comments')
        cls.posts = []  # (id, path)
        for i in range(POSTS):
            cls.posts.append(cls.add_post(f'Target {i}', f'<p>target post {i}</p>',
                                          '--comments', 'open', date=f'2022-01-{i + 1:02d}'))
        cls.benign_post = cls.add_post('Benign', '<p>benign post</p>', '--comments', 'open',
                                       date='2022-02-01')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.fixture = load_fixture()
            cls.benign = cls.post_comment(cls.benign_post, 'plain words from a reader',
                                          name='Reader', url='https://example.com/reader')
            # An anonymous one too: the theme marks up names without links differently.
            cls.post_comment(cls.benign_post, 'plain words from nobody in particular')
            cls.outcomes = []  # (payload dict, post, status, headers, body)
            for i, payload in enumerate(cls.fixture['bodies']):
                for attempt in range(len(cls.posts)):
                    post = cls.posts[(i + attempt) % len(cls.posts)]
                    status, headers, body = cls.post_comment(post, payload['body'])
                    if status != 409:
                        break
                cls.outcomes.append((payload, post, status, headers, body))
            # The same bodies with a url that is refused: the page comes back with the
            # form refilled, the hostile body in its textarea.
            cls.refills = []  # (payload dict, status, headers, body)
            for i, payload in enumerate(cls.fixture['bodies']):
                status, headers, body = cls.post_comment(cls.posts[i % len(cls.posts)],
                                                         payload['body'], url=REFUSED_URL)
                cls.refills.append((payload, status, headers, body))
        except BaseException:
            cls.tearDownClass()
            raise

    # --- posting ------------------------------------------------------------------------

    @classmethod
    def form_fields(cls, post):
        """The hidden fields of the comment form on the post's page."""
        status, _, body = cls.server.get(post[1])
        if status != 200:
            raise AssertionError(f'GET {post[1]}: {status}')
        root = parse_html(body)
        for form in root.iter('form'):
            if form.get('action') == '/comment':
                fields = {inp.get('name'): inp.get('value') or ''
                          for inp in form.iter('input') if inp.get('name')}
                if 'token' not in fields:
                    raise AssertionError(f'the comment form on {post[1]} has no token field')
                return fields
        raise AssertionError(f'{post[1]} has no <form action="/comment">')

    @classmethod
    def post_comment(cls, post, body, name='', url=''):
        """Shows the post's page, then sends its comment form; returns (status, headers,
        response body)."""
        fields = cls.form_fields(post)
        form = {'post_id': fields.get('post_id', post[0]), 'parent_id': '',
                'token': fields['token'], 'name': name, 'url': url, 'body': body,
                'email': ''}
        data = urllib.parse.urlencode(form, encoding='utf-8').encode('ascii')
        return cls.server.get('/comment', method='POST', body=data, headers={
            'Content-Type': 'application/x-www-form-urlencoded'})

    def published(self):
        """[(payload, post, location)] of the payloads that were published."""
        return [(p, post, h['Location']) for p, post, status, h, _ in self.outcomes
                if status == 303]

    def comment_body(self, root, comment_id, where):
        """The element holding the body of comment `comment_id` on a parsed page."""
        anchor = find_id(root, f'c{comment_id}')
        self.assertIsNotNone(anchor, f'{where}: no element with id c{comment_id}')
        for el in anchor.iter():
            if 'comment-content' in (el.get('class') or '').split():
                return el
        self.fail(f'{where}: comment c{comment_id} has no class="comment-content" element')

    def assert_page_safe(self, body, where):
        root = parse_html(body)
        problems = page_problems(root)
        self.assertEqual(problems, [], f'{where}: {problems[:10]}')
        return root

    # --- tests --------------------------------------------------------------------------

    def test_fixture_is_big_and_varied(self):
        bodies = [p['body'] for p in self.fixture['bodies']]
        self.assertGreaterEqual(len(bodies), 150)
        self.assertEqual(len(set(bodies)), len(bodies))
        self.assertGreaterEqual(len({p['family'] for p in self.fixture['bodies']}), 8)

    def test_benign_comment_is_published_with_a_link_for_its_author(self):
        status, headers, body = self.benign
        self.assertEqual(status, 303, body[:300])
        location = headers['Location']
        self.assertRegex(location, r'^' + re.escape(self.benign_post[1]) +
                         r'\?showComment=\d+#c\d+$')
        root = parse_html(self.get_ok(location.split('#')[0]))
        cid = location.rsplit('#c', 1)[1]
        self.assertIn('plain words from a reader',
                      element_text(self.comment_body(root, cid, location)))
        hrefs = [a.get('href') for a in find_id(root, f'c{cid}').iter('a')]
        self.assertIn('https://example.com/reader', hrefs)

    def test_every_payload_is_published_or_refused_with_a_message(self):
        for payload, post, status, headers, body in self.outcomes:
            with self.subTest(id=payload['id'], body=payload['body'][:80]):
                self.assertIn(status, (303, 400), body[:300])
                if status == 303:
                    self.assertRegex(headers['Location'],
                                     r'^' + re.escape(post[1]) + r'\?showComment=\d+#c\d+$')
                else:
                    self.assertTrue(body.strip(), 'a refusal must say why')
        published = len(self.published())
        self.assertGreaterEqual(published, len(self.outcomes) // 2,
                                'most payloads leave something harmless to publish')

    def test_refusal_pages_give_the_text_back_escaped(self):
        pages = [(p, '', s, h, b) for p, _, s, h, b in self.outcomes if s == 400]
        pages += [(p, REFUSED_URL, s, h, b) for p, s, h, b in self.refills]
        html_pages = 0
        for payload, url, status, headers, body in pages:
            with self.subTest(id=payload['id'], body=payload['body'][:80]):
                self.assertEqual(status, 400, body[:300])
                if not (headers['Content-Type'] or '').startswith('text/html'):
                    self.assertTrue(body.strip(), 'a refusal must say why')
                    continue  # a plain-text refusal echoes nothing
                html_pages += 1
                root = self.assert_page_safe(body, f'400 page for {payload["id"]}')
                areas = [t for t in root.iter('textarea') if t.get('name') == 'body']
                self.assertEqual(len(areas), 1, 'the refilled form has one body textarea')
                sent = payload['body'].replace('\r\n', '\n').replace('\r', '\n')
                if not re.search(r'[\x00-\x08\x0b\x0c\x0e-\x1f\ufeff\ufffe\uffff]', sent):
                    self.assertEqual(areas[0].text or '', sent, 'given back as text, whole')
                inputs = {i.get('name'): i.get('value') for i in root.iter('input')}
                self.assertEqual(inputs.get('url'), url)
        self.assertGreaterEqual(html_pages, len(self.refills) // 2,
                                'a refused comment comes back in its form, on the post page')

    def test_post_pages_hold_only_allowed_markup(self):
        # What the theme itself puts in the comments block, with one benign comment.
        root = parse_html(self.get_ok(self.benign_post[1]))
        theme_markup = set()
        block = find_id(root, 'comments')
        self.assertIsNotNone(block, 'no <div id="comments"> on a post page')
        for el in block.iter():
            if isinstance(el.tag, str):
                theme_markup.add((el.tag, None))
                theme_markup.update((el.tag, a) for a in el.attrib)
        by_post = {}
        for payload, post, location in self.published():
            by_post.setdefault(post[1], []).append((payload, location.rsplit('#c', 1)[1]))
        self.assertEqual(len(by_post), len(self.posts))
        kept = set()  # the elements the bodies kept, all pages together
        for path, comments in by_post.items():
            with self.subTest(path=path):
                root = self.assert_page_safe(self.get_ok(path), path)
                block = find_id(root, 'comments')
                self.assertIsNotNone(block, f'{path}: no <div id="comments">')
                bodies = set()
                for payload, cid in comments:
                    el = self.comment_body(root, cid, path)
                    bodies.add(id(el))
                    kept.update(e.tag for e in el.iter() if e is not el)
                    problems = body_problems(el)
                    self.assertEqual(problems, [], f'{path} c{cid} from {payload["id"]} '
                                                   f'{payload["body"][:200]!r}')
                # Outside the bodies, the block holds only what the theme puts there.
                self.assert_only_theme_markup(block, bodies, theme_markup, path)
        self.assertEqual(kept, ALLOWED_IN_BODY, 'the allowed markup is kept, as markup')

    def assert_only_theme_markup(self, block, bodies, theme_markup, where):
        stack = [block]
        while stack:
            el = stack.pop()
            if id(el) in bodies:
                continue
            if isinstance(el.tag, str):
                unknown = [(el.tag, a) for a in [None, *el.attrib]
                           if (el.tag, a) not in theme_markup]
                self.assertEqual(unknown, [], f'{where}: markup outside any comment body '
                                              f'that the theme does not make')
            stack.extend(el)

    def test_permalinks_hold_only_allowed_markup(self):
        for payload, post, location in self.published():
            with self.subTest(id=payload['id'], body=payload['body'][:80]):
                path = location.split('#')[0]
                root = self.assert_page_safe(self.get_ok(path), path)
                cid = location.rsplit('#c', 1)[1]
                problems = body_problems(self.comment_body(root, cid, path))
                self.assertEqual(problems, [], payload['body'][:200])

    def test_hostile_names_and_urls_stay_text(self):
        post = self.posts[0]
        cases = [(n, '') for n in self.fixture['names']]
        cases += [(f'url case {i}', u) for i, u in enumerate(self.fixture['urls'])]
        for i, (name, url) in enumerate(cases):
            with self.subTest(name=name, url=url):
                status, headers, body = self.post_comment(post, f'name and url case {i}',
                                                          name=name, url=url)
                self.assertIn(status, (303, 400), body[:300])
                if status == 400:
                    self.assert_page_safe(body, f'400 page for name={name!r} url={url!r}')
                    continue
                location = headers['Location']
                path = location.split('#')[0]
                root = self.assert_page_safe(self.get_ok(path), path)
                comment = find_id(root, 'c' + location.rsplit('#c', 1)[1])
                self.assertIsNotNone(comment, location)
                self.assertIn(' '.join(name.split()), ' '.join(element_text(comment).split()),
                              'the name is shown as text')
                for a in comment.iter('a'):
                    href = a.get('href') or ''
                    self.assertIn(scheme_of(href), (None, 'http', 'https'), href)
                    if 'example.com' in href:
                        self.assertTrue(url.startswith('https://example.com/'), href)

    def test_comment_feeds_are_xml_with_escaped_bodies(self):
        paths = ['/feeds/comments/default?max-results=500']
        paths += [f'/feeds/{post_id}/comments/default?max-results=500'
                  for post_id, _ in self.posts]
        entries = 0
        for path in paths:
            with self.subTest(path=path):
                status, headers, body = self.get(path)
                self.assertEqual(status, 200, body[:300])
                feed = ET.fromstring(body)  # fails on anything that is not well-formed
                for el in feed.iter():
                    self.assertTrue(el.tag.startswith('{'), f'un-namespaced <{el.tag}> in feed')
                    self.assertNotIn(el.tag.split('}')[1], ('script', 'svg', 'math', 'iframe'))
                for entry in feed.iter(ATOM + 'entry'):
                    entries += 1
                    content = entry.find(ATOM + 'content')
                    self.assertIsNotNone(content)
                    self.assertEqual(content.get('type'), 'html')
                    self.assertEqual(len(content), 0, 'the body is escaped text, not XML')
                    fragment = parse_fragment(content.text or '')
                    problems = body_problems(fragment)
                    self.assertEqual(problems, [], f'{path}: {(content.text or "")[:200]!r}')
                    for el in entry.iter():
                        for name, value in el.attrib.items():
                            self.assertFalse(name.lower().startswith('on'), name)
                            if name == 'href':
                                self.assertIn(scheme_of(value), ('http', 'https'), value)
        self.assertGreaterEqual(entries, min(500, len(self.published())))


if __name__ == '__main__':
    unittest.main()
