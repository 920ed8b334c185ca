import { ConfigError, type AppConfig } from './config/app-config.js';
import { connect, connectPostgres } from './database/connect.js';
import type { Database } from './database/database.js';
import { migrate } from './database/migrator.js';
import type { TableGrant } from './database/runtime-grants.js';
import { readPlaybookFiles } from './playbooks/playbook-files.js';
import { PlaybookRegistry } from './playbooks/playbook-registry.js';

export interface Foundations {
  config: AppConfig;
  db: Database;
  registry: PlaybookRegistry;
  migrated: string[];
  /** The runtime role's rights, when migrations ran as another role (MIGRATION_DATABASE_URL). */
  granted: { role: string; grants: TableGrant[] } | null;
  close(): Promise<void>;
}

/** Validates the playbooks, opens the database, migrates it and registers the playbook versions. */
export async function openFoundations(config: AppConfig): Promise<Foundations> {
  // Playbooks first: a bad file should fail fast, before any database is touched.
  const playbooks = await readPlaybookFiles(config.PLAYBOOKS_DIR);
  const conn = await connect(config);
  try {
    const { migrated, granted } = await migrateAsOwner(config, conn.db);
    const registry = new PlaybookRegistry(conn.db);
    await registry.register(playbooks);
    return { config, db: conn.db, registry, migrated, granted, close: conn.close };
  } catch (e) {
    await conn.close();
    throw e;
  }
}

/**
 * Runs the migrations as the tables' owner. With a MIGRATION_DATABASE_URL other than DATABASE_URL,
 * that is a separate short-lived connection (closed before the service takes traffic), and the
 * runtime role gets its rights re-granted afterwards so that tables a migration created are covered.
 */
async function migrateAsOwner(config: AppConfig, runtime: Database): Promise<Pick<Foundations, 'migrated' | 'granted'>> {
  let granted: Foundations['granted'] = null;
  const migrated = await withOwner(config, runtime, (owner, runtimeRole) =>
    migrate(owner, config.MIGRATIONS_DIR, { grantTo: runtimeRole ?? undefined, granted: (grants) => (granted = { role: runtimeRole!, grants }) }),
  );
  return { migrated, granted };
}

/**
 * Runs `work` on the owner's connection: MIGRATION_DATABASE_URL when it is set (opened for this and
 * closed after), else the runtime connection itself. `runtimeRole` is the runtime's role when it is
 * another role than the owner (it then needs grants), else null.
 */
export async function withOwner<T>(config: AppConfig, runtime: Database, work: (owner: Database, runtimeRole: string | null) => Promise<T>): Promise<T> {
  if (!config.MIGRATION_DATABASE_URL || config.MIGRATION_DATABASE_URL === config.DATABASE_URL) return work(runtime, null);
  const owner = await connectPostgres(config.MIGRATION_DATABASE_URL, { name: 'MIGRATION_DATABASE_URL', poolSize: 1 });
  try {
    const whoami = (db: Database) => db.read(async (sql) => (await sql.rows<{ role: string; db: string }>('SELECT current_user AS role, current_database() AS db'))[0]);
    const [run, own] = [await whoami(runtime), await whoami(owner.db)];
    if (run.db !== own.db) {
      throw new ConfigError(`invalid configuration:\n  MIGRATION_DATABASE_URL names database "${own.db}" but DATABASE_URL names "${run.db}"; they must be the same database`);
    }
    return await work(owner.db, run.role === own.role ? null : run.role);
  } finally {
    await owner.close();
  }
}
