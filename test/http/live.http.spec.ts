import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeFeed } from '../../src/live/change-feed.js';
import { announce } from '../../src/live/changes.js';
import { LiveStreams } from '../../src/live/live-streams.js';
import { Shutdown } from '../../src/lifecycle/shutdown.js';
import { Dispatcher } from '../../src/notifications/dispatcher.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { seedDirectory, type Directory, type Who } from '../support/people.js';
import { openStream, type SseClient } from '../support/sse.js';
import { freshDatabase } from '../support/databases.js';
import { ensureBuilt, listeningPort, startService } from '../support/service-process.js';
import { startApp, type TestApp } from '../support/test-app.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function openIncident(t: TestApp, d: Directory, who: Who, unit: string): Promise<string> {
  const res = await t.http.post('/incidents').set(d.as(who)).send({ playbook: 'covid19-office', unit });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function raise(t: TestApp, d: Directory, who: Who, id: string): Promise<void> {
  const res = await t.http.post(`/incidents/${id}/events`).set(d.as(who)).send({ type: 'SUSPECTED_CASE_REPORTED' });
  expect(res.status).toBe(200);
}

describe(`GET /live on ${onPostgres ? 'PostgreSQL' : 'the embedded database'}`, () => {
  let t: TestApp;
  let d: Directory;
  let base: string;
  const open: SseClient[] = [];
  const stream = async (who: Who) => {
    const s = await openStream(base, '/live', d.as(who));
    open.push(s);
    return s;
  };
  /**
   * Waits until the stream has had every change committed before now, and answers how many changes it
   * has had. A change committed just before the stream opened can still reach it (the service hears its
   * database notifications a moment after the commit); a marker announced now arrives after all of
   * them, because notifications come in commit order.
   */
  const settled = async (s: SseClient) => {
    const marker = `marker-${Date.now()}-${Math.random()}`;
    await t.foundations.db.transaction((sql) => announce(sql, [{ kind: 'incident', incidentId: marker, unitId: 'dept' }]));
    await s.next((e) => e.event === 'change' && e.data.includes(marker));
    return s.changes().length;
  };

  beforeAll(async () => {
    t = await startApp();
    d = await seedDirectory(t);
    base = await listen(t);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('needs a token like every route', async () => {
    const res = await t.http.get('/live');
    expect(res.status).toBe(401);
  });

  it('sends an event stream: retry first, then a change for an event applied through HTTP', async () => {
    const id = await openIncident(t, d, 'duty', 'dept');
    const s = await stream('duty');
    expect(s.response.statusCode).toBe(200);
    expect(s.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.response.headers['cache-control']).toContain('no-cache');
    await raise(t, d, 'duty', id);
    const e = await s.next((x) => x.event === 'change');
    expect(JSON.parse(e.data)).toEqual({ kind: 'incident', incidentId: id, unitId: 'dept' });
    expect(s.retry).toBe(3000);
  });

  it('sends each client only the incidents it may read: its units and those below; admins all', async () => {
    const [dept, other, province] = await Promise.all([stream('duty'), stream('otherDuty'), stream('provinceDuty')]);
    const admin = await stream('admin');
    const inOther = await openIncident(t, d, 'otherDuty', 'other');
    const inDept = await openIncident(t, d, 'duty', 'dept');
    // Notices arrive in commit order, so once a later one is here an earlier one would have been too.
    await dept.next((e) => e.data.includes(inDept));
    expect(dept.changes().map((c) => c.incidentId)).toEqual([inDept]);
    await province.next((e) => e.data.includes(inDept));
    expect(province.changes().map((c) => c.incidentId)).toEqual([inDept]);
    await admin.next((e) => e.data.includes(inDept));
    expect(admin.changes().map((c) => c.incidentId)).toEqual([inOther, inDept]);
    await raise(t, d, 'otherDuty', inOther);
    await other.next((e) => e.data.includes(inOther) && JSON.parse(e.data).kind === 'incident' && other.changes().length === 2);
    expect(other.changes().map((c) => c.incidentId)).toEqual([inOther, inOther]);
  });

  it('sends the changes of a unit created below the caller\'s after the stream opened', async () => {
    const s = await stream('duty');
    await d.directory.createUnit(null, { id: 'annex', name: 'Phòng một cửa', parentId: 'dept' });
    const id = await openIncident(t, d, 'duty', 'annex');
    // The new unit's change (a change of the earlier tests may still be arriving: see settled()).
    const e = await s.next((x) => x.event === 'change' && JSON.parse(x.data).unitId === 'annex');
    expect(JSON.parse(e.data)).toEqual({ kind: 'incident', incidentId: id, unitId: 'annex' });
  });

  it('announces task commands, each incident once per transaction, and nothing that rolled back', async () => {
    const id = await openIncident(t, d, 'duty', 'dept');
    await raise(t, d, 'duty', id);
    const s = await stream('viewer');
    const from = await settled(s);
    const tasks = await t.http.get(`/tasks?incident=${id}&assignee=me&status=open`).set(d.as('chief'));
    const task = tasks.body[0];
    const ack = await t.http.post(`/tasks/${task.id}/acknowledge`).set(d.as('chief'));
    expect(ack.status).toBe(200);
    await s.next((e) => e.event === 'change' && JSON.parse(e.data).kind === 'task');
    expect(s.changes().slice(from)).toEqual([{ kind: 'task', incidentId: id, unitId: 'dept' }]);

    // A rolled-back transaction announces nothing; a committed one announces each incident once.
    const db = t.foundations.db;
    await expect(
      db.transaction(async (sql) => {
        await announce(sql, [{ kind: 'incident', incidentId: id, unitId: 'dept' }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.transaction(async (sql) => {
      await announce(sql, [{ kind: 'notification', incidentId: id, unitId: 'dept' }, { kind: 'incident', incidentId: id, unitId: 'dept' }]);
      await announce(sql, [{ kind: 'task', incidentId: id, unitId: 'dept' }]);
    });
    const done = await t.http.post(`/tasks/${task.id}/complete`).set(d.as('chief')).send({});
    expect(done.status).toBe(200);
    await s.until(() => s.changes().length === from + 3, 'three changes');
    expect(s.changes().slice(from).map((c) => c.kind)).toEqual(['task', 'notification', 'task']);
  });

  it('announces delivery states from the dispatcher and escalations from the timer poller', async () => {
    await d.directory.updateUnit(null, 'dept', { contacts: { department_of_health: { log: true }, parent_unit: { log: true } } });
    const id = await openIncident(t, d, 'duty', 'dept');
    await t.http.post(`/incidents/${id}/events`).set(d.as('duty')).send({ type: 'CASE_CONFIRMED' }).expect(200);
    const s = await stream('viewer');
    const from = await settled(s);
    expect(await t.app.get(Dispatcher).tick()).toMatchObject({ delivered: 2 });
    await s.until(() => s.changes().length === from + 2, 'two delivery changes');
    expect(s.changes().slice(from)).toEqual([1, 2].map(() => ({ kind: 'notification', incidentId: id, unitId: 'dept' })));
    // Past the step-1 tasks' due time and the first escalation step.
    t.clock.advance(3 * 3600_000);
    await t.app.get(TimerPoller).drain();
    await s.next((e) => e.event === 'change' && JSON.parse(e.data).kind === 'task');
  });

  it('sends a heartbeat comment on its interval', async () => {
    t.app.get(LiveStreams).heartbeatMs = 20;
    try {
      const s = await stream('viewer');
      await s.until(() => s.comments.includes('heartbeat'), 'heartbeat comment');
    } finally {
      t.app.get(LiveStreams).heartbeatMs = 15_000;
    }
  });

  it('ends a stream after its maximum age, so that access is checked again on reconnecting', async () => {
    const live = t.app.get(LiveStreams);
    live.maxAgeMs = 30;
    try {
      const s = await stream('viewer');
      await s.until(() => s.ended, 'end of stream');
    } finally {
      live.maxAgeMs = 10 * 60_000;
    }
  });

  it('forgets a client that went away', async () => {
    const live = t.app.get(LiveStreams);
    // The streams of the tests before were closed by their clients: the server has forgotten them too.
    await waitForCount(live, 0);
    const clients = await Promise.all([stream('duty'), stream('admin'), stream('viewer')]);
    expect(live.count).toBe(3);
    for (const c of clients) c.close();
    await waitForCount(live, 0);
  });

  (onPostgres ? it : it.skip)('reconnects its LISTEN connection after it is terminated, and tells clients to resync', async () => {
    const feed = t.app.get(ChangeFeed);
    const pid = feed.backendPid!;
    expect(pid).toBeGreaterThan(0);
    const s = await stream('duty');
    await t.foundations.db.read((sql) => sql.rows('SELECT pg_terminate_backend($1)', [pid]));
    await s.next((e) => e.event === 'resync');
    expect(feed.backendPid).not.toBe(pid);
    const id = await openIncident(t, d, 'duty', 'dept');
    await s.next((e) => e.event === 'change' && e.data.includes(id));
  });

  it('ends open streams when the replica drains, so a stop does not wait for them', async () => {
    const s = await stream('duty');
    const live = t.app.get(LiveStreams);
    await waitForCount(live, 1);
    // The grace never runs out here: the drain must finish on its own.
    const report = await t.app.get(Shutdown).drain(new Promise(() => undefined));
    expect(report.cutConnections).toBe(0);
    await s.until(() => s.ended, 'end of stream');
    expect(live.count).toBe(0);
  });
});

describe('the service with an open event stream, stopped by SIGTERM', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('ends the stream and exits 0 without waiting for the grace period', async () => {
    const database = await freshDatabase();
    // A stream left open would hold the drain for the whole grace, then be cut ("still in flight").
    const service = startService({ ...database.env, PORT: '0', SEED_DEMO: 'true', SCHEDULER_INTERVAL_MS: '60000', SHUTDOWN_GRACE_MS: '30000' });
    try {
      const port = await listeningPort(service);
      const [, token] = await service.waitFor(/admin@demo\s+(pbe_\S+)/, 'the demo admin token');
      const s = await openStream(`http://127.0.0.1:${port}`, '/live', { Authorization: `Bearer ${token}` });
      expect(s.response.statusCode).toBe(200);
      const { code } = await service.kill('SIGTERM');
      expect(code).toBe(0);
      await s.until(() => s.ended, 'end of stream');
      const said = service.stdout() + service.stderr();
      expect(said).toMatch(/stopped in \d+ ms/);
      expect(said).not.toMatch(/still in flight/);
    } finally {
      await service.kill('SIGKILL');
      await database.drop();
    }
  }, 300_000);
});

(onPostgres ? describe : describe.skip)('GET /live across two replicas on one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  let d: Directory;
  let s: SseClient | undefined;

  beforeAll(async () => {
    a = await startApp();
    d = await seedDirectory(a);
    b = await startApp({}, { database: a.database });
  });
  afterAll(async () => {
    s?.close();
    await b?.close();
    await a?.close();
  });

  it('a change made through replica A reaches a client of replica B', async () => {
    const baseB = await listen(b);
    s = await openStream(baseB, '/live', d.as('duty'));
    const id = await openIncident(a, d, 'duty', 'dept');
    const e = await s.next((x) => x.event === 'change', 30_000);
    expect(JSON.parse(e.data)).toEqual({ kind: 'incident', incidentId: id, unitId: 'dept' });
  });
});

function waitForCount(live: LiveStreams, n: number): Promise<void> {
  if (live.count === n) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (count: number) => {
      if (count !== n) return;
      live.events.off('count', on);
      resolve();
    };
    live.events.on('count', on);
  });
}
