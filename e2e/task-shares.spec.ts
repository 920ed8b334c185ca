import { randomUUID } from 'node:crypto';
import { apiAs, expect, expectStatus, inspect, newPerson, test, tokenOf } from './support/fixtures.js';
import { completeTask, taskCard } from './support/console.js';
import { vi } from './support/i18n.js';
import { inviteAndSignIn, type PersonView } from './support/people.js';

// playbooks/commune-flood.yaml: every village head evacuates their own village (assign: each); one search
// per missing person (keyedBy: personId).
const EVACUATE = 'Sơ tán các hộ dân trong danh sách';
const SEARCH = 'Tìm kiếm người mất tích';

test('each village head has their own evacuation task, and each missing person their own search', async ({ page, service, browser, playwright }) => {
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  const duty = await apiAs(playwright, service, tokenOf(service, /^duty officer$/));
  const email = `village.head.${randomUUID().slice(0, 6)}@demo`;
  const created = await admin.post('/people', { data: { name: 'Trưởng thôn Đông (second village head)', email } });
  await expectStatus(created, 201);
  const second = (await created.json()) as PersonView;
  await expectStatus(await admin.post('/role-assignments', { data: { unitId: 'demo', role: 'village_head', personId: second.id } }), 201);

  const title = `Lũ thôn Đông ${randomUUID().slice(0, 8)}`;
  const opened = await duty.post('/incidents', { data: { playbook: 'commune-flood', unit: 'demo', title } });
  await expectStatus(opened, 201);
  const incident = (await opened.json()) as { id: string };
  const event = async (type: string, data?: Record<string, unknown>) => expectStatus(await duty.post(`/incidents/${incident.id}/events`, { data: { type, data } }), 200);
  await event('LEVEL_2_DECLARED');
  await event('PERSON_MISSING', { personId: 'p-017', village: 'Thôn Đông' });
  await event('PERSON_MISSING', { personId: 'p-018', village: 'Thôn Tây' });

  // The second village head, on a phone: their own copy, said so in words; done, it leaves their list.
  const head = await newPerson(browser, service, { width: 375, height: 812 });
  try {
    await inviteAndSignIn(head.page, admin, service, email);
    const card = taskCard(head.page, EVACUATE, title);
    await expect(card).toBeVisible();
    await expect(card).toContainText(vi('task.eachCopy'));
    await inspect(head.page, 'task-each-my-tasks');
    await completeTask(head.page, EVACUATE, title, 'Đã sơ tán 12 hộ, 41 người');
  } finally {
    await head.context.close();
  }
  // The first village head's copy is still open: the step waits for every village.
  const open = await duty.get(`/tasks?incident=${incident.id}&status=open&limit=100`);
  const evacuations = ((await open.json()) as { template: string; holder: string | null }[]).filter((t) => t.template === 'evacuate_households');
  expect(evacuations).toHaveLength(1);
  expect(evacuations[0].holder).not.toBe(second.id);

  // The military commander sees one search per person, each naming whom it is for.
  await inviteAndSignIn(page, admin, service, 'military.commander@demo');
  for (const person of ['p-017', 'p-018']) {
    await expect(taskCard(page, SEARCH, title).filter({ hasText: vi('task.instance', { key: person }) })).toHaveCount(1);
  }
  await inspect(page, 'task-keyed-my-tasks');
});
