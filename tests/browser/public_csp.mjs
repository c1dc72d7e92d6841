// The public pages' Content-Security-Policy in a real browser: a post holding what
// authors really write — a YouTube embed, styled paragraphs, a figure with an image
// hotlinked from an old blog's host, a video — loads without one CSP violation
// (securitypolicyviolation events and console messages both watched), the embed's
// iframe is there and loaded, the styles apply, the image shows, and the comment form
// still posts (form-action 'self'). A form on another origin posting to the blog's
// comment form is refused (403: CSRF by origin, as Chromium sends Origin).
//
// No request leaves the machine: the embed provider, the image host and the other
// origin are answered by the test (page.route).
//
// Environment: SAMIZDAT_BIN (the binary, required); CHROMIUM (default /usr/bin/chromium).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, runTest } from './lib/harness.mjs';

const TEST = 'public_csp';
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const EMBED = 'https://www.youtube.com/embed/dQw4w9WgXcQ';
const IMAGE = 'http://1.bp.blogspot.com/-abc/photo.jpg';

const BODY = [
  '<p style="color: rgb(200, 0, 0); text-align: center" class="lead">Styled <b>text</b></p>',
  `<iframe width="320" height="180" src="${EMBED}" frameborder="0" allowfullscreen></iframe>`,
  `<figure><img src="${IMAGE}" alt="old photo" width="40" height="30">` +
    '<figcaption>From the old blog</figcaption></figure>',
  '<video controls src="https://media.example/clip.mp4"></video>',
  '<table border="1" style="border-collapse: collapse"><tr><td style="padding: 4px">cell</td></tr></table>',
].join('\n');

function addPost(server) {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-csp-'));
  try {
    writeFileSync(join(dir, 'body.html'), BODY);
    const out = server.cli(['post', 'add', '--title', 'Embeds and styles', '--body',
                            join(dir, 'body.html'), '--date', '2022-05-01']);
    const m = /^added post \d+ at (\/\S+)$/m.exec(out);
    if (!m) throw new Error(`post add printed ${JSON.stringify(out)}`);
    return m[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(server) {
  const path = addPost(server);
  const page = await server.newPage();
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const external = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.base)) return route.continue();
    external.push(url);
    if (url.startsWith(EMBED)) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
                             body: '<!DOCTYPE html><title>player</title><p id="player">player</p>' });
    }
    if (url === IMAGE) return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
    return route.abort();  // the video: not needed
  });

  const res = await page.goto(path, { waitUntil: 'load' });
  check(res.status() === 200, `GET ${path} answered ${res.status()}`);
  const csp = res.headers()['content-security-policy'] ?? '';
  check(csp.includes("default-src 'none'") && csp.includes('https://www.youtube.com'),
        `the post page's policy is ${JSON.stringify(csp)}`);
  await page.waitForTimeout(500);

  // The embed: present, loaded from the provider, inside the post body.
  const frame = page.frames().find((f) => f.url().startsWith(EMBED));
  check(frame, `no frame loaded ${EMBED}; frames: ${page.frames().map((f) => f.url())}`);
  check(await page.locator(`.post-body iframe[src^="${EMBED}"]`).count() === 1,
        'the embed iframe is not in the post body');
  check((await frame.textContent('#player')) === 'player', 'the embed frame did not load');

  // The author's styles and the theme's apply; the hotlinked image shows.
  const shown = await page.evaluate(() => {
    const p = document.querySelector('.post-body p.lead');
    const img = document.querySelector('.post-body img');
    return { color: p && getComputedStyle(p).color, align: p && getComputedStyle(p).textAlign,
             imgLoaded: img ? img.complete && img.naturalWidth > 0 : false,
             themeStyled: getComputedStyle(document.body).margin !== '8px' ||
               getComputedStyle(document.body).fontFamily !== 'Times New Roman' };
  });
  check(shown.color === 'rgb(200, 0, 0)' && shown.align === 'center',
        `the post's style attribute did not apply: ${JSON.stringify(shown)}`);
  check(shown.imgLoaded, 'the hotlinked image did not load');
  check(shown.themeStyled, "the theme's <style> did not apply");
  check(external.includes(IMAGE), `the image was never requested: ${external}`);

  // The comment form still posts to the blog (form-action 'self').
  await page.fill('textarea[name=body]', 'A comment under the policy');
  await page.fill('input[name=name]', 'Reader');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/comment"] [type=submit]')]);
  check(page.url().includes('showComment='), `the comment form led to ${page.url()}`);
  check(violations.length === 0, `CSP violations:\n${violations.join('\n')}`);

  // Another origin (localhost is not 127.0.0.1 to a browser) posting the comment form
  // with a valid token: refused, nothing stored.
  const evil = await server.newPage();
  const origin = server.base.replace('127.0.0.1', 'localhost');
  const before = server.cli(['comment', 'list', '--status', 'all']);
  await page.goto(path);
  const fields = await page.evaluate(() =>
    Object.fromEntries(new FormData(document.querySelector('form[action="/comment"]'))));
  fields.body = 'Sent from another site';
  fields.name = 'Mallory';
  const inputs = Object.entries(fields).map(([k, v]) =>
    `<input type="hidden" name="${k}" value="${String(v).replace(/"/g, '&quot;')}">`).join('');
  await evil.route(`${origin}/evil`, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8',
    body: `<form method="post" action="${server.base}/comment">${inputs}</form>` +
          '<script>document.forms[0].submit()</script>' }));
  const [answer] = await Promise.all([
    evil.waitForResponse((r) => r.url() === `${server.base}/comment`),
    evil.goto(`${origin}/evil`),
  ]);
  check(answer.status() === 403, `a cross-origin comment form answered ${answer.status()}`);
  check(/another site/.test(await answer.text()), 'the refusal does not say why');
  check(server.cli(['comment', 'list', '--status', 'all']) === before,
        'the cross-origin comment was stored');
}

await runTest(TEST, main);
