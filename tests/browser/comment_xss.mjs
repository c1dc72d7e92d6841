// No comment can attack a reader in a real browser: posts every hostile body of
// tests/fixtures/hostile_comments.json to a fresh samizdat server, then opens every post
// page, every comment permalink and every refusal page in Debian's Chromium and fails on
// any dialog, page error, console message, request to the payloads' URL, window.__pwned,
// or comment markup outside b, i, a(href, rel="nofollow ugc") and br.
//
// Environment: SAMIZDAT_BIN (the binary, required); CHROMIUM (default /usr/bin/chromium).
// Run: SAMIZDAT_BIN=build/.../samizdat node comment_xss.mjs   (after npm ci here)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// The payloads are spread over this many posts. Some sanitize to the same body, which a
// post takes only once (409); such a payload goes to the next post instead.
const POSTS = 24;
const CONCURRENCY = 3;           // pages open at once
const SETTLE_MS = 50;            // after "load", for timers, animations and late events
const READY_TIMEOUT_MS = 30000;  // for /healthz to answer after `serve` starts
const REFUSED_URL = 'javascript:alert(1)';  // a comment's url must be http(s)

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/hostile_comments.json', import.meta.url), 'utf8'));
const PWN = fixture.pwn_url;

function die(message) {
  console.error(`comment_xss: FAIL: ${message}`);
  process.exit(1);
}

const bin = process.env.SAMIZDAT_BIN;
if (!bin) die('SAMIZDAT_BIN is not set: point it at the samizdat binary');

const tmp = mkdtempSync(join(tmpdir(), 'samizdat-browser-'));
const data = join(tmp, 'data');
const env = { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=1' };

function cli(...args) {
  return execFileSync(bin, ['--data', data, ...args.map(String)], { encoding: 'utf8', env });
}

function addPost(title, html, date) {
  const file = join(tmp, `body-${date}.html`);
  writeFileSync(file, html);
  const out = cli('post', 'add', '--title', title, '--body', file, '--date', date,
                  '--comments', 'open');
  const m = /^added post (\d+) at (\/\S+)\n?$/.exec(out);
  if (!m) die(`post add printed ${JSON.stringify(out)}`);
  return { id: m[1], path: m[2] };
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

async function startServer() {
  const port = await freePort();
  const proc = spawn(bin, ['--data', data, 'serve', '--port', String(port),
                           '--comment-min-seconds', '0', '--comment-rate-limit', '0'],
                     { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-8000); });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (proc.exitCode !== null) die(`samizdat serve exited ${proc.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      die(`/healthz did not answer within ${READY_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, base, stderr: () => stderr };
}

function decodeAttr(value) {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// The hidden fields of the comment form on a post page.
async function formFields(base, post) {
  const res = await fetch(base + post.path);
  if (res.status !== 200) die(`GET ${post.path}: ${res.status}`);
  const html = await res.text();
  const form = /<form[^>]*action="\/comment"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) die(`${post.path} has no <form action="/comment">`);
  const fields = {};
  for (const input of form[1].matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[0]);
    const value = /\bvalue="([^"]*)"/.exec(input[0]);
    if (name) fields[decodeAttr(name[1])] = value ? decodeAttr(value[1]) : '';
  }
  if (!('token' in fields)) die(`the comment form on ${post.path} has no token field`);
  return fields;
}

