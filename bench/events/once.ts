/**
 * One in-process events measurement on a fresh database: set-up, warm-up (discarded), `events` events
 * through the engine (or the raw SQL baseline), row counts checked. Shared by bench:events and
 * bench:http (its in-process reference), so both measure the engine the same way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/common/clock.js';
import { openApp, seedDirectory, type BenchApp } from '../app.js';
import { expectCounts, measure, newPool, withFreshDatabase, type Run } from '../support.js';
import { ignorePool, statementCount } from '../tap.js';
import { CYCLE, rawEvent } from './raw-sql.js';

export const INCIDENTS_PER_CLIENT = 25;

export type EventsMode = 'engine' | 'raw SQL';

export interface EventsResult extends Run {
  /** Statements per event seen by the pg tap; 0 on the embedded database (PGlite is not a pg.Client). */
  statementsPerEvent: number;
  /** This process's CPU time per event (the engine, and on the embedded database PGlite too). */
  cpuMsPerEvent: number;
}

export interface EventsOptions {
  events: number;
  warm: number;
  /** Default PostgreSQL (a fresh database on DATABASE_URL's server); `embedded`: PGlite in a temp folder. */
  kind?: 'postgres' | 'embedded';
}

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export async function eventsOnce(mode: EventsMode, c: number, opts: EventsOptions): Promise<EventsResult> {
  if (opts.kind === 'embedded') {
    if (mode !== 'engine') throw new Error('the raw SQL baseline runs on PostgreSQL only');
    const dir = await mkdtemp(join(tmpdir(), 'bench-events-'));
    try {
      // An empty DATABASE_URL counts as unset: the embedded database in DATA_DIR.
      const app = await openApp('', systemClock, { DATA_DIR: join(dir, 'data') });
      const query: Query = (text, params) => app.foundations.db.read((sql) => sql.rows(text, params));
      try {
        return await body(app, query, null, mode, c, opts);
      } finally {
        await app.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return withFreshDatabase('bench_events', async (url) => {
    const app = await openApp(url);
    const pool = newPool(url, 20);
    // The raw baseline's statements are counted like the engine's; the benchmark's reads are not.
    const check = newPool(url, 1);
    ignorePool(check);
    const query: Query = async (text, params) => (await check.query(text, params)).rows;
    try {
      return await body(app, query, pool, mode, c, opts);
    } finally {
      await pool.end();
      await check.end();
      await app.close();
    }
  });
}

async function body(app: BenchApp, query: Query, pool: ReturnType<typeof newPool> | null, mode: EventsMode, c: number, opts: EventsOptions): Promise<EventsResult> {
  const { events, warm } = opts;
  const n = async (text: string) => (await query<{ n: number }>(text))[0].n;
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
  const snapshot = async () => (await query<{ snapshot: unknown }>('SELECT snapshot FROM incidents WHERE id = $1', [probe]))[0].snapshot;
  const upSnapshot = await snapshot();
  await app.engine.apply(probe, { type: CYCLE[1] }, actor);
  const downSnapshot = await snapshot();

  // Each client owns its incidents, so clients never wait on each other's locks.
  const mine: string[][] = [];
  for (let w = 0; w < c; w++) mine.push(await open(INCIDENTS_PER_CLIENT));
  const apply =
    mode === 'engine'
      ? async (incident: string, k: number) => void (await app.engine.apply(incident, { type: CYCLE[k % 2] }, actor))
      : rawEvent(pool!, { raised: up.raised, upSnapshot, downSnapshot, actorId: actor.id });
  const step = Array<number>(c).fill(0);
  const work = async (w: number) => {
    const k = step[w]++;
    await apply(mine[w][Math.floor(k / 2) % INCIDENTS_PER_CLIENT], k);
  };
  await measure('warm-up', c, warm, work);
  const q0 = statementCount();
  const cpu0 = process.cpuUsage();
  const run = await measure(mode, c, events, work);
  const cpu = process.cpuUsage(cpu0);
  const statementsPerEvent = (statementCount() - q0) / events;

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
    timeline: incidents + 2 + warm + events,
    // Opening raises communicate_prevention and inspect_5k; each SUSPECTED_CASE_REPORTED `raised` more.
    tasks: 2 * incidents + raised * suspectedEvents,
    openTasks: 2 * incidents + raised * suspectedNow,
    // An escalation timer per open task, and the daily report's series timer while suspected.
    timers: 2 * incidents + (raised + 1) * suspectedNow,
    outbox: 0,
  });
  console.log(`  ${mode}, ${c} client(s): ${run.perSecond.toFixed(0)} events/s, CPU ${((cpu.user + cpu.system) / 1000 / events).toFixed(1)} ms/event; rows ${JSON.stringify(actual)} as expected`);
  return { ...run, statementsPerEvent, cpuMsPerEvent: (cpu.user + cpu.system) / 1000 / events };
}
