/**
 * The auth guard remembers a bearer token's principal for under a second (PrincipalCache). These tests
 * hold it to its bound on the app's fake clock (no sleeps): a change made elsewhere (another replica,
 * the CLI, a hand-written UPDATE) is refused from the second after the read that filled the cache, and
 * a change made through this replica at once; last use is written at most once a minute.
 */
import { DirectoryService } from '../../src/directory/directory.service.js';
import { startApp, type TestApp } from '../support/test-app.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** An admin and a person with a role, each with a token, in app `t`. */
async function seed(t: TestApp) {
  const directory = t.app.get(DirectoryService);
  await directory.createUnit(null, { id: 'u', name: 'Unit' });
  const admin = await directory.createPerson(null, { name: 'admin', admin: true });
  const person = await directory.createPerson(null, { name: 'officer' });
  const role = await directory.assign(null, { unitId: 'u', role: 'duty_officer', personId: person.id });
  const issued = await directory.createToken(null, { personId: person.id, name: 'phone' });
  return { directory, person, role, issued, admin: bearer((await directory.createToken(null, { personId: admin.id, name: 'admin' })).token) };
}

describe('one replica', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    t = await startApp();
    s = await seed(t);
  });
  afterAll(async () => t?.close());

  it('a token revoked outside this replica works until a second after it was read, never longer', async () => {
    const { id, token } = await s.directory.createToken(null, { personId: s.person.id, name: 'elsewhere' });
    await t.http.get('/me').set(bearer(token)).expect(200);
    // As another replica or the CLI would: straight to the database, so this replica is not told.
    await t.foundations.db.transaction((sql) => sql.rows('UPDATE tokens SET revoked_at = now() WHERE id = $1', [id]));
    t.clock.advance(999);
    await t.http.get('/me').set(bearer(token)).expect(200);
    t.clock.advance(1);
    await t.http.get('/me').set(bearer(token)).expect(401);
  });

  it('a token revoked through this replica is refused at once', async () => {
    const issued = await s.directory.createToken(null, { personId: s.person.id, name: 'revoked here' });
    await t.http.get('/me').set(bearer(issued.token)).expect(200);
    await t.http.post(`/tokens/${issued.id}/revoke`).set(s.admin).expect(200);
    await t.http.get('/me').set(bearer(issued.token)).expect(401);
  });

  it('a remembered token still expires on time', async () => {
    const issued = await s.directory.createToken(null, { personId: s.person.id, name: 'short', expiresAt: new Date(t.clock.now().getTime() + 500) });
    await t.http.get('/me').set(bearer(issued.token)).expect(200);
    t.clock.advance(500);
    await t.http.get('/me').set(bearer(issued.token)).expect(401);
  });

  it('writes last use at most once a minute', async () => {
    const issued = await s.directory.createToken(null, { personId: s.person.id, name: 'counted' });
    const lastUsed = async () => (await s.directory.tokens(s.person.id)).find((x) => x.id === issued.id)!.lastUsedAt;
    const first = t.clock.now().toISOString();
    await t.http.get('/me').set(bearer(issued.token)).expect(200);
    expect(await lastUsed()).toBe(first);
    // Read again from the database every second, but not written again within the minute.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(20_000);
      await t.http.get('/me').set(bearer(issued.token)).expect(200);
    }
    expect(await lastUsed()).toBe(first);
    t.clock.advance(1_000);
    const later = t.clock.now().toISOString();
    await t.http.get('/me').set(bearer(issued.token)).expect(200);
    expect(await lastUsed()).toBe(later);
  });
});

// Two app instances in one process need PostgreSQL: the embedded database is one process's alone.
(process.env.DATABASE_URL ? describe : describe.skip)('two replicas on one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  let s: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    a = await startApp();
    b = await startApp({}, { database: a.database });
    s = await seed(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Both replicas' clocks move together, as real clocks would. */
  const advance = (ms: number) => [a, b].forEach((x) => x.clock.advance(ms));

  it('a token revoked on one replica is refused on the other within a second', async () => {
    const issued = await s.directory.createToken(null, { personId: s.person.id, name: 'two replicas' });
    await a.http.get('/me').set(bearer(issued.token)).expect(200);
    await b.http.post(`/tokens/${issued.id}/revoke`).set(s.admin).expect(200);
    await b.http.get('/me').set(bearer(issued.token)).expect(401);
    advance(999);
    // Still remembered on A: the cache is real, and its bound is what this test is about.
    await a.http.get('/me').set(bearer(issued.token)).expect(200);
    advance(1);
    const refused = await a.http.get('/me').set(bearer(issued.token)).expect(401);
    expect(refused.body.message).toMatch(/revoked/);
  });

  it('a role removed on one replica is gone from the other within a second', async () => {
    const issued = await s.directory.createToken(null, { personId: s.person.id, name: 'roles' });
    expect((await a.http.get('/me').set(bearer(issued.token)).expect(200)).body.assignments).toEqual([expect.objectContaining({ unitId: 'u', role: 'duty_officer' })]);
    await b.http.delete(`/role-assignments/${s.role.id}`).set(s.admin).expect(200);
    advance(999);
    expect((await a.http.get('/me').set(bearer(issued.token)).expect(200)).body.assignments).toHaveLength(1);
    advance(1);
    expect((await a.http.get('/me').set(bearer(issued.token)).expect(200)).body.assignments).toEqual([]);
  });
});
