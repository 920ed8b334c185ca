import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import v8 from 'node:v8';
import type { PGliteDriver } from 'typeorm-pglite';

type PGliteOptions = NonNullable<ConstructorParameters<typeof PGliteDriver>[0]>;

/**
 * The CommonJS build typeorm-pglite loads: importing the ES module as well would load PGlite twice.
 * Only its default start parameters are read here.
 */
const require = createRequire(import.meta.url);
const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');

/**
 * PGlite's settings for the embedded database, chosen for memory (BENCHMARKS.md, "Footprint"):
 *
 * - `shared_buffers` 128 MB (the initdb default) is allocated and touched inside the WebAssembly heap at
 *   start, so it is resident whether or not the data needs it: 16 MB holds the hot pages of this
 *   service's tables, and the rest of the data folder stays in the OS page cache, one read() away.
 *   About 120 MB less resident, for no CPU cost we could measure (14.8 against 14.4 ms per event).
 * - `maintenance_work_mem` only bounds the migrations' index builds here.
 *
 * Durability is PGlite's own and is left alone: its default start parameters (kept below) already run
 * postgres with fsync off (-F), and its Node file system writes every page with write() as postgres
 * does, without fsync; a committed transaction is in the kernel's page cache when the call returns, so
 * it survives kill -9 of this process (not a power cut). relaxedDurability stays unset.
 */
export function pgliteOptions(dataDir: string): PGliteOptions {
  return {
    dataDir,
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB'],
  };
}

/**
 * Compiles PGlite's WebAssembly (postgres, 9 MB of it) with V8's baseline compiler only. By default V8
 * recompiles hot functions with its optimising compiler on background threads, which left about 80 MB
 * in the C library's per-thread heaps for good and made the start slower, for no CPU saved here: 14.5
 * against 15.6 ms of CPU per event with tiering (medians of 3 alternating runs, 8 clients; BENCHMARKS.md).
 * Wasm compile flags are read when a module is compiled, so this must run before the first PGlite
 * instance of the process is created; the service runs no other WebAssembly of weight.
 */
export function compileWasmWithBaselineOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}

/**
 * Creates the database in `dataDir` in a short-lived child process when it does not exist yet. PGlite's
 * initdb runs a second PGlite instance, an initdb WebAssembly module and a tarball of the new data
 * folder in the calling process, about 600 MB that the process keeps long after (V8 and the C heap
 * do not give it back): in a child it is given back when the child exits, and the service then opens
 * the folder as it does on every later start.
 */
export async function initEmbeddedInChild(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  // Resolved from here, so the child loads the very PGlite this process would (whatever its cwd).
  const pglite = require.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(process.argv[1]);
PGlite.create(JSON.parse(process.argv[2])).then((db) => db.close()).catch((e) => { console.error(e && e.message ? e.message : e); process.exit(1); });`;
  const child = spawn(process.execPath, ['--liftoff-only', '-e', script, pglite, JSON.stringify(pgliteOptions(dataDir))], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code}): ${stderr.trim().slice(-500)}`);
}
