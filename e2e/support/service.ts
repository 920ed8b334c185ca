import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { firstRunPrinted, parseFirstRun, type FirstRun } from './first-run.js';

/** What the tests get from the global setup (written to a JSON file named by E2E_STATE). */
export interface ServiceState extends FirstRun {
  baseURL: string;
  database: 'embedded' | 'postgresql';
}

export interface RunningService {
  state: ServiceState;
  /** Everything the service printed. */
  logFile: string;
  stop(): Promise<void>;
}

const STARTUP_MS = 120_000;

/** The database named in a PostgreSQL URL replaced by another (the server's own URL → the test's database). */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(serverUrl: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/**
 * Starts the built service the way a user does (`node dist/src/main.js`, from a copy of dist/ under
 * `snapshotRoot`), on a free port, with a fresh database: the embedded one in `dir`, or — with
 * `serverUrl` — a new PostgreSQL database on that server, dropped by stop(). Resolves once /health
 * answers 200 and the first-run message has been read; its output goes to a log under `snapshotRoot`.
 */
export async function startService(dir: string, snapshotRoot: string, serverUrl?: string): Promise<RunningService> {
  if (!existsSync('dist/src/main.js') || !existsSync('dist/web/index.html')) {
    throw new Error('dist/src/main.js or dist/web/index.html is missing: run the suite with `npm run test:e2e`, which builds first');
  }
  // The run uses a copy of the build, so that a rebuild during the run (another `npm start` or build in
  // the same tree: Vite empties dist/web first) cannot pull the console from under the browser. The copy
  // sits inside the project so that the service still finds node_modules.
  const build = join(snapshotRoot, 'build');
  rmSync(build, { recursive: true, force: true });
  for (const part of ['src', 'web']) cpSync(join('dist', part), join(build, part), { recursive: true });
  const database = serverUrl ? `e2e_${Date.now()}_${process.pid}` : undefined;
  if (serverUrl) await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    SHUTDOWN_GRACE_MS: '2000',
    LOG_FORMAT: 'json',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
  if (serverUrl) Object.assign(env, { DATABASE_URL: withDatabase(serverUrl, database!), SEED_DEMO: 'true' });
  else env.SEED_DEMO = 'auto';

  mkdirSync(dir, { recursive: true });
  const logFile = join(snapshotRoot, `service-${serverUrl ? 'postgresql' : 'embedded'}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [join(build, 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => {
    stdout += b.toString();
    log.write(b);
  });
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
    log.write(b);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A runner that dies without its teardown (Ctrl-C twice, a crash) must not leave the service running.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  void exited.then(() => process.off('exit', orphan));

  const stop = async () => {
    await stopChild(child, exited);
    log.end();
    if (serverUrl) await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  };

  try {
    const port = await until(child, exited, () => /listening on http:\/\/(?:\[[^\]]*\]|[^\s:/]+):(\d+)/.exec(stdout + stderr)?.[1], () => stderr);
    const baseURL = `http://127.0.0.1:${port}`;
    await until(child, exited, async () => ((await fetch(`${baseURL}/health`).then((r) => r.ok, () => false)) ? true : undefined), () => stderr);
    await until(child, exited, () => (firstRunPrinted(stdout) ? true : undefined), () => `no first-run message in the output:\n${stdout}`);
    const firstRun = parseFirstRun(stdout);
    return { state: { baseURL, database: serverUrl ? 'postgresql' : 'embedded', ...firstRun }, logFile, stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}

/**
 * Waits until `probe` gives a value, asking every 100 ms (the service announces readiness only through
 * /health and its output); fails at once if the process exits, and after STARTUP_MS.
 */
async function until<T>(child: ChildProcess, exited: Promise<number | null>, probe: () => T | undefined | Promise<T | undefined>, why: () => string): Promise<T> {
  const deadline = Date.now() + STARTUP_MS;
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (gone !== undefined || child.exitCode !== null) throw new Error(`the service exited (code ${child.exitCode}) before it was ready:\n${why()}`);
    if (Date.now() > deadline) throw new Error(`the service was not ready after ${STARTUP_MS / 1000} s:\n${why()}`);
    await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]);
  }
}

/** SIGTERM and wait for the exit (the service drains, then closes its database); SIGKILL after 30 s. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
