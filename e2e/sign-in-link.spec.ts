import { expect, inspect, test } from './support/fixtures.js';
import { vi } from './support/i18n.js';

test('a newcomer clicks the duty officer’s first-run sign-in link and lands on the board', async ({ page, service }) => {
  const link = service.links.find((l) => /duty officer/.test(l.who));
  expect(link, `the first run printed no sign-in link for the duty officer; it printed: ${JSON.stringify(service.links)}`).toBeTruthy();

  // Before: the console sends a stranger to the sign-in page.
  await page.goto(new URL('/app/', link!.url).toString());
  await expect(page.getByRole('heading', { level: 1, name: vi('signIn.title') })).toBeVisible();
  await inspect(page, 'sign-in');

  // The link exactly as printed (not moved onto the tests' address): that is what a newcomer clicks.
  await page.goto(link!.url);
  await expect(page.getByRole('heading', { name: vi('link.kind.sign-in') })).toBeVisible();
  await expect(page.getByText('duty.officer@demo')).toBeVisible();
  await inspect(page, 'link-sign-in');
  await page.getByRole('button', { name: vi('link.signIn'), exact: true }).click();

  await expect(page).toHaveURL(/\/app\/board$/);
  await expect(page.getByRole('heading', { level: 1, name: vi('board.title') })).toBeVisible();
  await expect(page.getByRole('button', { name: vi('open.button') })).toBeVisible();
  // The token was spent and taken out of the address bar.
  expect(new URL(page.url()).hash).toBe('');
  await inspect(page, 'board-after-first-sign-in');

  // A link works once: the same link again says so, in words.
  await page.goto(link!.url);
  await expect(page.getByRole('alert')).toHaveText(vi('link.used'));
  await inspect(page, 'link-used');
});
