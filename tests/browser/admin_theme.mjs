// The Theme and Layout pages in a real browser: a real Blogger theme (Watermark, a
// designer-era backup with undeclared macro: prefixes) restored through the file input
// becomes the blog's theme; on the Layout page a gadget hidden with its button leaves
// the public page, a gadget moved up comes first there, an HTML gadget added with its
// content shows it; an Edit HTML save that does not compile shows its line and keeps
// the text; "Revert to default" asks on its own page, then the blog wears the default
// theme. Screenshots of each page go to SAMIZDAT_SCREENSHOTS.
//
// Run: SAMIZDAT_BIN=build/.../samizdat node admin_theme.mjs   (after npm ci here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, notice, runTest, signInFirstTime } from './lib/harness.mjs';

const TEST = 'admin_theme';
// ../shared beside the repository (read-only, there in CI too).
const WATERMARK = fileURLToPath(
  new URL('../../../shared/fixtures/blogger-templates/watermark.xml', import.meta.url));

// The ids of the widgets on the public home page, in order.
async function publicWidgets(server) {
  const home = await (await fetch(`${server.base}/`)).text();
  return [...home.matchAll(/<div class=['"]widget [A-Za-z]+['"][^>]*\bid=['"]([A-Za-z]+\d+)['"]/g)]
    .map((m) => m[1]);
}

// Submits the form of `gadget` whose button reads `label`; returns the notice.
async function press(page, gadget, label) {
  const item = page.locator(`#gadget-${gadget}`);
  await Promise.all([page.waitForNavigation(), item.getByRole('button', { name: label }).click()]);
  return notice(page);
}

async function main(server) {
  const body = join(server.data, '..', 'post.html');
  writeFileSync(body, '<p>A post on a themed blog.</p>');
  server.cli(['post', 'add', '--title', 'A post', '--body', body]);
  const page = await server.newPage();
  await signInFirstTime(page, server, 'a new password 123');

  await page.goto('/admin/theme');
  check((await page.textContent('main')).includes('default theme'), 'the theme page says the default theme');
  await page.setInputFiles('input[name=theme]', WATERMARK);
  await Promise.all([page.waitForNavigation(), page.click('form.upload button[type=submit]')]);
  check((await notice(page)).includes('watermark.xml'), `restore said ${await notice(page)}`);
  await server.screenshot(page, 'theme');
  const before = await publicWidgets(server);
  check(before.includes('BlogSearch1') && before.includes('PageList1'), `the page shows ${before}`);

  await page.goto('/admin/layout');
  await server.screenshot(page, 'layout');
  check((await press(page, 'BlogSearch1', 'Hide')).includes('hidden'), 'hiding said so');
  check(await page.locator('#gadget-BlogSearch1.hidden-gadget').count() === 1, 'BlogSearch1 shows as hidden');
  check(!(await publicWidgets(server)).includes('BlogSearch1'), 'a hidden gadget left the page');

  // PageList1 follows BlogSearch1 in sidebar-right-1: up, it comes first.
  const order = (ids) => ids.indexOf('PageList1') < ids.indexOf('BlogSearch1');
  await press(page, 'BlogSearch1', 'Show');
  check(!order(await publicWidgets(server)), 'PageList1 starts after BlogSearch1');
  check((await press(page, 'PageList1', '↑ Up')).includes('moved up'), 'moving said so');
  check(order(await publicWidgets(server)), 'PageList1 moved up on the page');

  const add = page.locator('#section-sidebar-right-1 details.add-gadget');
  await add.locator('summary').click();
  await add.locator('select[name=type]').selectOption('HTML');
  await add.locator('input[name=title]').fill('Hello gadget');
  await add.locator('textarea[name=content]').fill('<p class="hello-gadget">Hello from the layout</p>');
  await Promise.all([page.waitForNavigation(), add.getByRole('button', { name: 'Add' }).click()]);
  check((await notice(page)).includes('Hello gadget'), `adding said ${await notice(page)}`);
  const home = await (await fetch(`${server.base}/`)).text();
  check(home.includes('<p class="hello-gadget">Hello from the layout</p>'), 'the added gadget shows');

  await page.goto('/admin/theme/edit');
  const xml = await page.inputValue('textarea[name=xml]');
  check(xml.includes('Hello gadget') && xml.includes('<macro:includable'), 'Edit HTML holds the theme');
  const broken = xml.replace('<b:section-contents', '<b:nonsense/><b:section-contents');
  await page.fill('textarea[name=xml]', broken);
  await Promise.all([page.waitForNavigation(), page.click('form.theme-edit button[type=submit]')]);
  const error = await page.textContent('.error');
  check(/theme\.xml:\d+:\d+/.test(error) && error.includes('<b:nonsense/>'), `the error reads ${error}`);
  check(await page.inputValue('textarea[name=xml]') === broken, 'the textarea kept what was typed');
  await server.screenshot(page, 'edit-error');
  check((await (await fetch(`${server.base}/`)).text()).includes('hello-gadget'), 'nothing changed');

  await page.goto('/admin/theme');
  await Promise.all([page.waitForNavigation(), page.click('a[href="/admin/theme/revert"]')]);
  await server.screenshot(page, 'revert');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/theme/revert"] button')]);
  check((await notice(page)).includes('default theme'), `revert said ${await notice(page)}`);
  check(!(await (await fetch(`${server.base}/`)).text()).includes('hello-gadget'), 'the default theme is back');
}

await runTest(TEST, main);
