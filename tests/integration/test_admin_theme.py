# The admin's Theme and Layout pages: a theme file restored (multipart) becomes the blog's
# theme and downloads back as it was; an Edit HTML save that does not compile shows the
# error at its line with the typed text kept, and changes nothing; the Layout page's
# moves, hide, title and settings land in the stored theme (`samizdat theme get`) and on
# the public page, a locked gadget is not removed and a full section takes no more, an
# HTML gadget is added; "Revert to default" asks first; a POST without the CSRF token
# and an author's visit change nothing.
import html
import re
import unittest
import uuid
import xml.etree.ElementTree as ET

from admin_client import AdminClient
from harness import IntegrationCase, assert_valid_html5

HOST = 'themed.test'
PASSWORD = 'a good long password'
B = '{http://www.google.com/2005/gml/b}'

THEME = """<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE html>
<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'
      xmlns:data='http://www.google.com/2005/gml/data'
      xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<title><data:blog.pageTitle/></title>
<b:skin><![CDATA[body { color: #123456; }]]></b:skin>
</head>
<body>
<b:section class='main' id='main' name='Main' showaddelement='no'>
  <b:widget id='Blog1' locked='true' title='Blog Posts' type='Blog' version='1'>
    <b:includable id='main'>
      <b:loop values='data:posts' var='post'><h2 class='tiny-title'><data:post.title/></h2></b:loop>
    </b:includable>
  </b:widget>
</b:section>
<b:section class='sidebar' id='sidebar' name='Sidebar'>
  <b:widget id='HTML1' locked='false' title='First gadget' type='HTML' version='1'>
    <b:widget-settings>
      <b:widget-setting name='content'><![CDATA[<p>one</p>]]></b:widget-setting>
    </b:widget-settings>
    <b:includable id='main'><h3 class='gadget-title'><data:title/></h3></b:includable>
  </b:widget>
  <b:widget id='HTML2' locked='false' title='Second gadget' type='HTML' version='1'>
    <b:includable id='main'><h3 class='gadget-title'><data:title/></h3></b:includable>
  </b:widget>
</b:section>
<b:section class='footer' id='footer' maxwidgets='1' name='Footer'>
  <b:widget id='HTML9' locked='true' title='Footer gadget' type='HTML' version='1'>
    <b:includable id='main'><p class='footer-note'><data:title/></p></b:includable>
  </b:widget>
</b:section>
</body>
</html>
"""

# Line 5 holds the unknown tag.
BROKEN = """<?xml version="1.0" encoding="UTF-8" ?>
<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'>
<head><title>x</title></head>
<body>
<p>fine</p><b:nonsense/>
</body>
</html>
"""


def multipart(fields, files):
    """A multipart/form-data body and its Content-Type: `files` is {name: (filename, bytes)}."""
    boundary = 'samizdat-' + uuid.uuid4().hex
    out = b''
    for name, value in fields.items():
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f'{value}\r\n').encode()
    for name, (filename, content) in files.items():
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/xml\r\n\r\n').encode()
        out += content + b'\r\n'
    out += f'--{boundary}--\r\n'.encode()
    return out, f'multipart/form-data; boundary={boundary}'


def widgets(xml_text):
    """{section id: [(widget id, title, visible)]} of a stored theme."""
    root = ET.fromstring(xml_text.encode())
    return {s.get('id'): [(w.get('id'), w.get('title'), w.get('visible', 'true'))
                          for w in s.findall(B + 'widget')]
            for s in root.iter(B + 'section')}


def textarea(body, name):
    m = re.search(r'<textarea[^>]*name="' + name + r'"[^>]*>\n?(.*?)</textarea>',
                  body.decode(), re.S)
    return None if m is None else html.unescape(m.group(1))


