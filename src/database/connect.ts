import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { AppConfig } from '../config/app-config.js';
import { DataDirLocked, lockDataDir } from './data-dir-lock.js';
import { Database } from './database.js';
import { compileWasmWithBaselineOnly, initEmbeddedInChild, pgliteOptions } from './pglite-options.js';

export { DataDirLocked };

/** PostgreSQL could not be reached or refused us: the message names where, never the password. */
export class DatabaseUnreachable extends Error {}

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
  if (config.DATABASE_URL) return connectPostgres(config.DATABASE_URL, { name: 'DATABASE_URL', poolSize: 20 });

  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // PGlite does not lock its folder, and two processes writing one folder corrupt it.
  let lock: ReturnType<typeof lockDataDir>;
  try {
    lock = lockDataDir(`${dataDir}.lock`);
  } catch (e) {
    if (!(e instanceof DataDirLocked)) throw e;
    throw new DataDirLocked(`the embedded database in ${dataDir} is ${e.message}; stop it, or give this one another DATA_DIR, or use DATABASE_URL`);
  }
  try {
    if (embeddedOpen) throw new Error(`the embedded database in ${embeddedOpen} is already open in this process; only one can be (close it first)`);
    await initEmbeddedInChild(dataDir);
    compileWasmWithBaselineOnly();
    const ds = new DataSource({
      type: 'postgres',
      driver: new PGliteDriver(pgliteOptions(dataDir)).driver,
      synchronize: false,
      installExtensions: false,
      uuidExtension: 'pgcrypto',
    });
    await ds.initialize();
    embeddedOpen = dataDir;
    return {
      db: new Database(ds, 'embedded'),
      close: async () => {
        try {
          // Someone may have destroyed the data source already (a test of a lost database): still release.
          if (ds.isInitialized) await ds.destroy();
        } finally {
          embeddedOpen = null;
          lock.release();
        }
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/**
 * A PostgreSQL pool, checked by connecting once. `name` is the variable the URL came from, so that a
 * failure says which one to fix.
 */
export async function connectPostgres(url: string, opts: { name: string; poolSize: number }): Promise<Connection> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: opts.poolSize, connectionTimeoutMillis: 5000 },
  });
  try {
    await ds.initialize();
  } catch (e) {
    throw new DatabaseUnreachable(describeConnectFailure(url, opts.name, e));
  }
  return { db: new Database(ds, 'postgres'), close: async () => (ds.isInitialized ? ds.destroy() : undefined) };
}

/** Where a URL points: host, port, database and user (what one needs to fix it), never its password. */
export function postgresTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? (u.hostname || 'localhost');
    const user = decodeURIComponent(u.username) || '(default user)';
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || user;
    return `${host}:${u.port || 5432}, database "${database}", user "${user}"`;
  } catch {
    return '(an unparseable URL)';
  }
}

/** One line for a failed connection: where, and why in words; the driver's text with any password cut out. */
export function describeConnectFailure(url: string, variable: string, e: unknown): string {
  const err = e as { code?: string; message?: string };
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is PostgreSQL running there?)',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name could not be resolved',
    ETIMEDOUT: 'no answer (timed out)',
    EHOSTUNREACH: 'host unreachable',
    '3D000': 'the database does not exist (create it first, e.g. createdb)',
    '28P01': 'password authentication failed',
  };
  let reason = (err.code && why[err.code]) || err.message || String(e);
  if (/timeout exceeded when trying to connect/i.test(reason)) reason = 'no answer within 5 s';
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // Unparseable: postgresTarget already says so.
  }
  if (password) reason = reason.split(password).join('***');
  return `cannot connect to PostgreSQL (${variable}) at ${postgresTarget(url)}: ${reason}`;
}
