import { DomainError } from '../common/errors.js';

/**
 * How repeated sign-in failures are slowed down, per email address and per client address: the first
 * FREE_FAILURES failures of a series cost nothing; the one that reaches FREE_FAILURES makes the key wait
 * FIRST_WAIT_MS, and each further failure doubles the wait (up to MAX_WAIT_MS). A series goes on while
 * each failure comes less than WINDOW_MS after the previous one (or after the end of the last wait), so
 * a patient guesser keeps doubling, and someone who mistyped twice last week starts afresh.
 *
 * Waits are short at first on purpose: anyone who knows an email can make its owner wait, so a
 * lock-out of hours after five failures would hand them a denial of service.
 */
export const SLOWDOWN = {
  WINDOW_MS: 15 * 60_000,
  FREE_FAILURES: 5,
  // A district office signs in from behind one NAT address: thirty people's morning typos must not make
  // all of them wait, while a guesser trying many emails from one address is still slowed.
  FREE_FAILURES_PER_ADDRESS: 20,
  FIRST_WAIT_MS: 60_000,
  MAX_WAIT_MS: 60 * 60_000,
} as const;

export interface FailureCount {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

/** The count after one more failure at `now`, for a key whose first `free` failures cost nothing. */
export function afterFailure(prev: FailureCount | null, now: Date, free: number = SLOWDOWN.FREE_FAILURES): FailureCount {
  const seriesEnd = prev && prev.failures > 0 ? Math.max(prev.lastFailureAt.getTime(), prev.blockedUntil?.getTime() ?? 0) + SLOWDOWN.WINDOW_MS : 0;
  const failures = now.getTime() < seriesEnd ? prev!.failures + 1 : 1;
  const over = failures - free;
  const wait = over < 0 ? 0 : Math.min(SLOWDOWN.FIRST_WAIT_MS * 2 ** Math.min(over, 30), SLOWDOWN.MAX_WAIT_MS);
  return { failures, lastFailureAt: now, blockedUntil: wait ? new Date(now.getTime() + wait) : prev?.blockedUntil ?? null };
}

/** Milliseconds before this key may try again (0: now). */
export function waitLeft(count: Pick<FailureCount, 'blockedUntil'> | undefined, now: Date): number {
  return Math.max(0, (count?.blockedUntil?.getTime() ?? 0) - now.getTime());
}

/** 429 with the time to wait; the controller copies `retryAfterSeconds` into the Retry-After header. */
export class TooManySignInAttempts extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(waitMs: number, now: Date) {
    const seconds = Math.ceil(waitMs / 1000);
    const at = new Date(now.getTime() + seconds * 1000).toISOString();
    super(429, 'too_many_attempts', `too many failed sign-ins for this email or from this address; try again in ${describe(seconds)} (at ${at})`, {
      retryAfterSeconds: seconds,
      retryAt: at,
    });
    this.retryAfterSeconds = seconds;
  }
}

function describe(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
