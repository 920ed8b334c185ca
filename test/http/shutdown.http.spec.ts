import { jest } from '@jest/globals';
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Principal } from '../../src/access/principal.js';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { openFoundations } from '../../src/foundations.js';
import { IncidentEngine } from '../../src/incidents/incident-engine.js';
import { Shutdown } from '../../src/lifecycle/shutdown.js';
import { Dispatcher } from '../../src/notifications/dispatcher.js';
import { notificationStore } from '../../src/notifications/notification-store.js';
import { TimerFiring } from '../../src/timers/timer-firing.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { startApp, type TestApp } from '../support/test-app.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** One request on a kept-alive connection, answering the raw status, headers and body (or the error). */
function send(port: number, agent: Agent | false, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The drill playbook (a PT2H timer on START) in unit `u`, with an admin and their token. */
async function drillApp(env: Record<string, string> = {}) {
  const t = await startApp({ PLAYBOOKS_DIR: 'test/fixtures/playbooks', ...env });
  const directory = t.app.get(DirectoryService);
  await directory.createUnit(null, { id: 'u', name: 'Unit' });
  const admin = await directory.createPerson(null, { name: 'admin', admin: true });
  const token = (await directory.createToken(null, { personId: admin.id, name: 't' })).token;
  const actor: Principal = { id: admin.id, name: 'admin', kind: 'person', admin: true, assignments: [] };
  return { t, as: { Authorization: `Bearer ${token}` }, actor };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await drillApp()).t;
  });
  afterAll(() => t?.close());

  it('live, ready and /health answer without a token', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready', database: t.database.kind });
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('is not ready while a migration this build knows is not applied', async () => {
    const db = t.foundations.db;
    const [last] = await db.read((sql) => sql.rows<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name DESC LIMIT 1'));
    await db.transaction((sql) => sql.rows('DELETE FROM schema_migrations WHERE name = $1', [last.name]));
    try {
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'not_ready', reason: 'migrations', message: `migrations not applied: ${last.name}` });
      await t.http.get('/health/live').expect(200);
    } finally {
      await db.transaction((sql) => sql.rows('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [last.name, last.checksum]));
    }
    await t.http.get('/health/ready').expect(200);
  });
});

describe('a graceful shutdown', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /**
   * Holds the incident's row (and on the embedded database, the one session) until `release`, so that
   * an event sent now stays in flight; resolves once the lock is held.
   */
  async function holdIncident(app: TestApp, incidentId: string) {
    const locked = deferred();
    const gate = deferred();
    const held = app.foundations.db.transaction(async (sql) => {
      await sql.rows('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [incidentId]);
      locked.resolve();
      await gate.promise;
    });
    await locked.promise;
    return { release: async () => (gate.resolve(), await held) };
  }

  it('is not ready at once, takes no new connection, and lets the request in flight finish', async () => {
    const d = await drillApp();
    t = d.t;
    const server = t.app.getHttpServer() as Server;
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    const opened = await send(port, agent, 'POST', '/incidents', d.as, { playbook: 'drill', unit: 'u' });
    expect(opened.status).toBe(201);
    const incident = JSON.parse(opened.body).id as string;

    const hold = await holdIncident(t, incident);
    const received = new Promise((resolve) => server.once('request', resolve));
    const inFlight = send(port, agent, 'POST', `/incidents/${incident}/events`, d.as, { type: 'START' });
    await received;

    const graceOver = deferred();
    const drained = t.app.get(Shutdown).drain(graceOver.promise);
    // The application itself, reached without the closed listener: not ready, and why; still alive.
    const app = t.app.getHttpAdapter().getInstance();
    const ready = await request(app).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ error: 'not_ready', reason: 'draining', message: 'shutting down: finishing the requests in flight' });
    await request(app).get('/health/live').expect(200);
    // The listener is closed: a new connection is refused.
    await expect(send(port, false, 'GET', '/health/live')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await hold.release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body).incident.level).toBe('running');
    // Its kept-alive connection is closed after the answer, so the server can close.
    expect(answered.headers.connection).toBe('close');
    expect(await drained).toEqual({ cutConnections: 0, backgroundStopped: true });
    const [{ n }] = await t.foundations.db.read((sql) => sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM incident_events WHERE incident_id = $1 AND type = 'START'`, [incident]));
    expect(n).toBe(1);
    agent.destroy();
  });

  it('cuts what is still in flight when the grace runs out', async () => {
    const d = await drillApp();
    t = d.t;
    const server = t.app.getHttpServer() as Server;
    const port = await listen(server);
    const incident = (await t.http.post('/incidents').set(d.as).send({ playbook: 'drill', unit: 'u' }).expect(201)).body.id;
    const hold = await holdIncident(t, incident);
    const received = new Promise((resolve) => server.once('request', resolve));
    const inFlight = send(port, false, 'POST', `/incidents/${incident}/events`, d.as, { type: 'START' }).catch((e: NodeJS.ErrnoException) => e);
    try {
      await received;
      const graceOver = deferred();
      const drained = t.app.get(Shutdown).drain(graceOver.promise);
      graceOver.resolve();
      expect(await drained).toEqual({ cutConnections: 1, backgroundStopped: true });
      expect(await inFlight).toMatchObject({ code: 'ECONNRESET' });
    } finally {
      // The handler still runs to its end once the row is free; only its answer has nowhere to go.
      await hold.release();
    }
  });
});

describe("a stopping timer poller's claims", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('are handed back: another poller fires them at once, before the lease ends, and each once', async () => {
    const N = 6;
    // One timer per transaction, one transaction at a time: the stop lands between two of them.
    const d = await drillApp({ TIMER_TX_BATCH: '1', TIMER_CONCURRENCY: '1', TIMER_LEASE_MS: '60000' });
    t = d.t;
    const engine = t.app.get(IncidentEngine);
    for (let i = 0; i < N; i++) {
      const inc = (await engine.open({ playbook: 'drill', unit: 'u' }, d.actor)).incident;
      await engine.apply(inc.id, { type: 'START' }, d.actor);
    }
    t.clock.advance(2 * 3600_000);

    const poller = t.app.get(TimerPoller);
    const firing = t.app.get(TimerFiring);
    const fire = firing.fireTimers.bind(firing);
    // The replica is told to stop while it fires the first of its claimed timers.
    // (Not awaited here: stop() waits for this very tick.)
    const spy = jest.spyOn(firing, 'fireTimers').mockImplementationOnce((chunk) => {
      void poller.stop();
      return fire(chunk);
    });
    expect(await poller.tick()).toEqual({ claimed: N, fired: 1, failed: 0 });
    spy.mockRestore();
    const db = t.foundations.db;
    const timers = async () => (await db.read((sql) => sql.rows<{ n: number; claimed: number; attempts: number }>(
      'SELECT count(*)::int AS n, count(locked_until)::int AS claimed, coalesce(sum(attempts), 0)::int AS attempts FROM timers',
    )))[0];
    expect(await timers()).toEqual({ n: N - 1, claimed: 0, attempts: 0 });
    expect(await poller.tick()).toEqual({ claimed: 0, fired: 0, failed: 0 });

    // Another replica, on the same database, with the clock where it was: nothing waits for the lease.
    const other = onPostgres ? await openFoundations(t.foundations.config) : t.foundations;
    try {
      const otherPoller = new TimerPoller(other.db, new TimerFiring(other.db, other.registry, t.clock), other.config, t.clock);
      expect(await otherPoller.drain()).toBe(N - 1);
    } finally {
      if (other !== t.foundations) await other.close();
    }
    expect(await timers()).toEqual({ n: 0, claimed: 0, attempts: 0 });
    const fired = await db.read((sql) =>
      sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM incident_events WHERE type LIKE 'xstate.after.%' GROUP BY incident_id`),
    );
    expect(fired.map((r) => r.n)).toEqual(Array(N).fill(1));
  });
});

