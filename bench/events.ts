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
import { openApp, seedDirectory } from './app.js';
import { CYCLE, rawEvent } from './events/raw-sql.js';
import { expectCounts, loadAverage, machineInfo, measure, newPool, showSpread, spread, withFreshDatabase, type Run } from './support.js';
import { ignorePool, statementCount } from './tap.js';

// 1,000 events per measurement keeps the 12 measurements (3 runs × 2 modes × 2 client counts) within
// a few minutes on a busy 2-core machine.
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const INCIDENTS_PER_CLIENT = 25;
const CONCURRENCY = [1, 8];
const WARM = Math.min(200, EVENTS / 10);
const MODES = ['engine', 'raw SQL'];

interface Result extends Run {
  statementsPerEvent: number;
}

/** One measurement on a fresh database: set-up, warm-up (discarded), EVENTS events, row counts checked. */
function once(mode: string, c: number): Promise<Result> {
  return withFreshDatabase('bench_events', async (url) => {
    const app = await openApp(url);
    const pool = newPool(url, 20);
    // The raw baseline's statements are counted like the engine's; the benchmark's reads are not.
    const check = newPool(url, 1);
    ignorePool(check);
    const n = async (text: string) => (await check.query<{ n: number }>(text)).rows[0].n;
    try {
      const actor = await seedDirectory(app, false);
      const open = async (count: number) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) ids.push((await app.engine.open({ playbook: 'covid19-office', unit: 'bench' }, actor)).incident.id);
        return ids;
      };
      // What one SUSPECTED_CASE_REPORTED writes, captured from the engine on a probe incident (in both
      // modes, so that both databases hold the same rows).
      const [probe] = await open(1);
      const up = await app.engine.apply(probe, { type: CYCLE[0] }, actor);
      const snapshot = async () => (await check.query('SELECT snapshot FROM incidents WHERE id = $1', [probe])).rows[0].snapshot;
      const upSnapshot = await snapshot();
      await app.engine.apply(probe, { type: CYCLE[1] }, actor);
      const downSnapshot = await snapshot();

      // Each client owns its incidents, so clients never wait on each other's locks.
      const mine: string[][] = [];
      for (let w = 0; w < c; w++) mine.push(await open(INCIDENTS_PER_CLIENT));
      const apply =
        mode === 'engine'
          ? async (incident: string, k: number) => void (await app.engine.apply(incident, { type: CYCLE[k % 2] }, actor))
          : rawEvent(pool, { raised: up.raised, upSnapshot, downSnapshot, actorId: actor.id });
      const step = Array<number>(c).fill(0);
      const work = async (w: number) => {
        const k = step[w]++;
        await apply(mine[w][Math.floor(k / 2) % INCIDENTS_PER_CLIENT], k);
      };
      await measure('warm-up', c, WARM, work);
      const q0 = statementCount();
      const run = await measure(mode, c, EVENTS, work);
      const statementsPerEvent = (statementCount() - q0) / EVENTS;

      // Each client's incidents take SUSPECTED_CASE_REPORTED and CASE_RULED_OUT in turn: a client that
      // stopped after an odd number of events leaves its last incident with the raised tasks open.
      const incidents = 1 + c * INCIDENTS_PER_CLIENT;
      const raised = up.raised.length;
      const suspectedEvents = 1 + step.reduce((a, s) => a + Math.ceil(s / 2), 0);
      const suspectedNow = step.filter((s) => s % 2).length;
      const actual = {
        timeline: await n('SELECT count(*)::int AS n FROM incident_events'),
        tasks: await n('SELECT count(*)::int AS n FROM tasks'),
        openTasks: await n(`SELECT count(*)::int AS n FROM tasks WHERE status = 'open'`),
        timers: await n('SELECT count(*)::int AS n FROM timers'),
        outbox: await n('SELECT count(*)::int AS n FROM notifications'),
      };
      expectCounts(`${mode}, ${c} client(s)`, actual, {
        // One INCIDENT_OPENED each, the probe's two events, the warm-up and the measured events.
        timeline: incidents + 2 + WARM + EVENTS,
        // Opening raises communicate_prevention and inspect_5k; each SUSPECTED_CASE_REPORTED `raised` more.
        tasks: 2 * incidents + raised * suspectedEvents,
        openTasks: 2 * incidents + raised * suspectedNow,
        // An escalation timer per open task, and the daily report's series timer while suspected.
        timers: 2 * incidents + (raised + 1) * suspectedNow,
        outbox: 0,
      });
      console.log(`  ${mode}, ${c} client(s): ${run.perSecond.toFixed(0)} events/s; rows ${JSON.stringify(actual)} as expected`);
      return { ...run, statementsPerEvent };
    } finally {
      await pool.end();
      await check.end();
      await app.close();
    }
  });
}

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
