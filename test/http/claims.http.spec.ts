import { TimerPoller } from '../../src/timers/timer-poller.js';
import { startOnceApp } from '../support/once-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Claims the code and its comments make that no other test checks: a failing timer does not hold back
 * the others of its batch, the record tables refuse rewrites at the database itself, and the bodies of
 * /docs and of a 413. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
const MIN = 60_000;
const LEASE = 30_000;

let t: TestApp;
let poller: TimerPoller;
let admin: { Authorization: string };

beforeAll(async () => {
  // One transaction batch holds every timer that falls due below, so the bad one is in the same batch.
  ({ t, poller, admin } = await startOnceApp({ TIMER_LEASE_MS: String(LEASE), TIMER_TX_BATCH: '50', TIMER_CONCURRENCY: '1' }));
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.foundations.db;
const count = async (query: string, params: unknown[] = []) => (await db().read((sql) => sql.rows<{ n: number }>(query, params)))[0].n;
const open = async () => {
  const inc = (await t.http.post('/incidents').set(admin).send({ playbook: 'once', unit: 'u' }).expect(201)).body;
  await t.http.post(`/incidents/${inc.id}/events`).set(admin).send({ type: 'START' }).expect(200);
  return inc as { id: string };
};

describe('a batch of due timers with one that fails', () => {
  it('fires the others one at a time, and leaves the bad one claimed, to be retried when its lease runs out', async () => {
    const incidents = [await open(), await open(), await open()];
    // A timer whose event the engine cannot carry out (its task id is not a task id at all), as a row
    // written by an older release or by hand might be: due with the three escalations below.
    const fireAt = new Date(t.clock.now().getTime() + 15 * MIN);
    await db().transaction((sql) =>
      sql.rows(`INSERT INTO timers (incident_id, key, event, fire_at, created_at) VALUES ($1, 'escalate:corrupt', $2, $3, $4)`, [
        incidents[1].id,
        JSON.stringify({ type: 'ESCALATE', taskId: 'not-a-task-id', step: 0 }),
        fireAt,
        t.clock.now(),
      ]),
    );
    const bad = () =>
      db().read((sql) => sql.rows<{ attempts: number; locked_until: Date }>("SELECT attempts, locked_until FROM timers WHERE key = 'escalate:corrupt'"));
    try {
      t.clock.advance(15 * MIN);
      // One claim, one transaction batch of four: the batch fails as a whole, then each is fired alone.
      expect(await poller.tick()).toEqual({ claimed: 4, fired: 3, failed: 1 });
      const ids = incidents.map((i) => i.id);
      expect(await count(`SELECT count(*)::int AS n FROM tasks WHERE template = 'act' AND escalation_step = 1 AND incident_id = ANY($1::uuid[])`, [ids])).toBe(3);
      expect(await count(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED' AND incident_id = ANY($1::uuid[])`, [ids])).toBe(3);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'escalation' AND incident_id = ANY($1::uuid[])`, [ids])).toBe(3);
      // Its firing was rolled back: still there, claimed until the lease ends.
      expect((await bad()).map((r) => [r.attempts, new Date(r.locked_until).toISOString()])).toEqual([[1, new Date(t.clock.now().getTime() + LEASE).toISOString()]]);
      expect(await poller.tick()).toEqual({ claimed: 0, fired: 0, failed: 0 });
      t.clock.advance(LEASE);
      expect(await poller.tick()).toEqual({ claimed: 1, fired: 0, failed: 1 });
      expect((await bad()).map((r) => r.attempts)).toEqual([2]);
      expect(await count(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED' AND incident_id = ANY($1::uuid[])`, [ids])).toBe(3);
    } finally {
      await db().transaction((sql) => sql.rows("DELETE FROM timers WHERE key = 'escalate:corrupt'"));
    }
  });
});

describe('a due time written by hand', () => {
  // The poller takes a claimed timer by its due time read back in milliseconds: a due time with
  // microseconds would never match and be claimed again after every lease, silently, forever.
  it('with microseconds is refused by the database; in whole milliseconds it fires', async () => {
    const { id } = await open();
    await expect(db().transaction((sql) => sql.rows(`UPDATE timers SET fire_at = '2020-01-01T00:00:00.123456Z' WHERE incident_id = $1`, [id]))).rejects.toThrow(/timers_fire_at_whole_ms/);
    await db().transaction((sql) => sql.rows(`UPDATE timers SET fire_at = $2 WHERE incident_id = $1 AND key LIKE 'escalate:%'`, [id, t.clock.now()]));
    expect((await poller.tick()).fired).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED' AND incident_id = $1`, [id])).toBe(1);
  });
});

describe('the audit log and the incident timeline', () => {
  // A row trigger fires only on rows the statement touches: both tables have rows by now.
  const cases: [string, string][] = [
    ['audit_log', 'action'],
    ['incident_events', 'type'],
  ];
  it.each(cases)('%s refuses TRUNCATE, UPDATE and DELETE at the database', async (table, column) => {
    await open();
    const before = await count(`SELECT count(*)::int AS n FROM ${table}`);
    expect(before).toBeGreaterThan(0);
    for (const [op, statement] of [
      ['TRUNCATE', `TRUNCATE ${table}`],
      ['UPDATE', `UPDATE ${table} SET ${column} = ${column}`],
      ['DELETE', `DELETE FROM ${table}`],
    ]) {
      await expect(db().transaction((sql) => sql.rows(statement))).rejects.toThrow(`${table} is append-only: ${op} refused`);
    }
    expect(await count(`SELECT count(*)::int AS n FROM ${table}`)).toBe(before);
  });
});

describe('the API documentation', () => {
  it('/docs is the Swagger UI page, and its script carries the document with the service title', async () => {
    const page = await t.http.get('/docs').expect(200).expect('Content-Type', /text\/html/);
    expect(page.text).toContain('<title>Swagger UI</title>');
    expect(page.text).toContain('swagger-ui-init.js');
    const init = await t.http.get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"title": "Tiered response playbook engine"');
  });

  it('/docs-json is the OpenAPI document, with the paths the console is typed from', async () => {
    const doc = (await t.http.get('/docs-json').expect(200).expect('Content-Type', /application\/json/)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Tiered response playbook engine' });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/incidents', '/incidents/{id}', '/incidents/{id}/events', '/incidents/{id}/timeline', '/tasks', '/playbooks']));
    expect(Object.keys(doc.paths['/incidents/{id}/events'])).toContain('post');
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });
});

describe('a body over the 256 kb limit', () => {
  const tooBig = () => t.http.post('/incidents').set(admin).send({ playbook: 'x'.repeat(300_000), unit: 'u' });

  it('is not refused for its size just under the limit', async () => {
    const res = await t.http.post('/incidents').set(admin).send({ playbook: 'x'.repeat(250_000), unit: 'u' });
    expect(res.body).toMatchObject({ statusCode: 400, error: 'bad_request' }); // refused by validation instead
  });

  it('is refused with 413 in the one error shape', async () => {
    const res = await tooBig();
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'payload_too_large', path: '/incidents', message: expect.any(String) });
  });

  // Nest hands the body parser's error to the filter as an HttpException, so this goes by the status.
  it('says what the limit is', async () => {
    expect((await tooBig()).body).toMatchObject({ statusCode: 413, error: 'payload_too_large', message: expect.stringContaining('256') });
  });
});
