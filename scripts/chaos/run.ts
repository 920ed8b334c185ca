import { join } from 'node:path';
import { checkInvariants, effectCounts, type Findings } from './checks.js';
import { Api, Gate, sleep } from './http.js';
import { killLoop, type KillRecord } from './kills.js';
import { Ledger, random, runClient, type Ack, type Tokens } from './load.js';
import { replayAll } from './replay.js';
import { Service } from './service.js';
import { dueTimers, type Sql, type Target } from './targets.js';

export interface RunOptions {
  root: string;
  kills: number;
  seconds: number;
  clients: number;
  restartTimeoutMs: number;
  seed: number;
}

export interface RunResult {
  kills: KillRecord[];
  failure?: string;
  ledger: Ledger;
  api: Api;
  findings?: Findings;
  replayMismatches: string[];
  timersStuck: number;
  timersPulled: number;
  settleMs: number;
  /** Acknowledged only on a resend, though the killed process had already committed them: the idempotent path. */
  resentCommitted: number;
}

/** When the service did what an acknowledged request asked, by its own clock. */
function effectTime(a: Ack): number {
  const at = a.kind === 'event' ? a.answer.incident.updatedAt : a.kind === 'complete' ? a.answer.completedAt : a.answer.createdAt;
  return Date.parse(at);
}

/** A claim held by a killed poller comes back after this; short, so the end of a run need not wait long. */
const LEASE_MS = 5000;

/** The service's environment: this run's database, the demo seed, no rate limit in the way, a fast poller. */
function serviceEnv(target: Target): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['DATABASE_URL', 'DATA_DIR', 'PORT', 'SEED_DEMO'].includes(k)) env[k] = v;
  return {
    ...env,
    ...target.env,
    SEED_DEMO: 'true',
    NO_COLOR: '1',
    RATE_LIMIT_PER_MINUTE: '100000000',
    SCHEDULER_INTERVAL_MS: '200',
    TIMER_LEASE_MS: String(LEASE_MS),
  };
}

/**
 * The tokens the first run prints: any line with an email and a `pbe_` token, whatever its wording.
 * Each is then asked who it is (GET /me), so the roles do not depend on the message either.
 */
async function firstRunTokens(service: Service, printed: Map<string, string>): Promise<Partial<Tokens>> {
  const found: Partial<Tokens> = {};
  for (const token of printed.values()) {
    const res = await fetch(`${service.base}/me`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) continue;
    const me = (await res.json()) as { id: string; admin: boolean; assignments: { role: string }[] };
    if (me.admin) found.admin ??= token;
    else if (me.assignments.some((a) => a.role === 'duty_officer')) found.duty ??= token;
    else found.assignee ??= { token, personId: me.id };
  }
  return found;
}

async function obtainTokens(service: Service, target: Target, opts: RunOptions, say: (s: string) => void): Promise<Tokens> {
  const printed = new Map<string, string>();
  const stopListening = service.onLine((line) => {
    const m = /(\S+@\S+)\s+(pbe_[A-Za-z0-9_-]+)/.exec(line);
    if (m) printed.set(m[1], m[2]);
  });
  const first = await service.start(opts.restartTimeoutMs);
  say(`first start: healthy in ${first.ms.toFixed(0)} ms`);
  // The tokens are printed just after the service starts listening: give them a moment to arrive.
  for (let i = 0; i < 40 && printed.size < 3; i++) await sleep(50);
  stopListening();
  const found = await firstRunTokens(service, printed);
  if (found.duty && found.admin) return found as Tokens;
  say(`first-run message gave ${printed.size} token(s); issuing tokens with the CLI`);
  // The CLI opens the database itself: on the embedded one the service must let go of the folder first.
  if (!target.readableWhileRunning) await service.stop();
  const issue = async (email: string) => /pbe_[A-Za-z0-9_-]+/.exec(await service.cli(['token:create', '--person', email, '--name', 'chaos']))![0];
  const duty = found.duty ?? (await issue('duty.officer@demo'));
  const admin = found.admin ?? (await issue('admin@demo'));
  if (!service.running) await service.start(opts.restartTimeoutMs);
  return { duty, admin, assignee: found.assignee };
}

