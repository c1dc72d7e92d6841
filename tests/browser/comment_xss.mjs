// No comment can attack a reader in a real browser (the comments policy): posts every
// hostile body of tests/fixtures/hostile_comments.json to a fresh samizdat server, then
// opens every post page, every comment permalink and every refusal page in Debian's
// Chromium and fails on any dialog, page error, console message, request leaving the
// server, window.__pwned (lib/hostile.mjs's visitAll), or comment markup outside b, i,
// a(href, rel="nofollow ugc"; neither once its href is refused) and br.
//
// Environment: SAMIZDAT_BIN (the binary, required); CHROMIUM (default /usr/bin/chromium).
// Run: SAMIZDAT_BIN=build/.../samizdat node comment_xss.mjs   (after npm ci here)
import { start } from './lib/harness.mjs';
import { addPost, decodeAttr, describe, fixture, handlerNames, visitAll } from './lib/hostile.mjs';

const TEST = 'comment_xss';
// The payloads are spread over this many posts. Some sanitize to the same body, which a
// post takes only once (409); such a payload goes to the next post instead.
const POSTS = 24;
const REFUSED_URL = 'javascript:alert(1)';  // a comment's url must be http(s)

function die(message) {
  console.error(`${TEST}: FAIL (comments policy): ${message}`);
  process.exit(1);
}

// The hidden fields of the comment form on a post page.
async function formFields(base, post) {
  const res = await fetch(base + post.path);
  if (res.status !== 200) throw new Error(`GET ${post.path}: ${res.status}`);
  const html = await res.text();
  const form = /<form[^>]*action="\/comment"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`${post.path} has no <form action="/comment">`);
  const fields = {};
  for (const input of form[1].matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[0]);
    const value = /\bvalue="([^"]*)"/.exec(input[0]);
    if (name) fields[decodeAttr(name[1])] = value ? decodeAttr(value[1]) : '';
  }
  if (!('token' in fields)) throw new Error(`the comment form on ${post.path} has no token field`);
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

// Runs in the page: what the live DOM holds that the comments policy forbids, beyond
// what visitAll checks on every page: a frame, foreign content, a template, a load from
// the payloads' host, comment markup outside the allowlist.
function commentProblems(commentId) {
  const problems = [];
  if (commentId && !document.getElementById(`c${commentId}`)) problems.push(`no #c${commentId}`);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (['iframe', 'svg', 'math', 'template'].includes(tag) ||
        el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      problems.push(`<${tag}> on the page`);
    }
    for (const attr of el.attributes) {
      if (['src', 'poster', 'background', 'data', 'srcset', 'ping'].includes(attr.localName) &&
          attr.value.includes('127.0.0.1:9')) {
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
      // A link has rel="nofollow ugc"; an <a> whose href was refused has no rel at all.
      const rel = el.hasAttribute('href') ? 'nofollow ugc' : null;
      if (tag === 'a' && el.getAttribute('rel') !== rel) {
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

async function main() {
  const server = await start(TEST);
  const started = Date.now();
  const { base } = server;
  const failures = [];
  const visits = [];  // { label, url, location? } or { label, html } for a refusal page

  try {
    const posts = [];
    for (let i = 0; i < POSTS; i++) {
      const date = `2022-01-${String(i + 1).padStart(2, '0')}`;
      posts.push(addPost(server, { title: `Target ${i}`, html: `<p>target post ${i}</p>`, date }));
    }
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

    // Post everything through the form, as a browser would send it.
    for (const [i, payload] of fixture.bodies.entries()) {
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
    console.log(`${TEST}: posted in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    failures.push(...await visitAll(server, visits, {
      eventTargets: '#comments .comment-content, #comments .comment-content *',
      handlerNames: handlerNames(fixture.bodies.map((b) => b.body)),
      // Nothing but the server's own pages and files.
      route: (request) => {
        const url = request.url();
        return url.startsWith(`${base}/`) && !url.includes('pwned') ? 'continue'
                                                                 : 'request leaving the server';
      },
      inspect: async (page, visit) => {
        const problems = await page.evaluate(commentProblems,
                                             /#c(\d+)$/.exec(visit.location ?? '')?.[1]);
        if (page.frames().length !== 1) problems.push(`${page.frames().length} frames`);
        return problems;
      },
    }));
    console.log(`${TEST}: ${fixture.bodies.length} payloads, ${visits.length} pages ` +
                `opened in Chromium (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    await server.stop();
  }

  if (failures.length > 0) {
    const shown = failures.slice(0, 60).join('\n  ');
    die(`${failures.length} problem(s):\n  ${shown}`);
  }
  console.log(`${TEST}: PASS: no dialog, no script, no stray request, only allowed markup`);
}

main().catch((e) => die(e.stack ?? String(e)));
