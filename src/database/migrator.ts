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
 * Applies the pending SQL migrations in name order, each in its own transaction. On PostgreSQL a
 * session advisory lock makes replicas that start together take turns. A migration that was applied
 * and has since been edited stops start-up: landed migrations are never edited. With `grantTo`, the
 * runtime role's rights are then made exact, under the same lock (two replicas granting at once would
 * collide on the catalog rows), so tables a migration just created get them too.
 */
export async function migrate(db: Database, dir: string, opts: MigrateOptions = {}): Promise<string[]> {
  const files = await readMigrations(dir);
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  const locked = db.kind === 'postgres';
  try {
    if (locked) await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Created only when missing: CREATE TABLE IF NOT EXISTS needs CREATE on the schema even when the
    // table exists, and a runtime role without DDL rights may start when nothing is pending.
    const [{ present }] = await runner.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
    if (!present) {
      await runner.query(
        `CREATE TABLE schema_migrations (
           name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
    }
    const applied = new Map<string, string>(
      ((await runner.query('SELECT name, checksum FROM schema_migrations')) as { name: string; checksum: string }[]).map(
        (r) => [r.name, r.checksum],
      ),
    );
    const ran: string[] = [];
    for (const f of files) {
      const seen = applied.get(f.name);
      if (seen !== undefined) {
        if (seen !== f.checksum) throw new MigrationError(`migration ${f.name} was edited after it was applied; add a new migration instead`);
        continue;
      }
      await runner.startTransaction();
      try {
        await runner.query(f.sql);
        await runner.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [f.name, f.checksum]);
        await runner.commitTransaction();
      } catch (e) {
        await runner.rollbackTransaction();
        const denied = (e as { code?: string }).code === '42501';
        throw new MigrationError(
          `migration ${f.name} failed: ${(e as Error).message}` +
            (denied ? ' (migrations need the tables\' owner: set MIGRATION_DATABASE_URL to its URL)' : ''),
        );
      }
      ran.push(f.name);
    }
    if (opts.grantTo) {
      await runner.startTransaction();
      try {
        const grants = await grantRuntime((sql, params) => runner.query(sql, params), opts.grantTo);
        await runner.commitTransaction();
        opts.granted?.(grants);
      } catch (e) {
        await runner.rollbackTransaction();
        throw new MigrationError(`granting the runtime role "${opts.grantTo}" its rights failed: ${(e as Error).message}`);
      }
    }
    return ran;
  } finally {
    if (locked) await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