/**
 * Waits until no timer is due any more (the poller fired them all, including those a killed poller had
 * claimed, once their lease ran out). PostgreSQL is watched while the service runs; the embedded folder
 * can only be read with the service stopped, so there it is stop, look, and if work remains, start again
 * and give the poller until the leases end. Leaves the embedded service stopped with the folder open.
 */
async function settleTimers(service: Service, target: Target, opts: RunOptions): Promise<{ due: number; sql: Sql; ms: number }> {
  const t0 = performance.now();
  const deadline = t0 + LEASE_MS + 30_000;
  if (target.readableWhileRunning) {
    const sql = await target.open();
    let { due } = await dueTimers(sql);
    while (due > 0 && performance.now() < deadline) {
      await sleep(200);
      ({ due } = await dueTimers(sql));
    }
    return { due, sql, ms: performance.now() - t0 };
  }
  for (;;) {
    await service.stop();
    const sql = await target.open();
    const { due, leaseEnds } = await dueTimers(sql);
    if (due === 0 || performance.now() > deadline) return { due, sql, ms: performance.now() - t0 };
    await sql.close();
    await service.start(opts.restartTimeoutMs);
    await sleep(Math.max(1000, (leaseEnds?.getTime() ?? 0) - Date.now() + 1000));
  }
}

export async function runChaos(target: Target, opts: RunOptions, service: Service, say: (s: string) => void): Promise<RunResult> {
  const rnd = random(opts.seed);
  const run = `chaos-${opts.seed.toString(16)}-${target.kind}`;
  const tokens = await obtainTokens(service, target, opts, say);
  const gate = new Gate();
  // Long enough to outlast any restart: a request must be answered, or the run has failed anyway.
  const api = new Api(() => service.base, gate, opts.restartTimeoutMs + 30_000);
  const ledger = new Ledger();
  const result: RunResult = { kills: [], ledger, api, replayMismatches: [], timersStuck: 0, timersPulled: 0, settleMs: 0, resentCommitted: 0 };

  let stopping = false;
  const clients = Array.from({ length: opts.clients }, (_, w) => runClient(w, run, api, tokens, ledger, random(opts.seed + w + 1), () => stopping));
  const t0 = performance.now();
  const kills = await killLoop({ kills: opts.kills, seconds: opts.seconds, restartTimeoutMs: opts.restartTimeoutMs }, service, gate, api, target, rnd, say);
  stopping = true;
  if (kills.failure) {
    // Nothing will answer the clients now: let them give up on their own rather than wait for them.
    result.kills = kills.records;
    result.failure = kills.failure;
    return result;
  }
  await Promise.all(clients);
  result.kills = kills.records;
  result.timersPulled = kills.pulledWhileUp + kills.records.reduce((n, k) => n + k.pulled, 0);
  result.resentCommitted = ledger.acks.filter((a) => a.resent && kills.records.some((k) => a.firstSentAt <= k.wallAt && effectTime(a) <= k.wallAt)).length;
  say(`load: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${ledger.requests} requests, ${ledger.acks.length} acknowledged`);

  const settled = await settleTimers(service, target, opts);
  result.timersStuck = settled.due;
  result.settleMs = settled.ms;
  say(`timers: ${result.timersPulled} escalation timers brought due during the run; ${settled.due} still due after ${(settled.ms / 1000).toFixed(1)} s`);
  const before = await effectCounts(settled.sql);
  await settled.sql.close();
  if (!service.running) await service.start(opts.restartTimeoutMs);

  const r0 = performance.now();
  result.replayMismatches = await replayAll(api, ledger.acks, opts.clients);
  await service.stop();
  const sql = await target.open();
  try {
    const after = await effectCounts(sql);
    if (after.events !== before.events || after.tasks !== before.tasks) {
      result.replayMismatches.push(`replays changed the data: events ${before.events} → ${after.events}, tasks ${before.tasks} → ${after.tasks}`);
    }
    say(`replay: ${ledger.acks.length} acknowledged requests sent again in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
    result.findings = await checkInvariants(sql, ledger.acks, run);
  } finally {
    await sql.close();
  }
  return result;
}

export function logFile(target: Target): string {
  return join(target.workDir, 'service.log');
}

export { serviceEnv };
