import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real service and CLI as child processes, from `dist/` as `npm start` runs them. Waiting is on
 * what the child prints or on its exit, never on a fixed delay.
 */

const ROOT = process.cwd();

/**
 * Builds `dist/` the way `npm start` does (scripts/ensure-built.mjs: only when a source is newer than
 * the last build). tsc emits even with type errors, which `npm run typecheck` reports on its own; so
 * only missing output fails here, and a failed type-check is shown as a warning.
 */
export function ensureBuilt(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-built.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    const outputs = ['dist/src/main.js', 'dist/src/cli.js'].map((p) => join(ROOT, p));
    const said = `${(e as { stdout?: Buffer }).stdout ?? ''}${(e as { stderr?: Buffer }).stderr ?? ''}`.slice(0, 2000);
    if (!outputs.every((p) => existsSync(p))) throw new Error(`build failed:\n${said}`);
    console.warn(`the build reported errors (the service was emitted all the same):\n${said}`);
  }
}

/** The environment a child gets: ours without Jest's NODE_OPTIONS (its warnings would land on stderr). */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NODE_OPTIONS', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DATA_DIR', 'PORT', 'SEED_DEMO']) delete base[k];
  return { ...base, FORCE_COLOR: '0', NO_COLOR: '1', ...env };
}

export interface Child {
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first line (stdout or stderr) matching, or rejects once the child exits without it. */
  waitFor(pattern: RegExp, what?: string): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function watch(child: ChildProcess): Child {
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  let done = false;
  child.stdout!.on('data', (d) => ((out += d), waiters.forEach((w) => w())));
  child.stderr!.on('data', (d) => ((err += d), waiters.forEach((w) => w())));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      done = true;
      waiters.forEach((w) => w());
      resolve({ code, signal });
    }),
  );
  return {
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, what = String(pattern)) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = `${out}\n${err}`.split('\n').find((l) => pattern.test(l));
          if (line) {
            waiters.delete(check);
            resolve(line.match(pattern)!);
          } else if (done) {
            waiters.delete(check);
            reject(new Error(`the child exited before printing ${what}; stdout:\n${out.slice(-3000)}\nstderr:\n${err.slice(-3000)}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}

/** `node dist/src/main.js` with this environment (PORT, DATA_DIR or DATABASE_URL, …). */
export function startService(env: Record<string, string | undefined>): Child {
  return watch(spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The port the service says it listens on, once it says so. */
export async function listeningPort(service: Child): Promise<number> {
  return Number((await service.waitFor(/listening on http:\/\/(?:\[[^\]]+\]|[^\s:/]+):(\d+)/, '"listening on"'))[1]);
}

/** `node dist/src/cli.js …args`; resolves when it exits. */
export async function runCli(args: string[], env: Record<string, string | undefined>) {
  const child = watch(spawn(process.execPath, [join(ROOT, 'dist/src/cli.js'), ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}
