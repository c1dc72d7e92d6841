// The admin browser tests' shared harness: a fresh samizdat server on a free port (its
// own data directory, its first-run admin password caught from its output), Debian's
// Chromium through playwright-core, the CLI on the same data, screenshots, and a check
// helper that fails the test with a clear message.
//
// Environment: SAMIZDAT_BIN (the binary, required); CHROMIUM (default /usr/bin/chromium);
// SAMIZDAT_SCREENSHOTS (where screenshots go; default the system's temp directory).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const READY_TIMEOUT_MS = 30000;

export function fail(test, message) {
  console.error(`${test}: FAIL: ${message}`);
  process.exit(1);
}

// A failed expectation of a test: runTest reports its message (no stack).
export class Failure extends Error {}

// Throws a Failure unless `condition` holds.
export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

// The text of the page's notice (the last redirect's "Saved." and the like), or "".
export async function notice(page) {
  const bar = page.locator('p.notice');
  return (await bar.count()) ? ((await bar.first().textContent()) ?? '').trim() : '';
}

// Runs `main(server)` against a fresh server (start(test, serveArgs, browserArgs)), stops
// it, and reports: "TEST: ok", or the failure and exit code 1.
export async function runTest(test, main, serveArgs = [], browserArgs = []) {
  const server = await start(test, serveArgs, browserArgs);
  let failure = null;
  try {
    await main(server);
  } catch (error) {
    failure = error instanceof Failure ? error.message : error.stack;
  }
  await server.stop();
  if (failure) fail(test, failure);
  console.log(`${test}: ok`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `samizdat serve` on a fresh data directory. Returns { base, data, adminEmail,
// adminPassword, cli(args, input), browser, newPage(), screenshot(page, name), stop() }. `test` names the test in failures; `serveArgs` are added to serve's,
// `browserArgs` to Chromium's.
export async function start(test, serveArgs = [], browserArgs = []) {
  const bin = process.env.SAMIZDAT_BIN;
  if (!bin) fail(test, 'SAMIZDAT_BIN is not set: point it at the samizdat binary');
  const tmp = mkdtempSync(join(tmpdir(), `samizdat-${test}-`));
  const data = join(tmp, 'data');
  const env = { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=1' };
  const shots = process.env.SAMIZDAT_SCREENSHOTS ?? join(tmp, 'screenshots');
  mkdirSync(shots, { recursive: true });

  const port = await freePort();
  const proc = spawn(bin, ['--data', data, 'serve', '--port', String(port),
                           '--comment-min-seconds', '0', '--comment-rate-limit', '0', ...serveArgs],
                     { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk) => { stdout += chunk; });
  proc.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-8000); });
  const outputEnded = Promise.all([new Promise((r) => proc.stdout.once('end', r)),
                                   new Promise((r) => proc.stderr.once('end', r))]);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (proc.exitCode !== null) fail(test, `samizdat serve exited ${proc.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      fail(test, `/healthz did not answer within ${READY_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = /admin account: (\S+) password: (\S+)/.exec(stdout);
  if (!admin) fail(test, `serve printed no first-run admin password: ${stdout}`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
           ...browserArgs],
  });

  return {
    base,
    data,
    adminEmail: admin[1],
    adminPassword: admin[2],
    browser,
    serverOutput: () => stdout + stderr,
    // Runs the CLI on the server's data; `input` goes to its standard input.
    cli(args, input = undefined) {
      return execFileSync(bin, ['--data', data, ...args.map(String)],
                          { encoding: 'utf8', env, input });
    },
    // A page in a fresh browser context (its own cookies) that fails the test on any
    // page error.
    async newPage() {
      const context = await browser.newContext({ baseURL: base });
      const page = await context.newPage();
      page.on('pageerror', (error) => fail(test, `page error: ${error.message}`));
      page.on('dialog', (dialog) => dialog.accept());  // data-confirm buttons: yes
      return page;
    },
    async screenshot(page, name) {
      const file = join(shots, `${test}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    // Stops the browser and the server, and fails the test if the server's output holds
    // a sanitizer's report (a leak shows only at its exit).
    async stop() {
      await browser.close();
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((resolve) => proc.once('exit', resolve));
      }
      await outputEnded;
      rmSync(tmp, { recursive: true, force: true });
      if (/Sanitizer|runtime error:/.test(stdout + stderr)) {
        fail(test, `the server reported:\n${stdout}${stderr}`);
      }
    },
  };
}

// Signs in through the form; returns the page after the redirect.
export async function signIn(page, email, password) {
  await page.goto('/admin/sign-in');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}

// Signs in with the first-run password and replaces it with `fresh` (the admin must
// change it before anything else). Leaves the page signed in on the posts list.
export async function signInFirstTime(page, server, fresh) {
  await signIn(page, server.adminEmail, server.adminPassword);
  if (!page.url().endsWith('/admin/password')) {
    throw new Failure(`first sign-in landed on ${page.url()}, not /admin/password`);
  }
  await page.fill('input[name=current_password]', server.adminPassword);
  await page.fill('input[name=new_password]', fresh);
  await page.fill('input[name=confirm_password]', fresh);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/password"] button')]);
}
