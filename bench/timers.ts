/**
 * npm run bench:timers — due escalation timers fired through the engine against PostgreSQL (one poller,
 * then two pollers on two connection pools), and in the same run graphile-worker executing as many
 * no-op jobs on the same database as a baseline. Then the poller's claim query with 0 and with
 * 1,000,000 timers that are not due yet.
 *
 * Runs in a fresh database `bench_timers_<random>`, dropped at the end whatever happens.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Logger as GraphileLogger, makeWorkerUtils, run } from 'graphile-worker';
import pg from 'pg';
import type { Principal } from '../src/access/principal.js';
import type { Clock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { DirectoryService } from '../src/directory/directory.service.js';
import { openFoundations, type Foundations } from '../src/foundations.js';
import { IncidentEngine } from '../src/incidents/incident-engine.js';
import { timerStore } from '../src/incidents/timer-store.js';
import type { Sql } from '../src/database/database.js';
import { TimerPoller } from '../src/timers/timer-poller.js';
import { machineInfo, withFreshDatabase } from './support.js';

/** Each incident of covid19-office raises two tasks with an escalation chain: two timers. */
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 5000);
const TIMERS = 2 * INCIDENTS;
const SETUP_CONCURRENCY = 8;
const FUTURE_ROWS = Number(process.env.BENCH_FUTURE_TIMERS ?? 1_000_000);
const GRAPHILE_TIMEOUT_MS = 120_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const GRAPHILE_VERSION = (createRequire(import.meta.url)('graphile-worker/package.json') as { version: string }).version;

/** Time that moves only when the benchmark says so (the same as test/support/fake-clock.ts). */
class FakeClock implements Clock {
  private t: number;
  constructor(start = Math.floor(Date.now() / MINUTE) * MINUTE) {
    this.t = start;
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** The poller's claim query exactly as src/incidents/timer-store.ts sends it, with its parameters. */
async function claimStatement(now: Date, leaseMs: number, limit: number): Promise<{ text: string; params: unknown[] }> {
  let captured: { text: string; params: unknown[] } | undefined;
  const recorder: Sql = {
    rows: async <T>(text: string, params: unknown[] = []) => {
      captured = { text, params };
      return [] as T[];
    },
  };
  await timerStore.claim(recorder, now, leaseMs, limit);
  if (!captured) throw new Error('timerStore.claim sent no statement');
  return captured;
}

/** The statement with its parameters written in as literals, for EXPLAIN. */
function withLiterals(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, i: string) => {
    const v = params[Number(i) - 1];
    if (typeof v === 'number') return String(v);
    const s = v instanceof Date ? v.toISOString() : String(v);
    return `'${s.replace(/'/g, "''")}'`;
  });
}

/**
 * Counts every statement any pg client of this process sends (TypeORM's and graphile-worker's pools
 * both use pg.Client; the benchmark's own pool is left out), the transactions among them (explicit
 * COMMITs, plus statements sent outside BEGIN … COMMIT, which PostgreSQL commits on their own), and
 * per statement text the number of calls and the time until its answer came back.
 */
const counter = { queries: 0, transactions: 0 };
const statements = new Map<string, { n: number; ms: number }>();
const ownClients = new WeakSet<object>();
const inTransaction = new WeakMap<object, boolean>();
// BENCH_COUNT=off leaves pg alone, to check that counting costs the measured runs nothing noticeable.
if (process.env.BENCH_COUNT !== 'off') {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: object, ...args: unknown[]) {
    if (ownClients.has(this)) return original.apply(this, args);
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === 'string' ? first : first?.text) ?? '';
    counter.queries++;
    // Cheap on purpose: this runs for every statement of the measured runs.
    if (text.length < 24) {
      const word = text.trim().toUpperCase();
      if (word.startsWith('BEGIN') || word.startsWith('START TRANSACTION')) inTransaction.set(this, true);
      else if (word.startsWith('COMMIT') || word.startsWith('ROLLBACK')) {
        inTransaction.set(this, false);
        if (word.startsWith('COMMIT')) counter.transactions++;
      } else if (!inTransaction.get(this)) counter.transactions++;
    } else if (!inTransaction.get(this)) counter.transactions++;
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      const t0 = performance.now();
      const done = () => {
        const s = statements.get(text);
        if (s) {
          s.n++;
          s.ms += performance.now() - t0;
        } else statements.set(text, { n: 1, ms: performance.now() - t0 });
      };
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
}
const snapshot = () => ({ ...counter, cpu: process.cpuUsage() });

