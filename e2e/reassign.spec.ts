import { randomUUID } from 'node:crypto';
import { apiAs, expect, expectStatus, inspect, newPerson, test, tokenOf } from './support/fixtures.js';
import { summaryOf } from './support/console.js';
import { vi } from './support/i18n.js';
import { followLink, inviteAndSignIn, linkFor, PASSWORD, personByEmail } from './support/people.js';

// A Head of division task of the suspected-case level (playbooks/_library/office-measures.yaml); the Chief of
// Office is the role above the Head of division (office-roles.yaml), so may reassign it.
const TASK = 'Thông báo ngay cho tổ giám sát';
const MONITORING = 'Tổ giám sát';

interface TaskView {
  id: string;
  template: string;
  title: { vi: string };
  assignedRole: string;
  assignees: string[];
}

test('a superior gives a task to another role from the incident page; an admin gives it to a named person', async ({ page, service, browser, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  const duty = await apiAs(playwright, service, tokenOf(service, /^duty officer$/));
  const title = `Giao lại ${randomUUID().slice(0, 8)}`;
  const opened = await duty.post('/incidents', { data: { playbook: 'covid19-office', unit: 'demo', title } });
  await expectStatus(opened, 201);
  const incident = (await opened.json()) as { id: string };
  await expectStatus(await duty.post(`/incidents/${incident.id}/events`, { data: { type: 'SUSPECTED_CASE_REPORTED' } }), 200);
  const taskOf = async () => {
    const r = await admin.get(`/tasks?incident=${incident.id}&status=open`);
    await expectStatus(r, 200);
    const found = ((await r.json()) as TaskView[]).find((x) => x.title.vi === TASK);
    if (!found) throw new Error(`no open task "${TASK}" in the incident`);
    return found;
  };
  expect((await taskOf()).assignedRole).toBe('head_of_division');

  // The Chief of Office (not an admin): roles only, and told why.
  await inviteAndSignIn(page, admin, service, 'chief.of.office@demo');
  await page.goto(`/app/incidents/${incident.id}`);
  await expect(summaryOf(page)).toBeVisible();
  const row = page.getByRole('region', { name: /việc đang mở/ }).getByRole('listitem').filter({ has: page.getByText(TASK, { exact: true }) });
  await row.getByRole('button', { name: vi('task.reassignFor', { title: TASK }) }).click();
  const form = page.getByRole('form', { name: vi('task.reassignFor', { title: TASK }) });
  await expect(form).toContainText(vi('task.reassignRolesOnly'));
  const picker = form.getByLabel(vi('task.reassignTo'), { exact: true });
  await expect(picker.locator('option', { hasText: vi('task.toPerson', { name: '' }).trim() })).toHaveCount(0);
  await picker.selectOption({ label: vi('task.toRole', { role: MONITORING }) });
  await inspect(page, 'incident-reassign');
  await form.getByRole('button', { name: vi('task.reassignSubmit'), exact: true }).click();
  await expect(form).toHaveCount(0);
  await expect(row).toContainText(`${vi('task.assignee')}: ${MONITORING}`);
  expect((await taskOf()).assignedRole).toBe('monitoring_team');

  // An admin may list people, so may give the task to one by name.
  const chief = await personByEmail(admin, 'chief.of.office@demo');
  const adminPage = await newPerson(browser, service);
  try {
    await followLink(adminPage.page, await linkFor(admin, service, 'admin@demo', 'reset'), PASSWORD);
    await adminPage.page.goto(`/app/incidents/${incident.id}`);
    const adminRow = adminPage.page.getByRole('region', { name: /việc đang mở/ }).getByRole('listitem').filter({ has: adminPage.page.getByText(TASK, { exact: true }) });
    await adminRow.getByRole('button', { name: vi('task.reassignFor', { title: TASK }) }).click();
    const adminForm = adminPage.page.getByRole('form', { name: vi('task.reassignFor', { title: TASK }) });
    await expect(adminForm).not.toContainText(vi('task.reassignRolesOnly'));
    await adminForm.getByLabel(vi('task.reassignTo'), { exact: true }).selectOption({ label: vi('task.toPerson', { name: chief.name }) });
    await adminForm.getByLabel(vi('task.note'), { exact: true }).fill('Chánh Văn phòng làm trực tiếp');
    await adminForm.getByRole('button', { name: vi('task.reassignSubmit'), exact: true }).click();
    await expect(adminForm).toHaveCount(0);
    await expect.poll(async () => (await taskOf()).assignees).toEqual([chief.id]);
    await expect(adminPage.page.getByRole('region', { name: vi('incident.timeline') })).toContainText('Chánh Văn phòng làm trực tiếp');
  } finally {
    await adminPage.context.close();
    await Promise.all([admin.dispose(), duty.dispose()]);
  }
});
