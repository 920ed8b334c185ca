import { apiAs, expect, expectStatus, inspect, test, tokenOf } from './support/fixtures.js';
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

test('an incident of a unit outside one’s own is answered in words (the service says it is not found), not a blank page', async ({ page, service, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  // A unit that is not under the demo unit, and an incident there (admins may open one anywhere).
  await expectStatus(await admin.post('/units', { data: { id: 'e2e-elsewhere', name: 'Đơn vị khác (e2e)' } }), 201);
  const opened = await admin.post('/incidents', { data: { playbook: 'covid19-office', unit: 'e2e-elsewhere', title: 'Sự vụ ở đơn vị khác' } });
  await expectStatus(opened, 201);
  const { id } = (await opened.json()) as { id: string };
  await inviteAndSignIn(page, admin, service, 'monitoring.team@demo');
  await admin.dispose();

  await page.goto(`/app/incidents/${id}`);
  await expect(page.getByRole('heading', { name: vi('error.notFoundTitle') })).toBeVisible();
  await expect(page.getByText(vi('error.notFound'))).toBeVisible();
  await expect(page.getByText('Sự vụ ở đơn vị khác')).toHaveCount(0);
  await inspect(page, 'incident-elsewhere');
});

