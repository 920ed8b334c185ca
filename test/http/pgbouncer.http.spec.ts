import pg from 'pg';
import type { Principal } from '../../src/access/principal.js';
import { loadConfig } from '../../src/config/app-config.js';
import { readMigrations } from '../../src/database/migrator.js';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { openFoundations, type Foundations } from '../../src/foundations.js';
import { IncidentEngine } from '../../src/incidents/incident-engine.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { pgbouncerBinary, startPgbouncer, type Bouncer } from '../support/pgbouncer.js';
import { startApp } from '../support/test-app.js';

const server = process.env.DATABASE_URL;
const binary = pgbouncerBinary();
if (server && !binary) console.log('pgbouncer.http.spec: skipped, pgbouncer is not installed (Debian: apt-get install pgbouncer)');

/**
 * The service behind PgBouncer in transaction pooling mode, with fewer server connections than the
 * service has clients, so that consecutive transactions of one client land on different server
 * sessions: whatever leans on session state (a session advisory lock, LISTEN, SET, named prepared
 * statements) breaks here. Needs PostgreSQL (DATABASE_URL) and the pgbouncer binary; skipped otherwise.
 */
(server && binary ? describe : describe.skip)('behind PgBouncer in transaction mode', () => {
  let bouncer: Bouncer;
  let database: TestDatabase;
  let url: string;
  beforeAll(async () => {
    database = await freshDatabase();
    bouncer = await startPgbouncer(server!, { poolSize: 2 });
    url = bouncer.url(new URL(database.env.DATABASE_URL!).pathname.slice(1));
  });
  afterAll(async () => {
    await bouncer?.stop();
    await database?.drop();
  });

  /** Advisory locks anyone holds on the server in our database: a leaked session lock shows here. */
  async function advisoryLocks(): Promise<number> {
    const c = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()`);
      return rows[0].n;
    } finally {
      await c.end();
    }
  }

  it('three replicas migrating the empty database at once all start, and leave no lock behind', async () => {
    const config = loadConfig({ DATABASE_URL: url, PLAYBOOKS_DIR: 'test/fixtures/playbooks' });
    const started = await Promise.allSettled([openFoundations(config), openFoundations(config), openFoundations(config)]);
    const replicas = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(started.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      // Every migration applied once, whoever applied it.
      const files = (await readMigrations(config.MIGRATIONS_DIR)).map((f) => f.name);
      expect(replicas.flatMap((r) => r.migrated).sort()).toEqual(files);
      expect(await advisoryLocks()).toBe(0);
      // A fourth start finds nothing to do and does not wait on anything.
      const late: Foundations = await openFoundations(config);
      expect(late.migrated).toEqual([]);
      await late.close();
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('serves incidents, events and timers with more transactions in flight than server connections', async () => {
    const N = 30;
    const t = await startApp({ DATABASE_URL: url, PLAYBOOKS_DIR: 'test/fixtures/playbooks', TIMER_TX_BATCH: '1' }, { database: { ...database, env: { ...database.env, DATABASE_URL: url } } });
    try {
      const directory = t.app.get(DirectoryService);
      await directory.createUnit(null, { id: 'u', name: 'Unit' });
      const admin = await directory.createPerson(null, { name: 'admin', admin: true });
      const as = { Authorization: `Bearer ${(await directory.createToken(null, { personId: admin.id, name: 't' })).token}` };
      const actor: Principal = { id: admin.id, name: 'admin', kind: 'person', admin: true, assignments: [] };
      // Opened over HTTP, all at once; each then started twice with one idempotency key.
      const ids = await Promise.all(
        Array.from({ length: N }, async () => (await t.http.post('/incidents').set(as).send({ playbook: 'drill', unit: 'u' }).expect(201)).body.id as string),
      );
      const engine = t.app.get(IncidentEngine);
      await Promise.all(ids.map((id) => engine.apply(id, { type: 'START' }, actor, `start-${id}`)));
      const replays = await Promise.all(ids.map(async (id) => (await t.http.post(`/incidents/${id}/events`).set(as).set('Idempotency-Key', `start-${id}`).send({ type: 'START' }).expect(200)).body));
      expect(replays.every((r) => r.incident.level === 'running')).toBe(true);

      t.clock.advance(2 * 3600_000);
      // TIMER_CONCURRENCY (8) transactions at a time over 2 server connections.
      expect(await t.app.get(TimerPoller).drain()).toBe(N);
      const rows = await t.foundations.db.read((sql) =>
        sql.rows<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM incident_events GROUP BY type ORDER BY type`),
      );
      expect(rows).toEqual([
        { type: 'INCIDENT_OPENED', n: N },
        { type: 'START', n: N },
        { type: 'xstate.after.PT2H.drill.running', n: N },
      ]);
      expect((await t.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready', database: 'postgres' });
    } finally {
      await t.close();
    }
    expect(await advisoryLocks()).toBe(0);
  });
});
