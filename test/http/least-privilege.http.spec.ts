import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/app-config.js';
import { connectPostgres } from '../../src/database/connect.js';
import { migrate } from '../../src/database/migrator.js';
import { Dispatcher } from '../../src/notifications/dispatcher.js';
import { openFoundations } from '../../src/foundations.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { seedDirectory, type Directory } from '../support/people.js';
import { ensureBuilt, runCli } from '../support/service-process.js';
import { startApp, type TestApp } from '../support/test-app.js';

const server = process.env.DATABASE_URL;

async function as<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The error a statement fails with (it must fail). */
const refusal = (c: pg.Client, sql: string) =>
  c.query(sql).then(
    () => 'accepted',
    (e: Error) => e.message,
  );

// Roles and grants are PostgreSQL's; the embedded database has neither.
(server ? describe : describe.skip)('the service connected as a runtime role without DDL rights', () => {
  const role = `pbe_runtime_${randomBytes(4).toString('hex')}`;
  const password = `pw_${randomBytes(8).toString('hex')}`;
  let database: TestDatabase;
  let ownerUrl: string;
  let runtimeUrl: string;
  let t: TestApp;
  let d: Directory;

  beforeAll(async () => {
    await as(server!, (c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    database = await freshDatabase();
    ownerUrl = database.env.DATABASE_URL!;
    const u = new URL(ownerUrl);
    u.username = role;
    u.password = password;
    runtimeUrl = u.toString();
    // The migrations run as the owner (and grant the runtime role its rights); the service runs as the role.
    t = await startApp({ DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl }, { database });
    d = await seedDirectory(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    // Its privileges went with the database; the role itself is the server's.
    await as(server!, (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
  });

  it('gets exactly its rights: append-only tables only read and appended', () => {
    const rights = Object.fromEntries(t.foundations.granted!.grants.map((g) => [g.table, g.rights.join(',')]));
    expect(t.foundations.granted!.role).toBe(role);
    expect(rights).toMatchObject({
      incident_events: 'SELECT,INSERT',
      audit_log: 'SELECT,INSERT',
      incidents: 'SELECT,INSERT,UPDATE,DELETE',
      tasks: 'SELECT,INSERT,UPDATE,DELETE',
      timers: 'SELECT,INSERT,UPDATE,DELETE',
      schema_migrations: 'SELECT',
      audit_log_id_seq: 'USAGE',
      sessions: 'SELECT,INSERT,UPDATE,DELETE',
      sign_in_links: 'SELECT,INSERT,UPDATE,DELETE',
      sign_in_failures: 'SELECT,INSERT,UPDATE,DELETE',
    });
  });

  it('signs people in: links, passwords, failure counters and sessions', async () => {
    const link = await t.http.post(`/people/${d.ids.viewer}/sign-in-links`).set(d.as('admin')).send({ kind: 'invite' }).expect(201);
    const token = link.body.url.slice(link.body.url.indexOf('#') + 1);
    await t.http.post('/auth/links/redeem').send({ token, password: 'a long enough password' }).expect(200);
    await t.http.post('/auth/sign-in').send({ email: 'viewer@test', password: 'not the password' }).expect(401);
    const signedIn = await t.http.post('/auth/sign-in').send({ email: 'viewer@test', password: 'a long enough password' }).expect(200);
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await t.http.get('/me').set('Cookie', cookie).expect(200);
    await t.http.post('/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', signedIn.body.csrfToken).expect(204);
  });

  it('runs an incident through its levels, tasks, timers and notifications', async () => {
    const open = await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201);
    const id = open.body.id;
    await t.http.post(`/incidents/${id}/events`).set(d.as('duty')).send({ type: 'SUSPECTED_CASE_REPORTED' }).expect(200);
    const confirmed = await t.http.post(`/incidents/${id}/events`).set(d.as('duty')).set('Idempotency-Key', 'k1').send({ type: 'CASE_CONFIRMED' }).expect(200);
    const task = confirmed.body.raised.find((x: { template: string }) => x.template === 'notify_department_of_health');
    await t.http.post(`/tasks/${task.id}/complete`).set(d.as(d.holderOf(task.assignedRole))).send({ note: 'done' }).expect(200);
    // Due timers (escalations, recurring duties) fire and the outbox is delivered, as the scheduler would.
    t.clock.advance(3 * 86_400_000);
    expect(await t.app.get(TimerPoller).drain()).toBeGreaterThan(0);
    expect((await t.app.get(Dispatcher).tick()).claimed).toBeGreaterThan(0);
    const timeline = (await t.http.get(`/incidents/${id}/timeline`).set(d.as('duty')).expect(200)).body;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['INCIDENT_OPENED', 'CASE_CONFIRMED', 'TASK_COMPLETED']));
    await t.http.post(`/tokens/${(await t.http.get('/tokens').set(d.as('admin'))).body[0].id}/revoke`).set(d.as('admin')).expect(200);
  });

  it('cannot rewrite the record, bypass its triggers or change the schema', async () => {
    const refused = await as(runtimeUrl, async (c) => ({
      disableTrigger: await refusal(c, 'ALTER TABLE incident_events DISABLE TRIGGER ALL'),
      truncate: await refusal(c, 'TRUNCATE audit_log'),
      update: await refusal(c, 'UPDATE incident_events SET type = type'),
      delete: await refusal(c, 'DELETE FROM audit_log'),
      drop: await refusal(c, 'DROP TABLE incidents'),
      replicationRole: await refusal(c, 'SET session_replication_role = replica'),
      // PostgreSQL 15 and later no longer let everyone create tables in the public schema.
      createTable: Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) >= 150000 ? await refusal(c, 'CREATE TABLE intruder (a int)') : 'n/a',
    }));
    // "permission denied" from the privilege system itself, before the append-only triggers are reached.
    expect(refused).toEqual({
      disableTrigger: 'must be owner of table incident_events',
      truncate: 'permission denied for table audit_log',
      update: 'permission denied for table incident_events',
      delete: 'permission denied for table audit_log',
      drop: 'must be owner of table incidents',
      replicationRole: expect.stringMatching(/permission denied to set parameter "session_replication_role"/),
      createTable: expect.stringMatching(/^permission denied for schema public$|^n\/a$/),
    });
    expect(await as(runtimeUrl, async (c) => (await c.query('SELECT count(*)::int AS n FROM incident_events')).rows[0].n)).toBeGreaterThan(0);
  });

  it('gets the same rights on the tables of a later migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-engine-migrations-'));
    try {
      cpSync('migrations', dir, { recursive: true });
      writeFileSync(
        join(dir, '9999_later.sql'),
        `CREATE TABLE later_notes (id bigserial PRIMARY KEY, body text NOT NULL);
         CREATE TABLE later_log (id bigserial PRIMARY KEY, body text NOT NULL);
         CREATE TRIGGER later_log_append_only BEFORE UPDATE OR DELETE ON later_log FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();`,
      );
      // Alone, the runtime role starts while nothing is pending, and a pending migration says what to do.
      const alone = { ...database.env, DATABASE_URL: runtimeUrl };
      await (await openFoundations(loadConfig(alone))).close();
      await expect(openFoundations(loadConfig({ ...alone, MIGRATIONS_DIR: dir }))).rejects.toThrow(
        /migration 9999_later.sql failed: permission denied for schema public .*set MIGRATION_DATABASE_URL/,
      );
      const f = await openFoundations(loadConfig({ ...database.env, DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl, MIGRATIONS_DIR: dir }));
      await f.close();
      expect(f.migrated).toEqual(['9999_later.sql']);
      const outcome = await as(runtimeUrl, async (c) => ({
        notes: await refusal(c, `WITH n AS (INSERT INTO later_notes (body) VALUES ('x') RETURNING id) UPDATE later_notes SET body = 'y' WHERE id IN (SELECT id FROM n)`),
        log: await refusal(c, `INSERT INTO later_log (body) VALUES ('x')`),
        logUpdate: await refusal(c, `UPDATE later_log SET body = 'y'`),
      }));
      expect(outcome).toEqual({ notes: 'accepted', log: 'accepted', logUpdate: 'permission denied for table later_log' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('can be given its rights by the CLI, run with the owner\'s URL', async () => {
    ensureBuilt();
    const out = await runCli(['db:grant-runtime', role], { DATABASE_URL: ownerUrl });
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^ {2}incident_events +SELECT, INSERT$/m);
    expect(out.stdout).toMatch(new RegExp(`role "${role}" has these rights and no others`));
  }, 300_000);

  it('refuses to grant the runtime rights to the owner or a superuser', async () => {
    const owner = await connectPostgres(ownerUrl, { name: 'owner', poolSize: 1 });
    try {
      await expect(migrate(owner.db, 'migrations', { grantTo: new URL(ownerUrl).username || 'postgres' })).rejects.toThrow(/owns the tables|superuser/);
      await expect(migrate(owner.db, 'migrations', { grantTo: `${role}_missing` })).rejects.toThrow(/there is no role/);
    } finally {
      await owner.close();
    }
  });
});
