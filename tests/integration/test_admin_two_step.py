# Two-step sign-in (TOTP, RFC 6238) end to end: turned on in the admin with a secret read
# from the account page and a code from `oathtool` (the reference implementation apps
# agree with), then sign-ins without, with a wrong, with the right and with a used code,
# turning it off in the admin, and `samizdat user totp EMAIL --off` for a lost phone.
import html
import re
import subprocess
import time
import unittest

from admin_client import AdminClient
from harness import IntegrationCase, assert_valid_html5

PASSWORD = 'a good long password'


def oathtool(secret, at):
    """The 6-digit code of the base32 `secret` at Unix time `at`, by oathtool."""
    out = subprocess.run(['oathtool', '--totp', '-b', secret, f'--now=@{int(at)}'],
                         capture_output=True, text=True, check=True, timeout=30).stdout
    return out.strip()


class AdminTwoStep(IntegrationCase):
    @classmethod
    def prepare(cls):
        cls.create_blog('one.test', 'Blog one')
        for email in ('ann@one.test', 'bob@one.test'):
            cls.cli('user', 'add', '--email', email, '--role', 'owner', '--blog', 'one.test',
                    '--password-stdin', input_text=PASSWORD + '\n')

    def client(self):
        return AdminClient(self.server, host='one.test')

    def signed_in(self, email):
        client = self.client()
        status, _, _ = client.sign_in(email, PASSWORD)
        self.assertEqual(status, 303)
        return client

    def sign_in(self, email, password=PASSWORD, code=None):
        """A fresh browser's sign-in: (status, its body, whether a session was opened);
        [::2] is (status, opened)."""
        client = self.client()
        _, _, page = client.get('/admin/sign-in')
        self.assertIn(b'name="code"', page)
        fields = {'email': email, 'password': password,
                  'form_token': re.search(rb'name="form_token" value="([^"]+)"', page)[1].decode()}
        if code is not None:
            fields['code'] = code
        status, headers, body = client.post('/admin/sign-in', fields, csrf=False)
        opened = 'samizdat_session' in client.cookies
        if opened:
            self.assertEqual(headers['Location'], '/admin/posts')
        return status, body, opened

    def two_step_listed(self, email):
        _, out, _ = self.cli('user', 'list')
        line = next(l for l in out.splitlines() if l.split('\t')[1] == email)
        return line.endswith('\ttwo-step sign-in')

    def enrol(self, client, email):
        """Turns two-step sign-in on through the account page; returns (secret, base time)."""
        status, _, page = client.get('/admin/password')
        self.assertIn(b'action="/admin/two-step/start"', page)
        status, _, _ = client.post('/admin/two-step/start', {})
        self.assertEqual(status, 303)
        status, _, page = client.get('/admin/password')
        self.assertEqual(status, 200)
        text = page.decode()
        secret = re.search(r'<code class="totp-secret">([A-Z2-7]{32})</code>', text)[1]
        uri = html.unescape(re.search(r'<a href="([^"]+)" class="totp-uri"', text)[1])
        self.assertEqual(uri, f'otpauth://totp/one.test:{email}?secret={secret}&issuer=one.test')
        self.assertRegex(text, r'<svg [^>]*class="qr"[^>]*>.*<path d="M4 4h1v1h-1z')
        assert_valid_html5(page)
        # Not on until the app proves it holds the secret (and the user gives the password
        # again): a wrong code or password is refused.
        status, _, page = client.post('/admin/two-step/confirm',
                                      {'password': PASSWORD, 'code': '000000'})
        self.assertEqual(status, 400)
        self.assertIn(b'is not the app', page)
        status, _, page = client.post('/admin/two-step/confirm', {
            'password': 'not the password', 'code': oathtool(secret, time.time())})
        self.assertEqual(status, 403)
        self.assertIn(b'the password is wrong', page)
        self.assertFalse(self.two_step_listed(email))
        self.assertEqual(self.sign_in(email)[::2], (303, True))  # the password alone, still
        now = time.time()
        status, _, _ = client.post('/admin/two-step/confirm',
                                   {'password': PASSWORD, 'code': oathtool(secret, now)})
        self.assertEqual(status, 303)
        _, _, page = client.get('/admin/password')
        self.assertIn(b'Two-step sign-in is on', page)
        self.assertTrue(self.two_step_listed(email))
        return secret, now

    def test_sign_in_needs_the_code_once_on_until_the_cli_turns_it_off(self):
        email = 'ann@one.test'
        secret, base = self.enrol(self.signed_in(email), email)
        # Every step below happens within a minute of `base`, so the next step's code (the
        # one after the code that turned it on) is within the server's window of ±1 step.
        following = oathtool(secret, base + 30)
        # Without the code, with a wrong one, with the right one but a wrong password:
        # refused alike, no session, and two-step sign-in stays on.
        # From the 3rd failure on, the sign-in throttle makes this address wait 1 s, then
        # 2 s (service/signin_throttle.h): the attempts wait it out.
        waits = iter((0, 0, 0, 1.1))
        for password, code in ((PASSWORD, None), (PASSWORD, ''),
                               (PASSWORD, '%06d' % ((int(following) + 1) % 1000000)),
                               ('not the password', following)):
            time.sleep(next(waits))
            status, body, opened = self.sign_in(email, password, code)
            self.assertEqual((status, opened), (401, False), (password, code))
            self.assertIn(b'Wrong email, password or code.', body)
        self.assertTrue(self.two_step_listed(email))
        # oathtool's code lets the user in, once.
        time.sleep(2.1)
        status, _, opened = self.sign_in(email, code=following)
        self.assertEqual((status, opened), (303, True))
        status, _, opened = self.sign_in(email, code=following)
        self.assertEqual((status, opened), (401, False))
        # A lost phone: the CLI turns it off, and the password alone signs in again.
        _, out, _ = self.cli('user', 'totp', email)
        self.assertEqual(out, f'{email}: two-step sign-in is on\n')
        _, out, _ = self.cli('user', 'totp', email, '--off')
        self.assertIn('turned two-step sign-in off', out)
        self.assertFalse(self.two_step_listed(email))
        status, _, opened = self.sign_in(email)
        self.assertEqual((status, opened), (303, True))

    def test_turning_off_in_the_admin_needs_the_password_and_a_code(self):
        email = 'bob@one.test'
        client = self.signed_in(email)
        secret, base = self.enrol(client, email)
        following = oathtool(secret, base + 30)
        status, _, page = client.post('/admin/two-step/off',
                                      {'password': 'not the password', 'code': following})
        self.assertEqual(status, 403)
        self.assertIn(b'the password is wrong', page)
        status, _, page = client.post('/admin/two-step/off', {'password': PASSWORD, 'code': '1'})
        self.assertEqual(status, 403)
        self.assertTrue(self.two_step_listed(email))
        # Without the CSRF token: refused, still on.
        status, _, _ = client.post('/admin/two-step/off',
                                   {'password': PASSWORD, 'code': following}, csrf=False)
        self.assertEqual(status, 403)
        self.assertTrue(self.two_step_listed(email))
        status, _, _ = client.post('/admin/two-step/off', {'password': PASSWORD, 'code': following})
        self.assertEqual(status, 303)
        self.assertFalse(self.two_step_listed(email))
        self.assertEqual(self.sign_in(email)[::2], (303, True))


if __name__ == '__main__':
    unittest.main()
