import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';

/** A fresh PostgreSQL database for one benchmark run, dropped afterwards whatever happens. */
export async function withFreshDatabase<T>(prefix: string, run: (url: string) => Promise<T>): Promise<T> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

export async function machineInfo(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ version: string }>('SELECT version()');
  await c.end();
  return [
    `date: ${new Date().toISOString()}`,
    `cpu: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `node: ${process.version}`,
    `postgres: ${rows[0].version.split(',')[0]}`,
  ].join('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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

export function table(runs: Run[]): string {
  const head = '| mode | clients | events | seconds | events/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|';
  return [head, ...runs.map((r) => `| ${r.mode} | ${r.concurrency} | ${r.events} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`)].join('\n');
}
