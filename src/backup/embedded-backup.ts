import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLocked, lockDataDir, type DataDirLock } from '../database/data-dir-lock.js';

/**
 * Backup and restore of the embedded database: the whole data folder as PGlite's own gzipped tarball
 * (dumpDataDir / loadDataDir), taken with the service stopped. The folder's lock is held throughout, so
 * neither runs while the service (or another backup) has the folder, and the service cannot start
 * half-way through a restore.
 */

/** What an operator has to fix: printed as one line by the CLI. */
export class BackupError extends Error {}

/** Writes the database in `dataDir` to `file` (a .tar.gz). Answers the size written. */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = resolve(dataDir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`no embedded database in ${dir} (DATA_DIR): nothing to back up`);
  const lock = takeLock(dir);
  try {
    const pg = await PGlite.create({ dataDir: dir });
    let archive: Blob;
    try {
      archive = await pg.dumpDataDir('gzip');
    } finally {
      await pg.close();
    }
    const bytes = Buffer.from(await archive.arrayBuffer());
    // Written aside, flushed to disk and renamed, so that neither an interrupted backup nor a power cut
    // after "backed up" leaves a truncated archive under its name.
    const target = resolve(file);
    const partial = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
    try {
      const fd = openSync(partial, 'w');
      try {
        writeFileSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(partial, target);
    } finally {
      rmSync(partial, { force: true });
    }
    return { bytes: bytes.length };
  } finally {
    lock.release();
  }
}

/**
 * Restores `file` into `dataDir`. A folder holding anything is refused unless `force`; then the old
 * folder is kept beside it (`<DATA_DIR>.before-restore-<time>`) until the operator removes it. The
 * archive is unpacked and opened in a folder of its own first, so a bad archive leaves `dataDir` as it
 * was. Answers where the old folder went, if anywhere.
 */
export async function restoreEmbedded(file: string, dataDir: string, opts: { force: boolean }): Promise<{ keptOld: string | null }> {
  const dir = resolve(dataDir);
  let archive: Buffer;
  try {
    archive = await readFile(file);
  } catch (e) {
    throw new BackupError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // gzip's magic number: anything else is not one of our backups.
  if (archive.length < 2 || archive[0] !== 0x1f || archive[1] !== 0x8b) throw new BackupError(`${file} is not a .tar.gz backup (npm run cli -- backup FILE makes one)`);
  mkdirSync(dirname(dir), { recursive: true });
  const lock = takeLock(dir);
  try {
    const occupied = existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0);
    if (occupied && !opts.force) {
      throw new BackupError(`${dir} (DATA_DIR) is not empty: restore into a new or empty folder, or add --force to replace it (the old folder is kept beside it)`);
    }
    const staging = `${dir}.restoring-${randomBytes(4).toString('hex')}`;
    try {
      const pg = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([archive]) }).catch((e: Error) => {
        throw new BackupError(`${file} could not be restored (${e.message}): not a backup of this version's embedded database?`);
      });
      try {
        // Opened, and answers: what a restored folder has to do before it replaces anything.
        await pg.query('SELECT 1');
      } finally {
        await pg.close();
      }
      let keptOld: string | null = null;
      if (existsSync(dir)) {
        if (occupied) renameSync(dir, (keptOld = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`));
        else rmSync(dir, { recursive: true });
      }
      renameSync(staging, dir);
      return { keptOld };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    lock.release();
  }
}

function takeLock(dir: string): DataDirLock {
  try {
    return lockDataDir(`${dir}.lock`);
  } catch (e) {
    if (e instanceof DataDirLocked) throw new BackupError(`the embedded database in ${dir} is ${e.message}; stop the service first`);
    throw e;
  }
}
