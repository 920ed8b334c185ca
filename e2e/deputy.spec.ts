import { randomUUID } from 'node:crypto';
import { apiAs, expect, expectStatus, inspect, test, tokenOf } from './support/fixtures.js';
import { completeTask, summaryOf, taskCard } from './support/console.js';
import { vi } from './support/i18n.js';
import { inviteAndSignIn, personByEmail, type PersonView } from './support/people.js';

// A Chief of Office task of the suspected-case level (playbooks/_library/office-measures.yaml).
const TASK = 'Lập danh sách cán bộ trực tại cơ quan';

test('a deputy standing in for the Chief of Office gets the task, sees on whose behalf, and the timeline records it', async ({ page, service, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  const duty = await apiAs(playwright, service, tokenOf(service, /^duty officer$/));
  const chief = await personByEmail(admin, 'chief.of.office@demo');
  const created = await admin.post('/people', { data: { name: 'Phó Chánh Văn phòng (deputy)', email: 'deputy.chief@demo' } });
  await expectStatus(created, 201);
  const deputy = (await created.json()) as PersonView;
  const assigned = await admin.post('/role-assignments', {
    data: { unitId: 'demo', role: 'chief_of_office', personId: deputy.id, deputyFor: chief.id, validUntil: new Date(Date.now() + 24 * 3600_000).toISOString() },
  });
  await expectStatus(assigned, 201);
  const assignment = (await assigned.json()) as { id: string };
  try {
    // The duty officer opens an incident and raises it (through the API: this test is about the deputy).
    const title = `Phó thay trưởng ${randomUUID().slice(0, 8)}`;
    const opened = await duty.post('/incidents', { data: { playbook: 'covid19-office', unit: 'demo', title } });
    await expectStatus(opened, 201);
    const incident = (await opened.json()) as { id: string };
    const raised = await duty.post(`/incidents/${incident.id}/events`, { data: { type: 'SUSPECTED_CASE_REPORTED' } });
    await expectStatus(raised, 200);

    await inviteAndSignIn(page, admin, service, 'deputy.chief@demo');
    const card = taskCard(page, TASK, title);
    await expect(card).toBeVisible();
    // The deputy is told, in words, on whose behalf they act.
    await expect(card).toContainText(vi('task.deputy', { name: chief.name }));
    await inspect(page, 'deputy-my-tasks');
    await completeTask(page, TASK, title, 'Đã lập danh sách (thay Chánh Văn phòng)');

    await page.goto(`/app/incidents/${incident.id}`);
    await expect(summaryOf(page)).toBeVisible();
    const timeline = page.getByRole('region', { name: vi('incident.timeline') });
    // By name, for a reader who may not list people (the duty officer's view is the same).
    await expect(timeline, 'the timeline names the person acted for').toContainText(vi('timeline.onBehalfOf', { name: chief.name }));
    await expect(timeline).not.toContainText(chief.id);
    await inspect(page, 'deputy-incident');

    const events = (await (await duty.get(`/incidents/${incident.id}/timeline`)).json()) as { type: string; onBehalfOf: string | null }[];
    expect(events.filter((e) => e.onBehalfOf === chief.id).length).toBeGreaterThan(0);
  } finally {
    // The deputyship ends, so the other tests' Chief of Office tasks go to the Chief again.
    await admin.delete(`/role-assignments/${assignment.id}`);
    await Promise.all([admin.dispose(), duty.dispose()]);
  }
});
