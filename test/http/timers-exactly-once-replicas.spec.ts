import { DirectoryService } from '../../src/directory/directory.service.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { startApp, type TestApp } from '../support/test-app.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const N = 20;
const MIN = 60_000;
const LEASE = 30_000;

/**
 * Two replicas of the whole service, each with its own pool, on one PostgreSQL database, both polling
 * after every clock move: a fired escalation step is not fired again by either of them once its
 * claim's lease has run out. (Each replica has its own fake clock; the test moves both together.)
 */
(onPostgres ? describe : describe.skip)('escalations fired by two replicas on one PostgreSQL', () => {
  let replicas: TestApp[] = [];
  // Small claims, so that both replicas get some of the due timers.
  const env = { PLAYBOOKS_DIR: 'test/fixtures/exactly-once', TIMER_BATCH: '4', TIMER_LEASE_MS: String(LEASE) };

  beforeAll(async () => {
    const a = await startApp(env);
    replicas = [a, await startApp(env, { database: a.database })];
  });
  afterAll(async () => {
    // The first replica drops the database, so it closes last.
    for (const r of [...replicas].reverse()) await r.close();
  });

  it(`record each step of ${N} tasks' escalation once, however long the clock runs past the lease`, async () => {
    const [a] = replicas;
    const directory = a.app.get(DirectoryService);
    await directory.createUnit(null, { id: 'u', name: 'Unit' });
    const admin = await directory.createPerson(null, { name: 'admin', admin: true });
    const as = { Authorization: `Bearer ${(await directory.createToken(null, { personId: admin.id, name: 't' })).token}` };
    for (const role of ['lead', 'boss', 'top']) {
      const person = await directory.createPerson(null, { name: role, email: `${role}@test` });
      await directory.assign(null, { unitId: 'u', role, personId: person.id });
    }
    for (let i = 0; i < N; i++) {
      const inc = (await a.http.post('/incidents').set(as).send({ playbook: 'once', unit: 'u' }).expect(201)).body;
      await a.http.post(`/incidents/${inc.id}/events`).set(as).send({ type: 'START' }).expect(200);
    }

    const advance = (ms: number) => replicas.forEach((r) => r.clock.advance(ms));
    const pollers = replicas.map((r) => r.app.get(TimerPoller));
    const drainBoth = async () => (await Promise.all(pollers.map((p) => p.drain()))).reduce((x, y) => x + y, 0);
    const count = async (query: string) => (await a.foundations.db.read((sql) => sql.rows<{ n: number }>(query)))[0].n;
    // Each (task, step) once on the timeline, on the task and in the outbox; and how many there are.
    const recorded = async () => ({
      timeline: await count(`SELECT count(DISTINCT (data->>'taskId', data->>'step'))::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED'`),
      timelineRows: await count(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED'`),
      onTasks: await count(`SELECT coalesce(sum(jsonb_array_length(escalations)), 0)::int AS n FROM tasks`),
      outbox: await count(`SELECT count(DISTINCT (task_id, payload->>'step'))::int AS n FROM notifications WHERE kind = 'escalation'`),
      outboxRows: await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'escalation'`),
    });
    const steps = (n: number) => ({ timeline: n, timelineRows: n, onTasks: n, outbox: n, outboxRows: n });

    advance(15 * MIN); // step 1 of every task
    expect(await drainBoth()).toBe(N);
    expect(await recorded()).toEqual(steps(N));
    advance(LEASE);
    const afterFirstLease = await drainBoth();
    expect(await recorded()).toEqual(steps(N));
    expect(afterFirstLease).toBe(0);

    advance(30 * MIN - LEASE); // step 2, the last: nothing replaces its timer row
    expect(await drainBoth()).toBe(N);
    expect(await recorded()).toEqual(steps(2 * N));
    advance(LEASE);
    const afterLastLease = await drainBoth();
    expect(await recorded()).toEqual(steps(2 * N));
    expect(afterLastLease).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM timers WHERE key LIKE 'escalate:%'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM tasks WHERE escalation_step = 2`)).toBe(N);
  });
});
