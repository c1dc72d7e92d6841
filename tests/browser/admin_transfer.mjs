// Import and export in a real browser: a real Blogger export uploaded on the transfer
// page is imported in the background; its posts show on the public home page; a second
// import finds everything already there; a longer one shows its progress page running,
// refreshing itself (no script needed) until the summary; a broken file fails with its line number; an
// author (not an owner) cannot see the import; both exports download as XML holding the
// imported post.
//
// Run: SAMIZDAT_BIN=build/.../samizdat node admin_transfer.mjs   (after npm ci here)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, runTest, signIn, signInFirstTime } from './lib/harness.mjs';

const TEST = 'admin_transfer';
// ../shared beside the repository (read-only, there in CI too).
const FIXTURE = fileURLToPath(
  new URL('../../../shared/fixtures/blogger-classic/pelican-bloggerexport.xml', import.meta.url));
const POST_TITLE = 'The Steel Windpipe';

// Posts in the generated export: enough that importing them takes a while (about a
// second or two here), so the progress page is seen running.
const GENERATED_POSTS = 3000;

// A WordPress export of `n` posts.
function generatedExport(n) {
  const items = [];
  for (let i = 1; i <= n; ++i) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const minute = String(i % 60).padStart(2, '0');
    items.push(`<item><title>Generated post ${i}</title>
<content:encoded><![CDATA[<p>Body of generated post ${i}.</p>]]></content:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date_gmt>2021-03-${day} 10:${minute}:00</wp:post_date_gmt>
<wp:post_name>generated-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated</title><link>https://generated.example</link>
${items.join('\n')}
</channel></rss>
`;
}

// Uploads `file` on the transfer page; returns the progress page's URL.
async function startImport(page, file) {
  await page.goto('/admin/transfer');
  await page.setInputFiles('input[name=file]', file);
  await Promise.all([page.waitForNavigation(), page.click('form.upload button[type=submit]')]);
  check(/\/admin\/import\/[0-9a-f]{32}$/.test(page.url()), `the import went to ${page.url()}`);
  return page.url();
}

// Waits (through the page's own refreshes) for the import to end; returns the outcome's
// element.
async function outcome(page) {
  await page.waitForSelector('.import-done, .import-error', { timeout: 120000 });
  check(await page.locator('meta[http-equiv=refresh]').count() === 0, 'a finished import still refreshes');
  return page.locator('.import-done, .import-error');
}

// The summary's number in the row headed `label`.
async function summary(page, label) {
  return (await page.locator('table.summary tr', { hasText: label }).first().locator('td').textContent()).trim();
}

// Downloads the export link `format`; returns { name, text }.
async function download(server, page, format) {
  await page.goto('/admin/transfer');
  await server.screenshot(page, 'transfer');
  const [file] = await Promise.all([page.waitForEvent('download'),
                                    page.click(`a[href="/admin/export?format=${format}"]`)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

// Parses `xml` in the browser; returns the text of its title elements (none when it
// does not parse).
async function titles(page, xml) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) return null;
    return [...doc.getElementsByTagName('title')].map((t) => t.textContent);
  }, xml);
}

async function main(server) {
  const page = await server.newPage();
  await signInFirstTime(page, server, 'a new password 123');

  const jobUrl = await startImport(page, FIXTURE);
  const done = await outcome(page);
  check((await done.getAttribute('class')).includes('import-done'), `the import failed: ${await done.textContent()}`);
  check((await done.textContent()).includes('Blogger export'), `the summary says ${await done.textContent()}`);
  check(await summary(page, 'Posts') === '2', `posts: ${await summary(page, 'Posts')}`);
  check(await summary(page, 'Pages') === '2', `pages: ${await summary(page, 'Pages')}`);
  check(await summary(page, 'Comments') === '1', `comments: ${await summary(page, 'Comments')}`);
  await server.screenshot(page, 'import-done');
  const home = await (await fetch(`${server.base}/`)).text();
  check(home.includes(POST_TITLE), 'the imported post is not on the home page');

  // The same file again: everything is already there.
  await startImport(page, FIXTURE);
  await outcome(page);
  check(await summary(page, 'Posts already there') === '4', 'a second import stored posts again');

  // A longer import: the first progress page shows it running and refreshes itself
  // (a meta refresh: no script) until the summary.
  const big = join(server.data, '..', 'generated.xml');
  writeFileSync(big, generatedExport(GENERATED_POSTS));
  await startImport(page, big);
  check(await page.locator('meta[http-equiv=refresh]').count() === 1, 'a running import does not refresh');
  check(await page.locator('.import-state').count() === 1, 'a running import shows no state');
  await server.screenshot(page, 'import-running');
  await outcome(page);
  check(await summary(page, 'Posts') === String(GENERATED_POSTS), `generated posts: ${await summary(page, 'Posts')}`);
  check((await (await fetch(`${server.base}/`)).text()).includes('Generated post'),
        'the generated posts are not on the home page');

  // A broken file fails with the upload's name and the line of the fault.
  const broken = join(server.data, '..', 'broken.xml');
  writeFileSync(broken, '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n</feed>\n');
  await startImport(page, broken);
  const error = (await (await outcome(page)).textContent()).trim();
  check(/^broken\.xml:\d+:\d+: /.test(error), `the error is ${error}`);
  check(!error.includes('samizdat-upload'), 'the error names the temporary file');
  await server.screenshot(page, 'import-error');

  // An author may not see the owner's import.
  server.cli(['user', 'add', '--email', 'author@example.test', '--role', 'author', '--password-stdin'],
             'an author password 1\n');
  const author = await server.newPage();
  await signIn(author, 'author@example.test', 'an author password 1');
  const refused = await author.goto(jobUrl);
  check(refused.status() === 403, `an author got ${refused.status()} for the owner's import`);

  for (const [format, want] of [['blogger', /^blog-\d\d-\d\d-\d{4}\.xml$/],
                                ['wxr', /^blog-\d\d-\d\d-\d{4}\.wordpress\.xml$/]]) {
    const file = await download(server, page, format);
    check(want.test(file.name), `the ${format} export is named ${file.name}`);
    const found = await titles(page, file.text);
    check(found !== null, `the ${format} export is not XML`);
    check(found.includes(POST_TITLE), `the ${format} export has no "${POST_TITLE}"`);
  }
}

await runTest(TEST, main);
