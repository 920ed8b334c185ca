import { apiAs, expect, inspect, test, tokenOf } from './support/fixtures.js';
import { en, vi } from './support/i18n.js';
import { inviteAndSignIn } from './support/people.js';

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
