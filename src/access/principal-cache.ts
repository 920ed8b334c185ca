import { Injectable } from '@nestjs/common';
import type { Principal } from './principal.js';

/**
 * Who a bearer token stands for, remembered for at most MAX_AGE_MS after it was read from the database.
 *
 * Without it every request paid three statements before its own work (the token, its person, their
 * roles; and on the embedded database, a turn in the one-session queue), about a third of an event's
 * statements. The bound is what makes it safe across replicas with nothing to coordinate: a token
 * revoked, a person deactivated or a role removed on any replica (or by the CLI) is refused everywhere
 * within a second, since no entry outlives the second after the read that filled it. This replica's
 * own directory changes clear it at once (DirectoryService), so here they take effect immediately.
 *
 * Ages are measured on the app's clock (CLOCK), so tests move time instead of sleeping. Only tokens
 * that were found are kept (an unknown token is not, so guessing cannot fill memory), and at most
 * MAX_ENTRIES of them.
 */
@Injectable()
export class PrincipalCache {
  static readonly MAX_AGE_MS = 1000;
  static readonly MAX_ENTRIES = 10_000;

  private readonly entries = new Map<string, { principal: Principal; readAt: number; expiresAt: number | null }>();
  /** Lookups under way, so that a burst of requests with one token after expiry reads it once. */
  private readonly pending = new Map<string, Promise<Principal>>();
  /** Bumped by clear(), so that a lookup that started before a local change does not refill the cache. */
  private generation = 0;

  /**
   * The principal for `hash` at `now`: remembered if it was read less than MAX_AGE_MS before `now` and
   * the token has not expired since; otherwise `read()` (which throws for a refused token).
   */
  async get(hash: string, now: Date, read: () => Promise<{ principal: Principal; expiresAt: Date | null }>): Promise<Principal> {
    const t = now.getTime();
    const hit = this.entries.get(hash);
    if (hit) {
      // A clock moved backwards (a test's, or NTP) must not stretch an entry's life either.
      if (t - hit.readAt < PrincipalCache.MAX_AGE_MS && t >= hit.readAt && (hit.expiresAt === null || hit.expiresAt > t)) return hit.principal;
      this.entries.delete(hash);
    }
    const under = this.pending.get(hash);
    if (under) return under;
    const generation = this.generation;
    const lookup = read().then(({ principal, expiresAt }) => {
      const frozen = freeze(principal);
      if (generation === this.generation) this.remember(hash, { principal: frozen, readAt: t, expiresAt: expiresAt ? new Date(expiresAt).getTime() : null });
      return frozen;
    });
    this.pending.set(hash, lookup);
    try {
      return await lookup;
    } finally {
      this.pending.delete(hash);
    }
  }

  /** Forgets everything: called after any change to people, roles or tokens made through this replica. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.pending.clear();
  }

  private remember(hash: string, entry: { principal: Principal; readAt: number; expiresAt: number | null }): void {
    if (this.entries.size >= PrincipalCache.MAX_ENTRIES) {
      // The oldest entry first (a Map iterates in insertion order).
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(hash, entry);
  }
}

/** One principal object serves many requests now: none of them may change it for the others. */
function freeze(p: Principal): Principal {
  for (const a of p.assignments) Object.freeze(a);
  Object.freeze(p.assignments);
  return Object.freeze(p);
}