describe("a stopping dispatcher's claims", () => {
  let t: TestApp | undefined;
  let receiver: Server | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  });

  it('are handed back: the message being sent is finished, the others are due again at once', async () => {
    const N = 4;
    const d = await drillApp();
    t = d.t;
    // A receiver that holds the first delivery until the test lets it answer.
    const arrived = deferred();
    const answer = deferred();
    const received: string[] = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body).id);
        arrived.resolve();
        void answer.promise.then(() => res.end('ok'));
      });
    });
    const port = await listen(receiver);
    const incident = (await t.app.get(IncidentEngine).open({ playbook: 'drill', unit: 'u' }, d.actor)).incident.id;
    const at = t.clock.now();
    await t.foundations.db.transaction((sql) =>
      notificationStore.insert(
        sql,
        Array.from({ length: N }, (_, i) => ({
          incident_id: incident, task_id: null, kind: 'party' as const, audience: `party ${i}`, channel: 'webhook' as const,
          address: `http://127.0.0.1:${port}/hook`, payload: { n: i }, status: 'pending' as const, last_error: null, at,
        })),
      ),
    );

    const dispatcher = t.app.get(Dispatcher);
    const tick = dispatcher.tick();
    await arrived.promise;
    const stopped = dispatcher.stop();
    answer.resolve();
    expect(await tick).toEqual({ claimed: N, delivered: 1, failed: 0 });
    await stopped;
    const states = await t.foundations.db.read((sql) =>
      sql.rows<{ status: string; attempts: number; due: boolean }>(
        `SELECT status, attempts, next_attempt_at <= $1 AS due FROM notifications ORDER BY audience`, [t!.clock.now()],
      ),
    );
    expect(states.map((r) => r.status).sort()).toEqual(['delivered', 'pending', 'pending', 'pending']);
    expect(states.filter((r) => r.status === 'pending').every((r) => r.due && r.attempts === 0)).toBe(true);

    // Another dispatcher, with the clock where it was (the lease is a minute): sends the rest now, each once.
    const other = new Dispatcher(t.foundations.db, t.foundations.config, t.clock);
    try {
      expect(await other.tick()).toEqual({ claimed: N - 1, delivered: N - 1, failed: 0 });
    } finally {
      other.onModuleDestroy();
    }
    expect(new Set(received).size).toBe(N);
    expect(received).toHaveLength(N);
  });
});
