import { TimerPoller } from '../../src/timers/timer-poller.js';
import { startOnceApp } from '../support/once-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A fired timer is gone: moving the clock past the claim lease and draining again fires nothing more.
 * The firing transaction deletes the row; if it only marked it, the row would come back to the poller
 * once its lease ran out and fire a second time. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const LEASE = 30_000;

let t: TestApp;
let poller: TimerPoller;
let admin: { Authorization: string };

beforeAll(async () => {
  ({ t, poller, admin } = await startOnceApp({ TIMER_LEASE_MS: String(LEASE) }));
});
afterAll(async () => {
  await t?.close();
});

const open = async () => (await t.http.post('/incidents').set(admin).send({ playbook: 'once', unit: 'u' }).expect(201)).body;
const send = async (id: string, type: string) => (await t.http.post(`/incidents/${id}/events`).set(admin).send({ type }).expect(200)).body;
const get = async (path: string) => (await t.http.get(path).set(admin).expect(200)).body;
const timeline = async (id: string) => (await get(`/incidents/${id}/timeline`)) as Record<string, any>[];
const timerKeys = async (id: string) =>
  (await t.foundations.db.read((sql) => sql.rows<{ key: string }>('SELECT key FROM timers WHERE incident_id = $1 ORDER BY key', [id]))).map((r) => r.key);
/** Moves the clock to the next local 08:00 in Ho Chi Minh City (01:00 UTC), so each test starts its day the same way. */
function morning() {
  const now = t.clock.now().getTime();
  t.clock.advance(Math.ceil((now - HOUR) / DAY) * DAY + HOUR - now + DAY);
}

describe('an escalation step, once fired', () => {
  it('is recorded once on the timeline, the task and in the outbox, however long the clock runs past its lease', async () => {
    morning();
    const inc = await open();
    const act = (await send(inc.id, 'START')).raised.find((x: { template: string }) => x.template === 'act');
    // What one incident shows of the task's escalation: timeline entries, task entries, outbox messages.
    const seen = async () => {
      const task = await get(`/tasks/${act.id}`);
      return {
        timeline: (await timeline(inc.id)).filter((e) => e.type === 'TASK_ESCALATED').map((e) => [e.data.taskId, e.data.step, e.data.role]),
        task: task.escalations.map((e: { step: number; role: string }) => [e.step, e.role]),
        outbox: ((await get(`/notifications?incident=${inc.id}&limit=500`)) as Record<string, any>[])
          .filter((n) => n.kind === 'escalation')
          .map((n) => [n.taskId, n.audience, n.address])
          .sort(),
      };
    };

    // Step 1 falls due with the task (PT15M); its firing replaces the row with step 2's timer.
    t.clock.advance(15 * MIN);
    expect(await poller.drain()).toBe(1);
    const first = { timeline: [[act.id, 1, 'boss']], task: [[1, 'boss']], outbox: [[act.id, 'boss', 'boss@test']] };
    expect(await seen()).toEqual(first);
    t.clock.advance(LEASE);
    const afterFirstLease = await poller.drain();
    expect(await seen()).toEqual(first);
    expect(afterFirstLease).toBe(0);

    // Step 2, the last: nothing overwrites its row, so a row left in place would fire again after the lease.
    t.clock.advance(30 * MIN - LEASE);
    expect(await poller.drain()).toBe(1);
    const both = {
      timeline: [[act.id, 1, 'boss'], [act.id, 2, 'top']],
      task: [[1, 'boss'], [2, 'top']],
      outbox: [[act.id, 'boss', 'boss@test'], [act.id, 'top', 'top@test']],
    };
    expect(await seen()).toEqual(both);
    t.clock.advance(LEASE);
    const afterLastLease = await poller.drain();
    expect(await seen()).toEqual(both);
    expect(afterLastLease).toBe(0);
    expect(await timerKeys(inc.id)).toEqual(['recur:daily']);
    expect((await get(`/tasks/${act.id}`)).escalationStep).toBe(2);
  });
});

describe('a recurring duty, once fired', () => {
  it('raises its occurrence once and leaves exactly one timer, for the next occurrence, unclaimed', async () => {
    morning();
    const inc = await open();
    await send(inc.id, 'START');
    const today = new Date(t.clock.now().getTime() + 8.5 * HOUR); // 16:30 local
    t.clock.advance(8.5 * HOUR);
    await poller.drain();
    const recurs = async () => (await timeline(inc.id)).filter((e) => e.type === 'RECUR');
    const dailies = async () => ((await get(`/tasks?incident=${inc.id}&limit=500`)) as { template: string; dueAt: string }[]).filter((x) => x.template === 'daily').map((x) => x.dueAt).sort();
    const expected = [today.toISOString(), new Date(today.getTime() + DAY).toISOString()];
    expect(await recurs()).toHaveLength(1);
    expect(await dailies()).toEqual(expected);

    // Firing restarts the same key for the next occurrence: one row, due tomorrow, unclaimed and untried
    // (a claim left on it would hold tomorrow's occurrence back). Because the row is overwritten, this
    // test cannot tell a deleted row from one left in place; the escalation and reminder tests can.
    const row = async () =>
      t.foundations.db.read((sql) => sql.rows<{ fire_at: Date; locked_until: Date | null; attempts: number }>("SELECT fire_at, locked_until, attempts FROM timers WHERE incident_id = $1 AND key = 'recur:daily'", [inc.id]));
    expect((await row()).map((r) => [new Date(r.fire_at).toISOString(), r.locked_until, r.attempts])).toEqual([[expected[1], null, 0]]);
    t.clock.advance(LEASE);
    await poller.drain();
    expect(await recurs()).toHaveLength(1);
    expect(await dailies()).toEqual(expected);
    expect(await row()).toHaveLength(1);
  });
});

describe('a delayed transition, once fired', () => {
  it('runs its actions once and leaves no timer row behind to be claimed again', async () => {
    morning();
    const inc = await open();
    await send(inc.id, 'PAUSE');
    const [key] = await timerKeys(inc.id);
    expect(key).toMatch(/^xstate\.after\.PT2H\./);
    const seen = async () => ({
      timeline: (await timeline(inc.id)).filter((e) => e.data?.timer === key).map((e) => e.type),
      outbox: ((await get(`/notifications?incident=${inc.id}&limit=500`)) as { audience: string }[]).map((n) => n.audience),
    });
    t.clock.advance(2 * HOUR);
    await poller.drain();
    const once = { timeline: [key], outbox: ['watch'] };
    expect(await seen()).toEqual(once);
    // It stays in `paused`, where the same timer event is still handled: a second firing would show.
    expect(await get(`/incidents/${inc.id}`)).toMatchObject({ level: 'paused' });
    t.clock.advance(LEASE);
    await poller.drain();
    expect(await seen()).toEqual(once);
    expect(await timerKeys(inc.id)).toEqual([]);
  });
});
