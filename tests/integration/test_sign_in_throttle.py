# Sign-in throttling without lockout, over HTTP against the real binary: an address that
# guesses an account's password waits longer after each failure, while the owner's own
# browser (its device cookie) gets in at once, and `samizdat user passwd` lets the new
# password in from anywhere, as does the one-time link of `samizdat user reset`. Common
# passwords are refused by the CLI and by the admin's
# password form, changing nothing.
import re
import time
import unittest

from admin_client import AdminClient, set_cookies
from harness import IntegrationCase

PASSWORD = 'the owner knows this one'
COMMON = 'password12'
COMMON_MESSAGE = 'This password is among the 30,000 most common passwords; choose another.'


class SignInThrottle(IntegrationCase):
    @classmethod
    def prepare(cls):
        cls.create_blog('one.test', 'One')
        for email in ('owner@one.test', 'writer@one.test', 'forgetful@one.test'):
            cls.cli('user', 'add', '--email', email, '--role', 'owner', '--blog', 'one.test',
                    '--password-stdin', input_text=PASSWORD + '\n')

    def browser(self):
        return AdminClient(self.server, host='one.test')

    def retry_after(self, status, headers, body):
        """The wait of a throttled answer, checked against the page's message."""
        self.assertEqual(status, 429, body[:500])
        wait = int(headers['Retry-After'])
        self.assertGreater(wait, 0)
        unit = 'second' if wait == 1 else 'seconds'
        self.assertIn(f'Try again in {wait} {unit}.'.encode(), body)
        return wait

    def guess_when_allowed(self, attacker):
        """Waits out the address's delay, then guesses wrong once; returns the status."""
        while True:
            status, headers, body = attacker.sign_in('owner@one.test', 'yet another guess')
            if status != 429:
                return status
            time.sleep(self.retry_after(status, headers, body))

    def test_an_address_guessing_waits_longer_while_the_owner_gets_in(self):
        # The owner signs in once on their own browser, which keeps a device cookie.
        owner = self.browser()
        status, headers, _ = owner.sign_in('owner@one.test', PASSWORD)
        self.assertEqual(status, 303)
        device = set_cookies(headers)['samizdat_device']
        self.assertTrue(device[0])
        for flag in ('HttpOnly', 'Path=/admin', 'SameSite=Lax', f'Max-Age={365 * 24 * 3600}'):
            self.assertIn(flag, device[1])

        # 30 wrong passwords from one address: the first are checked, then each attempt
        # is told to wait.
        attacker = self.browser()
        statuses = [attacker.sign_in('owner@one.test', f'guess {i}')[0] for i in range(30)]
        self.assertEqual(statuses[:3], [401, 401, 401])
        self.assertIn(429, statuses)
        self.assertEqual(set(statuses), {401, 429})

        # (b) The right password from the guessing address, without the cookie, waits, and
        # the wait doubles with each further failure. (A guess made as soon as the last
        # wait is over is checked, and fails: the wait after it is a whole delay.)
        self.assertEqual(self.guess_when_allowed(attacker), 401)
        first = self.retry_after(*attacker.sign_in('owner@one.test', PASSWORD))
        self.assertNotIn('samizdat_session', attacker.cookies)
        self.assertEqual(self.guess_when_allowed(attacker), 401)
        second = self.retry_after(*attacker.sign_in('owner@one.test', PASSWORD))
        self.assertEqual(second, 2 * first)
        self.assertNotIn('samizdat_session', attacker.cookies)

        # (a) Meanwhile the owner's browser (only its device cookie, no session) gets in at
        # once.
        returning = self.browser()
        returning.cookies['samizdat_device'] = device[0]
        status, headers, body = returning.sign_in('owner@one.test', PASSWORD)
        self.assertEqual(status, 303, body[:500])
        self.assertEqual(headers['Location'], '/admin/posts')
        self.assertEqual(returning.get('/admin/posts')[0], 200)
        self.assertEqual(attacker.sign_in('owner@one.test', PASSWORD)[0], 429)

        # (c) A new password set with the CLI works at once, from the guessing address too.
        self.cli('user', 'passwd', 'owner@one.test', '--password-stdin',
                 input_text='a brand new owner password\n')
        status, _, body = attacker.sign_in('owner@one.test', 'a brand new owner password')
        self.assertEqual(status, 303, body[:500])

    def test_the_cli_refuses_a_common_password(self):
        code, _, err = self.cli('user', 'add', '--email', 'new@one.test', '--password-stdin',
                                check=False, input_text=COMMON + '\n')
        self.assertNotEqual(code, 0)
        self.assertIn(COMMON_MESSAGE, err)
        _, out, _ = self.cli('user', 'list')
        self.assertNotIn('new@one.test', out)

        code, _, err = self.cli('user', 'passwd', 'writer@one.test', '--password-stdin',
                                check=False, input_text=COMMON.upper() + '\n')
        self.assertNotEqual(code, 0)
        self.assertIn(COMMON_MESSAGE, err)
        self.assertEqual(self.browser().sign_in('writer@one.test', COMMON.upper())[0], 401)
        self.assertEqual(self.browser().sign_in('writer@one.test', PASSWORD)[0], 303)

    def test_the_password_form_refuses_a_common_password(self):
        client = self.browser()
        self.assertEqual(client.sign_in('writer@one.test', PASSWORD)[0], 303)
        status, _, body = client.change_password(PASSWORD, COMMON)
        self.assertEqual(status, 400)
        self.assertIn(COMMON_MESSAGE.encode(), body)
        # Nothing changed: still signed in, the old password still the one.
        self.assertEqual(client.get('/admin/posts')[0], 200)
        self.assertEqual(self.browser().sign_in('writer@one.test', COMMON)[0], 401)
        self.assertEqual(self.browser().sign_in('writer@one.test', PASSWORD)[0], 303)


    def test_a_reset_link_sets_a_new_password_once(self):
        _, out, _ = self.cli('user', 'reset', 'forgetful@one.test')
        m = re.fullmatch(r'sign-in link for forgetful@one.test \(valid 60 minutes, once\): '
                         r'http://one.test(/admin/reset\?token=[0-9a-f]{64})\n', out)
        self.assertIsNotNone(m, out)
        link = m.group(1)
        token = link.split('=', 1)[1]
        client = self.browser()
        status, _, body = client.get(link)
        self.assertEqual(status, 200)
        self.assertIn(b'Choose a new password for forgetful@one.test', body)

        def post(password):
            return client.post('/admin/reset', {'token': token, 'new_password': password,
                                                'confirm_password': password})

        # A common password is refused and the link stays good.
        status, _, body = post(COMMON)
        self.assertEqual(status, 400)
        self.assertIn(COMMON_MESSAGE.encode(), body)
        self.assertEqual(client.get(link)[0], 200)
        status, headers, _ = post('a password I will remember')
        self.assertEqual((status, headers['Location']), (303, '/admin/sign-in'))
        self.assertEqual(self.browser().sign_in('forgetful@one.test', PASSWORD)[0], 401)
        self.assertEqual(
            self.browser().sign_in('forgetful@one.test', 'a password I will remember')[0], 303)
        # Used once: gone, and it changes nothing any more.
        status, _, body = client.get(link)
        self.assertEqual(status, 404)
        self.assertIn(b'unknown, used or expired', body)
        self.assertEqual(post('yet another password of mine')[0], 404)
        self.assertEqual(
            self.browser().sign_in('forgetful@one.test', 'a password I will remember')[0], 303)
        code, _, err = self.cli('user', 'reset', 'nobody@one.test', check=False)
        self.assertNotEqual(code, 0)
        self.assertIn('no user with the email nobody@one.test', err)


if __name__ == '__main__':
    unittest.main()
