// The admin's posts, pages and editor in a real browser: writing a Markdown post with a
// label and its live preview, publishing it (home page, Atom feed), the no-JavaScript
// preview, validation, scheduling in the blog's time zone (published by the server's
// scheduler), autosave of a new draft, inserting an uploaded image, editing and
// restoring a revision, bulk actions, pages, deleting, the refusals: another author's
// post (403, unchanged) and a form without its CSRF token (403, unchanged), and what the
// live preview says saving will remove from an HTML body.
//
// Run: SAMIZDAT_BIN=build/.../samizdat node admin_posts.mjs   (after npm ci here)
import { check, Failure, notice, runTest, signIn, signInFirstTime } from './lib/harness.mjs';

const TEST = 'admin_posts';
const ADMIN_PASSWORD = 'a fresh admin password';
const ZONE = 'Pacific/Auckland';  // far from UTC, so a time read in the wrong zone shows

// A 1x1 PNG.
const RED_DOT_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

// Polls `probe` every 250 ms until it returns a truthy value; fails after `ms`.
async function waitFor(what, ms, probe) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Failure(`gave up after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function text(server, path) {
  const response = await fetch(server.base + path);
  check(response.status === 200, `GET ${path} answered ${response.status}`);
  return response.text();
}

// The wall-clock reading `ms` from now in `zone`, as a datetime-local value with seconds.
function localInZone(zone, ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

// Writes a post (or page) in the editor at `newPath` and clicks `action`'s button;
// returns the editor's URL after the redirect.
async function write(page, newPath, { title, body, labels = '', publishAt = '', action = 'publish' }) {
  await page.goto(newPath);
  await page.fill('input[name=title]', title);
  await page.fill('textarea[name=source]', body);
  await page.fill('input[name=labels]', labels);
  if (publishAt) await page.fill('input[name=publish_at]', publishAt);
  await Promise.all([page.waitForNavigation(), page.click(`button[name=action][value=${action}]`)]);
  return page.url();
}

function idOf(url) {
  const match = /\/admin\/(?:posts|pages)\/(\d+)$/.exec(new URL(url).pathname);
  check(match, `${url} is not an editor URL`);
  return match[1];
}

async function publicPath(page) {
  const href = await page.locator('a.permalink').getAttribute('href');
  check(href, 'the editor of a published post links no public page');
  return new URL(href).pathname;
}

async function main(server) {
  const host = server.cli(['blog', 'list']).split(/\s+/).find((word) => word.includes('.') || word === 'localhost');
  check(host, `no blog host in: ${server.cli(['blog', 'list'])}`);
  server.cli(['blog', 'set', host, '--timezone', ZONE]);

  const page = await server.newPage();
  await signInFirstTime(page, server, ADMIN_PASSWORD);
  check(new URL(page.url()).pathname === '/admin/posts', `signed in at ${page.url()}`);

  // A Markdown post with a label; the live preview shows the rendered body.
  await page.click('a.button:has-text("New post")');
  check(new URL(page.url()).pathname === '/admin/posts/new', `New post led to ${page.url()}`);
  await page.fill('input[name=title]', 'Hello from the editor');
  await page.fill('input[name=labels]', 'news, tech');
  await page.fill('textarea[name=source]', 'Hello **bold** world');
  await page.waitForSelector('#preview strong', { timeout: 10000 });
  const previewHtml = await page.locator('#preview').innerHTML();
  check(previewHtml.includes('<strong>bold</strong>'), `live preview shows ${previewHtml}`);
  await server.screenshot(page, 'editor');
  await Promise.all([page.waitForNavigation(), page.click('button[name=action][value=publish]')]);
  check((await notice(page)).includes('Published.'), `after Publish: ${await notice(page)}`);
  const firstId = idOf(page.url());
  const firstPath = await publicPath(page);
  const home = await text(server, '/');
  check(home.includes('Hello from the editor') && home.includes('<strong>bold</strong>'),
        'the home page does not show the published post');
  const feed = await text(server, '/feeds/posts/default');
  check(/<category[^>]*term=["']news["']/.test(feed), 'the Atom feed has no <category term="news">');
  check(feed.includes('Hello from the editor'), 'the Atom feed lacks the post');
  const reader = await server.newPage();
  await reader.goto(firstPath);
  await server.screenshot(reader, 'published-post');
  check((await reader.content()).includes('<strong>bold</strong>'), `${firstPath} lacks the body`);

  // Without JavaScript: the Preview button renders the body and saves nothing.
  const plainContext = await server.browser.newContext({ baseURL: server.base, javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await signIn(plain, server.adminEmail, ADMIN_PASSWORD);
  await plain.goto('/admin/posts/new');
  await plain.fill('input[name=title]', 'Only previewed');
  await plain.fill('textarea[name=source]', 'Some *emphasis* here');
  await Promise.all([plain.waitForNavigation(), plain.click('button[name=action][value=preview]')]);
  check((await plain.locator('#preview').innerHTML()).includes('<em>emphasis</em>'),
        'the Preview button did not render the body');
  check(await plain.inputValue('input[name=title]') === 'Only previewed', 'Preview lost the title');
  // Refused: Schedule without a time shows the form again, as typed, with the reason.
  const refused = plain.waitForResponse((r) => r.request().method() === 'POST');
  await Promise.all([plain.waitForNavigation(), plain.click('button[name=action][value=schedule]')]);
  check((await refused).status() === 400, `Schedule without a time answered ${(await refused).status()}`);
  check((await plain.locator('p.error').textContent()).includes('To schedule'), 'no reason given');
  check(await plain.inputValue('textarea[name=source]') === 'Some *emphasis* here', 'the body was lost');
  await plainContext.close();
  await page.goto('/admin/posts?q=Only+previewed');
  check(await page.locator('table.posts').count() === 0, 'a preview or a refused save was saved');

  // Scheduled a few seconds ahead, in the blog's zone: listed as scheduled, then
  // published by the server's scheduler.
  const scheduleMs = 6000;
  await write(page, '/admin/posts/new', { title: 'Scheduled soon', body: 'Published *later*',
                                          publishAt: localInZone(ZONE, scheduleMs), action: 'schedule' });
  check((await notice(page)).startsWith('Scheduled for'), `after Schedule: ${await notice(page)}`);
  await page.goto('/admin/posts?status=scheduled');
  const scheduledRow = page.locator('tr', { hasText: 'Scheduled soon' });
  check(await scheduledRow.count() === 1, 'the scheduled post is not listed as scheduled');
  check((await scheduledRow.locator('.status').textContent()) === 'scheduled', 'wrong status shown');
  check(!(await text(server, '/')).includes('Scheduled soon'), 'the scheduled post showed early');
  await waitFor('the scheduled post on the home page', scheduleMs + 15000,
                async () => (await text(server, '/')).includes('Scheduled soon'));

  // A new post autosaves as a draft; the page then edits that draft.
  await page.goto('/admin/posts/new');
  await page.fill('input[name=labels]', 'news, t');  // suggestions complete the last label
  const suggested = await page.locator('#label-suggestions option').evaluateAll(
    (options) => options.map((option) => option.value));
  check(suggested.includes('news, tech') && !suggested.includes('news, news') &&
        suggested.every((value) => value.startsWith('news, ')), `label suggestions: ${suggested}`);
  await page.fill('input[name=labels]', '');
  await page.fill('input[name=title]', 'Autosaved draft');
  await page.fill('textarea[name=source]', 'first words');
  await waitFor('the first autosave', 15000,
                async () => (await page.locator('#autosave-status').textContent()).includes('autosaved at'));
  const draftId = idOf(page.url());
  await page.locator('textarea[name=source]').press('End');
  await page.locator('textarea[name=source]').pressSequentially(' and more');
  await page.evaluate(() => { document.getElementById('autosave-status').textContent = ''; });
  await waitFor('the second autosave', 15000,
                async () => (await page.locator('#autosave-status').textContent()).includes('autosaved at'));
  await page.goto(`/admin/posts/${draftId}`);
  check(await page.inputValue('textarea[name=source]') === 'first words and more', 'autosave lost words');
  check((await page.locator('.post-meta .status').textContent()).startsWith('Draft'), 'not a draft');
  await page.goto('/admin/posts?status=draft');
  check(await page.locator('tr', { hasText: 'Autosaved draft' }).count() === 1, 'draft not listed');

  // Bulk: publish the checked draft.
  await page.check(`input[name=id][value="${draftId}"]`);
  await page.selectOption('select[name=action]', 'publish');
  await Promise.all([page.waitForNavigation(), page.click('form.bulk button[type=submit]')]);
  check((await notice(page)).startsWith('1 published'), `bulk publish: ${await notice(page)}`);
  await page.goto('/admin/posts');
  await server.screenshot(page, 'posts-list');
  check((await text(server, '/')).includes('Autosaved draft'), 'the bulk-published post is not public');

  // An uploaded image goes into the body at the cursor with the editor's Insert button.
  await page.goto('/admin/media');
  await page.setInputFiles('input[name=file]', {
    name: 'red-dot.png', mimeType: 'image/png', buffer: Buffer.from(RED_DOT_PNG, 'base64') });
  await Promise.all([page.waitForNavigation(), page.click('form.upload button[type=submit]')]);
  await page.goto('/admin/posts/new');
  await page.fill('textarea[name=source]', 'Look: ');
  await page.click('button.insert-image');
  const withImage = await page.inputValue('textarea[name=source]');
  check(/^Look: !\[red-dot\]\(\/media\/[0-9a-f]+\.png\)$/.test(withImage), `after Insert: ${withImage}`);
  await page.waitForSelector('#preview img[src^="/media/"]', { timeout: 10000 });
  // The Jump break button puts Blogger's break at the cursor.
  await page.click('button.insert-jump-break');
  const withBreak = await page.inputValue('textarea[name=source]');
  check(withBreak === `${withImage}<!-- more -->`, `after Jump break: ${withBreak}`);

  // Edit, then restore the first version from the revisions.
  await page.goto(`/admin/posts/${firstId}`);
  await page.fill('textarea[name=source]', 'An entirely rewritten body');
  await Promise.all([page.waitForNavigation(), page.click('button[name=action][value=publish]')]);
  check((await text(server, firstPath)).includes('An entirely rewritten body'), 'the edit is not public');
  await page.click('a:has-text("Revisions")');
  const revision = page.locator('table.revisions a').first();
  check(await revision.count() === 1, 'no revision listed after an edit');
  await Promise.all([page.waitForNavigation(), revision.click()]);
  check((await page.locator('.preview').innerHTML()).includes('<strong>bold</strong>'),
        'the revision page does not show the earlier body');
  check((await page.locator('pre.source').textContent()) === 'Hello **bold** world', 'source missing');
  await server.screenshot(page, 'revision');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Restore this version")')]);
  check((await notice(page)).startsWith('Restored'), `after restore: ${await notice(page)}`);
  const restored = await text(server, firstPath);
  check(restored.includes('<strong>bold</strong>') && !restored.includes('entirely rewritten'),
        'the public page does not show the restored version');

  // A page, then deleting it from the editor.
  await write(page, '/admin/pages/new', { title: 'About this blog', body: 'All *about* it' });
  check((await notice(page)).includes('Published.'), `page publish: ${await notice(page)}`);
  const pagePath = await publicPath(page);
  check(pagePath.startsWith('/p/'), `a page's path is ${pagePath}`);
  check((await text(server, pagePath)).includes('<em>about</em>'), 'the page is not public');
  await page.goto('/admin/pages');
  check(await page.locator('tr', { hasText: 'About this blog' }).count() === 1, 'page not listed');
  await page.click('a:has-text("About this blog")');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Delete this page")')]);
  check((await notice(page)).includes('Deleted'), `after delete: ${await notice(page)}`);
  check((await fetch(server.base + pagePath)).status === 404, 'the deleted page still answers');

  // A form without its CSRF token changes nothing.
  const noToken = await page.request.post(`/admin/posts/${firstId}`, {
    form: { title: 'Forged', source: 'forged', format: 'markdown', action: 'publish' },
    maxRedirects: 0,
  });
  check(noToken.status() === 403, `a POST without the token answered ${noToken.status()}`);
  await page.goto(`/admin/posts/${firstId}`);
  check(await page.inputValue('input[name=title]') === 'Hello from the editor', 'the forged POST changed it');

  // Authors: A's post is out of B's reach.
  for (const who of ['a', 'b']) {
    server.cli(['user', 'add', '--email', `${who}@x.test`, '--name', `Author ${who.toUpperCase()}`,
                '--role', 'author', '--password-stdin'], `password of ${who}\n`);
  }
  const pageA = await server.newPage();
  await signIn(pageA, 'a@x.test', 'password of a');
  const aUrl = await write(pageA, '/admin/posts/new', { title: 'Written by A', body: 'mine' });
  const aId = idOf(aUrl);
  const pageB = await server.newPage();
  await signIn(pageB, 'b@x.test', 'password of b');
  const shown = await pageB.goto(`/admin/posts/${aId}`);
  check(shown.status() === 403, `B opening A's post got ${shown.status()}`);
  await pageB.goto('/admin/posts');
  const csrfB = await pageB.locator('input[name=csrf]').first().inputValue();
  const forged = await pageB.request.post(`/admin/posts/${aId}`, {
    form: { csrf: csrfB, title: 'Taken over by B', source: 'x', format: 'markdown', action: 'publish' },
    maxRedirects: 0,
  });
  check(forged.status() === 403, `B saving A's post got ${forged.status()}`);
  await pageB.check(`input[name=id][value="${aId}"]`);
  await pageB.selectOption('select[name=action]', 'delete');
  await Promise.all([pageB.waitForNavigation(), pageB.click('form.bulk button[type=submit]')]);
  check((await notice(pageB)) === '0 deleted; 1 skipped: not yours.', `B's bulk delete: ${await notice(pageB)}`);
  await pageA.goto(aUrl);
  check(await pageA.inputValue('input[name=title]') === 'Written by A', "A's post was changed");
  check((await text(server, '/')).includes('Written by A'), "A's post is gone from the blog");

  // The live preview lists what saving will remove, with counts, and keeps the rest;
  // the list goes away once the body is clean. (Last: an autosaved draft changes nothing.)
  await page.goto('/admin/posts/new');
  await page.selectOption('select[name=format]', 'html');
  check(await page.locator('#removed').isHidden(), 'a new post shows removals before any typing');
  await page.fill('textarea[name=source]',
                  '<p style="text-align:center; position:absolute">kept</p>' +
                  '<script>alert(1)</script><iframe src="https://evil.example/x"></iframe>');
  await waitFor('the live preview to list what saving removes', 10000,
                () => page.locator('#removed').isVisible());
  const removedItems = await page.locator('#removed-list li').allTextContents();
  for (const item of ['1 × <script> element', '1 × <iframe> from evil.example',
                      '1 × style property position']) {
    check(removedItems.includes(item), `the removals listed are ${JSON.stringify(removedItems)}, ` +
          `without "${item}"`);
  }
  check(removedItems.length === 3, `removals listed: ${JSON.stringify(removedItems)}`);
  const kept = page.locator('#preview p');
  check(await kept.count() === 1 && (await kept.textContent()) === 'kept' &&
        /^text-align: center;?$/.test(await kept.getAttribute('style')),
        `the preview shows ${await page.locator('#preview').innerHTML()}`);
  await server.screenshot(page, 'editor-removed');
  await page.fill('textarea[name=source]', '<p style="text-align:center">all clean</p>');
  await waitFor('the removals to go from the live preview of a clean body', 10000,
                () => page.locator('#removed').isHidden());
  check(await page.locator('#removed-list li').count() === 0, 'removals still listed for a clean body');
  check((await page.locator('#preview').textContent()).includes('all clean'), 'the preview is stale');
}

await runTest(TEST, main);
