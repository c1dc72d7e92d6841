// Media in a real browser: uploading a real PNG through the media page lists it with
// its address and snippets; its /media URL answers image/png cached for good; a post
// showing it loads the image; a text file named .png and an over-limit file are refused
// with a clear message and nothing listed; the upload picked as the blog's banner on the
// settings page shows on the home page; deleting the file makes its URL 404.
//
// Run: SAMIZDAT_BIN=build/.../samizdat node admin_media.mjs   (after npm ci here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, notice, runTest, signInFirstTime } from './lib/harness.mjs';

const TEST = 'admin_media';
// A 3x2 red PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGM4IScHQQxwFgBBAAYZPEVBlgAAAABJRU5ErkJggg==',
  'base64');

// Chooses `file` in the upload form and submits it; returns the response.
async function upload(page, file) {
  await page.goto('/admin/media');
  await page.setInputFiles('input[name=file]', file);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('form.upload button[type=submit]')]);
  return response;
}

// The natural width of an <img> once it has loaded (or failed: 0). Thumbnails load
// lazily, so "complete" may still be false just after the page arrived.
async function loadedWidth(img) {
  await img.scrollIntoViewIfNeeded();
  return img.evaluate((el) => (el.complete
    ? el.naturalWidth
    : new Promise((resolve) => {
      el.addEventListener('load', () => resolve(el.naturalWidth), { once: true });
      el.addEventListener('error', () => resolve(0), { once: true });
    })));
}

async function main(server) {
  const page = await server.newPage();
  await signInFirstTime(page, server, 'a new password 123');

  await upload(page, { name: 'red-dot.png', mimeType: 'image/png', buffer: PNG });
  check((await notice(page)).startsWith('Uploaded red-dot.png: /media/'), `upload notice: ${await notice(page)}`);
  const items = page.locator('li.media-item');
  check(await items.count() === 1, `${await items.count()} files listed after one upload`);
  const path = await items.locator('a.thumb').getAttribute('href');
  check(/^\/media\/[0-9a-f]+\.png$/.test(path), `the file's path is ${path}`);
  const info = await items.first().textContent();
  check(info.includes('red-dot.png') && info.includes('image/png') && info.includes('bytes'),
        `the row does not give name, type and size: ${info}`);
  check(await items.locator('input.media-markdown').inputValue() === `![red-dot](${path})`,
        'the Markdown snippet is wrong');
  check(await items.locator('input.media-url').inputValue() === server.base + path, 'the address is wrong');
  check(await loadedWidth(items.locator('img')) === 3, 'the thumbnail did not load');
  await server.screenshot(page, 'media-list');

  const served = await fetch(server.base + path);
  check(served.status === 200, `GET ${path} answered ${served.status}`);
  check(served.headers.get('content-type') === 'image/png', `served as ${served.headers.get('content-type')}`);
  const cache = served.headers.get('cache-control') ?? '';
  check(cache.includes('immutable') && cache.includes('max-age=31536000'), `Cache-Control: ${cache}`);
  check(Buffer.from(await served.arrayBuffer()).equals(PNG), 'the served bytes differ from the upload');

  // A post showing the image (its Markdown snippet) loads it on the public page.
  const bodyFile = join(server.data, '..', 'with-image.md');
  writeFileSync(bodyFile, `A red dot:\n\n![red dot](${path})\n`);
  const added = server.cli(['post', 'add', '--title', 'With an image', '--body', bodyFile]);
  const postPath = /^added post \d+ at (\/\S+)/.exec(added)?.[1];
  check(postPath, `post add printed ${JSON.stringify(added)}`);
  const reader = await server.newPage();
  await reader.goto(postPath);
  const img = reader.locator(`img[src="${path}"]`);
  check(await img.count() === 1, 'the post does not show the image');
  check(await loadedWidth(img) === 3, 'the image did not load on the post page');
  await server.screenshot(reader, 'post-with-image');

  // Text named .png: refused by its bytes, the reason shown, nothing listed.
  const text = await upload(page, { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('just some text\n') });
  check(text.status() === 400, `a text file answered ${text.status()}`);
  const error = (await page.locator('form.upload .error').textContent()) ?? '';
  check(error.includes('fake.png') && error.includes('only PNG, JPEG, GIF and WebP'),
        `the refusal says: ${error}`);
  check(await page.locator('li.media-item').count() === 1, 'the refused file changed the list');
  check(!(await page.content()).includes('fake.png</strong>'), 'the refused file is listed');

  // Over the service's limit (but under the server's body limit): 413 with the limit.
  const csrf = await page.locator('input[name=csrf]').first().inputValue();
  const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
  const tooBig = await page.request.post('/admin/media', {
    multipart: { csrf, file: { name: 'big.png', mimeType: 'image/png', buffer: big } },
    maxRedirects: 0,
  });
  check(tooBig.status() === 413, `a file over the limit answered ${tooBig.status()}`);
  check((await tooBig.text()).includes('larger than the limit of 10 MiB'), 'the 413 does not give the limit');

  // The upload as the blog's banner, picked on the settings page.
  await page.goto('/admin/settings');
  await page.selectOption('select[name=banner_media]', path);
  await page.fill('input[name=banner_alt]', 'A red dot');
  await Promise.all([page.waitForNavigation(), page.click('form.settings button[type=submit]')]);
  check(await page.inputValue('input[name=banner_url]') === path, 'the picked banner was not saved');
  await reader.goto('/');
  const banner = reader.locator('#Header1_headerimg');
  check(await banner.getAttribute('src') === path && await banner.getAttribute('alt') === 'A red dot',
        'the home page does not show the picked banner');

  // Deleting the file: gone from the list and from its URL.
  await page.goto('/admin/media');
  await Promise.all([page.waitForNavigation(), page.click('li.media-item button.danger')]);
  check((await notice(page)).startsWith('The file is deleted'), `delete notice: ${await notice(page)}`);
  check(await page.locator('li.media-item').count() === 0, 'the deleted file is still listed');
  check((await fetch(server.base + path)).status === 404, 'the deleted file is still served');
}

await runTest(TEST, main);
