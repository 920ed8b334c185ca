/**
 * npm run chaos — runs the real service as a child process, drives it from concurrent clients, kills
 * it with SIGKILL at random moments and restarts it, then checks that every acknowledged request is
 * stored exactly once, that no incident is half-written, that replaying every Idempotency-Key answers
 * the same without new effects, and that no timer fired twice or was left behind.
 *
 *   npm run chaos -- [--db embedded|postgres|both] [--pg URL] [--kills 10] [--seconds 45]
 *                    [--clients 4] [--restart-timeout 60] [--timeout 600] [--seed N] [--keep]
 *
 * PostgreSQL: a fresh database chaos_<random> on the server of --pg or DATABASE_URL, dropped at the
 * end. Embedded: a fresh temporary DATA_DIR, removed at the end (kept with --keep, with the service log).
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { logFile, runChaos, serviceEnv, type RunResult } from './chaos/run.js';
import { RestartFailed, Service } from './chaos/service.js';
import { embeddedTarget, postgresTarget, type DbKind, type Target } from './chaos/targets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    pg: { type: 'string' },
    kills: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '45' },
    clients: { type: 'string', default: '4' },
    'restart-timeout': { type: 'string', default: '60' },
    timeout: { type: 'string', default: '600' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

function positive(name: string, raw: string | undefined, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`chaos: --${name} must be an integer ≥ ${min} (got ${raw})`);
    process.exit(2);
  }
  return n;
}

const pgServer = values.pg ?? process.env.DATABASE_URL;
const dbs: DbKind[] = values.db === 'both' ? ['postgres', 'embedded'] : values.db ? [values.db as DbKind] : pgServer ? ['postgres', 'embedded'] : ['embedded'];
if (!dbs.every((d) => d === 'postgres' || d === 'embedded')) {
  console.error(`chaos: --db must be embedded, postgres or both (got ${values.db})`);
  process.exit(2);
}
if (dbs.includes('postgres') && !pgServer) {
  console.error('chaos: --db postgres needs --pg URL or DATABASE_URL');
  process.exit(2);
}
if (!existsSync(resolve(root, 'dist/src/main.js'))) {
  console.error(`chaos: ${resolve(root, 'dist/src/main.js')} is missing: run npm run build`);
  process.exit(2);
}
const opts = {
  root,
  kills: positive('kills', values.kills, 0),
  seconds: positive('seconds', values.seconds),
  clients: positive('clients', values.clients),
  restartTimeoutMs: positive('restart-timeout', values['restart-timeout']) * 1000,
  seed: values.seed === undefined ? randomInt(2 ** 31) : positive('seed', values.seed, 0),
};
const timeoutMs = positive('timeout', values.timeout) * 1000;

const say = (db: DbKind) => (line: string) => console.log(`chaos: ${db}: ${line}`);

/** One summary line per database; a list of what broke, if anything did. */
function report(db: DbKind, r: RunResult | null, failure: string | undefined, seconds: number): boolean {
  const f = r?.findings;
  const counts = {
    lost: f?.lost ?? [],
    duplicated: f?.duplicated ?? [],
    'half-applied': f?.halfApplied ?? [],
    'replay-mismatch': r?.replayMismatches ?? [],
    'timers-double': f?.timersDouble ?? [],
    'timers-stuck': r && r.timersStuck ? [`${r.timersStuck} timers still due after ${(r.settleMs / 1000).toFixed(1)} s`] : [],
    unexpected: (r?.ledger.oddities ?? []).map((o) => `${o.what}: ${o.status} ${JSON.stringify(o.body).slice(0, 400)}`),
    abandoned: r?.ledger.abandoned ? [`${r.ledger.abandoned} requests never answered`] : [],
  };
  const failed = Boolean(failure) || !f || Object.values(counts).some((c) => c.length > 0);
  for (const [name, list] of Object.entries(counts)) {
    for (const line of list.slice(0, 10)) console.log(`chaos: ${db}: ${name}: ${line}`);
    if (list.length > 10) console.log(`chaos: ${db}: ${name}: … and ${list.length - 10} more`);
  }
  if (r) {
    const downs = r.kills.map((k) => k.downMs).sort((a, b) => a - b);
    const t = f?.totals;
    console.log(
      `chaos: ${db}: ${r.ledger.acks.length} acknowledged (${r.ledger.acks.filter((a) => a.resent).length} after a resend, ${r.resentCommitted} of them committed before the kill), ` +
        `${r.api.transportFailures} transport failures (${r.api.failuresWhileUp} with no kill under way); ` +
        (downs.length ? `restart after kill: median ${downs[Math.floor(downs.length / 2)].toFixed(0)} ms, max ${downs.at(-1)!.toFixed(0)} ms; ` : '') +
        (t ? `${t.incidents} incidents, ${t.events} timeline rows, ${t.tasks} tasks, ${t.escalations} escalations fired` : ''),
    );
  }
  const n = (k: keyof typeof counts) => counts[k].length;
  console.log(
    `chaos: ${db} kills=${r?.kills.length ?? 0} acknowledged=${r?.ledger.acks.length ?? 0} lost=${n('lost')} duplicated=${n('duplicated')} ` +
      `half-applied=${n('half-applied')} replay-mismatch=${n('replay-mismatch')} timers-double=${n('timers-double')} ` +
      `timers-stuck=${r?.timersStuck ?? 0} unexpected=${n('unexpected')} restart-failed=${failure ? 1 : 0} seconds=${seconds.toFixed(0)}` +
      (failure ? ` FAILED: ${failure}` : failed ? ' FAILED' : ''),
  );
  return !failed;
}

async function one(db: DbKind): Promise<boolean> {
  const t0 = performance.now();
  const target: Target = db === 'postgres' ? await postgresTarget(pgServer!) : await embeddedTarget();
  const service = new Service(root, serviceEnv(target), logFile(target));
  say(db)(`seed ${opts.seed}, ${opts.kills} kills, ${opts.seconds} s of load, ${opts.clients} clients, work dir ${target.workDir}`);
  // Whatever happens, stop by ourselves: a run that hangs is a failure, reported as one.
  let watchdog: NodeJS.Timeout | undefined;
  const overtime = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  let result: RunResult | null = null;
  let failure: string | undefined;
  try {
    result = await Promise.race([runChaos(target, opts, service, say(db)), overtime]);
    failure = result.failure;
  } catch (e) {
    failure = (e as Error).message.split('\n')[0];
    const known = e instanceof RestartFailed || (e as Error).message.startsWith('did not finish');
    console.log(`chaos: ${db}: ${known ? (e as Error).message : ((e as Error).stack ?? e)}\nlast service output:\n${service.lastLines(20)}`);
  } finally {
    clearTimeout(watchdog);
    await service.kill();
    service.close();
  }
  const ok = report(db, result, failure, (performance.now() - t0) / 1000);
  // A failed run keeps its service log (and embedded data) to look at; the PostgreSQL database only with --keep.
  const keep = { dir: values.keep || !ok, database: values.keep };
  await target.dispose(keep);
  if (keep.dir) console.log(`chaos: ${db}: kept ${target.workDir}${keep.database && db === 'postgres' ? ` and ${target.env.DATABASE_URL}` : ''}`);
  return ok;
}

let ok = true;
for (const db of dbs) ok = (await one(db)) && ok;
process.exit(ok ? 0 : 1);
