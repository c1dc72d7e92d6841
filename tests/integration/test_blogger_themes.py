# The nine real Blogger themes of ../shared/fixtures/blogger-templates, each set on its
# own blog (`samizdat theme set --blog HOST FILE.xml`; one server, nine hosts) with posts
# (one with a jump break, labels and an image), a page, and a comment with a reply
# (posted before the theme is set: some themes' forms need a script). Each of home, post,
# page, label, search, archive and 404 is fetched: no b:, data:, expr: or macro: markup
# and no $(skin variable) left; every widget of the theme shown on that page in its
# section, in the theme's order, the posts in the Blog widget, the labels in the Labels
# widget; the post page shows the post's title, body, date, labels (where the theme shows
# any), comments and a comment form with the fields /comment reads; every page parses as
# HTML5 (html5lib) with no error but those the themes' own markup makes on Blogger too (a
# <div> inside Blogger's <p class='comment-footer'>).
#
# The blogs turn on the Blog widget's date, timestamp, author and labels settings (as the
# Layout page would): two of the exported themes had them off.
import os
import re
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import harness

THEMES = ['watermark', 'awesome-inc', 'travel', 'contempo', 'soho', 'notable', 'hyde', 'pixel',
          'plus-ui']
FIXTURES = os.path.join(harness.shared_dir(), 'fixtures', 'blogger-templates')
B = '{http://www.google.com/2005/gml/b}'
CONDITIONAL = {B + 'if', B + 'else', B + 'elseif', B + 'switch', B + 'case', B + 'default',
               B + 'loop', B + 'includable', '{urn:macro}if', '{urn:macro}else',
               '{urn:macro}includable'}

# Plus UI writes no comment form: a button whose script loads it in an iframe (and
# public pages run no script), so its post page is checked for that button only.
SCRIPT_ONLY_COMMENT_FORMS = {'plus-ui'}

POST_TITLE = 'Jump break post'
BEFORE_BREAK = 'The sentence before the break.'
AFTER_BREAK = 'The sentence after the break.'
COMMENT = 'A first comment from a reader.'
REPLY = 'A reply to that first comment.'
# Markup a rendered page must not hold: the theme language's own tags and attributes.
LEFT_MARKUP = re.compile(r'</?(?:b|data|expr|macro|mexpr):[A-Za-z]|\s(?:expr|b|mexpr):[\w-]+=')
SKIN_VARIABLE = re.compile(r'\$\([A-Za-z][\w.-]*\)|\$(startSide|endSide|maincolor)\b')


def themed_xml(name):
    """The fixture with the Blog widget's date, author and labels settings on."""
    with open(os.path.join(FIXTURES, name + '.xml'), encoding='utf-8') as f:
        xml = f.read()
    return re.sub(r"(<b:widget-setting name='(?:showDateHeader|showTimestamp|showAuthor|showLabels)'>)"
                  r"false(</b:widget-setting>)", r'\1true\2', xml)


class ThemeLayout:
    """The widgets a page must show, read from the theme file: for each section id, its
    widgets in file order, and whether the section is always on the page (not inside a
    b:if, b:loop or macro) with which of its widgets always shown (visible, no cond)."""

    def __init__(self, xml):
        if 'xmlns:macro' not in xml:  # Blogger's own backups use these undeclared
            xml = xml.replace('<html ', "<html xmlns:macro='urn:macro' xmlns:mexpr='urn:mexpr' ", 1)
        root = ET.fromstring(xml.encode('utf-8'))
        parents = {child: parent for parent in root.iter() for child in parent}
        self.sections = {}  # id -> [(widget id, always shown)]
        self.always = set()  # section ids always on the page
        self.blog_widget = None  # (section id, widget id) of the Blog widget
        self.label_widget = False  # a Label widget always shown
        for element in root.iter():
            if element.tag not in (B + 'section', B + 'section-contents'):
                continue
            section_id = element.get('id')
            if section_id is None:
                continue  # a macro's section, named by its b:section-contents
            widgets = [(w.get('id'), w.get('visible') != 'false' and w.get('cond') is None)
                       for w in element if w.tag == B + 'widget']
            self.sections.setdefault(section_id, []).extend(widgets)
            for w in element:
                if w.tag == B + 'widget' and w.get('type') == 'Blog':
                    self.blog_widget = (section_id, w.get('id'))
                if (w.tag == B + 'widget' and w.get('type') == 'Label' and
                        w.get('visible') != 'false' and w.get('cond') is None):
                    self.label_widget = True
            ancestor, conditional = parents.get(element), False
            while ancestor is not None:
                conditional = conditional or ancestor.tag in CONDITIONAL
                ancestor = parents.get(ancestor)
            if not conditional:
                self.always.add(section_id)


# html5lib's errors that real themes' own markup makes: Blogger's threaded comments put
# the form's <div> inside <p class='comment-footer'>, so its </p> has no <p> to close, and
# the elements left open then close at a later end tag.
THEMES_OWN_ERRORS = {('unexpected-end-tag', 'p'), ('end-tag-too-early', None)}


