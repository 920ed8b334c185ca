import { apiAs, DESKTOP, expect, inspect, PHONE, test, tokenOf } from './support/fixtures.js';
import { en, vi } from './support/i18n.js';
import { inviteAndSignIn, personByEmail } from './support/people.js';

test('the console speaks Vietnamese first; English is one switch away and is remembered after a reload', async ({ page, service, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  await inviteAndSignIn(page, admin, service, 'monitoring.team@demo');
  const nav = page.getByRole('navigation', { name: vi('shell.nav') });
  await expect(nav.getByRole('link', { name: vi('nav.tasks') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1, name: vi('tasks.title') })).toBeVisible();
  await inspect(page, 'language-vi');

  await page.getByRole('combobox', { name: vi('shell.language') }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: en('tasks.title') })).toBeVisible();
  await expect(page.getByRole('navigation', { name: en('shell.nav') }).getByRole('link', { name: en('nav.board') })).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: en('tasks.title') })).toBeVisible();
  await expect(page.getByRole('combobox', { name: en('shell.language') })).toHaveValue('en');
  await expect(page.getByRole('button', { name: en('shell.signOut') })).toBeVisible();
  await inspect(page, 'language-en');
  await admin.dispose();
});

test('on a phone the top bar is one row; the name, language and sign-out are in a menu, the name in full', async ({ page, service, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  const person = await personByEmail(admin, 'monitoring.team@demo');
  await page.setViewportSize(PHONE);
  await inviteAndSignIn(page, admin, service, 'monitoring.team@demo');
  await admin.dispose();
  await expect(page.getByRole('heading', { level: 1, name: vi('tasks.title') })).toBeVisible();
  const bar = await page.locator('header').boundingBox();
  expect(bar!.height, 'the phone top bar is one compact row').toBeLessThanOrEqual(60);
  await expect(page.getByRole('combobox', { name: vi('shell.language') })).toBeHidden();

  const menu = page.getByRole('button', { name: vi('shell.accountOf', { name: person.name }) });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const name = page.locator('header').getByText(person.name, { exact: true });
  await expect(name).toBeVisible();
  expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth), 'the name is shown in full, not cut').toBe(true);
  await expect(page.getByRole('button', { name: vi('shell.signOut') })).toBeVisible();
  await inspect(page, 'account-menu');

  await page.setViewportSize(PHONE);
  await page.getByRole('combobox', { name: vi('shell.language') }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: en('tasks.title') })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('combobox', { name: en('shell.language') })).toBeHidden();
  // The choice is remembered in this browser: back to Vietnamese for the tests that follow in it.
  await page.setViewportSize(DESKTOP);
  await page.getByRole('combobox', { name: en('shell.language') }).selectOption('vi');
});
