/**
 * The real service (`node dist/src/main.js`) as a child process on a fresh database, for bench:http and
 * bench:footprint: started through the chaos run's Service (time to a healthy /health), its demo duty
 * officer's token taken from what the first start prints, and its memory read from /proc.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Service } from '../../scripts/chaos/service.js';
import { embeddedTarget, postgresTarget, type DbKind, type Target } from '../../scripts/chaos/targets.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchService {
  service: Service;
  target: Target;
  /** Milliseconds from spawn to the first 200 from GET /health (the demo seeded, when it is seeded). */
  startMs: number;
  /** The demo duty officer's bearer token, printed by the first start only. */
  duty: string | null;
  /** Starts the service again on the same database (after stop()): the restart figures. */
  restart(): Promise<number>;
  /** Stops the service (SIGTERM) and removes its database. */
  dispose(): Promise<void>;
}

/** The environment the child gets: ours without what would point it elsewhere, plus the bench's. */
function childEnv(target: Target, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  const skip = ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DATA_DIR', 'PORT', 'SEED_DEMO', 'NODE_OPTIONS'];
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !skip.includes(k)) env[k] = v;
  return {
    ...env,
    ...target.env,
    SEED_DEMO: 'true',
    NO_COLOR: '1',
    // One client address sends every request here; the limiter still runs (its cost is measured),
    // only its limit is out of reach.
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...extra,
  };
}

/** A fresh database of `kind` and the service started on it. */
export async function startBenchService(kind: DbKind, extra: Record<string, string> = {}): Promise<BenchService> {
  const target = kind === 'postgres' ? await postgresTarget(SERVER) : await embeddedTarget();
  const service = new Service(ROOT, childEnv(target, extra), join(target.workDir, 'service.log'));
  const printed: string[] = [];
  const stopListening = service.onLine((line) => printed.push(...(line.match(/pbe_[A-Za-z0-9_-]+/g) ?? [])));
  const dispose = async () => {
    await service.stop();
    service.close();
    await target.dispose({ dir: false, database: false });
  };
  try {
    const { ms } = await service.start(120_000);
    stopListening();
    return {
      service,
      target,
      startMs: ms,
      duty: await dutyToken(service.base, printed),
      restart: async () => (await service.start(120_000)).ms,
      dispose,
    };
  } catch (e) {
    await dispose().catch(() => undefined);
    throw e;
  }
}

/** Of the printed tokens, the one whose holder is a duty officer (asked through GET /me, not the wording). */
async function dutyToken(base: string, tokens: string[]): Promise<string | null> {
  for (const token of tokens) {
    const res = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) continue;
    const me = (await res.json()) as { assignments: { role: string }[] };
    if (me.assignments.some((a) => a.role === 'duty_officer')) return token;
  }
  return null;
}

/** Resident set size of a process in MB (VmRSS from /proc), or 0 when it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs` until stopped: peak, last and mean. */
export function sampleRss(pid: number, everyMs = 200) {
  const samples: number[] = [rssMb(pid)];
  const timer = setInterval(() => samples.push(rssMb(pid)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(rssMb(pid));
      const seen = samples.filter((s) => s > 0);
      return { peak: Math.max(...seen), last: seen[seen.length - 1], min: Math.min(...seen), n: seen.length };
    },
  };
}
