// Builds only when a source file is newer than the last build, so `npm start` and the CLI run compiled
// code at once (the build happens at install, through `prepare`) yet never run a stale build after an
// edit or a pull. Plain JavaScript: it must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.tsbuildinfo';
const SOURCES = ['src', 'bench', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(path) {
  let s;
  try {
    s = statSync(path);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = newest(STAMP);
if (built === 0 || Math.max(...SOURCES.map(newest)) > built) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // tsc leaves its build info untouched when nothing changed; stamp it so the next start does not build again.
  const now = new Date();
  utimesSync(STAMP, now, now);
  console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
