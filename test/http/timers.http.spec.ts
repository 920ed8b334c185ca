import { Dispatcher } from '../../src/notifications/dispatcher.js';
import { timerStore } from '../../src/incidents/timer-store.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { smtpReceiver, webhookReceiver } from '../support/peers.js';
import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

const SECRET = 'a-webhook-secret-for-tests';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let t: TestApp;
let d: Directory;
let poller: TimerPoller;
let dispatcher: Dispatcher;
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;

beforeAll(async () => {
  hook = await webhookReceiver(2);
  smtp = await smtpReceiver();
  t = await startApp({ SMTP_URL: smtp.url, WEBHOOK_SECRET: SECRET, NOTIFY_BACKOFF_MS: '1000', NOTIFY_MAX_ATTEMPTS: '4', TIMER_LEASE_MS: '30000' });
  d = await seedDirectory(t);
  await d.directory.updateUnit(null, 'dept', {
    contacts: { department_of_health: { name: 'Sở Y tế', webhook: hook.url }, parent_unit: { name: 'UBND tỉnh', email: 'ubnd@province.test' } },
  });
  poller = t.app.get(TimerPoller);
  dispatcher = t.app.get(Dispatcher);
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
  await smtp?.close();
});

const open = async () => (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
const send = async (id: string, type: string) => (await t.http.post(`/incidents/${id}/events`).set(d.as('duty')).send({ type }).expect(200)).body;
const tasks = async (id: string, q = '') => (await t.http.get(`/tasks?incident=${id}&limit=500${q}`).set(d.as('admin')).expect(200)).body as Record<string, any>[];
const timeline = async (id: string) => (await t.http.get(`/incidents/${id}/timeline`).set(d.as('admin')).expect(200)).body as Record<string, any>[];
const notifications = async (id: string) => (await t.http.get(`/notifications?incident=${id}&limit=500`).set(d.as('admin')).expect(200)).body as Record<string, any>[];
/** Moves the clock to the next local 08:00 in Ho Chi Minh City (01:00 UTC) so each test starts the same way. */
function morning() {
  const now = t.clock.now().getTime();
  const next = Math.ceil((now - HOUR) / DAY) * DAY + HOUR;
  t.clock.advance(next - now + DAY);
}

describe('recurring duties', () => {
  it('the daily 16:30 report recurs while the level is active, catches up once after downtime, and stops when the level is left', async () => {
    morning();
    const inc = await open();
    const up = await send(inc.id, 'SUSPECTED_CASE_REPORTED');
    const first = up.raised.find((x: { template: string }) => x.template === 'daily_report');
    const day0 = new Date(t.clock.now().getTime() + 8.5 * HOUR); // 16:30 local = 09:30 UTC
    expect(first).toMatchObject({ dueAt: day0.toISOString(), occurrence: day0.toISOString(), late: false, role: 'head_of_division' });

    // 16:30: the next occurrence is raised, due tomorrow; today's stays open (and overdue).
    t.clock.advance(8.5 * HOUR + MIN);
    await poller.drain();
    let reports = (await tasks(inc.id, '&status=open')).filter((x) => x.template === 'daily_report');
    expect(reports.map((x) => x.dueAt).sort()).toEqual([day0.toISOString(), new Date(day0.getTime() + DAY).toISOString()]);
    expect((await t.http.get(`/tasks?incident=${inc.id}&overdue=true`).set(d.as('admin'))).body.map((x: { id: string }) => x.id)).toContain(first.id);

    // Down for three days: one late occurrence for the latest missed 16:30, then the next one.
    t.clock.advance(3 * DAY + 2 * HOUR);
    await poller.drain();
    reports = (await tasks(inc.id)).filter((x) => x.template === 'daily_report');
    const late = reports.filter((x) => x.late);
    expect(late).toHaveLength(1);
    expect(late[0].occurrence).toBe(new Date(day0.getTime() + 3 * DAY).toISOString());
    expect(reports).toHaveLength(4);
    const recurEvents = (await timeline(inc.id)).filter((e) => e.type === 'RECUR');
    expect(recurEvents).toHaveLength(2);
    expect(recurEvents[0]).toMatchObject({ actor: 'scheduler', actorId: null });

    // Lowering the level cancels the open occurrences and ends the series.
    const down = await send(inc.id, 'CASE_RULED_OUT');
    expect(down.cancelled.filter((x: { template: string }) => x.template === 'daily_report')).toHaveLength(4);
    const timers = await t.foundations.db.read((sql) => timerStore.list(sql, inc.id));
    expect(timers.filter((x) => x.key.startsWith('recur:'))).toEqual([]);
    t.clock.advance(2 * DAY);
    await poller.drain();
    expect((await tasks(inc.id)).filter((x) => x.template === 'daily_report')).toHaveLength(4);
  });
});

describe('escalation', () => {
  it('an undone task escalates step by step up its chain, notifying each role; completing it stops the chain', async () => {
    morning();
    const inc = await open();
    const up = await send(inc.id, 'SUSPECTED_CASE_REPORTED');
    const task = up.raised.find((x: { template: string }) => x.template === 'notify_monitoring_team');
    expect(task.dueAt).toBe(new Date(t.clock.now().getTime() + 15 * MIN).toISOString()); // "immediately" = PT15M

    // Seeing it does not stop escalation of an undone task.
    await t.http.post(`/tasks/${task.id}/acknowledge`).set(d.as('head')).expect(200);
    t.clock.advance(15 * MIN);
    await poller.drain();
    let now = (await t.http.get(`/tasks/${task.id}`).set(d.as('admin'))).body;
    expect(now.escalationStep).toBe(1);
    expect(now.escalations[0]).toMatchObject({ step: 1, role: 'head_of_division', notified: [d.ids.head] });

    t.clock.advance(30 * MIN);
    await poller.drain();
    now = (await t.http.get(`/tasks/${task.id}`).set(d.as('admin'))).body;
    expect(now.escalations.map((e: { role: string }) => e.role)).toEqual(['head_of_division', 'chief_of_office']);

    const esc = (await timeline(inc.id)).filter((e) => e.type === 'TASK_ESCALATED' && e.data.taskId === task.id);
    expect(esc.map((e) => e.data.step)).toEqual([1, 2]);
    const sent = (await notifications(inc.id)).filter((n) => n.kind === 'escalation' && n.taskId === task.id);
    expect(sent.map((n) => [n.audience, n.channel, n.address]).sort()).toEqual([
      ['chief_of_office', 'email', 'chief@test'],
      ['head_of_division', 'email', 'head@test'],
    ]);

    await t.http.post(`/tasks/${task.id}/complete`).set(d.as('head')).send({}).expect(200);
    t.clock.advance(2 * HOUR);
    await poller.drain();
    expect((await t.http.get(`/tasks/${task.id}`).set(d.as('admin'))).body.escalationStep).toBe(2);
    expect((await t.http.get(`/tasks?incident=${inc.id}&overdue=true&limit=500`).set(d.as('admin'))).body.map((x: { id: string }) => x.id)).not.toContain(task.id);
  });
});

describe('escalations in one batch', () => {
  it('many steps of one incident fired together are each recorded once, in an unbroken timeline', async () => {
    morning();
    const inc = await open();
    await send(inc.id, 'SUSPECTED_CASE_REPORTED');
    // A day later every level-2 task is overdue and several steps of each chain are due at once.
    t.clock.advance(DAY);
    await poller.drain();
    const all = await tasks(inc.id);
    const steps = all.reduce((n, x) => n + x.escalations.length, 0);
    expect(all.filter((x) => x.escalationStep > 0).length).toBeGreaterThan(5);
    const entries = await timeline(inc.id);
    expect(entries.filter((e) => e.type === 'TASK_ESCALATED')).toHaveLength(steps);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    const now = (await t.http.get(`/incidents/${inc.id}`).set(d.as('admin')).expect(200)).body;
    expect(now.version).toBe(entries.length);
    // One message per step to the role's holder; nothing is left due.
    const sent = (await notifications(inc.id)).filter((n) => n.kind === 'escalation');
    expect(sent).toHaveLength(steps);
    await poller.drain();
    expect((await timeline(inc.id)).length).toBe(entries.length);
    // Deliver them (to the test's SMTP server) so the outbox is empty for the tests below.
    while ((await dispatcher.tick()).claimed > 0);
    expect((await notifications(inc.id)).filter((n) => n.status === 'pending')).toEqual([]);
  });
});

describe('notifications', () => {
  it('delivers a party message to a webhook that fails twice, with retries, one message id and a valid signature', async () => {
    morning();
    const inc = await open();
    await send(inc.id, 'CASE_CONFIRMED');
    let messages = await notifications(inc.id);
    const doh = messages.find((n) => n.audience === 'department_of_health')!;
    expect(doh).toMatchObject({ kind: 'party', channel: 'webhook', status: 'pending', attempts: 0 });

    await dispatcher.tick();
    expect((await notifications(inc.id)).find((n) => n.id === doh.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered 500' });
    await dispatcher.tick(); // not due yet: backoff
    expect(hook.received).toHaveLength(1);
    t.clock.advance(1000);
    await dispatcher.tick();
    t.clock.advance(2000);
    await dispatcher.tick();
    messages = await notifications(inc.id);
    expect(messages.find((n) => n.id === doh.id)).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(hook.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(hook.received.map((r) => r.headers['x-message-id']))).toEqual(new Set([doh.id]));
    expect(hook.received.every((r) => hook.verify(r, SECRET))).toBe(true);
    expect(JSON.parse(hook.received[2].body)).toMatchObject({ id: doh.id, party: 'department_of_health', message: { en: expect.stringMatching(/confirmed/) }, incident: { id: inc.id, level: 'confirmed_case' } });

    // The parent unit is reached by email through a real SMTP server, with the message id as Message-ID.
    const parent = messages.find((n) => n.audience === 'parent_unit')!;
    expect(parent).toMatchObject({ channel: 'email', status: 'delivered', address: 'ubnd@province.test' });
    const mail = smtp.messages.find((m) => m.raw.includes(`<${parent.id}@playbook-engine>`))!;
    expect(mail.to).toEqual(['ubnd@province.test']);
    expect(mail.raw).toMatch(/Subject: /);
  });

  it('escalation emails reach the people of the role', async () => {
    morning();
    const inc = await open();
    await send(inc.id, 'SUSPECTED_CASE_REPORTED');
    t.clock.advance(16 * MIN);
    await poller.drain();
    await dispatcher.tick();
    const esc = (await notifications(inc.id)).filter((n) => n.kind === 'escalation');
    expect(esc.length).toBeGreaterThan(0);
    expect(esc.every((n) => n.status === 'delivered')).toBe(true);
    expect(smtp.messages.some((m) => m.to.includes('head@test') && m.raw.includes(esc[0].id))).toBe(true);
  });

  it('gives up after the last attempt (dead) and records a party the unit cannot reach as dead at once', async () => {
    morning();
    await d.directory.updateUnit(null, 'dept', { contacts: { department_of_health: { webhook: 'http://127.0.0.1:9/unreachable' } } });
    try {
      const inc = await open();
      await send(inc.id, 'CASE_CONFIRMED');
      for (let i = 0; i < 6; i++) {
        await dispatcher.tick();
        t.clock.advance(10 * MIN);
      }
      const messages = await notifications(inc.id);
      expect(messages.find((n) => n.audience === 'department_of_health')).toMatchObject({ status: 'dead', attempts: 4 });
      expect(messages.find((n) => n.audience === 'parent_unit')).toMatchObject({ status: 'dead', attempts: 0, lastError: expect.stringMatching(/no contact/) });
    } finally {
      await d.directory.updateUnit(null, 'dept', {
        contacts: { department_of_health: { name: 'Sở Y tế', webhook: hook.url }, parent_unit: { name: 'UBND tỉnh', email: 'ubnd@province.test' } },
      });
    }
  });
});

describe('timer leases', () => {
  it('a timer claimed by a replica that died comes back when the lease runs out, and fires once', async () => {
    morning();
    const inc = await open();
    const up = await send(inc.id, 'SUSPECTED_CASE_REPORTED');
    const task = up.raised.find((x: { template: string }) => x.template === 'notify_monitoring_team');
    t.clock.advance(15 * MIN);
    // Another replica claims everything due, then dies without firing.
    const claimed = await t.foundations.db.transaction((sql) => timerStore.claim(sql, t.clock.now(), 30_000, 1000));
    expect(claimed.map((c) => c.key)).toContain(`escalate:${task.id}`);
    expect((await poller.tick()).claimed).toBe(0);
    t.clock.advance(30_000);
    await poller.drain();
    expect((await t.http.get(`/tasks/${task.id}`).set(d.as('admin'))).body.escalationStep).toBe(1);
    expect(await poller.drain()).toBe(0);
  });
});
