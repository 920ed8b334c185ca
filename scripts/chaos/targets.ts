import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type DbKind = 'postgres' | 'embedded';

/** Read and write access to the service's database from outside the service. */
export interface Sql {
  query<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * One fresh database for one chaos run, and how to reach it. PostgreSQL can be read while the service
 * runs; the embedded folder only while the service is stopped (PGlite is one process's alone).
 */
export interface Target {
  kind: DbKind;
  /** Where the run keeps its service log (and, embedded, the data folder). */
  workDir: string;
  /** What the service needs in its environment to use this database. */
  env: Record<string, string>;
  readableWhileRunning: boolean;
  open(): Promise<Sql>;
  /** Drops the database and removes the work dir, unless asked to keep them for a look afterwards. */
  dispose(keep: { dir: boolean; database: boolean }): Promise<void>;
}

export async function postgresTarget(server: string): Promise<Target> {
  const name = `chaos_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const workDir = await mkdtemp(join(tmpdir(), 'chaos-pg-'));
  return {
    kind: 'postgres',
    workDir,
    env: { DATABASE_URL: url.toString() },
    readableWhileRunning: true,
    async open() {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      return { query: async (text, params) => (await c.query(text, params)).rows, close: () => c.end() };
    },
    async dispose(keep) {
      if (!keep.database) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (!keep.dir) await rm(workDir, { recursive: true, force: true });
    },
  };
}

export async function embeddedTarget(): Promise<Target> {
  const workDir = await mkdtemp(join(tmpdir(), 'chaos-embedded-'));
  const dataDir = join(workDir, 'data');
  return {
    kind: 'embedded',
    workDir,
    env: { DATA_DIR: dataDir },
    readableWhileRunning: false,
    async open() {
      // Only ever called while the service is stopped (or killed): two PGlite instances on one folder corrupt it.
      const db = await PGlite.create(dataDir);
      return { query: async (text, params) => (await db.query(text, params)).rows as any[], close: () => db.close() };
    },
    async dispose(keep) {
      if (!keep.dir && !keep.database) await rm(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * Brings some escalation timers due now, so the poller has real work to fire (and to be killed in
 * the middle of) within a run of seconds, where the playbooks' deadlines are minutes or hours away.
 * Only unclaimed rows: a claimed row belongs to a poller. Milliseconds only, as the service writes them:
 * it takes a claimed timer back by its exact fire_at, read into a JavaScript Date.
 */
export async function pullTimersDue(sql: Sql, limit: number): Promise<number> {
  const rows = await sql.query(
    `UPDATE timers t SET fire_at = date_trunc('milliseconds', now())
      WHERE t.locked_until IS NULL AND t.key LIKE 'escalate:%' AND t.fire_at > now()
        AND (t.incident_id, t.key) IN (SELECT incident_id, key FROM timers
              WHERE locked_until IS NULL AND key LIKE 'escalate:%' AND fire_at > now() ORDER BY random() LIMIT $1)
      RETURNING t.key`,
    [limit],
  );
  return rows.length;
}

/** Timers due now, and the latest lease among them (a killed poller's claim holds until then). */
export async function dueTimers(sql: Sql): Promise<{ due: number; leaseEnds: Date | null }> {
  const [row] = await sql.query<{ due: string | number; lease_ends: Date | null }>(
    'SELECT count(*) AS due, max(locked_until) AS lease_ends FROM timers WHERE fire_at <= now()',
  );
  return { due: Number(row.due), leaseEnds: row.lease_ends ? new Date(row.lease_ends) : null };
}
