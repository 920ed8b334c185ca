import { randomUUID } from 'node:crypto';
import { apiAs, DESKTOP, expect, inspect, newPerson, PHONE, test, tokenOf } from './support/fixtures.js';
import { completeTask, eventButton, openIncident, summaryOf, taskCard } from './support/console.js';
import { vi } from './support/i18n.js';
import { followLink, inviteAndSignIn, linkFor, PASSWORD } from './support/people.js';

// The README's walkthrough, on the demo playbook, by clicking only. The titles below are the playbook's
// own Vietnamese texts (playbooks/covid19-office.yaml and playbooks/_library/office-measures.yaml).
const EVENT = {
  suspected: 'Có trường hợp nghi ngờ mắc COVID-19',
  confirmed: 'Phát hiện ca mắc COVID-19 trong cơ quan',
  allClear: 'Hết nguy cơ, trụ sở hoạt động trở lại',
};
const LEVEL = {
  none: 'Cấp độ 1: Chưa ghi nhận trường hợp mắc bệnh trong cơ quan',
  suspected: 'Cấp độ 2: Nghi ngờ cán bộ mắc COVID-19 trong trụ sở',
  confirmed: 'Cấp độ 3: Phát hiện COVID-19 trong cơ quan',
};
const STEP = {
  notify: 'Bước 1: Thông báo',
  room: 'Bước 2: Khử trùng phòng người mắc bệnh',
  premises: 'Bước 2: Phun khử trùng toàn bộ trụ sở',
  contained: 'Đã khử trùng; theo dõi đến khi hết nguy cơ',
};
// The five step-1 notifications and whose they are.
const CHIEF_STEP1 = ['Bước 1: Thông báo ngay cho Sở Y tế', 'Bước 1: Thông báo ngay cho Trung tâm Kiểm soát bệnh tật tỉnh', 'Bước 1: Thông báo ngay cho chính quyền địa phương'];
const DIRECTOR_STEP1 = 'Thông báo ngay cho đơn vị chủ quản';
const HEAD_STEP1 = 'Thông báo ngay cho người nhà của bệnh nhân';
const DISINFECT_ROOM = 'Bước 2: Vệ sinh, khử trùng phòng của người mắc bệnh';
const SPRAY_PREMISES = 'Phun khử trùng toàn bộ trụ sở';

test('the README walkthrough by clicking: open, raise, five notifications on a phone, step 2 seen live, all clear', async ({ page, service, browser, playwright }) => {
  test.setTimeout(240_000);
  const admin = await apiAs(playwright, service, tokenOf(service, /^admin$/));
  const title = `Ca nghi ngờ tại phòng Kế hoạch ${randomUUID().slice(0, 8)}`;

  // The duty officer, at a desk. (The first-run link belongs to the newcomer's test: the admin sends a reset link.)
  await followLink(page, await linkFor(admin, service, 'duty.officer@demo', 'reset'), PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: vi('board.title') })).toBeVisible();
  await openIncident(page, 'demo', 'covid19-office', title);
  // From here on the duty officer's page is never reloaded nor navigated: what changes on it came live.
  let navigations = 0;
  page.on('framenavigated', (f) => void (f === page.mainFrame() && navigations++));
  const summary = summaryOf(page);
  await expect(summary).toContainText(LEVEL.none);
  await inspect(page, 'incident-opened');

  await page.getByLabel(vi('incident.note'), { exact: true }).fill('Fever, room 204');
  await eventButton(page, EVENT.suspected).click();
  await expect(summary).toContainText(LEVEL.suspected);
  await expect(page.getByRole('region', { name: /việc đang mở/ })).toContainText('Lập danh sách');

  // Raising to the top level asks first.
  await eventButton(page, EVENT.confirmed).click();
  const confirm = page.getByRole('dialog', { name: vi('incident.confirmTitle') });
  await expect(confirm).toContainText(EVENT.confirmed);
  await confirm.getByRole('button', { name: vi('incident.confirmYes') }).click();
  await expect(summary).toContainText(LEVEL.confirmed);
  await expect(summary).toContainText(STEP.notify);
  for (const task of CHIEF_STEP1) await expect(page.getByText(task, { exact: true })).toBeVisible();
  await inspect(page, 'incident-step1');

  await expect(page.getByRole('status').filter({ hasText: vi('live.live') })).toBeVisible();

  // The Chief of Office, on a phone: invited by the admin, sets a password, lands on My tasks.
  const chief = await newPerson(browser, service, PHONE);
  await inviteAndSignIn(chief.page, admin, service, 'chief.of.office@demo');
  await expect(chief.page.getByRole('heading', { level: 1, name: vi('tasks.title') })).toBeVisible();
  const first = taskCard(chief.page, CHIEF_STEP1[0], title);
  await expect(first).toBeVisible();
  // The first task is on the first screen, without scrolling (a compact phone top bar).
  await expect(chief.page.getByRole('article').first().getByRole('heading').first()).toBeInViewport({ ratio: 1 });
  await first.getByRole('button', { name: vi('task.acknowledge') }).click();
  await expect(first.getByRole('button', { name: vi('task.acknowledge') })).toHaveCount(0);
  await expect(first).toContainText(/đã nhận việc/);
  await inspect(chief.page, 'my-tasks');
  for (const task of CHIEF_STEP1) await completeTask(chief.page, task, title, 'Đã gọi điện lúc 09:10');
  // Still step 1: two notifications are someone else's.
  await expect(summary).toContainText(STEP.notify);

  // The director and the head of division, each on their own phone, complete theirs.
  for (const [email, task] of [
    ['director@demo', DIRECTOR_STEP1],
    ['head.of.division@demo', HEAD_STEP1],
  ] as const) {
    const other = await newPerson(browser, service, PHONE);
    await inviteAndSignIn(other.page, admin, service, email);
    await completeTask(other.page, task, title, 'Đã thông báo');
    await other.context.close();
  }

  // The duty officer's page, never reloaded, moves to step 2 by itself.
  await expect(summary).toContainText(STEP.room);
  await expect(page.getByText(DISINFECT_ROOM, { exact: true })).toBeVisible();
  await inspect(page, 'incident-step2');

  // Step 2 on the phone: the room, then the premises (raised once the room is done).
  await completeTask(chief.page, DISINFECT_ROOM, title, 'Đã khử trùng phòng 204');
  await expect(summary).toContainText(STEP.premises);
  await completeTask(chief.page, SPRAY_PREMISES, title, 'Đã phun khử trùng');
  await expect(summary).toContainText(STEP.contained);
  await chief.context.close();
  expect(navigations, 'the duty officer’s page was navigated or reloaded while it should only have listened').toBe(0);

  // All clear: back to level 1, the open tasks of the higher levels cancelled.
  await page.setViewportSize(DESKTOP);
  await eventButton(page, EVENT.allClear).click();
  await expect(summary).toContainText(LEVEL.none);
  await expect(summary).toContainText(vi('incident.noStep'));
  const timeline = page.getByRole('region', { name: vi('incident.timeline') });
  await expect(timeline).toContainText(EVENT.allClear);
  await expect(timeline).toContainText('Fever, room 204');
  await inspect(page, 'incident-all-clear');

  // What the page showed is what the service holds.
  const r = await admin.get(`/incidents/${/\/app\/incidents\/([^/?#]+)/.exec(page.url())![1]}`);
  expect(((await r.json()) as { state: string }).state).toBe('no_case');
  await admin.dispose();
});
