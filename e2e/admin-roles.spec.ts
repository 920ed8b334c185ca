import { apiAs, expect, inspect, newPerson, test, tokenOf } from './support/fixtures.js';
import { vi } from './support/i18n.js';
import { followLink, linkFor, PASSWORD, personByEmail } from './support/people.js';

test('an admin signs in by the first-run link, adds a person, makes them a duty officer, and invites them', async ({ page, service, browser, playwright }) => {
  const link = service.links.find((l) => /^admin$/.test(l.who));
  expect(link, `the first run printed no sign-in link for the admin; it printed: ${JSON.stringify(service.links)}`).toBeTruthy();
  await followLink(page, link!.url);
  await page.getByRole('navigation', { name: vi('shell.nav') }).getByRole('link', { name: vi('nav.admin') }).click();
  await expect(page.getByRole('heading', { level: 1, name: vi('admin.title') })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: vi('admin.nav') });

  // A new person…
  await tabs.getByRole('link', { name: vi('admin.people.title') }).click();
  const addPerson = page.getByRole('form', { name: vi('admin.people.add') });
  await addPerson.getByLabel(vi('admin.people.name'), { exact: true }).fill('Trần Thị Trực Ban');
  await addPerson.getByLabel(vi('admin.people.email'), { exact: true }).fill('tran.truc.ban@demo');
  await addPerson.getByRole('button', { name: vi('admin.people.add') }).click();
  await expect(page.getByRole('cell', { name: 'tran.truc.ban@demo' })).toBeVisible();
  await inspect(page, 'admin-people');

  // …given the duty officer's role in the demo unit.
  await tabs.getByRole('link', { name: vi('admin.roles.title') }).click();
  const addRole = page.getByRole('form', { name: vi('admin.roles.add') });
  await addRole.getByLabel(vi('admin.roles.unit'), { exact: true }).selectOption('demo');
  await addRole.getByLabel(vi('admin.roles.role'), { exact: true }).fill('duty_officer');
  await addRole.getByLabel(vi('admin.roles.person'), { exact: true }).selectOption({ label: 'Trần Thị Trực Ban' });
  await addRole.getByRole('button', { name: vi('admin.roles.add') }).click();
  await expect(page.getByRole('button', { name: vi('admin.roles.removeFor', { role: 'duty_officer', name: 'Trần Thị Trực Ban' }) })).toBeVisible();
  await inspect(page, 'admin-roles');

  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  const person = await personByEmail(admin, 'tran.truc.ban@demo');
  const roles = (await (await admin.get(`/role-assignments?person=${person.id}`)).json()) as { unitId: string; role: string }[];
  expect(roles).toEqual([expect.objectContaining({ unitId: 'demo', role: 'duty_officer' })]);
  await admin.dispose();

  // The invitation link the page shows once lets them in, and as a duty officer they land on the board.
  await tabs.getByRole('link', { name: vi('admin.people.title') }).click();
  await page.getByRole('button', { name: vi('admin.people.inviteFor', { name: 'Trần Thị Trực Ban' }) }).click();
  const shown = page.getByRole('status').filter({ hasText: vi('admin.people.linkFor', { name: 'Trần Thị Trực Ban' }) });
  const url = (await shown.locator('code').textContent())!.trim();
  const newcomer = await newPerson(browser, service);
  await followLink(newcomer.page, url, PASSWORD);
  await expect(newcomer.page.getByRole('heading', { level: 1, name: vi('board.title') })).toBeVisible();
  await newcomer.context.close();
});

test('every admin page is readable by a screen reader and fits a phone', async ({ page, service, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  await followLink(page, await linkFor(admin, service, 'admin@demo', 'reset'), PASSWORD);
  await admin.dispose();
  await page.getByRole('navigation', { name: vi('shell.nav') }).getByRole('link', { name: vi('nav.admin') }).click();
  const tabs = page.getByRole('navigation', { name: vi('admin.nav') });
  for (const tab of ['units', 'tokens', 'audit', 'playbooks'] as const) {
    await tabs.getByRole('link', { name: vi(`admin.${tab}.title`) }).click();
    await expect(page.getByRole('heading', { level: 2, name: vi(`admin.${tab}.title`) })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: vi('common.loading') })).toHaveCount(0);
    await inspect(page, `admin-${tab}`);
  }
});

