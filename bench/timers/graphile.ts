/**
 * The baseline of the timers benchmark: graphile-worker running as many no-op jobs, configured for
 * throughput the way its own documentation does it, and timed by the same tap as the engine.
 *
 * https://worker.graphile.org/docs/performance ("Quick stats", and "Batching": "If you have a high
 * throughput job queue (even intermittently) we recommend that you enable batching") gives the settings
 * its figures were measured with: concurrentJobs 24, maxPoolSize 25, localQueue { size: 500 },
 * completeJobBatchDelay 0, failJobBatchDelay 0. Without them (the defaults: no local queue, no batched
 * completion) every job costs a claim and a completion of its own, two transactions per job, which is
 * what this benchmark compared against before. 0.17.3 supports all of them (see the `WorkerOptions` of
 * node_modules/graphile-worker/dist/index.d.ts). Other presets can be chosen with BENCH_GRAPHILE.
 */
import { createRequire } from 'node:module';
import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import { expectCounts, newPool, withFreshDatabase } from '../support.js';
import { ignorePool, timed, type Classifier, type Measured } from '../tap.js';

export const GRAPHILE_VERSION = (createRequire(import.meta.url)('graphile-worker/package.json') as { version: string }).version;

type WorkerOptions = NonNullable<GraphileConfig.Preset['worker']>;

/** Presets from graphile-worker's Performance page, and its defaults for comparison. */
const PRESETS: Record<string, WorkerOptions> = {
  // "Quick stats" / "perfTest results, with batching": the configuration of its published throughput.
  docs: { concurrentJobs: 24, maxPoolSize: 25, localQueue: { size: 500 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 },
  // "Batching": the suggested starting point, with the engine's parallelism (TIMER_CONCURRENCY=8).
  'docs-start': { concurrentJobs: 8, localQueue: { size: 9 }, completeJobBatchDelay: 25, failJobBatchDelay: 25 },
  // What this benchmark used before: concurrency 8 and no batching (graphile-worker's defaults).
  defaults: { concurrentJobs: 8, pollInterval: 100 },
};
export const PRESET_NAME = process.env.BENCH_GRAPHILE ?? 'docs';
const PRESET = PRESETS[PRESET_NAME];
if (!PRESET) throw new Error(`BENCH_GRAPHILE must be one of ${Object.keys(PRESETS).join(', ')}`);
export const PRESET_TEXT = JSON.stringify(PRESET);

/** Its claim (`get_job…`: lock a batch of jobs) and its completion (delete the finished jobs). */
const classify: Classifier = {
  claim: (t) => t.includes('_private_jobs') && /skip locked/i.test(t),
  take: (t) => /delete from \S*_private_jobs/i.test(t),
};

const quiet = new Logger(() => () => undefined);
const WAIT_MS = 120_000;

export interface GraphileResult extends Measured {
  what: string;
  count: number;
}

/**
 * One run on a fresh database: migrate and start the worker (not timed), a warm-up round of `warm` jobs
 * (discarded), then `jobs` jobs queued in one `addJobs` call (one transaction, so they all appear at
 * once) and run. The window opens at the first claim that locks any of them.
 */
export async function graphileRun(jobs: number, warm: number): Promise<GraphileResult> {
  return withFreshDatabase('bench_graphile', async (url) => {
    const pool = newPool(url, 2);
    ignorePool(pool);
    // Queueing goes through the benchmark's own pool: it is not the worker's work.
    const utils = await makeWorkerUtils({ pgPool: pool, logger: quiet });
    const left = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM graphile_worker._private_jobs')).rows[0].n;
    const seen = new Set<string>();
    let duplicates = 0;
    let waiting: { n: number; resolve: () => void } | undefined;
    try {
      await utils.migrate();
      const runner = await run({
        connectionString: url,
        noHandleSignals: true,
        logger: quiet,
        preset: { worker: PRESET },
        taskList: {
          noop: async (_payload, helpers) => {
            if (seen.has(helpers.job.id)) duplicates++;
            seen.add(helpers.job.id);
            if (waiting && seen.size >= waiting.n) waiting.resolve();
          },
        },
      });
      /** Queues n jobs and returns once all have run and their completions are committed. */
      const round = async (n: number) => {
        const target = seen.size + n;
        const deadline = performance.now() + WAIT_MS;
        const ran = new Promise<void>((resolve) => (waiting = { n: target, resolve }));
        const timeout = setTimeout(() => waiting?.resolve(), WAIT_MS);
        try {
          await utils.addJobs(Array.from({ length: n }, () => ({ identifier: 'noop', payload: {} })));
          await ran;
          // The handlers have run; wait for their batched completions to be committed (polled only now,
          // so the check does not load the database while the jobs run).
          while ((await left()) > 0) {
            if (performance.now() > deadline) throw new Error(`graphile-worker ran ${seen.size - (target - n)} of ${n} jobs, not all completed in ${WAIT_MS / 1000} s`);
            await new Promise((r) => setTimeout(r, 5));
          }
        } finally {
          clearTimeout(timeout);
        }
      };
      let m: Measured;
      try {
        await round(warm);
        expectCounts('graphile-worker warm-up', { ran: seen.size }, { ran: warm });
        m = await timed(classify, pool, () => round(jobs));
      } finally {
        await runner.stop();
      }
      const what = `graphile-worker ${GRAPHILE_VERSION} (${PRESET_NAME}), no-op jobs`;
      console.log(`  ${what}: ran ${seen.size - warm} in ${m.seconds.toFixed(2)} s, ${m.completions} completion statements`);
      expectCounts(what, { ran: seen.size, duplicates, left: await left() }, { ran: warm + jobs, duplicates: 0, left: 0 });
      return { what, count: jobs, ...m };
    } finally {
      await utils.release();
      await pool.end();
    }
  });
}
