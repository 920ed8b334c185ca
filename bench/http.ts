/**
 * npm run bench:http — events sent through the real service over HTTP (`node dist/src/main.js` as a child
 * process, a bearer token, autocannon at 1, 8 and 32 connections) against the same events applied in
 * process through the engine (bench/events/once.ts, as bench:events does), on PostgreSQL and on the
 * embedded database, in one run. The ratio shows what the HTTP path costs on top of the engine.
 *
 * Each database kind gets fresh databases: one for the service (its demo duty officer sends the
 * events), one per in-process measurement. Every HTTP level uses incidents of its own and a discarded
 * warm-up; any answer but 200 (a 409 included) counts as an error and fails the run. The service's
 * RSS is sampled from /proc during each level.
 */
import 'reflect-metadata';
import { eventsOnce, type EventsResult } from './events/once.js';
import { loadLevel, type HttpRun } from './http/load.js';
import { rssMb, startBenchService } from './http/service.js';
import { loadAverage, machineInfo } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 600);
const WARM = Math.min(200, Math.round(EVENTS / 10));
const HTTP_CONNECTIONS = [1, 8, 32];
const IN_PROCESS_CLIENTS = [1, 8];
const KINDS = (process.env.BENCH_DATABASES ?? 'postgres,embedded').split(',') as ('postgres' | 'embedded')[];

interface KindResult {
  inProcess: Map<number, EventsResult>;
  http: Map<number, HttpRun>;
  rssAfterStart: number;
  startMs: number;
}

async function httpLevels(kind: 'postgres' | 'embedded'): Promise<Pick<KindResult, 'http' | 'rssAfterStart' | 'startMs'>> {
  const s = await startBenchService(kind);
  try {
    if (!s.duty) throw new Error('the service printed no duty officer token');
    const rssAfterStart = rssMb(s.service.pid);
    const http = new Map<number, HttpRun>();
    for (const c of HTTP_CONNECTIONS) {
      console.log(`  ${kind}, HTTP, ${c} connection(s), load average ${loadAverage()}`);
      const run = await loadLevel(s.service.base, s.duty, c, EVENTS, s.service.pid);
      console.log(`    ${run.perSecond.toFixed(0)} events/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, errors ${run.errors}, server CPU ${run.cpuMsPerEvent.toFixed(1)} ms/event, RSS peak ${run.rssPeak.toFixed(0)} MB`);
      http.set(c, run);
    }
    return { http, rssAfterStart, startMs: s.startMs };
  } finally {
    await s.dispose();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`HTTP benchmark\n${await machineInfo()}`);
  console.log(`${EVENTS} events per measurement after a warm-up; HTTP at ${HTTP_CONNECTIONS.join(', ')} connections, in process at ${IN_PROCESS_CLIENTS.join(', ')} clients\n`);
  const results = new Map<string, KindResult>();
  for (const kind of KINDS) {
    const inProcess = new Map<number, EventsResult>();
    for (const c of IN_PROCESS_CLIENTS) {
      console.log(`  ${kind}, in process, ${c} client(s), load average ${loadAverage()}`);
      inProcess.set(c, await eventsOnce('engine', c, { events: EVENTS, warm: WARM, kind }));
    }
    results.set(kind, { inProcess, ...(await httpLevels(kind)) });
  }

  console.log(`\n## Summary (load average at the end ${loadAverage()}; ${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`);
  console.log('| database | path | clients | events | events/s | p50 ms | p99 ms | errors | CPU ms / event | server RSS peak MB |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  let failed = false;
  for (const [kind, r] of results) {
    for (const [c, x] of r.inProcess) console.log(`| ${kind} | in process | ${c} | ${x.events} | ${x.perSecond.toFixed(0)} | ${x.p50.toFixed(2)} | ${x.p99.toFixed(2)} | 0 | ${x.cpuMsPerEvent.toFixed(1)} | – |`);
    for (const [c, x] of r.http) {
      console.log(`| ${kind} | HTTP | ${c} | ${x.events} | ${x.perSecond.toFixed(0)} | ${x.p50.toFixed(2)} | ${x.p99.toFixed(2)} | ${x.errors} | ${x.cpuMsPerEvent.toFixed(1)} | ${x.rssPeak.toFixed(0)} |`);
      if (x.errors) failed = true;
    }
  }
  console.log('');
  for (const [kind, r] of results) {
    console.log(`${kind}: service healthy ${(r.startMs / 1000).toFixed(1)} s after spawn, RSS ${r.rssAfterStart.toFixed(0)} MB then`);
    for (const c of IN_PROCESS_CLIENTS) {
      const ratio = r.http.get(c)!.perSecond / r.inProcess.get(c)!.perSecond;
      console.log(`  HTTP / in process at ${c}: ${ratio.toFixed(2)} (goal ≥ 0.8 on PostgreSQL)`);
    }
  }
  for (const [kind, r] of results) {
    for (const [c, x] of r.http) if (x.errors) console.error(`${kind}, ${c} connection(s): ${x.errors} errors, answers ${JSON.stringify(x.statuses)}`);
  }
  if (failed) process.exitCode = 1;
}

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
process.exit(process.exitCode ?? 0);
