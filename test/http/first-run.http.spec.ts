import { createServer } from 'node:net';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { connect } from '../../src/database/connect.js';
import { SEED_LOCK_KEY } from '../../src/directory/demo-seed.js';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { openFoundations } from '../../src/foundations.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { ensureBuilt, listeningPort, runCli, startService } from '../support/service-process.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
beforeAll(() => ensureBuilt(), 300_000);
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(async () => {
  await database.drop();
});
// SEED_DEMO=true seeds on PostgreSQL too.
const env = (more: Record<string, string> = {}) => ({ ...database.env, SEED_DEMO: 'true', SCHEDULER_INTERVAL_MS: '60000', ...more });

const count = async (table: string) => {
  const conn = await connect(loadConfig(database.env));
  try {
    return (await conn.db.read((sql) => sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)))[0].n;
  } finally {
    await conn.close();
  }
};

describe('the first start', () => {
  it('with its port taken, fails in one line naming the port, before creating any token', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const service = startService(env({ PORT: String(port) }));
      expect((await service.exited).code).toBe(1);
      expect(service.stderr().trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^cannot start: port ${port} is in use \\(EADDRINUSE\\)`))]);
      expect(service.stdout()).not.toMatch(/pbe_/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    expect(await count('tokens')).toBe(0);
    expect(await count('people')).toBe(0);
  }, 120_000);

  it('prints the demo tokens and a CLI command that works as printed', async () => {
    const service = startService(env({ PORT: '0' }));
    let out: string;
    try {
      const port = await listeningPort(service);
      out = service.stdout();
      const tokens = [...out.matchAll(/^ {2}(duty officer|assignee \(\w+\)|admin) +(\S+@demo) +(pbe_\S+)$/gm)].map((m) => m[3]);
      expect(tokens).toHaveLength(3);
      for (const token of tokens) expect((await fetch(`http://127.0.0.1:${port}/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      // Next to them, a one-time sign-in link each for the duty officer and the admin, to this very service.
      const links = [...out.matchAll(/^ {2}(duty officer|admin) +(\S+@demo) +Sign in to the console: (\S+)$/gm)];
      expect(links.map((m) => m[2])).toEqual(['duty.officer@demo', 'admin@demo']);
      for (const [, , email, url] of links) {
        expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/app/link#[\\w-]{43}$`));
        const token = url.slice(url.indexOf('#') + 1);
        const shown = await fetch(`http://127.0.0.1:${port}/auth/links/${token}`);
        expect(await shown.json()).toMatchObject({ kind: 'sign-in', person: { email } });
        const redeem = () => fetch(`http://127.0.0.1:${port}/auth/links/redeem`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
        const first = await redeem();
        expect(first.status).toBe(200);
        const cookie = first.headers.get('set-cookie')!.split(';')[0];
        expect(await (await fetch(`http://127.0.0.1:${port}/me`, { headers: { Cookie: cookie } })).json()).toMatchObject({ name: expect.any(String) });
        expect((await redeem()).status).toBe(410);
      }
    } finally {
      // On the embedded database the CLI needs the folder: stop the service cleanly.
      expect((await service.kill('SIGTERM')).code).toBe(0);
    }
    const command = out.match(/npm run cli -- (token:create [^)]*)\)/)![1];
    const args = command.replace('<email>', 'duty.officer@demo').replace('<label>', 'phone').split(' ');
    const created = await runCli(args, env());
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/"phone" for duty.officer@demo \(shown once\):\npbe_\S+/);
    // --name may be left out.
    const unnamed = await runCli(['token:create', '--person', 'admin@demo'], env());
    expect(unnamed.code).toBe(0);
    expect(unnamed.stdout).toMatch(/"cli token" for admin@demo/);
    // Invitations and resets from the CLI print a link (PUBLIC_URL when set).
    const invite = await runCli(['person:invite', 'chief.of.office@demo'], env({ PUBLIC_URL: 'https://console.example.gov.vn' }));
    expect(invite).toMatchObject({ code: 0, stderr: '' });
    expect(invite.stdout).toMatch(/^invitation for .* <chief\.of\.office@demo> \(works once, for 7 days, until \S+\):\nhttps:\/\/console\.example\.gov\.vn\/app\/link#[\w-]{43}\n/);
    const reset = await runCli(['person:reset-password', 'duty.officer@demo'], env());
    expect(reset.stdout).toMatch(/^password reset for .* <duty\.officer@demo> \(works once, for 1 hour, until \S+\):\nhttp:\/\/127\.0\.0\.1:3000\/app\/link#[\w-]{43}\n/);
    const unknown = await runCli(['person:invite', 'nobody@demo'], env());
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no person with email nobody@demo') });
  }, 180_000);

  (onPostgres ? it : it.skip)('answers 503 while it seeds, and 200 once the tokens are printed', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, resolve));
    const port = (free.address() as AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    // Another replica seeding: the service has its port, and waits for the seed lock.
    const replica = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await replica.connect();
    await replica.query('BEGIN');
    await replica.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    const service = startService(env({ PORT: String(port) }));
    try {
      await service.waitFor(/seeding the demo/);
      const early = await fetch(`http://127.0.0.1:${port}/health`);
      expect(early.status).toBe(503);
      expect(await early.json()).toMatchObject({ error: 'unavailable', message: 'starting' });
      expect(service.stdout()).not.toMatch(/First run/);
      await replica.query('COMMIT');
      await listeningPort(service);
      expect(service.stdout()).toMatch(/First run/);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      await replica.end();
      await service.kill('SIGTERM');
    }
  }, 120_000);

  it('reports an unreachable PostgreSQL in one line naming host, port and database, never the password', async () => {
    const service = startService(env({ DATABASE_URL: 'postgres://engine:s3cret-pw@127.0.0.1:1/incidents', PORT: '0' }));
    expect((await service.exited).code).toBe(1);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toEqual([
      'cannot start: cannot connect to PostgreSQL (DATABASE_URL) at 127.0.0.1:1, database "incidents", user "engine": connection refused (is PostgreSQL running there?)',
    ]);
    expect(service.stdout() + service.stderr()).not.toContain('s3cret-pw');
  }, 120_000);

  (onPostgres ? it : it.skip)('reports a missing database in one line', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = '/no_such_database_here';
    url.password = 'pw-not-to-print';
    const service = startService(env({ DATABASE_URL: url.toString(), PORT: '0' }));
    expect((await service.exited).code).toBe(1);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^cannot start: cannot connect to PostgreSQL \(DATABASE_URL\) at .*:\d+, database "no_such_database_here", .*the database does not exist/)]);
    expect(lines[0]).not.toContain('pw-not-to-print');
  }, 120_000);
});

