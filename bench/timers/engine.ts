/**
 * The engine's side of the timers benchmark: due escalation timers fired by `TimerPoller.drain()`.
 *
 * The set-up (opening thousands of incidents through the engine) is done once, in a template database;
 * every run fires timers in its own fresh copy of it, so each run starts from the same tables and no run
 * meets rows an earlier run left behind.
 */
import pg from 'pg';
import type { Principal } from '../../src/access/principal.js';
import type { Clock } from '../../src/common/clock.js';
import type { Sql } from '../../src/database/database.js';
import { timerStore } from '../../src/incidents/timer-store.js';
import { openApp, seedDirectory, type BenchApp } from '../app.js';
import { createDatabase, expectCounts, newPool, withFreshDatabase } from '../support.js';
import { ignorePool, timed, type Classifier, type Measured } from '../tap.js';

/** Each covid19-office incident raises two tasks with an escalation chain: two first steps fall due. */
export const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 5000);
export const TIMERS = 2 * INCIDENTS;
/** The warm-up round: a smaller cohort fired by the same pollers first, then discarded. */
const WARM_INCIDENTS = Number(process.env.BENCH_WARM_INCIDENTS ?? 500);
const SETUP_CONCURRENCY = 8;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Time that moves only when the benchmark says so (the same as test/support/fake-clock.ts). */
export class FakeClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** The exact text of a statement a timerStore function sends, so the tap recognises it by equality. */
async function statementOf(call: (sql: Sql) => Promise<unknown>): Promise<string> {
  let text = '';
  await call({ rows: async <T>(t: string) => ((text = t), [] as T[]) });
  if (!text) throw new Error('timerStore sent no statement');
  return text;
}

async function engineClassifier(): Promise<Classifier> {
  const claim = await statementOf((sql) => timerStore.claim(sql, new Date(), 1000, 1));
  const take = await statementOf((sql) => timerStore.takeMany(sql, [{ incident_id: '00000000-0000-0000-0000-000000000000', key: 'k', fire_at: new Date() }]));
  return { claim: (t) => t === claim, take: (t) => t === take };
}

export interface Template {
  name: string;
  /** The fake clock's start: every run replays time from here. */
  start: number;
  drop(): Promise<void>;
}

async function openMany(app: BenchApp, actor: Principal, n: number, title: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: SETUP_CONCURRENCY }, async () => {
      while (next < n) {
        next++;
        await app.engine.open({ playbook: 'covid19-office', unit: 'bench', title }, actor);
      }
    }),
  );
}

/**
 * Opens WARM_INCIDENTS incidents (title `warm-up`) at the start, then INCIDENTS (title `measured`) 8
 * days later. Each raises communicate_prevention (due P1D) and inspect_5k (due P7D), whose escalation
 * chains start at the due time: 7 days and a minute after each opening exactly that cohort's first
 * steps are due; each first step starts its chain's next step 30 minutes after it fires.
 */
export async function prepareTemplate(): Promise<Template> {
  const db = await createDatabase('bench_timers_template');
  try {
    const start = Math.floor(Date.now() / MINUTE) * MINUTE;
    const clock = new FakeClock(start);
    const app = await openApp(db.url, clock);
    try {
      const actor = await seedDirectory(app, true);
      await openMany(app, actor, WARM_INCIDENTS, 'warm-up');
      clock.advance(8 * DAY);
      await openMany(app, actor, INCIDENTS, 'measured');
    } finally {
      await app.close();
    }
    // Planner statistics and the visibility map travel with every copy.
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('VACUUM ANALYZE').finally(() => c.end());
    return { name: db.name, start, drop: db.drop };
  } catch (e) {
    await db.drop();
    throw e;
  }
}

export interface EngineResult extends Measured {
  what: string;
  count: number;
  split: number[];
}

/** One run on a fresh copy of the template: a warm-up round, then the measured round, counts checked. */
export async function engineRun(template: Template, pollers: number): Promise<EngineResult> {
  const classify = await engineClassifier();
  return withFreshDatabase(
    'bench_timers',
    async (url) => {
      const clock = new FakeClock(template.start);
      // Two pollers are two replicas: each its own app, engine and connection pool on the one database.
      const apps: BenchApp[] = [];
      const pool = newPool(url, 2);
      ignorePool(pool);
      const n = async (text: string, params: unknown[] = []) => (await pool.query<{ n: number }>(text, params)).rows[0].n;
      const counts = async () => ({
        escalated: await n(`SELECT count(*)::int AS n FROM incident_events WHERE type = 'TASK_ESCALATED'`),
        outbox: await n('SELECT count(*)::int AS n FROM notifications'),
        due: await n('SELECT count(*)::int AS n FROM timers WHERE fire_at <= $1', [clock.now()]),
        timers: await n('SELECT count(*)::int AS n FROM timers'),
      });
      try {
        for (let i = 0; i < pollers; i++) apps.push(await openApp(url, clock));
        const drain = () => Promise.all(apps.map((a) => a.poller.drain()));

        // Warm-up round, discarded: the warm-up cohort's first steps, then its later steps are removed
        // so that exactly the measured cohort's first steps fall due next.
        clock.advance(7 * DAY + MINUTE);
        expectCounts('engine warm-up, before', { due: (await counts()).due }, { due: 2 * WARM_INCIDENTS });
        const warm = (await drain()).reduce((a, b) => a + b, 0);
        expectCounts('engine warm-up', { fired: warm }, { fired: 2 * WARM_INCIDENTS });
        await pool.query(`DELETE FROM timers WHERE incident_id IN (SELECT id FROM incidents WHERE title = 'warm-up')`);

        clock.advance(8 * DAY);
        const before = await counts();
        expectCounts('engine, before the measured round', { due: before.due, timers: before.timers }, { due: TIMERS, timers: TIMERS });
        let split: number[] = [];
        const m = await timed(classify, pool, async () => {
          split = await drain();
        });
        const after = await counts();
        const fired = split.reduce((a, b) => a + b, 0);
        // Exactly once: every measured incident has its two first steps in its timeline, no more.
        const twice = await n(
          `SELECT count(*)::int AS n FROM (SELECT e.incident_id FROM incident_events e JOIN incidents i ON i.id = e.incident_id
            WHERE e.type = 'TASK_ESCALATED' AND i.title = 'measured' GROUP BY e.incident_id HAVING count(*) = 2) x`,
        );
        const what = `engine, ${pollers} poller${pollers > 1 ? 's' : ''}`;
        console.log(`  ${what}: fired ${fired} (${split.join(' + ')}) in ${m.seconds.toFixed(2)} s; timeline +${after.escalated - before.escalated}, outbox +${after.outbox - before.outbox}, ${after.due} due left`);
        expectCounts(what, {
          fired,
          timeline: after.escalated - before.escalated,
          outbox: after.outbox - before.outbox,
          incidentsEscalatedTwice: twice,
          dueLeft: after.due,
          nextSteps: after.timers,
        }, { fired: TIMERS, timeline: TIMERS, outbox: TIMERS, incidentsEscalatedTwice: INCIDENTS, dueLeft: 0, nextSteps: TIMERS });
        return { what, count: fired, split, ...m };
      } finally {
        await pool.end();
        for (const a of apps) await a.close();
      }
    },
    template.name,
  );
}
