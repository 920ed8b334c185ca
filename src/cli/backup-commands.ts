import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupEmbedded, restoreEmbedded } from '../backup/embedded-backup.js';
import type { AppConfig } from '../config/app-config.js';

const ON_POSTGRES = 'on PostgreSQL use pg_dump and pg_restore (README, "Running in production")';

/**
 * `backup FILE` and `restore FILE [--force]` of the embedded database in DATA_DIR. They run without
 * opening the service's foundations: a backup must not migrate what it copies, and a restore has no
 * database to open yet.
 */
export async function backupCommand(command: 'backup' | 'restore', file: string | undefined, config: AppConfig, force: boolean): Promise<number> {
  if (!file) throw new Error(`${command} needs a file, e.g. npm run cli -- ${command} engine-backup.tar.gz`);
  if (config.DATABASE_URL) throw new Error(`${command} is for the embedded database (DATA_DIR); ${ON_POSTGRES}`);
  if (command === 'backup') {
    const { bytes } = await backupEmbedded(config.DATA_DIR, file);
    console.log(`backed up the embedded database in ${resolve(config.DATA_DIR)} to ${resolve(file)} (${(bytes / 1e6).toFixed(1)} MB)`);
    return 0;
  }
  const { keptOld } = await restoreEmbedded(file, config.DATA_DIR, { force });
  console.log(`restored ${resolve(file)} (${(statSync(file).size / 1e6).toFixed(1)} MB) into ${resolve(config.DATA_DIR)}`);
  if (keptOld) console.log(`the folder it replaced is kept in ${keptOld}; remove it once the service runs on the restored data`);
  return 0;
}
