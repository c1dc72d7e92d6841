// No post body can attack a reader in a real browser (the post policy): stores every
// hostile body of tests/fixtures/hostile_comments.json as post bodies through
// `samizdat post add --body FILE`, twice: as HTML bodies (FILE.html) and as Markdown
// bodies (FILE.md, rendered by our md4c renderer before the same sanitizer), with the
// Markdown-specific bodies of lib/hostile_markdown.mjs among the Markdown ones. Then
// opens every post page and the list pages showing them (home, label, search) in
// Debian's Chromium and fails on any dialog, page error,
// console message, request to anything but the server, window.__pwned (lib/hostile.mjs's
// visitAll), or markup the post policy must not let through: <script>, on* attributes,
// javascript:/data:/vbscript: URLs, an iframe from outside the embed providers or without
// a sandbox, a style attribute with url( expression or position, or <object>, <embed>,
// <form>, <base>, <meta>, <link>, <style> in a post body.
//
// A post body may show images from any host: an image or media request leaving the
// server (the payloads' own <img src="http://127.0.0.1:9/pwned"> among them) is answered
// with a 1x1 GIF and passes only if an <img>, <video>, <audio>, <source> or <track> of a
// post body asked for it. An embed provider's iframe is refused quietly (no network).
//
// Bodies are stored several to a post, to keep the run short, except those whose parse
// leaves an element or the tokenizer open (an unclosed <a> or <b>, <textarea>,
// comment...): as
// that would change how the bodies after them are parsed, each gets a post of its own.
// So does a Markdown body with a line that may open a block running past blank lines
// (a code fence, <?, <!X, <![CDATA[). In a Markdown post of several bodies a paragraph
// (sz-end-ID) follows each body: one that is not a paragraph on the post page (it became
// text of a code block, a <textarea>, an <svg>... or vanished) means a body took those
// after it, which fails the test: such a body must go alone.
//
// Each failure names the format (HTML or Markdown), the post and its bodies' ids.
//
// Environment: SAMIZDAT_BIN (the binary, required); CHROMIUM (default /usr/bin/chromium).
// Run: SAMIZDAT_BIN=build/.../samizdat node post_xss.mjs   (after npm ci here)
import { start } from './lib/harness.mjs';
import { addPost, decodeAttr, fixture, handlerNames, visitAll } from './lib/hostile.mjs';
import { markdownBodies } from './lib/hostile_markdown.mjs';

const TEST = 'post_xss';
const PER_POST = { HTML: 8, Markdown: 16 };  // hostile bodies to a post, when they can share
const POSTS_PER_PAGE = 25;   // on the home, label and search pages
const MAX_LIST_PAGES = 40;   // of each list, followed through its "Older Posts" link
const LABELS = { HTML: 'hostile-html', Markdown: 'hostile-markdown' };
const SEARCH = 'alert';      // a word most payloads hold: search pages show snippets

// Hosts an iframe of a post body may load (https only): the embed providers'.
const EMBED_HOSTS = [
  'www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com',
  'player.vimeo.com', 'www.google.com', 'maps.google.com', 'drive.google.com',
  'docs.google.com', 'calendar.google.com', 'www.dailymotion.com', 'geo.dailymotion.com',
  'w.soundcloud.com', 'open.spotify.com', 'bandcamp.com', 'archive.org', 'www.archive.org',
];

// What an author may write (kept or not, depending on the policy in force): none of it
// may trip a check, so that a check that would also refuse a harmless embed shows here.
const AUTHOR_BODIES = [
  '<iframe class="YOUTUBE-iframe-video" width="320" height="266" ' +
    'src="https://www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0" allowfullscreen></iframe>',
  '<video controls poster="https://example.com/poster.jpg">' +
    '<source src="https://example.com/clip.mp4" type="video/mp4"></video>',
  '<figure><img src="https://example.com/a.jpg" alt="a" width="200">' +
    '<figcaption>An image</figcaption></figure>',
  '<p style="text-align: center; color: #333" class="note">Centred</p>',
];

const MARKDOWN_BODIES = [...fixture.bodies, ...markdownBodies];

function die(message) {
  console.error(`${TEST}: FAIL (post policy): ${message}`);
  process.exit(1);
}

// Runs in the page: for each body, whether it leaves the parser as it found it (what
// follows it is parsed as if it stood alone): a sentinel after it is a child of the
// element the body was put in, and so is text after that (no formatting element of the
// body, such as an unclosed <b>, is reopened around it).
function selfContained(bodies) {
  return bodies.map((body) => {
    const doc = new DOMParser().parseFromString(
      `<div id="sz-wrap">${body}<div id="sz-sentinel"></div>sz-after</div>`, 'text/html');
    const wrap = doc.getElementById('sz-wrap');
    const sentinel = doc.getElementById('sz-sentinel');
    return sentinel !== null && sentinel.parentElement === wrap &&
        wrap.lastChild.nodeType === 3 && wrap.lastChild.data === 'sz-after';
  });
}

