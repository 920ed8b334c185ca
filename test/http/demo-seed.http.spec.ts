import { jest } from '@jest/globals';
import { systemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { firstRunMessage, seedDemo } from '../../src/directory/demo-seed.js';
import { DirectoryService } from '../../src/directory/directory.service.js';
import { openFoundations, type Foundations } from '../../src/foundations.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
let replicas: Foundations[] = [];
beforeEach(async () => {
  database = await freshDatabase();
  const config = loadConfig(database.env);
  // On PostgreSQL two replicas, each with its own pool; the embedded database is one process's.
  replicas = onPostgres ? await Promise.all([openFoundations(config), openFoundations(config)]) : [await openFoundations(config)];
});
afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(replicas.map((r) => r.close()));
  await database.drop();
});

const seed = (f: Foundations) => seedDemo(f.db, f.registry, new DirectoryService(f.db, f.registry, systemClock));

/** How many rows the seed wrote, table by table. */
async function rows(f: Foundations) {
  const [r] = await f.db.read((sql) =>
    sql.rows<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM people) AS people,
              (SELECT count(*)::int FROM role_assignments) AS roles, (SELECT count(*)::int FROM tokens) AS tokens,
              (SELECT count(*)::int FROM sign_in_links) AS links, (SELECT count(*)::int FROM audit_log) AS audit`,
    ),
  );
  return r;
}

describe('the demo seed', () => {
  it('run twice at once (replicas starting together) seeds one demo, without an error', async () => {
    const [a, b] = [replicas[0], replicas[1] ?? replicas[0]];
    const results = await Promise.all([seed(a), seed(b)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const n = await rows(a);
    expect(n).toMatchObject({ units: 1, tokens: 3, links: 2 });
    // Every change has its audit entry: the unit, each person, each role assignment, each token, each link.
    expect(n.audit).toBe(n.units + n.people + n.roles + n.tokens + n.links);
    expect(await seed(a)).toBeNull();
  });

  it('that fails half-way leaves nothing, and the next start seeds it all', async () => {
    const [f] = replicas;
    const createToken = DirectoryService.prototype.createToken;
    let calls = 0;
    // The second token fails: the unit, the people, their roles and the first token are written by then.
    jest.spyOn(DirectoryService.prototype, 'createToken').mockImplementation(function (this: DirectoryService, ...args) {
      if (++calls === 2) return Promise.reject(new Error('disk full'));
      return createToken.apply(this, args);
    });
    await expect(seed(f)).rejects.toThrow('disk full');
    expect(calls).toBe(2);
    expect(await rows(f)).toEqual({ units: 0, people: 0, roles: 0, tokens: 0, links: 0, audit: 0 });

    jest.restoreAllMocks();
    const demo = await seed(f);
    expect(demo!.tokens).toHaveLength(3);
    expect(await rows(f)).toMatchObject({ units: 1, tokens: 3, links: 2 });
  });

  it('makes one-time sign-in links for the duty officer and the admin, printed next to the tokens', async () => {
    const [f] = replicas;
    const directory = new DirectoryService(f.db, f.registry, systemClock);
    const demo = await seedDemo(f.db, f.registry, directory, { linkBase: 'http://127.0.0.1:4321/' });
    expect(demo!.links).toEqual([
      { who: 'duty officer', email: 'duty.officer@demo', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4321\/app\/link#[\w-]{43}$/) },
      { who: 'admin', email: 'admin@demo', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4321\/app\/link#[\w-]{43}$/) },
    ]);
    const message = firstRunMessage(demo!);
    expect(message).toContain('First run');
    for (const l of demo!.links) expect(message).toMatch(new RegExp(`^  ${l.who} +${l.email.replace('.', '\\.')} +Sign in to the console: ${l.url.replace(/[.?+]/g, '\\$&')}$`, 'm'));
    const [link] = await f.db.read((sql) => sql.rows<{ kind: string; seconds: number }>(
      `SELECT l.kind, extract(epoch FROM l.expires_at - l.created_at)::int AS seconds FROM sign_in_links l JOIN people p ON p.id = l.person_id WHERE p.email = 'admin@demo'`,
    ));
    expect(link).toEqual({ kind: 'sign-in', seconds: 24 * 3600 });
  });
});
