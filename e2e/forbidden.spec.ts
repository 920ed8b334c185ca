import { apiAs, expect, inspect, test, tokenOf } from './support/fixtures.js';
import { pattern, vi } from './support/i18n.js';
import { inviteAndSignIn } from './support/people.js';

test('a person who is not an admin opening the admin pages is told they have no access, not shown a blank page', async ({ page, service, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  await inviteAndSignIn(page, admin, service, 'head.of.division@demo');
  // No admin link in the navigation for them…
  await expect(page.getByRole('navigation', { name: vi('shell.nav') }).getByRole('link', { name: vi('nav.admin') })).toHaveCount(0);

  // …and the address typed by hand answers in words, with a way back.
  await page.goto('/app/admin/roles');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: vi('error.forbiddenTitle') })).toBeVisible();
  await expect(alert).toContainText(pattern('vi', 'error.forbidden'));
  await expect(alert.getByRole('link', { name: vi('error.home') })).toBeVisible();
  await inspect(page, 'forbidden-admin');

  await alert.getByRole('link', { name: vi('error.home') }).click();
  await expect(page.getByRole('heading', { level: 1, name: vi('tasks.title') })).toBeVisible();
  await admin.dispose();
});
