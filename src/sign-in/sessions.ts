import { Inject, Injectable } from '@nestjs/common';
import { hashToken } from '../access/tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { Sql } from '../database/database.js';
import type { PersonRow } from '../directory/directory-store.js';
import { newSecret } from './session-cookie.js';
import { signInStore, type SessionRow } from './sign-in-store.js';

export type LiveSession = SessionRow & { person: PersonRow };

/**
 * Server-side sessions for people at the console. The cookie holds a random secret; the row holds its
 * hash, the CSRF token and both expiries. Every request reads the row (no cache, unlike bearer tokens):
 * a sign-out, a revocation or a deactivated person takes effect at once on every replica, and console
 * traffic is people clicking, not machines polling.
 */
@Injectable()
export class Sessions {
  static readonly IDLE_MS = 12 * 3600_000;
  static readonly ABSOLUTE_MS = 7 * 24 * 3600_000;

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** A new session for the person, in the caller's transaction. The secret goes into the cookie, once. */
  async open(sql: Sql, personId: string): Promise<{ secret: string; session: SessionRow }> {
    const now = this.clock.now();
    const secret = newSecret();
    const session = await signInStore.insertSession(sql, {
      person_id: personId,
      hash: hashToken(secret),
      csrf_token: newSecret(),
      created_at: now,
      expires_at: new Date(now.getTime() + Sessions.ABSOLUTE_MS),
    });
    return { secret, session };
  }

  /** The session this cookie value names, if it is in force now; its use is recorded (to the minute). */
  async live(sql: Sql, secret: string): Promise<LiveSession | undefined> {
    const now = this.clock.now();
    const row = await signInStore.liveSession(sql, hashToken(secret), now, Sessions.IDLE_MS);
    if (row && now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) await signInStore.touchSession(sql, row.id, now);
    return row;
  }

  /** When the session ends if it is not used again: idle expiry, or the absolute one if sooner. */
  expiresAt(s: SessionRow): Date {
    const idle = Math.max(new Date(s.last_seen_at).getTime(), this.clock.now().getTime()) + Sessions.IDLE_MS;
    return new Date(Math.min(idle, new Date(s.expires_at).getTime()));
  }

  revoke(sql: Sql, secret: string): Promise<SessionRow | undefined> {
    return signInStore.revokeSession(sql, hashToken(secret), this.clock.now());
  }
}
