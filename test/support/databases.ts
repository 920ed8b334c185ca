import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one test file: a new PostgreSQL database on the server named by
 * DATABASE_URL when it is set, else a new folder for the embedded database. `drop` removes it.
 */
export interface TestDatabase {
  env: { DATABASE_URL?: string; DATA_DIR: string };
  kind: 'postgres' | 'embedded';
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const server = process.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'playbook-engine-'));
  if (!server) {
    return {
      env: { DATA_DIR: join(dataDir, 'db') },
      kind: 'embedded',
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: join(dataDir, 'db') },
    kind: 'postgres',
    drop: async () => {
      await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
