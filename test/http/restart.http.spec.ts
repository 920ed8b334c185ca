import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLocked, lockDataDir, type LockOwner } from '../../src/database/data-dir-lock.js';
import { ensureBuilt, listeningPort, startService } from '../support/service-process.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** A process that stays alive until killed, to stand for a live lock holder. */
async function liveProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid: child.pid!, kill: async () => (child.kill('SIGKILL'), exited) };
}

const owner = (o: Partial<LockOwner>): string => JSON.stringify({ pid: 1, host: hostname(), id: 'someone-else', since: '2026-01-01T00:00:00.000Z', ...o });

// The embedded database's data-folder lock; PostgreSQL has no such lock.
(onPostgres ? describe.skip : describe)('the data folder lock', () => {
  let dir: string;
  let lockPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'playbook-engine-lock-'));
    lockPath = join(dir, 'db.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses while its owner is alive on this host, and is taken at once when the owner is gone', async () => {
    const holder = await liveProcess();
    writeFileSync(lockPath, owner({ pid: holder.pid }));
    expect(() => lockDataDir(lockPath)).toThrow(DataDirLocked);
    expect(() => lockDataDir(lockPath)).toThrow(new RegExp(`in use by another process \\(pid ${holder.pid} on ${hostname()}`));
    await holder.kill();
    const lock = lockDataDir(lockPath);
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('refuses a second holder in this process', () => {
    const lock = lockDataDir(lockPath);
    try {
      expect(() => lockDataDir(lockPath)).toThrow(DataDirLocked);
    } finally {
      lock.release();
    }
  });

  it('takes a lock left with its own pid by an earlier process (a container restarted as pid 1)', () => {
    writeFileSync(lockPath, owner({ pid: process.pid }));
    lockDataDir(lockPath).release();
  });

  it('cannot check an owner on another host: refuses while the lock is refreshed, takes it once it is not', () => {
    writeFileSync(lockPath, owner({ host: 'another-host', pid: 12345 }));
    expect(() => lockDataDir(lockPath)).toThrow(/pid 12345 on another-host/);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath, longAgo, longAgo);
    lockDataDir(lockPath).release();
  });

  it("treats an older version's folder lock (proper-lockfile) by its age only", () => {
    mkdirSync(lockPath);
    expect(() => lockDataDir(lockPath)).toThrow(/an unknown holder/);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath, longAgo, longAgo);
    lockDataDir(lockPath).release();
  });
});

(onPostgres ? describe.skip : describe)('the service on the embedded database', () => {
  let dir: string;
  beforeAll(() => ensureBuilt(), 300_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'playbook-engine-restart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second process while the first runs, and restarts at once after a SIGKILL', async () => {
    const env = { DATA_DIR: join(dir, 'db'), PORT: '0', SCHEDULER_INTERVAL_MS: '60000' };
    const coldT0 = performance.now();
    const first = startService(env);
    try {
      const port = await listeningPort(first);
      const coldMs = performance.now() - coldT0;
      const duty = first.stdout().match(/duty officer\s+\S+\s+(pbe_\S+)/)![1];

      const second = startService(env);
      expect((await second.exited).code).toBe(1);
      expect(second.stderr().trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^cannot start: .* in use by another process \\(pid ${first.pid} `))]);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

      // No shutdown hook runs and nothing releases the lock: the restart must see that its owner is gone.
      expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');
      const t0 = performance.now();
      const restarted = startService(env);
      try {
        const again = await listeningPort(restarted);
        const restartMs = performance.now() - t0;
        console.log(`restart after SIGKILL: listening ${Math.round(restartMs)} ms after spawn (a cold first start took ${Math.round(coldMs)} ms)`);
        expect(restarted.stderr()).not.toMatch(/in use/);
        // A generous bound: the start itself dominates, and this machine may be busy.
        expect(restartMs).toBeLessThan(Math.max(10_000, 2 * coldMs));
        // The data written before the kill is there: the first run's token still works, and no new demo.
        expect(restarted.stdout()).not.toMatch(/First run/);
        expect((await fetch(`http://127.0.0.1:${again}/me`, { headers: { Authorization: `Bearer ${duty}` } })).status).toBe(200);
      } finally {
        const { code } = await restarted.kill('SIGTERM');
        expect(code).toBe(0);
      }
      // A clean stop releases the folder.
      expect(existsSync(join(dir, 'db.lock'))).toBe(false);
    } finally {
      await first.kill('SIGKILL');
    }
  }, 240_000);
});
