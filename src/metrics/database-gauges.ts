import { Counter, Gauge, type Registry } from 'prom-client';
import type { Clock } from '../common/clock.js';
import type { Database } from '../database/database.js';

const CHANNELS = ['webhook', 'email', 'log'] as const;
const STATES = ['pending', 'delivered', 'dead'] as const;

/**
 * Gauges of what is stored (due timers, the outbox, open tasks), each computed when Prometheus scrapes,
 * with one query on an indexed column: nothing is kept in process memory, so every replica answers
 * the same and a restart loses nothing. "Due" and "overdue" are measured on the engine's clock.
 *
 * A query that fails (the database is down) leaves its gauge empty for that scrape and counts the
 * failure, so /metrics still answers with everything else, the process metrics included.
 */
export function databaseGauges(registry: Registry, db: Database, clock: Clock): void {
  const failures = new Counter({
    name: 'engine_metrics_query_failures_total',
    help: 'Scrape-time queries that failed, by gauge (the gauge is left out of that scrape)',
    labelNames: ['gauge'] as const,
    registers: [registry],
  });

  // The pool is read from memory, no query: PostgreSQL's pg pool, or the embedded database's serial queue.
  // Registered first: prom-client collects in registration order, so this is read before the queries
  // below queue up on the embedded database and count themselves as waiting.
  const pool = new Gauge({
    name: 'engine_db_pool_connections',
    help: 'PostgreSQL pool connections (state: total, idle); absent on the embedded database',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const p = db.pool();
      if ('total' in p) {
        pool.set({ state: 'total' }, p.total);
        pool.set({ state: 'idle' }, p.idle);
      }
    },
  });
  const waiting = new Gauge({
    name: 'engine_db_waiting',
    help: 'Requests waiting for the database: for a pooled connection (PostgreSQL), or behind the running job in the serial queue (embedded)',
    registers: [registry],
    collect() {
      waiting.set(db.pool().waiting);
    },
  });

  /** A gauge whose value comes from one query at scrape time. */
  function queried<L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, now: Date) => Promise<void>): void {
    const gauge: Gauge<L> = new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        gauge.reset();
        try {
          await fill(gauge, clock.now());
        } catch {
          gauge.reset();
          failures.inc({ gauge: name });
        }
      },
    });
  }

  queried('engine_timers_due', 'Timers whose due time has passed and that have not fired yet', [], async (g, now) => {
    const [r] = await db.read((sql) => sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM timers WHERE fire_at <= $1', [now]));
    g.set(r.n);
  });

  // The scheduler's lag: how long the oldest due timer has waited. 0 when nothing is due.
  queried('engine_timers_oldest_due_age_seconds', 'Age of the oldest due timer (scheduler lag); 0 when none is due', [], async (g, now) => {
    const [r] = await db.read((sql) => sql.rows<{ oldest: Date | null }>('SELECT min(fire_at) AS oldest FROM timers WHERE fire_at <= $1', [now]));
    g.set(r.oldest ? Math.max(0, now.getTime() - new Date(r.oldest).getTime()) / 1000 : 0);
  });

  queried('engine_notifications', 'Outbox messages by channel and state (pending, delivered, dead: dead letters)', ['channel', 'state'], async (g) => {
    const rows = await db.read((sql) => sql.rows<{ channel: string; status: string; n: number }>('SELECT channel, status, count(*)::int AS n FROM notifications GROUP BY channel, status'));
    // Every combination is reported, 0 included, so an alert on dead letters has a series from the start.
    for (const channel of CHANNELS) for (const state of STATES) g.set({ channel, state }, 0);
    for (const r of rows) g.set({ channel: r.channel, state: r.status }, r.n);
  });

  const byPlaybookAndLevel = (overdue: boolean) => async (g: Gauge<'playbook' | 'level'>, now: Date) => {
    const rows = await db.read((sql) =>
      sql.rows<{ playbook: string; level: string; n: number }>(
        `SELECT i.playbook_key AS playbook, t.level, count(*)::int AS n
           FROM tasks t JOIN incidents i ON i.id = t.incident_id
          WHERE t.status = 'open'${overdue ? ' AND t.due_at < $1' : ''}
          GROUP BY i.playbook_key, t.level`,
        overdue ? [now] : [],
      ),
    );
    for (const r of rows) g.set({ playbook: r.playbook, level: r.level }, r.n);
  };
  queried('engine_tasks_open', 'Open tasks by playbook and the level that raised them', ['playbook', 'level'], byPlaybookAndLevel(false));
  queried('engine_tasks_overdue', 'Open tasks past their due time, by playbook and level', ['playbook', 'level'], byPlaybookAndLevel(true));
}
