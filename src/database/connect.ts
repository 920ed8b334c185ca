import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { AppConfig } from '../config/app-config.js';
import { Database } from './database.js';

export class DataDirLocked extends Error {}

export interface Connection {
  db: Database;
  close(): Promise<void>;
}

/**
 * typeorm-pglite keeps one PGlite instance per process: a second embedded database opened while the
 * first is open would silently be the first one. Refuse instead.
 */
let embeddedOpen: string | null = null;

/** Opens PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite database in DATA_DIR. */
export async function connect(config: AppConfig): Promise<Connection> {
  if (config.DATABASE_URL) {
    const ds = new DataSource({
      type: 'postgres',
      url: config.DATABASE_URL,
      synchronize: false,
      installExtensions: false,
      uuidExtension: 'pgcrypto',
      extra: { max: 20, connectionTimeoutMillis: 5000 },
    });
    await ds.initialize();
    return { db: new Database(ds, 'postgres'), close: () => ds.destroy() };
  }

  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // PGlite does not lock its folder, and two processes writing one folder corrupt it.
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { lockfilePath: `${dataDir}.lock`, stale: 15_000, update: 5_000 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ELOCKED') {
      throw new DataDirLocked(
        `the embedded database in ${dataDir} is in use by another process (lock ${dataDir}.lock); ` +
          'stop it, or give this one another DATA_DIR, or use DATABASE_URL',
      );
    }
    throw e;
  }
  try {
    if (embeddedOpen) throw new Error(`the embedded database in ${embeddedOpen} is already open in this process; only one can be (close it first)`);
    const ds = new DataSource({
      type: 'postgres',
      driver: new PGliteDriver({ dataDir }).driver,
      synchronize: false,
      installExtensions: false,
      uuidExtension: 'pgcrypto',
    });
    await ds.initialize();
    embeddedOpen = dataDir;
    return {
      db: new Database(ds, 'embedded'),
      close: async () => {
        await ds.destroy();
        embeddedOpen = null;
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}