// A Markdown line that may open a block running past blank lines.
const MARKDOWN_OPENER = /^ {0,3}(```|~~~|<\?|<![A-Za-z]|<!\[CDATA\[)/m;

// The hostile bodies of `format` in groups, one group a post: [[payload, ...], ...].
async function groupBodies(server, format, bodies) {
  const page = await server.browser.newPage();
  const contained = await page.evaluate(selfContained, bodies.map((p) => p.body));
  await page.close();
  const groups = [];
  let shared = [];
  for (const [i, payload] of bodies.entries()) {
    if (!contained[i] || (format === 'Markdown' && MARKDOWN_OPENER.test(payload.body))) {
      groups.push([payload]);
      continue;
    }
    shared.push(payload);
    if (shared.length === PER_POST[format]) {
      groups.push(shared);
      shared = [];
    }
  }
  if (shared.length > 0) groups.push(shared);
  return groups;
}

// `path` and the pages its "Older Posts" links lead to: absolute URLs.
async function listPages(base, path) {
  const urls = [];
  for (let url = base + path; url && urls.length < MAX_LIST_PAGES;) {
    urls.push(url);
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    const older = /class="blog-pager-older-link"[^>]*href="([^"]*)"/.exec(await res.text());
    url = older ? new URL(decodeAttr(older[1]), url).href : null;
  }
  return urls;
}

// The Markdown paragraph that follows body `id` in its post.
function sentinel(id) {
  return `sz-end-${id}`;
}

// Runs in the page: what the post bodies hold that the post policy forbids (each
// problem { post: the article's id or '', text }), with the media URLs they ask for, the
// posts the page shows and the sentinels (sentinel above) that are paragraphs of a body.
function postProblems(embedHosts) {
  const problems = [];
  const media = new Set();
  for (const frame of document.querySelectorAll('iframe')) {
    if (!frame.closest('.post-body')) problems.push({ post: '', text: '<iframe> outside a post body' });
  }
  for (const el of document.querySelectorAll('.post-body *')) {
    const tag = el.localName;
    const shown = el.outerHTML.slice(0, 160);
    const post = el.closest('article.post')?.id ?? '';
    const report = (text) => problems.push({ post, text });
    if (['script', 'object', 'embed', 'form', 'base', 'meta', 'link', 'style'].includes(tag)) {
      report(`<${tag}> in a post body: ${shown}`);
    }
    for (const attr of el.attributes) {
      const name = attr.localName.toLowerCase();
      if (name.startsWith('on')) report(`${name} attribute in a post body: ${shown}`);
      if (['href', 'src', 'action', 'formaction', 'poster', 'data', 'cite', 'background',
           'srcset', 'ping'].includes(name)) {
        // As a browser reads a URL: surrounding blanks and embedded tabs and breaks ignored.
        const value = attr.value.trim().replace(/[\t\n\r]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(value)) {
          report(`${name}="${attr.value}" in a post body: ${shown}`);
        }
      }
    }
    if (el.hasAttribute('style')) {
      // The attribute as written, and as Chromium's CSS parser read it (escapes undone).
      const style = `${el.getAttribute('style')} ${el.style.cssText}`.toLowerCase();
      for (const word of ['url(', 'expression', 'position']) {
        if (style.includes(word)) report(`style with ${word} in a post body: ${shown}`);
      }
    }
    if (tag === 'iframe') {
      let host = '';
      try {
        const url = new URL(el.getAttribute('src') ?? '');
        if (url.protocol === 'https:') host = url.hostname;
      } catch { /* no URL: no host */ }
      if (!embedHosts.includes(host)) report(`<iframe> not from a provider: ${shown}`);
      if (!el.hasAttribute('sandbox')) report(`<iframe> without sandbox: ${shown}`);
    }
    if (['img', 'video', 'audio', 'source', 'track'].includes(tag)) {
      for (const name of ['src', 'poster']) {
        if (el.hasAttribute(name)) media.add(new URL(el.getAttribute(name), document.baseURI).href);
      }
    }
  }
  return {
    problems,
    media: [...media],
    posts: [...document.querySelectorAll('article.post')].map((a) => a.id),
    frames: document.querySelectorAll('iframe').length,
    sentinels: [...document.querySelectorAll('.post-body p')]
      .filter((p) => !p.parentElement.closest('pre, code, textarea, svg, math'))
      .map((p) => p.textContent.trim()),
  };
}

async function main() {
  const server = await start(TEST);
  const started = Date.now();
  const { base } = server;
  const failures = [];
  const visits = [];
  const posts = [];  // { id, path, format, ids, sentinels }
  let images = 0;

  try {
    server.cli(['blog', 'set', 'localhost', '--posts-per-page', POSTS_PER_PAGE]);
    for (const [format, bodies, firstDay] of [['HTML', fixture.bodies, Date.UTC(2021, 0, 1)],
                                             ['Markdown', MARKDOWN_BODIES, Date.UTC(2023, 0, 1)]]) {
      const groups = await groupBodies(server, format, bodies);
      for (const [i, group] of groups.entries()) {
        const date = new Date(firstDay + i * 86400000).toISOString().slice(0, 10);
        const title = `Hostile ${format} ${i}`;
        const ids = group.map((p) => p.id).join(' ');
        if (format === 'HTML') {
          const html = group.map((p) => p.body).join('\n');
          posts.push({ ...addPost(server, { title, date, labels: LABELS.HTML, html }), format, ids });
        } else {
          const marks = group.length > 1 ? group.map((p) => sentinel(p.id)) : [];
          const markdown = group.map((p, j) => `${p.body}\n\n${marks[j] ?? ''}\n`).join('\n');
          posts.push({ ...addPost(server, { title, date, labels: LABELS.Markdown, markdown }),
                       format, ids, sentinels: marks });
        }
      }
      console.log(`${TEST}: ${bodies.length} bodies as ${format} in ${groups.length} posts ` +
                  `(${groups.filter((g) => g.length === 1).length} alone) in ` +
                  `${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    posts.push({ ...addPost(server, { title: "An author's embeds", date: '2022-01-01',
                                      labels: LABELS.HTML, html: AUTHOR_BODIES.join('\n') }),
                 format: 'HTML', ids: 'author' });
    posts.push({ ...addPost(server, { title: "An author's embeds in Markdown", date: '2022-01-02',
                                      labels: LABELS.Markdown,
                                      markdown: AUTHOR_BODIES.join('\n\n') }),
                 format: 'Markdown', ids: 'author' });
    const byArticle = new Map(posts.map((p) => [`post-${p.id}`, p]));
    const named = (post) => `[${post.format}] post ${post.path} [${post.ids}]`;
    for (const post of posts) {
      visits.push({ label: named(post), url: base + post.path, post });
    }
    for (const [format, path] of [['HTML+Markdown', '/'], ['HTML', `/search/label/${LABELS.HTML}`],
                                  ['Markdown', `/search/label/${LABELS.Markdown}`],
                                  ['HTML+Markdown', `/search?q=${SEARCH}`]]) {
      for (const url of await listPages(base, path)) visits.push({ label: `[${format}] list`, url });
    }

    const listed = new Set();
    failures.push(...await visitAll(server, visits, {
      eventTargets: '.post-body, .post-body *',
      handlerNames: handlerNames(MARKDOWN_BODIES.map((b) => b.body)),
      route: (request) => {
        const url = request.url();
        const type = request.resourceType();
        if (['image', 'media', 'texttrack'].includes(type)) return 'image';
        if (url.startsWith(`${base}/`) && !url.includes('pwned')) return 'continue';
        let host = '';
        try {
          host = new URL(url).hostname;
        } catch { /* no host */ }
        if (type === 'document' && request.frame() !== request.frame()?.page()?.mainFrame() &&
            url.startsWith('https:') && EMBED_HOSTS.includes(host)) {
          return 'abort';  // an embed, refused only for want of a network
        }
        return `${type} request leaving the server`;
      },
      inspect: async (page, visit, requested) => {
        const found = await page.evaluate(postProblems, EMBED_HOSTS);
        // A problem in a post body names the post it is in (a list shows several).
        const problems = found.problems.map(({ post, text }) => (
          byArticle.has(post) && byArticle.get(post) !== visit.post
            ? `in ${named(byArticle.get(post))}: ${text}` : text));
        images += requested.length;
        for (const url of requested) {
          if (!url.startsWith(`${base}/`) && !found.media.includes(url)) {
            problems.push(`a request for ${url} that no media element of a post body made`);
          }
        }
        if (page.frames().length !== 1 + found.frames) {
          problems.push(`${page.frames().length} frames for ${found.frames} iframes`);
        }
        if (visit.post && !found.posts.includes(`post-${visit.post.id}`)) {
          problems.push(`post ${visit.post.id} is not on its own page`);
        }
        for (const mark of visit.post?.sentinels ?? []) {
          if (!found.sentinels.includes(mark)) {
            problems.push(`the body before "${mark}" took what follows it (not a paragraph of ` +
                          'its own): put such bodies in a post of their own');
          }
        }
        if (!visit.post) found.posts.forEach((id) => listed.add(id));
        return problems;
      },
    }));
    for (const v of visits) {
      if (v.post && !listed.has(`post-${v.post.id}`)) {
        failures.push(`${v.label}: on no home, label or search page`);
      }
    }
    console.log(`${TEST}: ${visits.length} pages (${posts.length} posts, ` +
                `${visits.length - posts.length} lists) opened in Chromium, ` +
                `${images} images and media answered ` +
                `(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    await server.stop();
  }

  if (failures.length > 0) {
    const count = (format) => failures.filter((f) => f.includes(`[${format}]`)).length;
    const shown = failures.slice(0, 60).join('\n  ');
    die(`${failures.length} problem(s) (${count('HTML')} naming HTML, ${count('Markdown')} ` +
        `naming Markdown):\n  ${shown}`);
  }
  console.log(`${TEST}: PASS: no dialog, no script, no stray request, nothing dangerous in ` +
              'a post body, HTML or Markdown');
}

main().catch((e) => die(e.stack ?? String(e)));
