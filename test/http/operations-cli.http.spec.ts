import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { seedDirectory } from '../support/people.js';
import { ensureBuilt, runCli } from '../support/service-process.js';
import { startApp } from '../support/test-app.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

beforeAll(() => ensureBuilt(), 300_000);

describe('admin:create', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database?.drop());

  const tokenOf = (stdout: string) => stdout.match(/^(pbe_\S+)$/m)?.[1];

  it('creates the first admin on an empty database and prints a token once, that works', async () => {
    const created = await runCli(['admin:create', '--email', 'chanh.vp@agency.test', '--name', 'Nguyễn Văn A'], database.env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^chanh\.vp@agency\.test: created admin \(person [0-9a-f-]{36}\)$/m);
    expect(created.stdout).toMatch(/shown once/);
    const invite = created.stdout.match(/^Sign in to the console: (http:\/\/127\.0\.0\.1:3000\/app\/link#([\w-]{43}))$/m);
    expect(invite).not.toBeNull();
    const first = tokenOf(created.stdout);
    expect(first).toBeDefined();

    // Again for the same person: nothing to change, and a second token (the first one still works).
    const again = await runCli(['admin:create', '--email', 'chanh.vp@agency.test'], database.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already an admin/);
    const second = tokenOf(again.stdout);
    expect(second).not.toBe(first);

    const t = await startApp({}, { database });
    try {
      for (const token of [first, second]) {
        const me = await t.http.get('/me').set('Authorization', `Bearer ${token}`).expect(200);
        expect(me.body).toMatchObject({ name: 'Nguyễn Văn A', admin: true });
      }
      // The invitation sets the admin's password and signs them in to the console.
      expect((await t.http.get(`/auth/links/${invite![2]}`).expect(200)).body).toMatchObject({ kind: 'invite', person: { email: 'chanh.vp@agency.test' } });
      await t.http.post('/auth/links/redeem').send({ token: invite![2], password: 'admin password 1' }).expect(200);
      await t.http.post('/auth/sign-in').send({ email: 'chanh.vp@agency.test', password: 'admin password 1' }).expect(200);
      // An admin can do what admins do: here, list the audit log, which names what the CLI did.
      const audit = await t.http.get('/audit').set('Authorization', `Bearer ${first}`).expect(200);
      expect(audit.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['person.create', 'token.create']));
      // A person who exists without being an admin is made one.
      await t.http.post('/people').set('Authorization', `Bearer ${first}`).send({ name: 'Trần Thị B', email: 'b@agency.test' }).expect(201);
    } finally {
      await t.close();
    }
    const promoted = await runCli(['admin:create', '--email', 'b@agency.test'], database.env);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toMatch(/^b@agency\.test: made admin \(the person existed\)/m);
  }, 240_000);

  it('needs a name for a new person, and an email that is one', async () => {
    const noName = await runCli(['admin:create', '--email', 'new@agency.test'], database.env);
    expect(noName).toMatchObject({ code: 1, stdout: '' });
    expect(noName.stderr.trim()).toBe('error: admin:create needs --name <name> for a person who does not exist yet');
    const bad = await runCli(['admin:create', '--email', 'not-an-email', '--name', 'X'], database.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--email: not an email address: not-an-email/);
  }, 120_000);
});

(onPostgres ? describe : describe.skip)('backup on PostgreSQL', () => {
  it('is refused, pointing to pg_dump', async () => {
    const r = await runCli(['backup', join(tmpdir(), 'never-written.tar.gz')], { DATABASE_URL: process.env.DATABASE_URL });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/backup is for the embedded database \(DATA_DIR\); on PostgreSQL use pg_dump and pg_restore/);
  });
});

(onPostgres ? describe.skip : describe)('backup and restore of the embedded database', () => {
  let dir: string;
  let database: TestDatabase;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'playbook-engine-backup-'));
    database = { env: { DATA_DIR: join(dir, 'db') }, kind: 'embedded', drop: async () => undefined };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round trip: the same incidents, timeline and tokens in a new folder; refuses a busy or non-empty folder', async () => {
    const file = join(dir, 'engine.tar.gz');
    const t = await startApp({}, { database });
    let incidents: unknown;
    let timelines: unknown[];
    let duty: Record<string, string>;
    try {
      const d = await seedDirectory(t);
      duty = d.as('duty');
      for (const title of ['Ca nghi ngờ phòng 204', 'Ca nghi ngờ phòng 305']) {
        const inc = (await t.http.post('/incidents').set(duty).send({ playbook: 'covid19-office', unit: 'dept', title }).expect(201)).body;
        await t.http.post(`/incidents/${inc.id}/events`).set(duty).send({ type: 'SUSPECTED_CASE_REPORTED', note: 'Sốt, ho' }).expect(200);
      }
      incidents = (await t.http.get('/incidents').set(duty).expect(200)).body;
      timelines = await Promise.all((incidents as { id: string }[]).map(async (i) => (await t.http.get(`/incidents/${i.id}/timeline`).set(duty).expect(200)).body));
      expect(timelines.flat()).toHaveLength(4);

      // The service (here, this process) holds the folder: no backup meanwhile.
      const busy = await runCli(['backup', file], database.env);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/in use by another process .*; stop the service first/);
      expect(existsSync(file)).toBe(false);
    } finally {
      await t.close();
    }

    const backup = await runCli(['backup', file], database.env);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^backed up the embedded database in .* to .*engine\.tar\.gz \(\d+\.\d MB\)$/m);

    const restored: TestDatabase = { env: { DATA_DIR: join(dir, 'restored') }, kind: 'embedded', drop: async () => undefined };
    const restore = await runCli(['restore', file], restored.env);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    // The restored folder is not empty any more: a second restore must be told to replace it.
    const again = await runCli(['restore', file], restored.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty: restore into a new or empty folder, or add --force/);

    const r = await startApp({}, { database: restored });
    try {
      expect((await r.http.get('/incidents').set(duty!).expect(200)).body).toEqual(incidents);
      const after = await Promise.all((incidents as { id: string }[]).map(async (i) => (await r.http.get(`/incidents/${i.id}/timeline`).set(duty!).expect(200)).body));
      expect(after).toEqual(timelines!);
    } finally {
      await r.close();
    }
  }, 300_000);

  it('--force replaces a folder and keeps the old one beside it; a file that is no backup changes nothing', async () => {
    const file = join(dir, 'engine.tar.gz');
    const target = join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'something'), 'old');
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'not a tarball');
    const refused = await runCli(['restore', junk, '--force'], { DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/junk\.tar\.gz is not a \.tar\.gz backup/);
    expect(readdirSync(target)).toEqual(['something']);

    const forced = await runCli(['restore', file, '--force'], { DATA_DIR: target });
    expect(forced.code).toBe(0);
    const kept = forced.stdout.match(/the folder it replaced is kept in (\S+);/)![1];
    expect(readdirSync(kept)).toEqual(['something']);
    expect(readdirSync(target)).toContain('PG_VERSION');
    // Nothing half-done left around: no staging folder, no lock.
    expect(readdirSync(dir).filter((n) => /restoring|\.lock$|partial/.test(n))).toEqual([]);
  }, 300_000);
});
