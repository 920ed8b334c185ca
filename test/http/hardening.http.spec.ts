import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { loadDirectoryFile } from '../../src/directory/directory-file.js';
import { seedDemo } from '../../src/directory/demo-seed.js';
import { startApp, type TestApp } from '../support/test-app.js';

/** A real JWKS endpoint on loopback, serving the public half of a key this test signs with. */
async function jwksServer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  const sign = (claims: { sub: string; iss: string; exp?: number }) =>
    new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject(claims.sub).setIssuer(claims.iss)
      .setAudience('playbook-engine').setIssuedAt().setExpirationTime(claims.exp ?? '10m').sign(privateKey);
  return { url, sign, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('hardening', () => {
  let t: TestApp;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let token: string;
  beforeAll(async () => {
    jwks = await jwksServer();
    t = await startApp({ RATE_LIMIT_PER_MINUTE: '20', JWT_ISSUER: 'https://sso.example.gov.vn', JWT_JWKS_URL: jwks.url, JWT_AUDIENCE: 'playbook-engine' });
    const directory = t.app.get(DirectoryService);
    const p = await directory.createPerson(null, { name: 'sso user', externalId: 'sso|42' });
    token = (await directory.createToken(null, { personId: p.id, name: 't' })).token;
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.close();
  });

  it('accepts a JWT from the configured issuer for a known subject, and refuses others', async () => {
    const good = await jwks.sign({ sub: 'sso|42', iss: 'https://sso.example.gov.vn' });
    expect((await t.http.get('/me').set({ Authorization: `Bearer ${good}` }).expect(200)).body.name).toBe('sso user');
    const stranger = await jwks.sign({ sub: 'sso|99', iss: 'https://sso.example.gov.vn' });
    await t.http.get('/me').set({ Authorization: `Bearer ${stranger}` }).expect(401);
    const otherIssuer = await jwks.sign({ sub: 'sso|42', iss: 'https://evil.example' });
    await t.http.get('/me').set({ Authorization: `Bearer ${otherIssuer}` }).expect(401);
    const expired = await jwks.sign({ sub: 'sso|42', iss: 'https://sso.example.gov.vn', exp: Math.floor(Date.now() / 1000) - 600 });
    await t.http.get('/me').set({ Authorization: `Bearer ${expired}` }).expect(401);
  });

  it('sets security headers and refuses an oversized body with 413', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const big = await t.http.post('/incidents').set({ Authorization: `Bearer ${token}` }).send({ playbook: 'x'.repeat(300_000), unit: 'u' });
    expect(big.status).toBe(413);
  });

  it('answers 429 past the rate limit, but never on /health', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await t.http.get('/playbooks').set({ Authorization: `Bearer ${token}` })).status);
    expect(statuses).toContain(429);
    const limited = await t.http.get('/playbooks').set({ Authorization: `Bearer ${token}` }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
    await t.http.get('/health').expect(200);
  });
});

describe('first run and set-up files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds a demo unit once, with working tokens for a duty officer and an assignee', async () => {
    const directory = t.app.get(DirectoryService);
    const demo = await seedDemo(t.foundations.db, t.foundations.registry, directory);
    expect(demo!.tokens.map((x) => x.who)).toEqual(['duty officer', 'assignee (chief_of_office)', 'admin']);
    const [duty, assignee] = demo!.tokens.map((x) => ({ Authorization: `Bearer ${x.token}` }));
    const inc = (await t.http.post('/incidents').set(duty).send({ playbook: 'covid19-office', unit: 'demo' }).expect(201)).body;
    const mine = (await t.http.get('/tasks?assignee=me').set(assignee).expect(200)).body;
    expect(mine.map((x: { incidentId: string }) => x.incidentId)).toContain(inc.id);
    // Every role of every shipped playbook has someone in the demo unit, so no demo task goes unassigned.
    for (const p of t.foundations.registry.list().map((v) => v.machine.playbook)) {
      const res = await t.http.post('/incidents').set(duty).send({ playbook: p.key, unit: 'demo' });
      if (p.expires) continue; // a directive past its end date takes no new incident (409)
      expect(res.status).toBe(201);
      expect(res.body.openTasks.filter((x: { unassignedRole: boolean }) => x.unassignedRole)).toEqual([]);
    }
    expect(await seedDemo(t.foundations.db, t.foundations.registry, directory)).toBeNull();
  });

  it('loads the example directory file, and loading it again changes nothing', async () => {
    const directory = t.app.get(DirectoryService);
    expect(await loadDirectoryFile('directory.example.yaml', directory, t.foundations.db)).toEqual({ units: 2, people: 5, roles: 4 });
    expect(await loadDirectoryFile('directory.example.yaml', directory, t.foundations.db)).toEqual({ units: 0, people: 0, roles: 0 });
    const units = await directory.units();
    expect(units.find((u) => u.id === 'so-cong-thuong')).toMatchObject({ parentId: 'ubnd-tinh-binh-phuoc', timeZone: 'Asia/Ho_Chi_Minh' });
  });
});