async function postComment(base, post, body, name = '', url = '') {
  const fields = await formFields(base, post);
  const form = new URLSearchParams({
    post_id: fields.post_id ?? post.id, parent_id: '', token: fields.token,
    name, url, body, email: '',
  });
  const res = await fetch(`${base}/comment`, {
    method: 'POST', body: form, redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.status, location: res.headers.get('location'),
           contentType: res.headers.get('content-type') ?? '', html: await res.text() };
}

// Runs in the page: what the live DOM holds that it must not.
function domProblems(commentId) {
  const problems = [];
  const safe = (value, schemes) => {
    try {
      return schemes.includes(new URL(value, document.baseURI).protocol);
    } catch {
      return true;  // not a URL a browser would follow
    }
  };
  if (commentId && !document.getElementById(`c${commentId}`)) problems.push(`no #c${commentId}`);
  if (window.__pwned !== undefined) problems.push(`window.__pwned = ${String(window.__pwned)}`);
  if (document.baseURI !== location.href) problems.push(`document.baseURI is ${document.baseURI}`);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'svg', 'math', 'template',
         'applet', 'portal'].includes(tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      problems.push(`<${tag}> on the page`);
    }
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) {
      problems.push(`<meta http-equiv=refresh content=${el.getAttribute('content')}>`);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${tag} ${attr.name}="${attr.value}">`);
      if (['href', 'action', 'formaction', 'cite'].includes(name) &&
          !safe(attr.value, ['http:', 'https:', 'mailto:'])) {
        problems.push(`<${tag} ${attr.name}="${attr.value}">`);
      }
      if (['src', 'poster', 'background', 'data', 'srcset', 'ping'].includes(name) &&
          (!safe(attr.value, ['http:', 'https:']) || attr.value.includes('127.0.0.1:9'))) {
        problems.push(`<${tag} ${attr.name}="${attr.value}">`);
      }
    }
  }
  const bodies = document.querySelectorAll('#comments .comment-content');
  const comments = [...document.querySelectorAll('#comments [id]')]
    .filter((el) => /^c\d+$/.test(el.id));
  if (bodies.length !== comments.length) {
    problems.push(`${comments.length} comments but ${bodies.length} .comment-content bodies`);
  }
  for (const body of bodies) {
    for (const el of body.querySelectorAll('*')) {
      const tag = el.localName;
      if (!['b', 'i', 'a', 'br'].includes(tag)) {
        problems.push(`<${tag}> in a comment body`);
        continue;
      }
      for (const attr of el.attributes) {
        if (tag !== 'a' || !['href', 'rel'].includes(attr.name)) {
          problems.push(`<${tag} ${attr.name}="${attr.value}"> in a comment body`);
        }
      }
      if (tag === 'a' && el.getAttribute('rel') !== 'nofollow ugc') {
        problems.push(`<a rel="${el.getAttribute('rel')}"> in a comment body`);
      }
      if (tag === 'a' && el.hasAttribute('href') &&
          !['http:', 'https:', 'mailto:'].includes(el.protocol)) {
        problems.push(`<a href="${el.getAttribute('href')}"> in a comment body`);
      }
    }
  }
  return problems;
}

// Runs in the page: fires every handler's event at every element of every comment body,
// so that a handler attribute that slipped through would run now rather than on a click.
function fireEvents(names) {
  const selector = '#comments .comment-content, #comments .comment-content *';
  for (const el of document.querySelectorAll(selector)) {
    // Plain Events, not MouseEvents: they run handlers but never follow a link.
    for (const name of names) el.dispatchEvent(new Event(name.slice(2), { bubbles: false }));
    if (typeof el.focus === 'function') el.focus();
  }
}

async function main() {
  cli('blog', 'create', '--host', 'xss.test', '--title', 'Hostile comments');
  const posts = [];
  for (let i = 0; i < POSTS; i++) {
    const date = `2022-01-${String(i + 1).padStart(2, '0')}`;
    posts.push(addPost(`Target ${i}`, `<p>target post ${i}</p>`, date));
  }
  const server = await startServer();
  const started = Date.now();
  const { base } = server;
  const failures = [];
  const visits = [];  // { label, url, location? } or { label, html } for a refusal page

  try {
    // What POST /comment answered: a published comment's permalink and a refusal page
    // are both opened later; anything but 303 (published) or 400 (refused) fails.
    const record = (label, r, expected = [303, 400]) => {
      if (!expected.includes(r.status)) {
        failures.push(`${label}: POST /comment answered ${r.status}, expected ${expected}`);
      } else if (r.status === 303) {
        visits.push({ label, url: base + r.location.split('#')[0], location: r.location });
      } else if (r.contentType.startsWith('text/html')) {
        visits.push({ label: `refused ${label}`, html: r.html });
      }
    };
    const describe = (payload) => `${payload.id} ${JSON.stringify(payload.body.slice(0, 120))}`;

    // Post everything through the form, as a browser would send it.
    const handlerNames = new Set();
    for (const [i, payload] of fixture.bodies.entries()) {
      for (const m of payload.body.matchAll(/\b(on[a-z]+)\s*=/gi)) {
        handlerNames.add(m[1].toLowerCase());
      }
      let r;
      for (let attempt = 0; attempt < posts.length; attempt++) {
        r = await postComment(base, posts[(i + attempt) % posts.length], payload.body);
        if (r.status !== 409) break;
      }
      record(describe(payload), r);
    }
    const published = visits.filter((v) => v.location).length;
    if (published < fixture.bodies.length / 2) {
      failures.push(`only ${published} of ${fixture.bodies.length} payloads were published`);
    }
    for (const [i, name] of fixture.names.entries()) {
      record(`name ${JSON.stringify(name)}`,
             await postComment(base, posts[0], `hostile name ${i}`, name, ''));
    }
    for (const [i, url] of fixture.urls.entries()) {
      record(`url ${JSON.stringify(url)}`,
             await postComment(base, posts[0], `hostile url ${i}`, `url ${i}`, url));
    }
    // The same bodies with a url that is refused: the post page comes back with the form
    // refilled, the hostile body in its textarea.
    for (const [i, payload] of fixture.bodies.entries()) {
      record(`refill ${describe(payload)}`,
             await postComment(base, posts[i % posts.length], payload.body, '', REFUSED_URL),
             [400]);
    }
    for (const post of posts) {
      visits.push({ label: `post page ${post.path}`, url: base + post.path });
    }

    console.log(`comment_xss: posted in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const context = await browser.newContext({ javaScriptEnabled: true });
      const refusals = new Map();
      // Every request leaves the browser through here: the server's own, answered; a
      // refusal page, served as the server sent it; anything else, recorded and refused.
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(`${base}/__refusal/`)) {
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
                                 body: refusals.get(url) ?? '' });
        }
        if (url.startsWith(`${base}/`) && !url.includes('pwned')) return route.continue();
        failures.push(`request to ${url} from ${route.request().frame()?.url()}`);
        return route.abort();
      });
      let next = 0;
      const worker = async () => {
        const page = await context.newPage();
        let label = '';
        page.on('dialog', async (d) => {
          failures.push(`${label}: ${d.type()} dialog "${d.message()}"`);
          await d.dismiss().catch(() => {});
        });
        page.on('pageerror', (e) => failures.push(`${label}: page error ${e.message}`));
        page.on('console', (m) => failures.push(`${label}: console ${m.type()} "${m.text()}"`));
        page.on('popup', (p) => failures.push(`${label}: popup ${p.url()}`));
        while (next < visits.length) {
          const visit = visits[next];
          const n = next++;
          label = visit.label;
          let url = visit.url;
          if (visit.html !== undefined) {
            url = `${base}/__refusal/${n}`;
            refusals.set(url, visit.html);
          }
          const res = await page.goto(url, { waitUntil: 'load' });
          if (!res || res.status() !== 200) {
            failures.push(`${label}: GET ${url} answered ${res && res.status()}`);
            continue;
          }
          await page.evaluate(fireEvents, [...handlerNames]);
          await page.waitForTimeout(SETTLE_MS);
          if (page.url() !== url) failures.push(`${label}: the page went to ${page.url()}`);
          if (page.frames().length !== 1) failures.push(`${label}: ${page.frames().length} frames`);
          const commentId = /#c(\d+)$/.exec(visit.location ?? '')?.[1];
          for (const p of await page.evaluate(domProblems, commentId)) {
            failures.push(`${label} (${url}): ${p}`);
          }
        }
        await page.close();
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await context.close();
    } finally {
      await browser.close();
    }
    console.log(`comment_xss: ${fixture.bodies.length} payloads, ${visits.length} pages ` +
                `opened in Chromium (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    rmSync(tmp, { recursive: true, force: true });
  }

  if (failures.length > 0) {
    const shown = failures.slice(0, 60).join('\n  ');
    die(`${failures.length} problem(s):\n  ${shown}`);
  }
  console.log('comment_xss: PASS: no dialog, no script, no stray request, only allowed markup');
}

main().catch((e) => die(e.stack ?? String(e)));
