/**
 * A tap on pg.Client that sees every statement the engine (TypeORM's pool), graphile-worker (its own
 * pool) and the raw-SQL baseline send. Both sides of a comparison use `pg`, so one tap counts and times
 * both by the same rule instead of each side by its own stopwatch.
 *
 * The timers benchmark's window (`timed`) runs from the moment the first claim that got work was SENT to
 * the moment the last completion was ANSWERED:
 *   - a claim is the statement that locks due items for this worker (engine: `timerStore.claim`;
 *     graphile-worker: its `get_job…` statement); claims that came back empty do not open the window,
 *     so an idle poll before the work was queued does not count against anyone;
 *   - a completion is what makes finished items durable: the COMMIT of a transaction that took items
 *     (engine: the firing transaction that ran `timerStore.takeMany`), or a taking statement sent
 *     outside a transaction, which PostgreSQL commits on its own (graphile-worker's job deletion).
 * Start-up, connecting, migrations and queueing the work are outside the window on both sides.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';

export interface Classifier {
  /** The statement that locks due items for a worker. */
  claim: (text: string) => boolean;
  /** The statement that removes finished items (durable once its transaction commits). */
  take: (text: string) => boolean;
}

interface Window {
  classify: Classifier;
  firstClaim: number;
  lastCompletion: number;
  completions: number;
}

const counter = { queries: 0, transactions: 0 };
const statements = new Map<string, { n: number; ms: number }>();
/** The statements of the last closed window (what came after it, e.g. dropping the database, is not). */
let lastWindow: [string, { n: number; ms: number }][] = [];
/** The benchmark's own clients (checks, counts): neither counted nor timed. */
const ownClients = new WeakSet<object>();
/** Per client: inside BEGIN … COMMIT, and whether that transaction took items. */
const inTransaction = new WeakMap<object, boolean>();
const tookItems = new WeakMap<object, boolean>();
let window: Window | undefined;

const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: object, ...args: unknown[]) {
  if (ownClients.has(this)) return original.apply(this, args);
  const first = args[0] as string | { text?: string } | undefined;
  const text = (typeof first === 'string' ? first : first?.text) ?? '';
  counter.queries++;
  // Cheap on purpose: this runs for every statement of the measured runs.
  let completes = false;
  const w = window;
  const claim = w?.classify.claim(text) ?? false;
  if (text.length < 24) {
    const word = text.trim().toUpperCase();
    if (word.startsWith('BEGIN') || word.startsWith('START TRANSACTION')) {
      inTransaction.set(this, true);
      tookItems.set(this, false);
    } else if (word.startsWith('COMMIT') || word.startsWith('ROLLBACK')) {
      inTransaction.set(this, false);
      if (word.startsWith('COMMIT')) {
        counter.transactions++;
        completes = tookItems.get(this) === true;
      }
    } else if (!inTransaction.get(this)) counter.transactions++;
  } else {
    const takes = w?.classify.take(text) ?? false;
    if (!inTransaction.get(this)) {
      counter.transactions++;
      completes = takes;
    } else if (takes) tookItems.set(this, true);
  }
  const sent = performance.now();
  const result = original.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    const done = (r: unknown) => {
      const now = performance.now();
      const s = statements.get(text);
      if (s) {
        s.n++;
        s.ms += now - sent;
      } else statements.set(text, { n: 1, ms: now - sent });
      if (!w || w !== window) return;
      if (claim && ((r as { rowCount?: number } | undefined)?.rowCount ?? 0) > 0) w.firstClaim = Math.min(w.firstClaim, sent);
      if (completes && r !== undefined) {
        w.lastCompletion = Math.max(w.lastCompletion, now);
        w.completions++;
      }
    };
    (result as Promise<unknown>).then(done, () => done(undefined));
  }
  return result;
};

/** Statements sent so far by clients that are not the benchmark's own. */
export function statementCount(): number {
  return counter.queries;
}

/** Leaves a pool's clients out of the counts and the timing (the benchmark's own checks). */
export function ignorePool(pool: pg.Pool): void {
  pool.on('connect', (c) => ownClients.add(c));
}

/** CPU seconds (user + system) used so far by the PostgreSQL backends serving this database, from /proc. */
async function backendCpu(pool: pg.Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      out.set(pid, (Number(stat[11]) + Number(stat[12])) / 100); // USER_HZ
    } catch {
      // Not on this host, or gone.
    }
  }
  return out;
}

export interface Measured {
  /** From the first claim that got work sent to the last completion answered. */
  seconds: number;
  queries: number;
  transactions: number;
  /** Completion statements or commits seen in the window (how much each side batches its commits). */
  completions: number;
  nodeCpu: number;
  pgCpu: number;
}

/**
 * Opens the window, runs `work` (which returns once every item is done), closes the window. `pool` is
 * one of the benchmark's own pools on the measured database, to read its backends' CPU.
 */
export async function timed(classify: Classifier, pool: pg.Pool, work: () => Promise<void>): Promise<Measured> {
  const pg0 = await backendCpu(pool);
  statements.clear();
  const c0 = { ...counter };
  const cpu0 = process.cpuUsage();
  const w: Window = { classify, firstClaim: Infinity, lastCompletion: -Infinity, completions: 0 };
  window = w;
  try {
    await work();
  } finally {
    window = undefined;
    lastWindow = [...statements].map(([t, v]) => [t, { ...v }]);
  }
  const cpu1 = process.cpuUsage(cpu0);
  const pg1 = await backendCpu(pool);
  if (!Number.isFinite(w.firstClaim) || !Number.isFinite(w.lastCompletion)) throw new Error('no claim or no completion was seen in the timed window');
  return {
    seconds: (w.lastCompletion - w.firstClaim) / 1000,
    queries: counter.queries - c0.queries,
    transactions: counter.transactions - c0.transactions,
    completions: w.completions,
    nodeCpu: (cpu1.user + cpu1.system) / 1e6,
    pgCpu: [...pg1].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? 0), 0),
  };
}

/** The statements of the last timed window by total time: calls × mean ms until answered. */
export function topStatements(limit: number): string {
  const all = [...lastWindow].sort((a, b) => b[1].ms - a[1].ms).slice(0, limit);
  return all.map(([text, s]) => `  ${String(s.n).padStart(6)} × ${(s.ms / s.n).toFixed(2).padStart(6)} ms  ${text.replace(/\s+/g, ' ').trim().slice(0, 90)}`).join('\n');
}
