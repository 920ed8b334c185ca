import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { Database, type Sql } from '../database/database.js';
import { signInStore } from './sign-in-store.js';
import { afterFailure, SLOWDOWN, TooManySignInAttempts, waitLeft } from './slowdown.js';

/** The counters' keys: the email as people type it in any case, and the client's address (req.ip). */
export function throttleKeys(email: string, address: string | undefined): { email: string; address: string | null } {
  return { email: `email:${email.trim().toLowerCase()}`, address: address ? `address:${address}` : null };
}

/**
 * Failed sign-ins counted in the database, so every replica sees the same counts (SLOWDOWN in
 * slowdown.ts says how they turn into waits). Checked before a password is verified, so a waiting key
 * costs no argon2 work. Attempts sent in parallel before the fifth failure is written can all be
 * verified; the global rate limit bounds how many that can be.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Throws 429 when any of the keys must still wait. */
  async check(keys: (string | null)[]): Promise<void> {
    const now = this.clock.now();
    const rows = await this.db.read((sql) => signInStore.failures(sql, present(keys)));
    const wait = Math.max(0, ...rows.map((r) => waitLeft({ blockedUntil: r.blocked_until && new Date(r.blocked_until) }, now)));
    if (wait > 0) throw new TooManySignInAttempts(wait, now);
  }

  /** One more failure on each key, in one transaction (keys in a fixed order, so two of these never deadlock). */
  async failed(keys: (string | null)[]): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (sql) => {
      await signInStore.forgetEndedFailures(sql, new Date(now.getTime() - SLOWDOWN.WINDOW_MS));
      for (const key of present(keys).sort()) {
        const row = await signInStore.failureForUpdate(sql, key, now);
        const prev = { failures: row.failures, lastFailureAt: new Date(row.last_failure_at), blockedUntil: row.blocked_until && new Date(row.blocked_until) };
        const next = afterFailure(prev, now, key.startsWith('address:') ? SLOWDOWN.FREE_FAILURES_PER_ADDRESS : SLOWDOWN.FREE_FAILURES);
        await signInStore.saveFailure(sql, { key, failures: next.failures, last_failure_at: next.lastFailureAt, blocked_until: next.blockedUntil });
      }
    });
  }

  /** A success forgets the email's failures (not the address's: one good account must not unlock guessing at others). */
  succeeded(sql: Sql, emailKey: string): Promise<void> {
    return signInStore.clearFailures(sql, emailKey);
  }
}

function present(keys: (string | null)[]): string[] {
  return keys.filter((k): k is string => k !== null);
}
