// Builds only what is older than its sources, so `npm start` and the CLI run compiled code at once (the
// build happens at install, through `prepare`) yet never run a stale build after an edit or a pull.
// Two parts: the service (tsc → dist/src, dist/bench, dist/scripts) and the web console (Vite → dist/web).
// Plain JavaScript: it must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

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

function run(label, args, stamp) {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // Neither tool touches its output when nothing changed; stamp it so the next start does not build again.
  const now = new Date();
  utimesSync(stamp, now, now);
  console.error(`${label} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const parts = [
  {
    label: 'service',
    stamp: 'dist/.tsbuildinfo',
    sources: ['src', 'bench', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  },
  {
    label: 'console',
    stamp: 'dist/web/index.html',
    sources: ['web', 'package-lock.json'],
    args: ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  },
];
for (const p of parts) {
  const built = newest(p.stamp);
  if (built === 0 || Math.max(...p.sources.map(newest)) > built) run(p.label, p.args, p.stamp);
}
