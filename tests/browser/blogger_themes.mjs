// The nine real Blogger themes of ../shared/fixtures/blogger-templates in a real browser:
// each set on its own blog (NAME.test, mapped to the server by Chromium's resolver), its
// home and post pages loaded at 1280 and 390 px wide and kept as screenshots in
// SAMIZDAT_ARTIFACTS (CI keeps them), and on each what a reader would notice checked:
// the theme's skin is applied (the body's computed font or background is not the
// browser's default), and the post is on screen: its title on the home page, its text on
// its own page (Pixel's post page shows its title only through a script), and the
// layout checks of layoutFailures below.
//
// No request leaves the machine: the post's image host is answered by the test, every
// other host (the themes' fonts, scripts and images on Google's servers) is refused.
//
// Environment: SAMIZDAT_BIN (the binary, required); CHROMIUM (default /usr/bin/chromium);
// SAMIZDAT_ARTIFACTS (where the screenshots go; default the system's temp directory);
// SHARED_DIR (../shared, for the fixtures).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, runTest } from './lib/harness.mjs';

const TEST = 'blogger_themes';
const THEMES = ['watermark', 'awesome-inc', 'travel', 'contempo', 'soho', 'notable', 'hyde',
                'pixel', 'plus-ui'];
const WIDTHS = [1280, 390];
const POST_TITLE = 'A walk by the river';
const POST_TEXT = 'We walked along the river in May.';
const IMAGE = 'https://images.example/river.png';
// A 1x1 PNG, for the post's image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(process.env.SHARED_DIR ?? join(HERE, '..', '..', '..', 'shared'),
                      'fixtures', 'blogger-templates');
const ARTIFACTS = process.env.SAMIZDAT_ARTIFACTS ?? join(tmpdir(), 'samizdat-blogger-themes');

// Blogs on NAME.test, each with a post (an image, labels, a jump break) and its theme.
function makeBlogs(server) {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-themes-'));
  const posts = {};
  try {
    const body = join(dir, 'body.html');
    writeFileSync(body, `<p>We walked along the river in May.</p>\n<p><img src="${IMAGE}" ` +
                        'alt="The river" width="400" height="300"></p>\n<!--more-->\n' +
                        '<p>The rest of the walk.</p>');
    const older = join(dir, 'older.html');
    writeFileSync(older, '<p>An older post, for the list.</p>');
    for (const name of THEMES) {
      const host = `${name}.test`;
      server.cli(['blog', 'create', '--host', host, '--title', `The ${name} blog`]);
      server.cli(['post', 'add', '--blog', host, '--title', 'An older post', '--body', older,
                  '--date', '2024-04-20']);
      const out = server.cli(['post', 'add', '--blog', host, '--title', POST_TITLE, '--body', body,
                              '--date', '2024-05-03', '--labels', 'Walks, Rivers']);
      const m = /^added post \d+ at (\/\S+)$/m.exec(out);
      check(m, `post add printed ${JSON.stringify(out)}`);
      posts[name] = m[1];
      server.cli(['theme', 'set', '--blog', host, join(FIXTURES, `${name}.xml`)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return posts;
}

// What the browser would show with no stylesheet at all: a blank page's body.
async function browserDefaults(page) {
  await page.setContent('<!DOCTYPE html><html><body>x</body></html>');
  return page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { font: style.fontFamily, background: style.backgroundColor,
             htmlBackground: getComputedStyle(document.documentElement).backgroundColor,
             backgroundImage: style.backgroundImage };
  });
}

// What a reader would see as broken in a theme's layout: the designer-era themes' sidebar
// below the posts instead of beside them (at 1280 px, where there is room), Contempo's
// post title and the body's first line on one line, and Blogger's attribution.
const SIDEBAR_THEMES = ['watermark', 'awesome-inc', 'travel'];
async function layoutFailures(page, name, kind, width, where) {
  const failures = [];
  const text = await page.evaluate(() => document.body.innerText);
  if (text.includes('Powered by Blogger')) failures.push(`${where}: says "Powered by Blogger"`);
  if (SIDEBAR_THEMES.includes(name) && width === 1280) {
    const boxes = await page.evaluate(() => [document.querySelector('#main'),
      document.querySelector('.column-right-outer .sidebar')].map((e) => e?.getBoundingClientRect().toJSON()));
    const [main, sidebar] = boxes;
    if (!main || !sidebar) {
      failures.push(`${where}: no #main or sidebar section`);
    } else if (sidebar.left < main.right || sidebar.top >= main.bottom) {
      failures.push(`${where}: the sidebar is not beside the posts (main ${JSON.stringify(main)}, ` +
                    `sidebar ${JSON.stringify(sidebar)})`);
    }
  }
  if (name === 'contempo' && kind === 'post') {
    const [title, body] = await page.evaluate(() => ['.post-title', '.post-body p'].map(
      (s) => document.querySelector(s)?.getBoundingClientRect().toJSON()));
    if (!title || !body || body.top < title.bottom) {
      failures.push(`${where}: the post's title and body share a line (${JSON.stringify([title, body])})`);
    }
  }
  return failures;
}

async function main(server) {
  const port = new URL(server.base).port;
  const posts = makeBlogs(server);
  mkdirSync(ARTIFACTS, { recursive: true });
  const page = await server.newPage();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname.endsWith('.test')) return route.continue();
    if (url.href === IMAGE) return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    return route.abort();
  });
  const defaults = await browserDefaults(page);

  const failures = [];
  for (const name of THEMES) {
    for (const [kind, path] of [['home', '/'], ['post', posts[name]]]) {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const url = `http://${name}.test:${port}${path}`;
        const response = await page.goto(url, { waitUntil: 'load' });
        const where = `${name} ${kind} at ${width} px`;
        if (response.status() !== 200) {
          failures.push(`${where}: ${url} answered ${response.status()}`);
          continue;
        }
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${kind}-${width}.png`), fullPage: true });
        const seen = await page.evaluate(() => {
          const style = getComputedStyle(document.body);
          return { font: style.fontFamily, background: style.backgroundColor,
                   htmlBackground: getComputedStyle(document.documentElement).backgroundColor,
                   backgroundImage: style.backgroundImage };
        });
        const skinned = seen.font !== defaults.font || seen.background !== defaults.background ||
                        seen.htmlBackground !== defaults.htmlBackground ||
                        seen.backgroundImage !== defaults.backgroundImage;
        if (!skinned) failures.push(`${where}: no skin applied (${JSON.stringify(seen)})`);
        const shown = kind === 'home' ? POST_TITLE : POST_TEXT;
        const matches = page.getByText(shown, { exact: true });
        let visible = false;
        for (let i = 0; i < await matches.count() && !visible; ++i) {
          visible = await matches.nth(i).isVisible();
        }
        if (!visible) failures.push(`${where}: "${shown}" is not visible`);
        failures.push(...await layoutFailures(page, name, kind, width, where));
      }
    }
  }
  check(failures.length === 0, `\n${failures.join('\n')}`);
}

await runTest(TEST, main, [], ['--host-resolver-rules=MAP *.test 127.0.0.1']);
