import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database.js';
import { grantRuntime, type TableGrant } from './runtime-grants.js';

// Any constant works; it only has to be the same for every replica of this service.
const MIGRATION_LOCK = 7_140_512_021;

/** A migration that cannot be applied: start-up stops with its message. */
export class MigrationError extends Error {}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{4}_[\w-]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export interface MigrateOptions {
  /** After migrating, give this role the runtime rights on every table (see runtime-grants.ts). */
  grantTo?: string;
  /** Receives the grants made for `grantTo`. */
  granted?: (grants: TableGrant[]) => void;
}

/**
 * Applies the pending SQL migrations in name order, each in its own transaction. On PostgreSQL each
 * of those transactions first takes a transaction advisory lock and looks again whether the migration
 * is still pending, so that replicas that start together take turns, migration by migration. The lock
 * is a transaction lock rather than a session lock so that it works through PgBouncer in transaction
 * pooling mode: there, consecutive statements of one client may run on different server sessions, and
 * a session lock would be taken on one and "released" on another, staying held (the next start would
 * wait forever) while a second replica's statements, run on the holder's session, pass it. A migration
 * that was applied and has since been edited stops start-up: landed migrations are never edited. With
 * `grantTo`, the runtime role's rights are then made exact, under the same lock (two replicas granting
 * at once would collide on the catalog rows), so tables a migration just created get them too.
 */
export async function migrate(db: Database, dir: string, opts: MigrateOptions = {}): Promise<string[]> {
  const files = await readMigrations(dir);
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  const locked = db.kind === 'postgres';
  /** Runs `work` in one transaction holding the migration lock (the embedded database is one session: no lock). */
  const underLock = async <T>(work: () => Promise<T>): Promise<T> => {
    await runner.startTransaction();
    try {
      if (locked) await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const result = await work();
      await runner.commitTransaction();
      return result;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    }
  };
  const appliedChecksum = async (name: string): Promise<string | undefined> =>
    ((await runner.query('SELECT checksum FROM schema_migrations WHERE name = $1', [name])) as { checksum: string }[])[0]?.checksum;
  try {
    await underLock(async () => {
      // Created only when missing: CREATE TABLE IF NOT EXISTS needs CREATE on the schema even when the
      // table exists, and a runtime role without DDL rights may start when nothing is pending.
      const [{ present }] = await runner.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
      if (!present) {
        await runner.query(
          `CREATE TABLE schema_migrations (
             name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
      }
    });
    const applied = new Map<string, string>(
      ((await runner.query('SELECT name, checksum FROM schema_migrations')) as { name: string; checksum: string }[]).map((r) => [r.name, r.checksum]),
    );
    const ran: string[] = [];
    for (const f of files) {
      const edited = () => new MigrationError(`migration ${f.name} was edited after it was applied; add a new migration instead`);
      const seen = applied.get(f.name);
      if (seen !== undefined) {
        if (seen !== f.checksum) throw edited();
        continue;
      }
      const done = await underLock(async () => {
        // Another replica may have applied it while we waited for the lock.
        const now = await appliedChecksum(f.name);
        if (now !== undefined) {
          if (now !== f.checksum) throw edited();
          return false;
        }
        try {
          await runner.query(f.sql);
          await runner.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [f.name, f.checksum]);
        } catch (e) {
          const denied = (e as { code?: string }).code === '42501';
          throw new MigrationError(
            `migration ${f.name} failed: ${(e as Error).message}` + (denied ? ' (migrations need the tables\' owner: set MIGRATION_DATABASE_URL to its URL)' : ''),
          );
        }
        return true;
      });
      if (done) ran.push(f.name);
    }
    if (opts.grantTo) {
      const grantTo = opts.grantTo;
      const grants = await underLock(() => grantRuntime((sql, params) => runner.query(sql, params), grantTo)).catch((e: Error) => {
        throw new MigrationError(`granting the runtime role "${grantTo}" its rights failed: ${e.message}`);
      });
      opts.granted?.(grants);
    }
    return ran;
  } finally {
    await runner.release();
  }
}
