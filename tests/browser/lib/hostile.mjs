// What the hostile-content browser tests share (comment_xss.mjs: the comments policy,
// post_xss.mjs: the post policy): the hostile bodies, posts added through the CLI, and
// visitAll, which opens pages in Chromium and fails on any dialog, page error, console
// message, popup, navigation away, window.__pwned, stray request or dangerous markup.
//
// visitAll's failure conditions common to both policies are here; each test adds its
// policy's markup checks (a function evaluated in the page) and request rules.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONCURRENCY = 3;  // pages open at once
const SETTLE_MS = 50;   // after "load", for timers, animations and late events

// tests/fixtures/hostile_comments.json: { pwn_url, bodies: [{ id, family, body }], names,
// urls }. The payloads signal success by a dialog, window.__pwned or a request to pwn_url.
export const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/hostile_comments.json', import.meta.url), 'utf8'));

// The event handler attribute names (onclick...) the bodies use, lowercased: visitAll
// fires each of them at the elements the test names, so that a handler that slipped
// through runs now rather than on a reader's click.
export function handlerNames(bodies) {
  const names = new Set();
  for (const body of bodies) {
    for (const m of body.matchAll(/\b(on[a-z]+)\s*=/gi)) names.add(m[1].toLowerCase());
  }
  return [...names];
}

// A payload in failure messages: its id and the start of its body.
export function describe(payload) {
  return `${payload.id} ${JSON.stringify(payload.body.slice(0, 120))}`;
}

// An attribute value as the server escaped it, unescaped.
export function decodeAttr(value) {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// Adds a published post through `samizdat post add --body FILE` on the server's data:
// `html` as an HTML body (body.html) or `markdown` as a Markdown body (body.md). Returns
// { id, path }; throws if the CLI fails or prints no "added post".
export function addPost(server, { title, html, markdown, date, labels = '' }) {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-body-'));
  try {
    const file = join(dir, markdown === undefined ? 'body.html' : 'body.md');
    writeFileSync(file, markdown ?? html);
    const args = ['post', 'add', '--title', title, '--body', file, '--date', date];
    if (labels) args.push('--labels', labels);
    const out = server.cli(args);
    const m = /^added post (\d+) at (\/\S+)$/m.exec(out);
    if (!m) throw new Error(`post add printed ${JSON.stringify(out)}`);
    return { id: m[1], path: m[2] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs in the page: what the whole page holds that no policy allows, whatever its
// content: a payload's mark, a moved base URL, a refresh, a script, a plugin, a handler
// attribute, a URL a browser would run or load as a document of its own.
function commonProblems() {
  const problems = [];
  const safe = (value, schemes) => {
    try {
      return schemes.includes(new URL(value, document.baseURI).protocol);
    } catch {
      return true;  // not a URL a browser would follow
    }
  };
  if (window.__pwned !== undefined) problems.push(`window.__pwned = ${String(window.__pwned)}`);
  if (document.baseURI !== location.href) problems.push(`document.baseURI is ${document.baseURI}`);
  // The head's one JSON-LD block (render/head_content.h) is data, never run.
  const jsonLd = document.head.querySelectorAll(':scope > script[type="application/ld+json"]');
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (tag === 'script' && jsonLd.length === 1 && el === jsonLd[0]) continue;
    if (['script', 'frame', 'frameset', 'object', 'embed', 'base', 'applet',
         'portal'].includes(tag)) {
      problems.push(`<${tag}> on the page`);
    }
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) {
      problems.push(`<meta http-equiv=refresh content=${el.getAttribute('content')}>`);
    }
    for (const attr of el.attributes) {
      const name = attr.localName.toLowerCase();  // xlink:href is an href
      if (name.startsWith('on')) problems.push(`<${tag} ${attr.name}="${attr.value}">`);
      if (['href', 'action', 'formaction', 'cite'].includes(name) &&
          !safe(attr.value, ['http:', 'https:', 'mailto:'])) {
        problems.push(`<${tag} ${attr.name}="${attr.value}">`);
      }
      if (['src', 'poster', 'background', 'data', 'srcset', 'ping'].includes(name) &&
          !safe(attr.value, ['http:', 'https:'])) {
        problems.push(`<${tag} ${attr.name}="${attr.value}">`);
      }
    }
  }
  return problems;
}

// Runs in the page: fires every handler's event at every element `selector` matches.
function fireEvents([selector, names]) {
  for (const el of document.querySelectorAll(selector)) {
    // Plain Events, not MouseEvents: they run handlers but never follow a link.
    for (const name of names) el.dispatchEvent(new Event(name.slice(2), { bubbles: false }));
    if (typeof el.focus === 'function') el.focus();
  }
}

// Opens every visit in Chromium, CONCURRENCY pages at once, and returns the failures, one
// line each. A visit is { label, url } (a page of the server, which must answer 200) or
// { label, html } (a page the server sent earlier, served as it was at a URL of the
// server). `policy` is the test's part:
//   eventTargets: the selector of the elements whose handler events are fired;
//   handlerNames: the events' attribute names (handlerNames above);
//   route(request): what becomes of a request the page makes: 'continue' (to the
//     server), 'abort' (refused quietly), 'image' (answered with a 1x1 GIF, which no
//     script can read, and passed to inspect) or a failure message (refused);
//   inspect(page, visit, images): the policy's checks once the page settled, given the
//     URLs route answered 'image' for: failure messages.
export async function visitAll(server, visits, policy) {
  const { base, browser } = server;
  const failures = [];
  const context = await browser.newContext({ javaScriptEnabled: true });
  const served = new Map();
  let next = 0;
  const worker = async () => {
    const page = await context.newPage();
    let label = '';
    let images = [];
    const fail = (message) => failures.push(`${label}: ${message}`);
    page.on('dialog', async (d) => {
      fail(`${d.type()} dialog "${d.message()}"`);
      await d.dismiss().catch(() => {});
    });
    page.on('pageerror', (e) => fail(`page error ${e.message}`));
    page.on('console', (m) => fail(`console ${m.type()} "${m.text()}"`));
    page.on('popup', (p) => fail(`popup ${p.url()}`));
    // Every request leaves the browser through here: the server's own, answered; a
    // visit's own HTML, served as the server sent it; anything else, as the policy says.
    await page.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (url.startsWith(`${base}/__visit/`)) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
                               body: served.get(url) ?? '' });
      }
      const verdict = policy.route(request);
      if (verdict === 'continue') return route.continue();
      if (verdict === 'image') {
        images.push(url);
        return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
      }
      if (verdict !== 'abort') fail(`${verdict}: ${url} (from ${request.frame()?.url()})`);
      return route.abort();
    });
    while (next < visits.length) {
      const visit = visits[next];
      const n = next++;
      label = visit.label;
      images = [];
      let url = visit.url;
      if (visit.html !== undefined) {
        url = `${base}/__visit/${n}`;
        served.set(url, visit.html);
      }
      const res = await page.goto(url, { waitUntil: 'load' });
      if (!res || res.status() !== 200) {
        fail(`GET ${url} answered ${res && res.status()}`);
        continue;
      }
      await page.evaluate(fireEvents, [policy.eventTargets, policy.handlerNames]);
      await page.waitForTimeout(SETTLE_MS);
      if (page.url() !== url) fail(`the page went to ${page.url()}`);
      const problems = [...await page.evaluate(commonProblems),
                        ...await policy.inspect(page, visit, images)];
      for (const p of problems) fail(`(${url}) ${p}`);
    }
    await page.close();
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await context.close();
  }
  return failures;
}

// A 1x1 transparent GIF: what an image the policy lets load gets instead of the network.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
