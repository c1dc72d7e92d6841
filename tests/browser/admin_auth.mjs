// Accounts in a real browser: the first-run password must be changed before anything
// else; a wrong password shows an error and, repeated, engages the throttle (even the
// right password is then refused for a while); a form posted without its CSRF token gets 403 and
// changes nothing; the session cookie is HttpOnly and SameSite=Lax; signing out
// everywhere ends the other browsers' sessions.
import { check, notice, runTest, signIn, signInFirstTime } from './lib/harness.mjs';

const TEST = 'admin_auth';
const NEW_PASSWORD = 'correct horse battery';

async function main(server) {

  // A wrong password: the form again with a clear error, no session.
  const page = await server.newPage();
  await signIn(page, server.adminEmail, 'not the password');
  check(page.url().includes('/admin/sign-in'), `a wrong password led to ${page.url()}`);
  const error = await page.textContent('.error');
  check(/wrong email, password or code/i.test(error), `the error says ${JSON.stringify(error)}`);
  check((await page.context().cookies()).every((c) => c.name !== 'samizdat_session'),
        'a wrong password set a session cookie');

  // The first sign-in goes to the password page, and nothing else opens before it.
  await signIn(page, server.adminEmail, server.adminPassword);
  check(page.url().endsWith('/admin/password'), `first sign-in landed on ${page.url()}`);
  await page.goto('/admin/posts');
  check(page.url().endsWith('/admin/password'),
        `with the first password still set, /admin/posts showed ${page.url()}`);
  const session = (await page.context().cookies()).find((c) => c.name === 'samizdat_session');
  check(session && session.httpOnly && session.sameSite === 'Lax' && session.path === '/admin',
        `the session cookie is ${JSON.stringify(session)}`);
  check(session.value.length >= 43, 'the session token is shorter than 256 bits');

  // A form posted without its CSRF token: 403, and the password stays as it was.
  const forged = await page.evaluate(async (fresh) => {
    const body = new URLSearchParams({ current_password: 'x', new_password: fresh,
                                       confirm_password: fresh });
    const res = await fetch('/admin/password', { method: 'POST', body });
    return { status: res.status, text: await res.text() };
  }, 'forged password 123');
  check(forged.status === 403, `a POST without the CSRF token answered ${forged.status}`);
  check(/security token/i.test(forged.text), 'the 403 page does not say why');

  // Changing the first password (the real form, with its token) opens the admin.
  await page.context().clearCookies();
  await signInFirstTime(page, server, NEW_PASSWORD);
  check(page.url().endsWith('/admin/posts'), `after the change: ${page.url()}`);
  check(/password is changed/i.test(await notice(page)),
        'no notice that the password changed');

  // A second browser signs in; signing out everywhere from the first ends it too.
  const other = await server.newPage();
  await signIn(other, server.adminEmail, NEW_PASSWORD);
  check(other.url().endsWith('/admin/posts'), `second browser landed on ${other.url()}`);
  await page.goto('/admin/password');
  await Promise.all([page.waitForNavigation(),
                     page.click('form[action="/admin/sign-out-everywhere"] button')]);
  check(page.url().includes('/admin/sign-in'), `after signing out: ${page.url()}`);
  await other.goto('/admin/posts');
  check(other.url().includes('/admin/sign-in'),
        `the other browser still reached ${other.url()} after sign-out everywhere`);

  // The throttle: each failure from this browser (which has never signed in as the
  // author) past the third makes it wait longer (1 s, 2 s, 4 s); while it waits, even the
  // right password is refused, with the wait.
  server.cli(['user', 'add', '--email', 'author@example.com', '--name', 'Ann Author',
              '--role', 'author', '--password-stdin'], 'an author password\n');
  const victim = await server.newPage();
  for (let failures = 0; failures < 5;) {
    await signIn(victim, 'author@example.com', `guess ${failures}`);
    const error = await victim.textContent('.error');
    if (/wrong email, password or code/i.test(error)) ++failures;
    else await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await signIn(victim, 'author@example.com', 'an author password');
  const throttled = await victim.textContent('.error');
  check(/too many failed sign-ins/i.test(throttled) && /try again in/i.test(throttled),
        `4 s after the fifth failure the right password got ${JSON.stringify(throttled)}`);
  check(victim.url().includes('/admin/sign-in'), 'the throttled account signed in');
  // Another account is not affected by that account's throttle.
  const admin = await server.newPage();
  await signIn(admin, server.adminEmail, NEW_PASSWORD);
  check(admin.url().endsWith('/admin/posts'), 'the throttle of one account blocked another');
  await server.screenshot(admin, 'posts-after-sign-in');
}

await runTest(TEST, main);
