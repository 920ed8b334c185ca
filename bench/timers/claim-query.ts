/**
 * The poller's claim query when nothing is due, with 0, 10,000 and FUTURE_ROWS timers that are not due
 * yet: it must stay an index scan that stops at the first row past `now`, whatever the number of future
 * timers. Throws if the plan does not use timers_fire_at_idx with the full table.
 */
import type { Sql } from '../../src/database/database.js';
import { timerStore } from '../../src/incidents/timer-store.js';
import { newPool } from '../support.js';
import { ignorePool } from '../tap.js';

const FUTURE_ROWS = Number(process.env.BENCH_FUTURE_TIMERS ?? 1_000_000);
const LEASE_MS = 30_000;
const LIMIT = 200;

/** The claim exactly as timerStore.claim sends it, with its parameters. */
async function claimStatement(now: Date): Promise<{ text: string; params: unknown[] }> {
  let captured: { text: string; params: unknown[] } | undefined;
  const recorder: Sql = { rows: async <T>(text: string, params: unknown[] = []) => ((captured = { text, params }), [] as T[]) };
  await timerStore.claim(recorder, now, LEASE_MS, LIMIT);
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

interface Probe {
  rows: number;
  usesIndex: boolean;
  executionMs: number;
  buffers: string;
  medianMs: number;
}

/** Runs the probes on `url`, a database with the schema and at least one incident; prints a table. */
export async function claimQueryProbe(url: string, now: Date): Promise<void> {
  const pool = newPool(url, 2);
  ignorePool(pool);
  try {
    await pool.query('DELETE FROM timers');
    await pool.query('VACUUM ANALYZE timers');
    const incident = (await pool.query<{ id: string }>('SELECT id FROM incidents LIMIT 1')).rows[0].id;
    const claim = await claimStatement(now);
    const literal = withLiterals(claim.text, claim.params);
    const probes: Probe[] = [];
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
        probes.push({
          rows: (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM timers')).rows[0].n,
          usesIndex: /timers_fire_at_idx/.test(text),
          executionMs: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? NaN),
          buffers: /Buffers: ([^\n]+)/.exec(text.split('Planning')[0])?.[1] ?? 'none',
          medianMs: times[10],
        });
      } finally {
        c.release();
      }
    };
    await probe();
    // Not-due timers, relative to the benchmark's clock: 30 days ahead and later, on one incident.
    let inserted = 0;
    for (const upTo of new Set([Math.min(10_000, FUTURE_ROWS), FUTURE_ROWS])) {
      await pool.query(
        `INSERT INTO timers (incident_id, key, event, fire_at, created_at)
         SELECT $1, 'future-' || g, '{"type":"X"}', $2::timestamptz + interval '30 days' + g * interval '1 second', $2::timestamptz
           FROM generate_series($3::int, $4::int) g`,
        [incident, now, inserted + 1, upTo],
      );
      await pool.query('ANALYZE timers');
      inserted = upTo;
      await probe();
    }
    console.log(`\nClaim query (timerStore.claim, limit ${LIMIT}) with nothing due:\n`);
    console.log('| timers in table (none due) | plan uses timers_fire_at_idx | EXPLAIN ANALYZE execution ms | buffers (top node) | claim median ms (21 runs) |');
    console.log('|---:|---|---:|---|---:|');
    for (const p of probes) console.log(`| ${p.rows} | ${p.usesIndex ? 'yes' : 'no'} | ${p.executionMs.toFixed(3)} | ${p.buffers} | ${p.medianMs.toFixed(3)} |`);
    const big = probes[probes.length - 1];
    if (!big.usesIndex) throw new Error(`the claim query does not use timers_fire_at_idx with ${big.rows} timers in the table`);
  } finally {
    await pool.end();
  }
}
