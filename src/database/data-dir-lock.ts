import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

export class DataDirLocked extends Error {}

/** Who holds a data folder: written once, when the lock is taken. */
export interface LockOwner {
  pid: number;
  host: string;
  /** Unique per acquisition, so a taker can tell the stale lock it judged from a fresh one. */
  id: string;
  since: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  release(): void;
}

export interface LockTiming {
  /** A lock not refreshed for this long is stale whoever holds it (another host, a reused pid, an old version). */
  staleMs: number;
  /** How often the holder refreshes the lock's mtime and checks it still holds it. */
  refreshMs: number;
}

const DEFAULT_TIMING: LockTiming = { staleMs: 15_000, refreshMs: 5_000 };

/** Lock files this process holds: its own pid in a lock file it does not hold means an earlier process. */
const held = new Set<string>();

/**
 * Takes `lockPath` for this process, or throws DataDirLocked naming the holder.
 *
 * A lock whose owner ran on this host and whose pid is gone (process.kill(pid, 0) says ESRCH) is stale
 * at once, so a supervisor's restart after a SIGKILL works immediately. An owner on another host (a
 * shared volume, a re-created container) cannot be checked: its lock is stale once it has not been
 * refreshed for `staleMs`. The holder refreshes it every `refreshMs`; if it finds the lock taken from
 * it, it fails loudly rather than keep writing a folder someone else now writes.
 */
export function lockDataDir(lockPath: string, timing: LockTiming = DEFAULT_TIMING): DataDirLock {
  if (held.has(lockPath)) throw locked(lockPath, readLock(lockPath)?.owner ?? null);
  const owner: LockOwner = { pid: process.pid, host: hostname(), id: randomUUID(), since: new Date().toISOString() };
  // Three rounds: the holder may release, or a concurrent starter may take over, between our looks.
  for (let round = 0; round < 3; round++) {
    if (create(lockPath, owner)) return hold(lockPath, owner, timing);
    const seen = readLock(lockPath);
    if (!seen) continue;
    if (!staleReason(lockPath, seen, timing)) throw locked(lockPath, seen.owner);
    removeIfUnchanged(lockPath, seen, owner.id);
  }
  throw locked(lockPath, readLock(lockPath)?.owner ?? null);
}

/** Why a lock may be taken over, or null while its holder is alive (or cannot be known to be gone). */
export function staleReason(lockPath: string, seen: { owner: LockOwner | null; mtimeMs: number }, timing: LockTiming = DEFAULT_TIMING): string | null {
  const age = Date.now() - seen.mtimeMs;
  if (age > timing.staleMs) return `not refreshed for ${Math.round(age / 1000)} s`;
  const o = seen.owner;
  if (!o || o.host !== hostname()) return null;
  // Our own pid in a lock we do not hold: an earlier process that had this pid (a container's pid 1).
  if (o.pid === process.pid) return held.has(lockPath) ? null : `left by an earlier process with pid ${o.pid}`;
  return alive(o.pid) ? null : `its process ${o.pid} is gone`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates the lock with its content in one step: written to a private file, then hard-linked to the
 * lock path (link fails if the path exists), so nobody ever reads a half-written lock.
 */
function create(lockPath: string, owner: LockOwner): boolean {
  const tmp = `${lockPath}.${owner.id}.tmp`;
  writeFileSync(tmp, JSON.stringify(owner));
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The lock's owner and mtime; owner null for a lock this format cannot read (an older version's folder lock). */
export function readLock(lockPath: string): { owner: LockOwner | null; mtimeMs: number } | null {
  try {
    const st = statSync(lockPath);
    if (st.isDirectory()) return { owner: null, mtimeMs: st.mtimeMs };
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
    return { owner: typeof owner?.pid === 'number' ? owner : null, mtimeMs: st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (e instanceof SyntaxError) return { owner: null, mtimeMs: statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    throw e;
  }
}

/**
 * Removes the stale lock we judged, and only that one. Moving it aside first is atomic; if what we
 * moved turns out to be a fresh lock (another starter took over between our read and our move), it is
 * put back.
 */
function removeIfUnchanged(lockPath: string, seen: { owner: LockOwner | null }, takerId: string): void {
  const aside = `${lockPath}.${takerId}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readLock(aside);
  if (moved?.owner && moved.owner.id !== seen.owner?.id) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third starter got in meanwhile; the owner we displaced finds out at its next refresh.
    }
  }
  rmSync(aside, { recursive: true, force: true });
}

function hold(lockPath: string, owner: LockOwner, timing: LockTiming): DataDirLock {
  held.add(lockPath);
  const refresh = setInterval(() => {
    const now = readLock(lockPath);
    if (now?.owner?.id !== owner.id) {
      clearInterval(refresh);
      held.delete(lockPath);
      // Someone else now writes this folder; going on would corrupt it. Crash, as a supervisor expects.
      throw new Error(`lost the lock ${lockPath} (now ${now?.owner ? `pid ${now.owner.pid} on ${now.owner.host}` : 'absent'}); stopping`);
    }
    const t = new Date();
    utimesSync(lockPath, t, t);
  }, timing.refreshMs);
  refresh.unref();
  const release = () => {
    clearInterval(refresh);
    process.off('exit', release);
    held.delete(lockPath);
    if (readLock(lockPath)?.owner?.id === owner.id) unlinkSync(lockPath);
  };
  // Any exit that runs 'exit' listeners (process.exit, an uncaught error) leaves no lock behind; a
  // signal's death does not run them, and the pid check above covers that.
  process.once('exit', release);
  return { path: lockPath, owner, release };
}

function locked(lockPath: string, owner: LockOwner | null): DataDirLocked {
  const who = owner ? `pid ${owner.pid} on ${owner.host}, since ${owner.since}` : 'an unknown holder';
  return new DataDirLocked(`in use by another process (${who}; lock ${lockPath})`);
}