describe('token:list', () => {
  it('shows an expired token as expired, a revoked one as revoked', async () => {
    const f = await openFoundations(loadConfig(database.env));
    try {
      const directory = new DirectoryService(f.db, f.registry, systemClock);
      const p = await directory.createPerson(null, { name: 'Someone', email: 'someone@test' });
      // A token cannot be issued already expired: this one expired since.
      await directory.createToken(null, { personId: p.id, name: 'old', expiresAt: new Date('2999-01-01T00:00:00Z') });
      await f.db.transaction((sql) => sql.rows(`UPDATE tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE name = 'old'`));
      await directory.createToken(null, { personId: p.id, name: 'later', expiresAt: new Date('2999-01-01T00:00:00Z') });
      await directory.createToken(null, { personId: p.id, name: 'forever' });
      await directory.revokeToken(null, (await directory.createToken(null, { personId: p.id, name: 'gone' })).id);
    } finally {
      await f.close();
    }
    const t0 = performance.now();
    const list = await runCli(['token:list', '--person', 'someone@test'], env());
    console.log(`token:list answered in ${Math.round(performance.now() - t0)} ms`);
    expect(list.code).toBe(0);
    const state = Object.fromEntries(list.stdout.trim().split('\n').map((l) => [l.split('  ')[3], l.split('  ')[4]]));
    expect(state).toEqual({
      old: 'expired 2020-01-01T00:00:00.000Z',
      later: 'active until 2999-01-01T00:00:00.000Z',
      forever: 'active',
      gone: expect.stringMatching(/^revoked \d{4}-/),
    });
  }, 120_000);
});
