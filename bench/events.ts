/**
 * npm run bench:events — events applied through the engine against PostgreSQL, at 1 and 8 concurrent
 * clients, against a hand-written SQL transaction doing the same reads and writes (bench/events/raw-sql.ts),
 * so the ratio shows what the engine's own work costs.
 *
 * Like with like: every measurement (mode × clients × run) has its own fresh database, so neither mode
 * meets the other's rows; the order of the two modes alternates between runs (the machine is shared);
 * each measurement has a discarded warm-up; the rows both modes leave are checked against the same
 * expected counts (throw, non-zero exit, if any is wrong); RUNS runs, reported as median and range.
 */
import 'reflect-metadata';
import { eventsOnce, type EventsMode, type EventsResult } from './events/once.js';
import { loadAverage, machineInfo, showSpread, spread } from './support.js';

// 1,000 events per measurement keeps the 12 measurements (3 runs × 2 modes × 2 client counts) within
// a few minutes on a busy 2-core machine.
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = [1, 8];
const WARM = Math.min(200, EVENTS / 10);
const MODES: EventsMode[] = ['engine', 'raw SQL'];

type Result = EventsResult;

/** One measurement on a fresh database (bench/events/once.ts). */
const once = (mode: EventsMode, c: number): Promise<Result> => eventsOnce(mode, c, { events: EVENTS, warm: WARM });

async function main(): Promise<void> {
  console.log(`Events benchmark\n${await machineInfo()}`);
  console.log(`${RUNS} runs × ${MODES.length} modes × clients ${CONCURRENCY.join(', ')}; ${EVENTS} events each after ${WARM} warm-up events, each on a fresh database\n`);
  const results = new Map<string, Result[]>();
  for (let r = 0; r < RUNS; r++) {
    for (const c of CONCURRENCY) {
      for (const mode of r % 2 ? [...MODES].reverse() : MODES) {
        console.log(`run ${r + 1}, ${mode}, ${c} client(s), load average ${loadAverage()}`);
        const key = `${mode}|${c}`;
        results.set(key, [...(results.get(key) ?? []), await once(mode, c)]);
      }
    }
  }

  console.log(`\n## Summary (${RUNS} runs each: median (min–max); load average at the end ${loadAverage()})\n`);
  console.log(`events per run: ${EVENTS}, alternating SUSPECTED_CASE_REPORTED (raises tasks, their escalation timers and the daily report's timer) and CASE_RULED_OUT (cancels them)\n`);
  console.log('| mode | clients | seconds | events/s | p50 ms | p99 ms | statements / event |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const c of CONCURRENCY) {
    for (const mode of MODES) {
      const rs = results.get(`${mode}|${c}`)!;
      const s = (f: (x: Result) => number, d: number) => showSpread(spread(rs.map(f)), d);
      console.log(`| ${mode} | ${c} | ${s((x) => x.seconds, 2)} | ${s((x) => x.perSecond, 0)} | ${s((x) => x.p50, 2)} | ${s((x) => x.p99, 2)} | ${spread(rs.map((x) => x.statementsPerEvent)).median.toFixed(1)} |`);
    }
  }
  for (const c of CONCURRENCY) {
    const e = results.get(`engine|${c}`)!.map((x) => x.perSecond);
    const raw = results.get(`raw SQL|${c}`)!.map((x) => x.perSecond);
    // Run r of one mode against run r of the other: they ran next to each other.
    const perRun = e.map((v, i) => v / raw[i]);
    console.log(`ratio engine / raw SQL at ${c} client(s): ${(spread(e).median / spread(raw).median).toFixed(2)} (medians); per run ${showSpread(spread(perRun), 2)} (goal ≥ 0.6)`);
  }
}

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
process.exit(process.exitCode ?? 0);