def html5_errors(body):
    """html5lib's parse errors but the themes' own, as 'code (name) at line L: context'."""
    import html5lib  # Debian's python3-html5lib
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    text = body.decode('utf-8')
    parser.parse(text)
    lines = text.splitlines()
    errors = []
    for (line, column), code, details in parser.errors:
        name = (details or {}).get('name') if isinstance(details, dict) else None
        if (code, name) in THEMES_OWN_ERRORS or (code, None) in THEMES_OWN_ERRORS:
            continue
        context = lines[line - 1][max(0, column - 100):column + 40] if 0 < line <= len(lines) else ''
        errors.append(f'{code} ({name}) at line {line}: {context.strip()!r}')
    return errors


def parse_html(body):
    import html5lib  # Debian's python3-html5lib
    return html5lib.parse(body.decode('utf-8'), treebuilder='etree', namespaceHTMLElements=False)


def by_id(tree):
    return {e.get('id'): e for e in tree.iter() if isinstance(e.tag, str) and e.get('id')}


class _CommentForm(HTMLParser):
    """The fields of the page's form posting to …/comment, or None."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.action = None
        self.fields = None
        self._in_form = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'form' and self.fields is None and re.search(r'(^|/)comment$', a.get('action') or ''):
            self._in_form, self.fields, self.action = True, {}, a['action']
        elif self._in_form and tag in ('input', 'textarea') and a.get('name'):
            self.fields[a['name']] = a.get('value') or ''
            self._textarea = a['name'] if tag == 'textarea' else None

    def handle_endtag(self, tag):
        if tag == 'form':
            self._in_form = False
        self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def comment_form(body):
    parser = _CommentForm()
    parser.feed(body.decode('utf-8'))
    return parser.fields


class BloggerThemesTest(harness.IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')
    blogs = {}  # theme -> {'host', 'post', 'page', 'layout'}

    @classmethod
    def prepare(cls):
        for name in THEMES:
            host = name + '.test'
            cls.create_blog(host, f'The {name} blog')
            cls.add_post('An older post', '<p>An older body.</p>', date='2024-04-20T09:00:00Z',
                         labels='Food', blog=host)
            _, post = cls.add_post(
                POST_TITLE,
                f'<p>{BEFORE_BREAK}</p>\n<p><img src="https://images.example/photo.jpg" '
                f'alt="A photo" width="400" height="300"></p>\n<!--more-->\n<p>{AFTER_BREAK}</p>',
                date='2024-05-03T10:00:00Z', labels='Travel, Food', blog=host)
            cls.add_post('The newest post', '<p>The newest body.</p>', date='2024-05-10T08:00:00Z',
                         blog=host)
            _, page = cls.add_page('About this blog', '<p>What this blog is about.</p>', blog=host)
            cls.blogs[name] = {'host': host, 'post': post, 'page': page, 'xml': themed_xml(name)}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.comment_and_set_themes()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def comment_and_set_themes(cls):
        for name, blog in cls.blogs.items():
            # A comment and a reply, through the default theme's form (a theme whose own
            # comment form needs a script has none a test can fill), then the theme.
            status, headers, _ = harness.post_comment(cls.server, blog['post'], COMMENT,
                                                      name='Reader One', host=blog['host'])
            if status != 303:
                raise AssertionError(f'{name}: the comment was answered {status}')
            harness.post_comment(cls.server, blog['post'], REPLY, name='Reader Two',
                                 parent_id=harness.comment_id_from(headers), host=blog['host'])
            cls.cli('theme', 'set', '--blog', blog['host'],
                    cls.write_file(name + '.xml', blog['xml']))
            blog['layout'] = ThemeLayout(blog['xml'])
            # Which of the post's parts the theme shows at all (Hyde shows no labels).
            blog['shows_labels'] = bool(re.search(r'post\.labels|postLabels', blog['xml']))

    def pages(self, blog):
        return {
            'home': ('/', 200),
            'post': (blog['post'], 200),
            'page': (blog['page'], 200),
            'label': ('/search/label/Travel', 200),
            'search': ('/search?q=' + urllib.parse.quote('break'), 200),
            'archive': ('/2024/05/', 200),
            '404': ('/2024/05/no-such-post.html', 404),
        }

    def fetch(self, blog, path, status):
        got, _, body = self.get(path, host=blog['host'])
        self.assertEqual(got, status, f'GET {path}: {body[:300]!r}')
        return body

    def check_page(self, name, kind, body):
        """What every page of every theme must be."""
        text = body.decode('utf-8')
        left = LEFT_MARKUP.search(text)
        if left:
            self.fail(f'{name} {kind}: theme markup left: '
                      f'{text[max(0, left.start() - 80):left.end() + 80]!r}')
        tree = parse_html(body)
        for style in tree.iter('style'):
            variable = SKIN_VARIABLE.search(style.text or '')
            self.assertIsNone(variable, f'{name} {kind}: skin variable left in <style>: '
                              f'{variable.group(0) if variable else ""}')
        elements = by_id(tree)
        layout = self.blogs[name]['layout']
        for section_id, widgets in layout.sections.items():
            section = elements.get(section_id)
            if section is None:
                self.assertNotIn(section_id, layout.always,
                                 f'{name} {kind}: section {section_id} is not on the page')
                continue
            inside = [e.get('id') for e in section.iter() if isinstance(e.tag, str)]
            shown = [w for w, _ in widgets if w in inside]
            for widget, always in widgets:
                if always:
                    self.assertIn(widget, shown, f'{name} {kind}: widget {widget} is not in '
                                  f'section {section_id}')
            self.assertEqual(shown, sorted(shown, key=inside.index),
                             f'{name} {kind}: the widgets of {section_id} are out of order')
        if kind != '404':  # the posts are in the Blog widget, in its section
            section_id, widget = layout.blog_widget
            self.assertIn(section_id, elements, f'{name} {kind}: no section {section_id}')
            self.assertIn(widget, [e.get('id') for e in elements[section_id].iter()
                                   if isinstance(e.tag, str)], f'{name} {kind}: no {widget}')
        self.assertEqual(html5_errors(body), [], f'{name} {kind}: not valid HTML5')
        return tree

    def test_every_page_of_every_theme(self):
        for name, blog in self.blogs.items():
            for kind, (path, status) in self.pages(blog).items():
                with self.subTest(theme=name, page=kind):
                    body = self.fetch(blog, path, status)
                    self.check_page(name, kind, body)
                    text = harness.visible_text(body)
                    expected = {'home': 'The newest post', 'label': POST_TITLE,
                                'search': POST_TITLE, 'archive': POST_TITLE,
                                'page': 'What this blog is about.'}.get(kind)
                    if expected:
                        self.assertIn(expected, text)
                    if kind == 'home' and blog['layout'].label_widget:  # the Labels widget
                        hrefs = [h for h, _ in harness.links(body)]
                        self.assertTrue(any(h.endswith('/search/label/Travel') for h in hrefs),
                                        'the Labels widget lists no label')

    def test_post_page_shows_the_post_its_labels_comments_and_form(self):
        for name, blog in self.blogs.items():
            with self.subTest(theme=name):
                body = self.fetch(blog, blog['post'], 200)
                text = harness.visible_text(body)
                for piece in (POST_TITLE, BEFORE_BREAK, AFTER_BREAK, COMMENT, REPLY):
                    self.assertIn(piece, text)
                # The date as text, or (Pixel: written by a script) in a <time>.
                dated = re.search(r'(May\s+0?3\b|\b0?3\s+May).*2024', text) or any(
                    tag == 'time' and (attrs.get('datetime') or '').startswith('2024-05-03')
                    for tag, attrs in harness.elements(body))
                self.assertTrue(dated, 'the post\'s date is not on the page')
                # samizdat's head (its JSON-LD), once, whether the theme includes
                # all-head-content or not (Hyde, Plus UI: put first in their <head>; Plus
                # UI writes Open Graph tags of its own too).
                head = parse_html(body).find('head')
                self.assertGreaterEqual(sum(1 for m in head.iter('meta')
                                            if m.get('property') == 'og:title'), 1, 'og:title')
                self.assertEqual(sum(1 for s in head.iter('script')
                                     if s.get('type') == 'application/ld+json'), 1, 'JSON-LD')
                hrefs = [href for href, _ in harness.links(body)]
                if blog['shows_labels']:
                    self.assertTrue(any(h.endswith('/search/label/Travel') for h in hrefs),
                                    'no link to the Travel label')
                if name in SCRIPT_ONLY_COMMENT_FORMS:  # its button, to the post's form
                    self.assertTrue(any(tag == 'button' and blog['post'] in
                                        (attrs.get('data-thread') or '')
                                        for tag, attrs in harness.elements(body)),
                                    'no comment button')
                    continue
                form = comment_form(body)
                self.assertIsNotNone(form, 'the post page has no comment form')
                self.assertTrue({'post_id', 'token', 'body'} <= set(form), form)

    def test_share_links_go_to_the_real_endpoints_with_the_posts_url(self):
        for name in ('soho', 'notable'):  # Blogger's own share buttons, turned on
            blog = self.blogs[name]
            with self.subTest(theme=name):
                body = self.fetch(blog, blog['post'], 200)
                hrefs = [href for href, _ in harness.links(body)]
                self.assertFalse([h for h in hrefs if 'blogger.com/share-post' in h], hrefs)
                shares = [h for h in hrefs if h.startswith(('https://twitter.com/intent/tweet',
                                                            'https://www.facebook.com/sharer'))]
                self.assertTrue(shares, f'no share link on {name}')
                for href in shares:
                    query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
                    shared = (query.get('url') or query.get('u') or [''])[0]
                    self.assertEqual(urllib.parse.urlsplit(shared).path, blog['post'], href)


if __name__ == '__main__':
    unittest.main()
