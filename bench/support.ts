import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Drops a database once its sessions are gone. pg's `pool.end()` resolves before the server has
 * finished closing the sessions; dropping WITH (FORCE) at once would terminate them and the pools would
 * see an error, so it waits for them (a few seconds at most) and forces only what is left.
 */
async function drop(name: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline) {
    const [{ n }] = await admin<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

function urlOf(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface Db {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database, empty or a copy of `template`. Copying a prepared template gives every run the same
 * starting tables without paying the set-up again; nobody may be connected to the template meanwhile.
 */
export async function createDatabase(prefix: string, template?: string): Promise<Db> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return { name, url: urlOf(name), drop: () => drop(name) };
}

/** A fresh PostgreSQL database for one benchmark run, dropped afterwards whatever happens. */
export async function withFreshDatabase<T>(prefix: string, run: (url: string, name: string) => Promise<T>, template?: string): Promise<T> {
  const db = await createDatabase(prefix, template);
  try {
    return await run(db.url, db.name);
  } finally {
    await db.drop();
  }
}

/** 1-, 5- and 15-minute load averages: the machine is shared, so every figure is printed with it. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return os.loadavg().map((l) => l.toFixed(2)).join(' ');
  }
}

export async function machineInfo(): Promise<string> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  const { rows } = await c.query<{ version: string }>('SELECT version()');
  await c.end();
  return [
    `date: ${new Date().toISOString()}`,
    `cpu: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `node: ${process.version}`,
    `postgres: ${rows[0].version.split(',')[0]}`,
    `load average (1, 5, 15 min): ${loadAverage()}`,
  ].join('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Median and range of repeated runs: one run on a shared machine says little, the best of three flatters. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

export function showSpread(s: Spread, digits = 0): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

/** Throws unless every count is as expected, so that a wrong count fails the benchmark (non-zero exit). */
export function expectCounts(what: string, actual: Record<string, number>, expected: Record<string, number>): void {
  const wrong = Object.keys(expected).filter((k) => actual[k] !== expected[k]);
  if (wrong.length) throw new Error(`${what}: ${wrong.map((k) => `${k} = ${actual[k]}, expected ${expected[k]}`).join('; ')}`);
}

export interface Run {
  mode: string;
  concurrency: number;
  events: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Runs `work(worker, i)` `total` times across `concurrency` workers, timing each call. */
export async function measure(mode: string, concurrency: number, total: number, work: (worker: number, i: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await work(w, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { mode, concurrency, events: total, seconds, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A pool for the benchmark's own statements; a session ended under it is reported, not a crash. */
export function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (e) => console.error(`benchmark pool: ${e.message}`));
  return pool;
}
