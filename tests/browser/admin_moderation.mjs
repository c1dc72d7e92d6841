// Comment moderation in a real browser: the owner sets the blog to hold every comment
// (the settings page), a reader comments on the public post page, the comment waits in
// the queue with the classifier's score, and the owner approves one (it shows on the
// post), marks one as spam (it never shows), sees a trained score on the next, and
// replies as the author to a held comment (the reply and its parent show). A settings
// error re-renders with the message (400) and changes nothing.
//
// Run: SAMIZDAT_BIN=build/.../samizdat node admin_moderation.mjs   (after npm ci here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, notice, runTest, signInFirstTime } from './lib/harness.mjs';

const TEST = 'admin_moderation';

async function publicText(server, path) {
  const response = await fetch(server.base + path);
  check(response.status === 200, `GET ${path} answered ${response.status}`);
  return response.text();
}

// A reader (fresh cookies) comments through the post page's form; returns its message.
async function comment(server, path, name, body) {
  const reader = await server.newPage();
  await reader.goto(path);
  await reader.fill('#comment-body', body);
  await reader.fill('#comment-name', name);
  await Promise.all([reader.waitForNavigation(), reader.click('#comment-form button[type=submit]')]);
  const message = (await reader.locator('.comment-form-notice, .comment-form-error').first()
    .textContent()) ?? '';
  await reader.context().close();
  return message.trim();
}

// The queue's row showing `text`.
function row(page, text) {
  return page.locator('li.comment-item', { hasText: text });
}

async function main(server) {
  const page = await server.newPage();
  await signInFirstTime(page, server, 'a new password 123');

  // Settings: a bad time zone is refused whole; then "always" moderation is saved.
  await page.goto('/admin/settings');
  await page.fill('input[name=title]', 'Changed title');
  await page.fill('input[name=time_zone]', 'Mars/Olympus');
  const refused = await Promise.all([page.waitForNavigation(), page.click('form.settings button[type=submit]')]);
  check(refused[0].status() === 400, `a bad zone answered ${refused[0].status()}`);
  check((await page.locator('form.settings .error').textContent()).includes('Mars/Olympus'),
        'the zone error does not name the zone');
  check(await page.inputValue('input[name=title]') === 'Changed title', 'the form lost the typed title');
  check(!(await publicText(server, '/')).includes('Changed title'), 'a refused form changed the title');
  check(await page.locator('#time-zones option[value="Europe/Paris"]').count() === 1,
        'the time zone field does not suggest Europe/Paris');
  await page.fill('input[name=time_zone]', 'Europe/Paris');
  await page.check('input[name=comment_moderation][value=always]');
  await page.selectOption('select[name=date_format]', 'd MMMM yyyy');
  await Promise.all([page.waitForNavigation(), page.click('form.settings button[type=submit]')]);
  check((await notice(page)) === 'The settings are saved.', `settings notice: ${await notice(page)}`);
  check(await page.isChecked('input[name=comment_moderation][value=always]'), 'moderation not saved');
  check(await page.inputValue('input[name=time_zone]') === 'Europe/Paris', 'zone not saved');
  await server.screenshot(page, 'settings');

  const bodyFile = join(server.data, '..', 'post.md');
  writeFileSync(bodyFile, 'A post about the history of the strike.\n');
  const added = server.cli(['post', 'add', '--title', 'On the strike', '--body', bodyFile]);
  const path = /^added post \d+ at (\/\S+)/.exec(added)?.[1];
  check(path, `post add printed ${JSON.stringify(added)}`);

  // A held comment waits in the queue, not scored yet (the classifier knows nothing).
  const held = await comment(server, path, 'Reader One', 'What a thoughtful history of the workers');
  check(held.includes('after the blog\'s author approves it'), `reader was told: ${held}`);
  check(!(await publicText(server, path)).includes('thoughtful history'), 'a held comment shows');
  await page.goto('/admin/comments');
  const first = row(page, 'thoughtful history');
  check(await first.count() === 1, 'the held comment is not in the queue');
  check((await first.textContent()).includes('Reader One'), 'the row does not name the reader');
  check((await first.textContent()).includes('not scored'), 'the untrained score is not "not scored"');
  check((await first.locator(`a[href="${path}#c${(await first.getAttribute('id')).slice(1)}"]`).count()) === 1,
        'the row does not link to the comment on its post');
  await Promise.all([page.waitForNavigation(), first.locator('button[value^="approve:"]').click()]);
  check((await notice(page)) === '1 comment approved.', `approve notice: ${await notice(page)}`);
  check(await row(page, 'thoughtful history').count() === 0, 'an approved comment stays in the queue');
  check((await publicText(server, path)).includes('thoughtful history'), 'the approved comment is not shown');

  // Spam, through the checkbox and the toolbar.
  await comment(server, path, 'Spammer', 'cheap casino pills bonus money offer');
  await page.goto('/admin/comments');
  await row(page, 'casino pills').locator('input[name=id]').check();
  await Promise.all([page.waitForNavigation(), page.click('form#bulk button[value=spam]')]);
  check((await notice(page)) === '1 comment marked as spam.', `spam notice: ${await notice(page)}`);
  await page.goto('/admin/comments?status=spam');
  check(await row(page, 'casino pills').count() === 1, 'the spam tab does not list the spam');
  check(!(await publicText(server, path)).includes('casino'), 'spam shows on the post');

  // Trained on one ham and one spam comment, the classifier scores the next one.
  await comment(server, path, 'Spammer again', 'casino bonus pills cheap');
  await page.goto('/admin/comments');
  const scored = (await row(page, 'casino bonus').textContent()) ?? '';
  check(/spam score \d+%/.test(scored), `no score on a comment after training: ${scored}`);
  await server.screenshot(page, 'moderation-queue');

  // Replying as the author publishes the reply and approves the held question.
  await comment(server, path, 'Reader Two', 'Could you tell more about the region?');
  await page.goto('/admin/comments');
  const question = row(page, 'more about the region');
  const questionId = (await question.getAttribute('id')).slice(1);
  await question.locator('details.reply summary').click();
  await question.locator('textarea[name=body]').fill('Gladly: the <b>region</b> comes next week.');
  await Promise.all([page.waitForNavigation(), question.locator('button', { hasText: 'Publish reply' }).click()]);
  check((await notice(page)) === 'Your reply is published.', `reply notice: ${await notice(page)}`);
  const shown = await publicText(server, path);
  check(shown.includes('more about the region'), 'the replied-to comment is not shown');
  check(shown.includes('Gladly: the <b>region</b> comes next week.'), 'the reply is not shown');
  check(shown.includes('<cite class="user">Admin</cite>'), "the reply does not carry the author's name");
  check(new RegExp(`id="c${questionId}-ra"[\\s\\S]*Gladly`).test(shown), 'the reply is not under its question');
  check(!shown.includes('casino'), 'spam shows after the reply');
}

await runTest(TEST, main);
