import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import { connect, DataDirLocked } from '../../src/database/connect.js';
import { migrate } from '../../src/database/migrator.js';
import { openFoundations } from '../../src/foundations.js';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { startApp, type TestApp } from '../support/test-app.js';
import { freshDatabase } from '../support/databases.js';

let t: TestApp;
let actor: { Authorization: string };
beforeAll(async () => {
  t = await startApp({ PLAYBOOKS_DIR: 'test/fixtures/playbooks' });
  const directory = t.app.get(DirectoryService);
  await directory.createUnit(null, { id: 'u', name: 'Unit' });
  const admin = await directory.createPerson(null, { name: 'admin', admin: true });
  actor = { Authorization: `Bearer ${(await directory.createToken(null, { personId: admin.id, name: 't' })).token}` };
});
afterAll(async () => {
  await t?.close();
});

const timers = (incidentId: string) =>
  t.foundations.db.read((sql) => sql.rows<{ key: string; fire_at: Date }>('SELECT key, fire_at FROM timers WHERE incident_id = $1', [incidentId]));

describe('durable timers for delayed transitions', () => {
  it('writes a timer row with the event transaction and deletes it when the state is left', async () => {
    const inc = (await t.http.post('/incidents').set(actor).send({ playbook: 'drill', unit: 'u' }).expect(201)).body;
    expect(await timers(inc.id)).toEqual([]);
    await t.http.post(`/incidents/${inc.id}/events`).set(actor).send({ type: 'START' }).expect(200);
    const [timer] = await timers(inc.id);
    expect(timer.key).toMatch(/^xstate\.after\.PT2H\./);
    expect(new Date(timer.fire_at).toISOString()).toBe(new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString());
    const timeline = (await t.http.get(`/incidents/${inc.id}/timeline`).set(actor)).body;
    expect(timeline.at(-1).effects).toContainEqual(expect.objectContaining({ type: 'timer.start', key: timer.key }));

    await t.http.post(`/incidents/${inc.id}/events`).set(actor).send({ type: 'STOP' }).expect(200);
    expect(await timers(inc.id)).toEqual([]);
  });

  it('rolls back every write of an event that fails half-way', async () => {
    const inc = (await t.http.post('/incidents').set(actor).send({ playbook: 'drill', unit: 'u' }).expect(201)).body;
    // Break the last write of the transaction (the timeline insert) for this incident only.
    await t.foundations.db.transaction((sql) =>
      sql.rows(`INSERT INTO incident_events (incident_id, seq, type, actor, to_level, to_state, effects, occurred_at)
                VALUES ($1, 2, 'BLOCKER', 'test', 'idle', 'idle', '[]', now())`, [inc.id]),
    );
    const res = await t.http.post(`/incidents/${inc.id}/events`).set(actor).send({ type: 'START' });
    expect(res.status).toBe(500);
    const after = (await t.http.get(`/incidents/${inc.id}`).set(actor)).body;
    expect(after).toMatchObject({ level: 'idle', version: 1 });
    expect(await timers(inc.id)).toEqual([]);
    expect((await t.http.get(`/tasks?incident=${inc.id}`).set(actor)).body).toEqual([]);
  });
});

describe('migrations', () => {
  it('are recorded, and re-running them is a no-op', async () => {
    expect(t.foundations.migrated).toEqual(readdirSync('migrations').filter((n) => n.endsWith('.sql')).sort());
    expect(await migrate(t.foundations.db, 'migrations')).toEqual([]);
  });

  it('refuse to start when a landed migration was edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    try {
      cpSync('migrations', dir, { recursive: true });
      const first = readdirSync(dir).sort()[0];
      writeFileSync(join(dir, first), '-- edited\n', { flag: 'a' });
      await expect(migrate(t.foundations.db, dir)).rejects.toThrow(`migration ${first} was edited after it was applied`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);

describe('a second process', () => {
  (onPostgres ? it.skip : it)('on the same embedded data folder is refused with a clear message', async () => {
    await expect(connect(loadConfig(t.database.env))).rejects.toThrow(DataDirLocked);
    await expect(connect(loadConfig(t.database.env))).rejects.toThrow(/in use by another process/);
  });

  (onPostgres ? it : it.skip)('on the same PostgreSQL database starts alongside: migrations and playbook versions are registered once', async () => {
    const config = loadConfig({ ...t.database.env, PLAYBOOKS_DIR: 'test/fixtures/playbooks' });
    const replicas = await Promise.all([openFoundations(config), openFoundations(config)]);
    try {
      expect(replicas.map((r) => r.migrated)).toEqual([[], []]);
      expect(replicas.map((r) => r.registry.current('drill').version)).toEqual([1, 1]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});

describe('a second embedded database in one process', () => {
  (onPostgres ? it.skip : it)('is refused while the first is open, instead of silently being the first', async () => {
    const other = await freshDatabase();
    try {
      await expect(connect(loadConfig(other.env))).rejects.toThrow(/already open in this process/);
    } finally {
      await other.drop();
    }
  });
});
