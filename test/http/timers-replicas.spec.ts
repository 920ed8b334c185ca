import type { Principal } from '../../src/access/principal.js';
import { loadConfig } from '../../src/config/app-config.js';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { openFoundations, type Foundations } from '../../src/foundations.js';
import { IncidentEngine } from '../../src/incidents/incident-engine.js';
import { TimerFiring } from '../../src/timers/timer-firing.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { FakeClock } from '../support/fake-clock.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const N = 1000;

/** Two replicas of the engine, each with its own connection pool, on one PostgreSQL database. */
(onPostgres ? describe : describe.skip)('two engine instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let replicas: Foundations[] = [];
  const clock = new FakeClock();

  beforeAll(async () => {
    database = await freshDatabase();
    const config = loadConfig({ ...database.env, PLAYBOOKS_DIR: 'test/fixtures/playbooks', TIMER_BATCH: '50' });
    replicas = [await openFoundations(config), await openFoundations(config)];
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await database?.drop();
  });

  it(`fire ${N} due timers exactly once between them`, async () => {
    const [a] = replicas;
    const directory = new DirectoryService(a.db, a.registry, clock);
    await directory.createUnit(null, { id: 'u', name: 'Unit' });
    const admin = await directory.createPerson(null, { name: 'admin', admin: true });
    const actor: Principal = { id: admin.id, name: 'admin', kind: 'person', admin: true, assignments: [] };
    const engineA = new IncidentEngine(a.db, a.registry, clock);

    // N incidents in `running`, each with a delayed transition (PT2H) stored as a timer row.
    const ids: string[] = [];
    const queue = Array.from({ length: N }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (queue.pop() !== undefined) {
          const inc = (await engineA.open({ playbook: 'drill', unit: 'u' }, actor)).incident;
          await engineA.apply(inc.id, { type: 'START' }, actor);
          ids.push(inc.id);
        }
      }),
    );
    const count = async () => (await a.db.read((sql) => sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM timers')))[0].n;
    expect(await count()).toBe(N);

    clock.advance(2 * 3600_000);
    const pollers = replicas.map((r) => new TimerPoller(r.db, new TimerFiring(r.db, r.registry, clock), r.config, clock));
    const fired = await Promise.all(pollers.map((p) => p.drain()));
    expect(fired[0] + fired[1]).toBe(N);
    expect(fired[0]).toBeGreaterThan(0);
    expect(fired[1]).toBeGreaterThan(0);
    expect(await count()).toBe(0);

    const rows = await a.db.read((sql) =>
      sql.rows<{ incident_id: string; n: number }>(
        `SELECT incident_id, count(*)::int AS n FROM incident_events WHERE type LIKE 'xstate.after.%' GROUP BY incident_id`,
      ),
    );
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const levels = await a.db.read((sql) => sql.rows<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM incidents GROUP BY level'));
    expect(levels).toEqual([{ level: 'idle', n: N }]);
  });
});