class AdminTheme(IntegrationCase):

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Themed blog')
        cls.add_post('A first post', '<p>Hello.</p>', blog=HOST)
        cls.cli('user', 'add', '--email', 'boss@themed.test', '--name', 'Boss', '--role',
                'admin', '--password-stdin', input_text=PASSWORD + '\n')
        cls.cli('user', 'add', '--email', 'writer@themed.test', '--name', 'Writer', '--role',
                'author', '--blog', HOST, '--password-stdin', input_text=PASSWORD + '\n')

    def client(self, email='boss@themed.test'):
        client = AdminClient(self.server, host=HOST)
        status, _, _ = client.sign_in(email, PASSWORD)
        self.assertEqual(status, 303)
        return client

    def stored(self):
        code, out, _ = self.cli('theme', 'get', '--blog', HOST, check=False)
        return out if code == 0 else None

    def restore(self, client, content, filename='my-theme.xml'):
        client.get('/admin/theme')
        body, content_type = multipart({'csrf': client.csrf}, {'theme': (filename, content)})
        status, headers, out = self.server.get(
            '/admin/theme/restore', method='POST', body=body, host=HOST,
            headers=client._headers({'Content-Type': content_type}))
        client._keep(headers, out)
        return status, headers, out

    def post(self, client, path, fields):
        client.get('/admin/layout')
        status, headers, body = client.post(path, fields)
        self.assertEqual(status, 303, body[:2000])
        return headers

    def public_ids(self):
        body = self.get_ok('/', host=HOST).decode()
        return re.findall(r"<div class=['\"]widget [A-Za-z]+['\"][^>]*id=['\"]([A-Za-z]+\d+)['\"]",
                          body), body

    def with_theme(self, client):
        status, _, body = self.restore(client, THEME.encode())
        self.assertEqual(status, 303, body[:2000])
        self.assertEqual(self.stored(), THEME)

    def test_restore_download_and_revert_with_a_confirmation(self):
        client = self.client()
        self.cli('theme', 'reset', '--blog', HOST)
        status, _, body = client.get('/admin/theme')
        self.assertEqual(status, 200)
        self.assertIn('samizdat’s default theme', body.decode())
        self.assertIn('href="/admin/layout"', body.decode())  # in the navigation

        self.with_theme(client)
        body = client.get('/admin/theme')[2]
        assert_valid_html5(body)
        body = body.decode()
        self.assertIn('Blogger theme', body)
        self.assertIn('3 sections, 4 gadgets', body)
        status, headers, body = client.get('/admin/theme/download')
        self.assertEqual(status, 200)
        self.assertEqual(body.decode(), THEME)
        self.assertTrue(headers['Content-Disposition'].startswith('attachment; filename="theme-'))
        self.assertTrue(headers['Content-Type'].startswith('application/xml'))

        # A broken file is refused at its line; the theme stays.
        status, _, body = self.restore(client, BROKEN.encode(), 'broken.xml')
        self.assertEqual(status, 400)
        self.assertIn('broken.xml:5:', body.decode())
        self.assertEqual(self.stored(), THEME)

        # Reverting asks first; the GET changes nothing.
        status, _, body = client.get('/admin/theme/revert')
        self.assertEqual(status, 200)
        self.assertIn('action="/admin/theme/revert"', body.decode())
        self.assertEqual(self.stored(), THEME)
        status, _, _ = client.post('/admin/theme/revert', {})
        self.assertEqual(status, 303)
        self.assertIsNone(self.stored())
        self.assertIn('samizdat’s default theme', client.get('/admin/theme')[2].decode())
        self.assertIn('no gadgets to arrange', client.get('/admin/layout')[2].decode())

    def test_a_broken_edit_shows_its_line_keeps_the_text_and_changes_nothing(self):
        client = self.client()
        self.with_theme(client)
        status, _, body = client.get('/admin/theme/edit')
        self.assertEqual(status, 200)
        self.assertEqual(textarea(body, 'xml'), THEME)

        # The browser sends CRLF line breaks.
        status, _, body = client.post('/admin/theme/edit', {'xml': BROKEN.replace('\n', '\r\n')})
        self.assertEqual(status, 400)
        assert_valid_html5(body)
        text = body.decode()
        self.assertIn('theme.xml:5:', text)
        self.assertIn('Line 5:', text)
        self.assertIn('&lt;p&gt;fine&lt;/p&gt;&lt;b:nonsense/&gt;', text)  # the line itself
        self.assertEqual(textarea(body, 'xml'), BROKEN)
        self.assertEqual(self.stored(), THEME)

        # A good edit is stored as typed (LF line breaks).
        edited = THEME.replace('First gadget', 'Edited gadget')
        status, _, _ = client.post('/admin/theme/edit', {'xml': edited.replace('\n', '\r\n')})
        self.assertEqual(status, 303)
        self.assertEqual(self.stored(), edited)

    def test_layout_changes_land_in_the_theme_and_on_the_page(self):
        client = self.client()
        self.with_theme(client)
        body = client.get('/admin/layout')[2]
        assert_valid_html5(body)
        body = body.decode()
        for piece in ('Sidebar', 'First gadget', 'Second gadget', 'id="gadget-HTML1"',
                      'Add a gadget', '(at most 1 gadget)'):
            self.assertIn(piece, body)
        self.assertNotIn('action="/admin/layout/remove"', body.split('id="gadget-HTML1"')[0])

        ids, _ = self.public_ids()
        self.assertEqual(ids, ['Blog1', 'HTML1', 'HTML2', 'HTML9'])

        headers = self.post(client, '/admin/layout/move', {'widget': 'HTML2', 'direction': 'up'})
        self.assertEqual(headers['Location'], '/admin/layout#gadget-HTML2')
        self.post(client, '/admin/layout/widget', {
            'widget': 'HTML1', 'title': 'Renamed <gadget>', 'visible': 'true',
            'setting_name': ['content', 'extra'], 'setting_value': ['<p>two</p>', 'x']})
        self.post(client, '/admin/layout/visibility', {'widget': 'HTML2', 'visible': 'false'})
        self.assertEqual(widgets(self.stored())['sidebar'],
                         [('HTML2', 'Second gadget', 'false'),
                          ('HTML1', 'Renamed <gadget>', 'true')])
        root = ET.fromstring(self.stored().encode())
        settings = {s.get('name'): s.text for s in root.iter(B + 'widget-setting')}
        self.assertEqual(settings, {'content': '<p>two</p>', 'extra': 'x'})

        ids, page = self.public_ids()
        self.assertEqual(ids, ['Blog1', 'HTML1', 'HTML9'])  # HTML2 hidden
        self.assertIn('Renamed &lt;gadget&gt;', page)
        self.assertNotIn('Second gadget', page)

        self.post(client, '/admin/layout/visibility', {'widget': 'HTML2', 'visible': 'true'})
        self.post(client, '/admin/layout/move', {'widget': 'HTML1', 'section': 'main'})
        self.assertEqual(widgets(self.stored())['main'],
                         [('Blog1', 'Blog Posts', 'true'), ('HTML1', 'Renamed <gadget>', 'true')])
        ids, _ = self.public_ids()
        self.assertEqual(ids, ['Blog1', 'HTML1', 'HTML2', 'HTML9'])

        # Refused: a locked gadget's removal, a move into a full section; nothing changes.
        before = self.stored()
        status, _, body = client.post('/admin/layout/remove', {'widget': 'Blog1'})
        self.assertEqual(status, 400)
        self.assertIn('locked', body.decode())
        status, _, body = client.post('/admin/layout/move', {'widget': 'HTML2', 'section': 'footer'})
        self.assertEqual(status, 400)
        self.assertIn('holds at most 1 gadget', body.decode())
        status, _, body = client.post('/admin/layout/move', {'widget': 'Nope7', 'direction': 'up'})
        self.assertEqual(status, 400)
        self.assertIn('no gadget', body.decode())
        self.assertEqual(self.stored(), before)

        # Removing and adding.
        self.post(client, '/admin/layout/remove', {'widget': 'HTML2'})
        headers = self.post(client, '/admin/layout/add', {
            'section': 'sidebar', 'type': 'HTML', 'title': 'Added', 'content': '<b>new</b>'})
        self.assertEqual(headers['Location'], '/admin/layout#gadget-HTML2')
        self.assertEqual(widgets(self.stored())['sidebar'], [('HTML2', 'Added', 'true')])
        self.assertIn('<![CDATA[<b>new</b>]]>', self.stored())

    def test_without_the_token_or_as_an_author_nothing_changes(self):
        client = self.client()
        self.with_theme(client)
        client.get('/admin/layout')
        status, _, _ = client.post('/admin/layout/remove', {'widget': 'HTML1'}, csrf=False)
        self.assertEqual(status, 403)
        status, _, _ = client.post('/admin/theme/revert', {}, csrf=False)
        self.assertEqual(status, 403)
        self.assertEqual(self.stored(), THEME)

        author = self.client('writer@themed.test')
        for path in ('/admin/theme', '/admin/layout', '/admin/theme/download'):
            self.assertEqual(author.get(path)[0], 403, path)
        author.get('/admin/posts')
        status, _, _ = author.post('/admin/layout/remove', {'widget': 'HTML1'})
        self.assertEqual(status, 403)
        self.assertEqual(self.stored(), THEME)


if __name__ == '__main__':
    unittest.main()
