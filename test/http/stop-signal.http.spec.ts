import { existsSync } from 'node:fs';
import { loadConfig } from '../../src/config/app-config.js';
import { connect } from '../../src/database/connect.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { ensureBuilt, listeningPort, startService } from '../support/service-process.js';

const GRACE_MS = 20_000;

/** The real service as a child process, stopped by a signal as a supervisor (systemd, Kubernetes) does. */
describe('the service stopped by a signal', () => {
  let database: TestDatabase;
  beforeAll(() => ensureBuilt(), 300_000);
  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(() => database.drop());

  const env = () => ({ ...database.env, PORT: '0', SCHEDULER_INTERVAL_MS: '60000', SHUTDOWN_GRACE_MS: String(GRACE_MS) });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits 0 on ${signal} within the grace period, and leaves the database free at once`, async () => {
      const service = startService(env());
      try {
        const port = await listeningPort(service);
        expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
        const t0 = performance.now();
        const { code, signal: killedBy } = await service.kill(signal);
        const ms = performance.now() - t0;
        console.log(`${signal}: exited ${code} after ${Math.round(ms)} ms`);
        expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
        expect(ms).toBeLessThan(GRACE_MS);
        expect(service.stdout() + service.stderr()).toMatch(new RegExp(`${signal}: draining`));
        expect(service.stdout() + service.stderr()).toMatch(/stopped in \d+ ms/);
      } finally {
        await service.kill('SIGKILL');
      }
      if (database.kind === 'embedded') expect(existsSync(`${database.env.DATA_DIR}.lock`)).toBe(false);
      // Opened straight away by another process's code (this one): no lock left, nothing to recover.
      const conn = await connect(loadConfig(database.env));
      try {
        const [{ n }] = await conn.db.read((sql) => sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations'));
        expect(n).toBeGreaterThan(0);
      } finally {
        await conn.close();
      }
    }, 180_000);
  }
});
