"""A browser-like client of the admin for the integration tests: keeps the session
cookie, reads the CSRF token of the last page, signs in through the real form."""
import re
import urllib.parse


def hidden_field(body, name):
    """The value of the hidden input `name` in an HTML page (bytes or str), or None. Its
    attributes may be double-quoted (the default theme) or single-quoted (Blogger themes)."""
    text = body.decode('utf-8') if isinstance(body, bytes) else body
    m = re.search(r'<input[^>]*name=(["\'])' + re.escape(name) + r'\1[^>]*value=(["\'])(.*?)\2',
                  text)
    return None if m is None else (m.group(3).replace('&quot;', '"').replace('&#39;', "'")
                                   .replace('&amp;', '&'))


def set_cookies(headers):
    """The Set-Cookie headers of a response as {name: (value, full header)}."""
    cookies = {}
    for value in headers.get_all('Set-Cookie') or []:
        name, _, rest = value.partition('=')
        cookies[name.strip()] = (rest.split(';', 1)[0], value)
    return cookies


class AdminClient:
    def __init__(self, server, host=None, headers=None):
        self.server = server
        self.host = host
        self.headers = dict(headers or {})  # sent with every request
        self.cookies = {}
        self.csrf = None

    def _headers(self, extra=None):
        headers = {**self.headers, **(extra or {})}
        if self.cookies:
            headers['Cookie'] = '; '.join(f'{k}={v}' for k, v in self.cookies.items())
        return headers

    def _keep(self, headers, body):
        for name, (value, _) in set_cookies(headers).items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        token = hidden_field(body, 'csrf')
        if token:
            self.csrf = token

    def get(self, path, headers=None):
        status, hdrs, body = self.server.get(path, headers=self._headers(headers), host=self.host)
        self._keep(hdrs, body)
        return status, hdrs, body

    def post(self, path, fields, csrf=True, headers=None):
        """POSTs a urlencoded form; adds the CSRF token of the last page unless csrf=False."""
        fields = dict(fields)
        if csrf and self.csrf is not None:
            fields.setdefault('csrf', self.csrf)
        hdrs = self._headers({'Content-Type': 'application/x-www-form-urlencoded', **(headers or {})})
        status, out_headers, body = self.server.get(
            path, method='POST', body=urllib.parse.urlencode(fields, doseq=True).encode(),
            headers=hdrs, host=self.host)
        self._keep(out_headers, body)
        return status, out_headers, body

    def sign_in(self, email, password):
        """The sign-in form, filled and sent; returns (status, headers, body) of the POST."""
        status, _, body = self.get('/admin/sign-in')
        assert status == 200, f'GET /admin/sign-in answered {status}'
        token = hidden_field(body, 'form_token')
        return self.post('/admin/sign-in', {'email': email, 'password': password,
                                            'form_token': token}, csrf=False)

    def change_password(self, current, fresh):
        self.get('/admin/password')
        return self.post('/admin/password', {'current_password': current,
                                             'new_password': fresh, 'confirm_password': fresh})


def first_admin(server):
    """(email, password) the server printed at its first start."""
    m = re.search(r'admin account: (\S+) password: (\S+)', server.stdout())
    assert m, f'the server printed no admin password: {server.stdout()}'
    return m.group(1), m.group(2)
