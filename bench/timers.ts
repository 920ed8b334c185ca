/**
 * npm run bench:timers — due escalation timers fired through the engine (one poller, and two pollers on
 * two connection pools) against graphile-worker running as many no-op jobs with the throughput settings
 * its documentation gives, then the poller's claim query with up to 1,000,000 timers not yet due.
 *
 * Like with like: every run is on a fresh database; both sides get a warm-up round that is discarded;
 * both are timed by the same tap, from the first claim that got work to the last completion committed
 * (bench/timers/tap.ts); start-up and queueing are outside the window on both sides. RUNS runs of each,
 * in alternating order (the machine is shared: a busy minute should not always hit the same side), and
 * the median with the range is reported, never the best run. Every run checks its counts and throws
 * (non-zero exit) if any is wrong.
 */
import 'reflect-metadata';
import { loadConfig } from '../src/config/app-config.js';
import { loadAverage, machineInfo, showSpread, spread, withFreshDatabase } from './support.js';
import { claimQueryProbe } from './timers/claim-query.js';
import { engineRun, INCIDENTS, prepareTemplate, TIMERS } from './timers/engine.js';
import { graphileRun, PRESET_TEXT } from './timers/graphile.js';
import { topStatements, type Measured } from './tap.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** graphile-worker's warm-up round, the size of the engine's (500 warm-up incidents, 2 timers each). */
const WARM_JOBS = Number(process.env.BENCH_WARM_INCIDENTS ?? 500) * 2;

interface Result extends Measured {
  what: string;
  count: number;
}

const fmt = (n: number, d = 2) => n.toFixed(d);

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, SCHEDULER_ENABLED: 'false' });
  console.log(`Timers benchmark\n${await machineInfo()}`);
  console.log(`engine: TIMER_BATCH=${config.TIMER_BATCH} TIMER_TX_BATCH=${config.TIMER_TX_BATCH} TIMER_CONCURRENCY=${config.TIMER_CONCURRENCY}`);
  console.log(`graphile-worker preset.worker: ${PRESET_TEXT}`);
  console.log(`${RUNS} runs of ${TIMERS} timers (${INCIDENTS} incidents) / ${TIMERS} jobs each, each after a discarded warm-up round\n`);

  const t0 = performance.now();
  const template = await prepareTemplate();
  console.log(`set-up (once, not timed): template database with the incidents in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  try {
    const kinds: [string, () => Promise<Result>][] = [
      ['engine, 1 poller', () => engineRun(template, 1)],
      ['engine, 2 pollers', () => engineRun(template, 2)],
      ['graphile-worker', () => graphileRun(TIMERS, WARM_JOBS)],
    ];
    const results = new Map<string, Result[]>(kinds.map(([k]) => [k, []]));
    for (let r = 0; r < RUNS; r++) {
      for (const [kind, go] of r % 2 ? [...kinds].reverse() : kinds) {
        console.log(`run ${r + 1}, ${kind}, load average ${loadAverage()}`);
        const res = await go();
        results.get(kind)!.push(res);
        if (r === 0) console.log(`  its statements in the window (calls × mean ms until answered, by total time):\n${topStatements(8)}`);
      }
    }

    console.log(`\n## Summary (${RUNS} runs each: median (min–max); load average at the end ${loadAverage()})\n`);
    console.log('| what | items per run | seconds | per second | queries / item | transactions / item | commits / item | Node CPU s / 1000 | PostgreSQL CPU s / 1000 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [, rs] of results) {
      const med = (f: (x: Result) => number, d: number) => fmt(spread(rs.map(f)).median, d);
      console.log(
        `| ${rs[0].what} | ${rs[0].count} | ${showSpread(spread(rs.map((x) => x.seconds)), 2)} | ${showSpread(spread(rs.map((x) => x.count / x.seconds)))} | ` +
          `${med((x) => x.queries / x.count, 3)} | ${med((x) => x.transactions / x.count, 3)} | ${med((x) => x.completions / x.count, 4)} | ` +
          `${med((x) => (x.nodeCpu / x.count) * 1000, 2)} | ${med((x) => (x.pgCpu / x.count) * 1000, 2)} |`,
      );
    }
    const perSecond = (k: string) => results.get(k)!.map((x) => x.count / x.seconds);
    const graphile = perSecond('graphile-worker');
    for (const k of ['engine, 1 poller', 'engine, 2 pollers']) {
      const mine = perSecond(k);
      // Run r of the engine against run r of graphile-worker: they ran next to each other.
      const ratios = mine.map((v, i) => v / graphile[i]);
      console.log(`ratio ${k} timers/s ÷ graphile-worker jobs/s: ${fmt(spread(mine).median / spread(graphile).median)} (medians); per run ${showSpread(spread(ratios), 2)} (goal ≥ 1.0)`);
    }
    console.log(
      '\nEach timer is a full escalation step (incident row lock, timer row taken, task read, role holders and contacts read, ' +
        'outbox row written, task updated, next step timer started, incident version bumped, timeline entry written), fired in ' +
        'transactions of TIMER_TX_BATCH; each graphile-worker job is a no-op (claim + complete only).',
    );

    await withFreshDatabase('bench_claim', (url) => claimQueryProbe(url, new Date(template.start)), template.name);
  } finally {
    await template.drop();
  }
}

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
// Whatever a library left open (graphile-worker's timers, pools), the benchmark is over.
process.exit(process.exitCode ?? 0);