/** CPU seconds (user + system) used so far by the PostgreSQL backends serving this database, from /proc. */
async function backendCpu(pool: pg.Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const ticks = 100; // USER_HZ
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      out.set(pid, (Number(stat[11]) + Number(stat[12])) / ticks);
    } catch {
      // Not on this host, or gone.
    }
  }
  return out;
}
const cpuDelta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, t]) => sum + t - (a.get(pid) ?? 0), 0);

interface Row {
  what: string;
  count: number;
  seconds: number;
  perSecond: number;
  queriesPerItem: number;
  transactionsPerItem: number;
  /** CPU seconds of this Node process and of the database's backends, per 1,000 items. */
  nodeCpuPerK: number;
  pgCpuPerK: number;
}

/** The measurements between two snapshots, per item. */
function per(n: number, c0: ReturnType<typeof snapshot>, c1: ReturnType<typeof snapshot>, pgCpu: number) {
  const node = (c1.cpu.user + c1.cpu.system - c0.cpu.user - c0.cpu.system) / 1e6;
  return {
    queriesPerItem: (c1.queries - c0.queries) / n,
    transactionsPerItem: (c1.transactions - c0.transactions) / n,
    nodeCpuPerK: (node / n) * 1000,
    pgCpuPerK: (pgCpu / n) * 1000,
  };
}

function topStatements(limit: number): string {
  const all = [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, limit);
  return all.map(([text, s]) => `  ${String(s.n).padStart(6)} × ${(s.ms / s.n).toFixed(2).padStart(6)} ms  ${text.replace(/\s+/g, ' ').trim().slice(0, 90)}`).join('\n');
}

const fmt = (n: number, d = 2) => n.toFixed(d);

