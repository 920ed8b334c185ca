import type { AppConfig } from './config/app-config.js';
import { connect } from './database/connect.js';
import type { Database } from './database/database.js';
import { migrate } from './database/migrator.js';
import { readPlaybookFiles } from './playbooks/playbook-files.js';
import { PlaybookRegistry } from './playbooks/playbook-registry.js';

export interface Foundations {
  config: AppConfig;
  db: Database;
  registry: PlaybookRegistry;
  migrated: string[];
  close(): Promise<void>;
}

/** Validates the playbooks, opens the database, migrates it and registers the playbook versions. */
export async function openFoundations(config: AppConfig): Promise<Foundations> {
  // Playbooks first: a bad file should fail fast, before any database is touched.
  const playbooks = await readPlaybookFiles(config.PLAYBOOKS_DIR);
  const conn = await connect(config);
  try {
    const migrated = await migrate(conn.db, config.MIGRATIONS_DIR);
    const registry = new PlaybookRegistry(conn.db);
    await registry.register(playbooks);
    return { config, db: conn.db, registry, migrated, close: conn.close };
  } catch (e) {
    await conn.close();
    throw e;
  }
}