async function main(url: string): Promise<void> {
  console.log(`Timers benchmark\n${await machineInfo(url)}`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The benchmark's own checks are not counted as the engine's or graphile-worker's queries.
  pool.on('connect', (c) => ownClients.add(c));
  const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows[0] as T;
  const count = async (text: string, params: unknown[] = []) => (await one<{ n: number }>(text, params)).n;

  const clock = new FakeClock();
  const config = loadConfig({ ...process.env, DATABASE_URL: url, SCHEDULER_ENABLED: 'false', TIMER_BATCH: process.env.TIMER_BATCH ?? '200' });
  console.log(
    `config: TIMER_BATCH=${config.TIMER_BATCH} TIMER_TX_BATCH=${(config as unknown as Record<string, unknown>).TIMER_TX_BATCH ?? '-'} ` +
      `TIMER_CONCURRENCY=${(config as unknown as Record<string, unknown>).TIMER_CONCURRENCY ?? '-'} TIMER_LEASE_MS=${config.TIMER_LEASE_MS}`,
  );
  const opened: Foundations[] = [];
  try {
    const f = await openFoundations(config);
    opened.push(f);
    // A second replica: its own pool and engine on the same database.
    const f2 = await openFoundations(config);
    opened.push(f2);

    const directory = new DirectoryService(f.db, f.registry, clock);
    await directory.createUnit(null, { id: 'bench', name: 'Bench unit' });
    const admin = await directory.createPerson(null, { name: 'bench admin', admin: true });
    // One holder with an email per role, so every escalation step queues one email in the outbox.
    for (const role of ['director', 'chief_of_office', 'head_of_division', 'monitoring_team']) {
      const p = await directory.createPerson(null, { name: role, email: `${role}@bench.test` });
      await directory.assign(null, { unitId: 'bench', role, personId: p.id });
    }
    const actor: Principal = { id: admin.id, name: 'bench admin', kind: 'person', admin: true, assignments: [] };
    const engine = new IncidentEngine(f.db, f.registry, clock);
    const engine2 = new IncidentEngine(f2.db, f2.registry, clock);

    /**
     * Opens INCIDENTS incidents (8 at a time, not timed): each raises communicate_prevention (due P1D,
     * chain chief_of_office → director 30 min later) and inspect_5k (due P7D, chain head_of_division →
     * chief_of_office 30 min later → director 1 h later), whose first steps fire at the due time. Then
     * moves the clock 7 days and a minute on: exactly the 2 × INCIDENTS first steps are due; each first
     * step starts the next step's timer 30 minutes after the moment it fires, which is not due.
     */
    const prepare = async () => {
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: SETUP_CONCURRENCY }, async () => {
          while (next < INCIDENTS) {
            next++;
            await engine.open({ playbook: 'covid19-office', unit: 'bench' }, actor);
          }
        }),
      );
      clock.advance(7 * DAY + MINUTE);
      const due = await count('SELECT count(*)::int AS n FROM timers WHERE fire_at <= $1', [clock.now()]);
      if (due !== TIMERS) throw new Error(`expected ${TIMERS} due timers after opening ${INCIDENTS} incidents, found ${due}`);
      console.log(`set-up (not timed): ${INCIDENTS} incidents opened, ${due} escalation timers due, ${fmt((performance.now() - t0) / 1000, 1)} s`);
    };

    /** Drains with the given pollers at once; checks that exactly the due timers became TASK_ESCALATED entries. */
    const fire = async (what: string, pollers: TimerPoller[]): Promise<Row> => {
      const escalatedBefore = await count(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED'`);
      const outboxBefore = await count('SELECT count(*)::int AS n FROM notifications');
      const pg0 = await backendCpu(pool);
      statements.clear();
      const c0 = snapshot();
      const start = performance.now();
      const firedEach = await Promise.all(pollers.map((p) => p.drain()));
      const seconds = (performance.now() - start) / 1000;
      const c1 = snapshot();
      const pgCpu = cpuDelta(pg0, await backendCpu(pool));
      const fired = firedEach.reduce((a, b) => a + b, 0);
      const escalated = (await count(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED'`)) - escalatedBefore;
      const outbox = (await count('SELECT count(*)::int AS n FROM notifications')) - outboxBefore;
      const left = await count('SELECT count(*)::int AS n FROM timers WHERE fire_at <= $1', [clock.now()]);
      console.log(`${what}: fired ${fired} (${firedEach.join(' + ')}), ${escalated} TASK_ESCALATED entries, ${outbox} outbox rows, ${left} due timers left, ${fmt(seconds)} s`);
      if (fired !== TIMERS || escalated !== TIMERS || left !== 0) {
        throw new Error(`${what}: expected ${TIMERS} timers fired and escalated and none left, got fired=${fired} escalated=${escalated} left=${left}`);
      }
      return {
        what,
        count: escalated,
        seconds,
        perSecond: escalated / seconds,
        ...per(escalated, c0, c1, pgCpu),
      };
    };

    const rows: Row[] = [];

    // 1. One poller.
    await prepare();
    rows.push(await fire('engine, 1 poller', [new TimerPoller(f.db, engine, f.config, clock)]));
    console.log(`its statements (calls × mean ms until answered, by total time):\n${topStatements(16)}`);

    // 2. Two pollers (two replicas, each with its own pool) on a new cohort of the same size. The first
    // cohort's remaining steps (not due) are removed so that exactly the new cohort's first steps are due.
    await pool.query('DELETE FROM timers');
    await prepare();
    rows.push(await fire('engine, 2 pollers', [new TimerPoller(f.db, engine, f.config, clock), new TimerPoller(f2.db, engine2, f2.config, clock)]));

    // 3. Baseline: graphile-worker, TIMERS no-op jobs added first (not timed), then a worker with the
    // same parallelism as one poller runs them until its jobs table is empty.
    const quiet = new GraphileLogger(() => () => undefined);
    const utils = await makeWorkerUtils({ connectionString: url, logger: quiet });
    let graphile: Row;
    try {
      await utils.migrate();
      for (let i = 0; i < TIMERS; i += 1000) {
        await utils.addJobs(Array.from({ length: Math.min(1000, TIMERS - i) }, () => ({ identifier: 'noop', payload: {} })));
      }
      const queued = await count('SELECT count(*)::int AS n FROM graphile_worker.jobs');
      if (queued !== TIMERS) throw new Error(`graphile-worker: expected ${TIMERS} queued jobs, found ${queued}`);
      const concurrency = (config as unknown as { TIMER_CONCURRENCY?: number }).TIMER_CONCURRENCY ?? 8;
      let ran = 0;
      let seconds = 0;
      let c1 = snapshot();
      let pgCpu = 0;
      const pg0 = await backendCpu(pool);
      statements.clear();
      const c0 = snapshot();
      const start = performance.now();
      const runner = await run({
        connectionString: url,
        concurrency,
        noHandleSignals: true,
        pollInterval: 100,
        logger: quiet,
        taskList: {
          noop: async () => {
            ran++;
          },
        },
      });
      try {
        for (;;) {
          if ((await count('SELECT count(*)::int AS n FROM graphile_worker.jobs')) === 0) break;
          if (performance.now() - start > GRAPHILE_TIMEOUT_MS) throw new Error(`graphile-worker did not finish ${TIMERS} jobs in ${GRAPHILE_TIMEOUT_MS / 1000} s (ran ${ran})`);
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        seconds = (performance.now() - start) / 1000;
        c1 = snapshot();
        // Its pool's backends are alive until the runner stops.
        pgCpu = cpuDelta(pg0, await backendCpu(pool));
        await runner.stop();
      }
      if (ran !== TIMERS) throw new Error(`graphile-worker ran ${ran} jobs, expected ${TIMERS}`);
      graphile = {
        what: `graphile-worker ${GRAPHILE_VERSION}, concurrency ${concurrency}, no-op jobs`,
        count: ran,
        seconds,
        perSecond: ran / seconds,
        ...per(ran, c0, c1, pgCpu),
      };
      console.log(`${graphile.what}: ${ran} jobs, ${fmt(seconds)} s; its statements (calls × mean ms until answered):\n${topStatements(6)}`);
      rows.push(graphile);
    } finally {
      await utils.release();
    }

    // 4. The claim query when nothing is due, with 0 and with FUTURE_ROWS timers that are not due yet.
    await pool.query('DELETE FROM timers');
    await pool.query('VACUUM ANALYZE timers');
    const anyIncident = (await one<{ id: string }>('SELECT id FROM incidents LIMIT 1')).id;
    const now = clock.now();
    const claim = await claimStatement(now, config.TIMER_LEASE_MS, 200);
    const literal = withLiterals(claim.text, claim.params);
    console.log(`\nclaim query (from timerStore.claim), parameters ${JSON.stringify(claim.params)}:\n${claim.text.replace(/^\s*/gm, '  ')}`);
    const claims: { rows: number; plan: string; usesIndex: boolean; executionMs: number; buffers: string; medianMs: number }[] = [];
    const probe = async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const { rows: plan } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${literal}`);
        await c.query('ROLLBACK');
        // The claim as the poller sends it (parameters, one transaction each), 21 times: the median.
        const times: number[] = [];
        for (let i = 0; i < 21; i++) {
          await c.query('BEGIN');
          const t0 = performance.now();
          const r = await c.query(claim.text, claim.params);
          times.push(performance.now() - t0);
          await c.query('ROLLBACK');
          if (r.rowCount) throw new Error(`the claim query claimed ${r.rowCount} timers when none is due`);
        }
        times.sort((a, b) => a - b);
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        const n = await count('SELECT count(*)::int AS n FROM timers');
        claims.push({
          rows: n,
          plan: text,
          usesIndex: /timers_fire_at_idx/.test(text),
          executionMs: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? NaN),
          buffers: /Buffers: ([^\n]+)/.exec(text.split('Planning')[0])?.[1] ?? 'none',
          medianMs: times[10],
        });
        console.log(`\nclaim query, ${n} timers in the table, none due (now = ${now.toISOString()}, lease ${config.TIMER_LEASE_MS} ms, limit 200):\n${text.replace(/^/gm, '  ')}`);
      } finally {
        c.release();
      }
    };
    await probe();
    // Not-due timers, relative to the benchmark's clock (now() would do on a real clock): 30 days ahead
    // and later, on one existing incident (the primary key is (incident_id, key)).
    let inserted = 0;
    for (const upTo of new Set([Math.min(10_000, FUTURE_ROWS), FUTURE_ROWS])) {
      const t0 = performance.now();
      await pool.query(
        `INSERT INTO timers (incident_id, key, event, fire_at, created_at)
         SELECT $1, 'future-' || g, '{"type":"X"}', $2::timestamptz + interval '30 days' + g * interval '1 second', $2::timestamptz
           FROM generate_series($3::int, $4::int) g`,
        [anyIncident, now, inserted + 1, upTo],
      );
      await pool.query('ANALYZE timers');
      console.log(`\n(set-up, not timed: ${upTo - inserted} future timers inserted and analysed in ${fmt((performance.now() - t0) / 1000, 1)} s)`);
      inserted = upTo;
      await probe();
    }

    // Summary.
    const [single, dual] = rows;
    console.log('\n## Summary\n');
    console.log('| what | fired | seconds | per second | queries / item | transactions / item | Node CPU s / 1000 | PostgreSQL CPU s / 1000 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.what} | ${r.count} | ${fmt(r.seconds)} | ${fmt(r.perSecond, 0)} | ${fmt(r.queriesPerItem, 1)} | ${fmt(r.transactionsPerItem, 3)} | ${fmt(r.nodeCpuPerK)} | ${fmt(r.pgCpuPerK)} |`,
      );
    }
    console.log(`\nratio engine timers/s ÷ graphile-worker jobs/s: ${fmt(single.perSecond / graphile.perSecond)} with 1 poller, ${fmt(dual.perSecond / graphile.perSecond)} with 2 pollers (goal ≥ 1.0)`);
    console.log(
      'Each timer is a full escalation step: incident row lock, timer row taken, task read, role holders and contacts read, ' +
        'outbox row written, task updated, next step timer started, incident version bumped, timeline entry written ' +
        '(timers are fired in transactions of TIMER_TX_BATCH); graphile-worker jobs are no-ops (claim + complete only).',
    );
    console.log('\n| timers in table (none due) | plan uses timers_fire_at_idx | EXPLAIN ANALYZE execution ms | buffers (top node) | claim median ms (21 runs) |');
    console.log('|---:|---|---:|---|---:|');
    for (const c of claims) console.log(`| ${c.rows} | ${c.usesIndex ? 'yes' : 'no'} | ${fmt(c.executionMs, 3)} | ${c.buffers} | ${fmt(c.medianMs, 3)} |`);
    const big = claims[claims.length - 1];
    if (!big.usesIndex) throw new Error(`the claim query does not use timers_fire_at_idx with ${big.rows} timers in the table`);
  } finally {
    await pool.end();
    for (const f of opened) await f.close();
  }
}

try {
  await withFreshDatabase('bench_timers', main);
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
// Whatever a library left open (graphile-worker's timers, pools), the benchmark is over.
process.exit(process.exitCode ?? 0);
