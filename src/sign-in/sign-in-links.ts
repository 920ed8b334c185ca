import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { hashToken } from '../access/tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { BadRequest, Conflict, NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database, type Sql } from '../database/database.js';
import { directoryStore, type PersonRow } from '../directory/directory-store.js';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from './passwords.js';
import { newSecret } from './session-cookie.js';
import { Sessions } from './sessions.js';
import { LinkGone, LinkNotFound } from './sign-in-errors.js';
import { signInStore, type LinkKind } from './sign-in-store.js';
import { signedInPerson } from './signed-in-person.js';

/** How long each kind of link works. */
export const LINK_LIFETIME_MS: Record<LinkKind, number> = {
  invite: 7 * 24 * 3600_000,
  reset: 3600_000,
  'sign-in': 24 * 3600_000,
};

type Actor = Pick<Principal, 'id' | 'name'> | null;

/**
 * The console's page for a link. The token is in the fragment, which browsers never send, so it stays
 * out of access logs and Referer headers; the page posts it to /auth/links/redeem.
 */
export function linkUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/app/link#${token}`;
}

/**
 * One-time links: an invitation (set a first password), a password reset, or a plain sign-in (the first
 * run's demo links). Only the token's hash is stored; the link is shown once, to whoever made it.
 */
@Injectable()
export class SignInLinks {
  constructor(
    private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: Sessions,
  ) {}

  /** Makes a link for a person (admin, CLI), audited, in its own transaction. */
  create(actor: Actor, personId: string, kind: LinkKind, base: string): Promise<{ url: string; expiresAt: Date }> {
    return this.db.transaction(async (sql) => {
      const person = isUuid(personId) ? await directoryStore.person(sql, personId) : undefined;
      if (!person) throw new NotFound('person', personId);
      return this.createWithin(sql, actor, person, kind, base);
    });
  }

  /** The same, in the caller's transaction (the first-run seed writes its links with the demo people). */
  async createWithin(sql: Sql, actor: Actor, person: PersonRow, kind: LinkKind, base: string): Promise<{ url: string; expiresAt: Date }> {
    if (person.kind !== 'person') throw new Conflict(`${person.name} is a service account: services use bearer tokens, not the console`);
    if (!person.active) throw new Conflict(`${person.name} is deactivated: reactivate them first (PATCH /people/${person.id} {"active": true})`);
    if (!person.email) throw new Conflict(`${person.name} has no email, which is what they sign in with: set one first (PATCH /people/${person.id} {"email": …})`);
    const now = this.clock.now();
    const token = newSecret();
    const link = await signInStore.insertLink(sql, {
      person_id: person.id,
      kind,
      hash: hashToken(token),
      created_at: now,
      created_by: actor?.id ?? null,
      expires_at: new Date(now.getTime() + LINK_LIFETIME_MS[kind]),
    });
    await directoryStore.audit(sql, {
      actorId: actor?.id ?? null,
      actor: actor?.name ?? 'system',
      action: `sign-in-link.${kind}`,
      subject: `person:${person.id}`,
      details: { linkId: link.id, expiresAt: link.expires_at },
    });
    return { url: linkUrl(base, token), expiresAt: new Date(link.expires_at) };
  }

  /** What a link is for, without using it up: the console shows it before asking for a password. */
  async describe(token: string) {
    const link = await this.db.read((sql) => signInStore.link(sql, hashToken(token)));
    this.mustBeUsable(link);
    return { kind: link.kind, person: { name: link.person.name, email: link.person.email }, expiresAt: new Date(link.expires_at) };
  }

  /**
   * Uses the link: sets the password when one is given (required to invite or reset), opens a session,
   * and marks the link used, all in one transaction, so a link opens at most one session. A new password
   * ends the person's other sessions (a reset is often because a device was lost); a session the
   * browser still held (`replacing`) ends too.
   */
  async redeem(token: string, password: string | undefined, replacing?: string) {
    const hash = hashToken(token);
    const first = await this.db.read((sql) => signInStore.link(sql, hash));
    this.mustBeUsable(first);
    if (first.kind !== 'sign-in' && password === undefined) {
      throw new BadRequest(`a password is required to ${first.kind === 'invite' ? 'accept an invitation' : 'reset a password'}`, [
        { field: 'password', problems: [`is required for ${first.kind === 'invite' ? 'an invite' : 'a reset'} link: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`] },
      ]);
    }
    // Hashed before the transaction: argon2 takes tens of milliseconds, which no lock should wait on.
    const passwordHash = password === undefined ? null : await hashPassword(password);
    return this.db.transaction(async (sql) => {
      const link = await signInStore.link(sql, hash, true);
      this.mustBeUsable(link);
      const now = this.clock.now();
      if (!(await signInStore.useLink(sql, link.id, now))) throw new LinkGone('used');
      let endedSessions = 0;
      if (passwordHash) {
        await signInStore.setPassword(sql, link.person_id, passwordHash, now);
        endedSessions = await signInStore.revokeSessionsOf(sql, link.person_id, now);
      }
      if (replacing) await this.sessions.revoke(sql, replacing);
      const opened = await this.sessions.open(sql, link.person_id);
      await directoryStore.audit(sql, {
        actorId: link.person.id,
        actor: link.person.name,
        action: 'sign-in-link.redeem',
        subject: `person:${link.person.id}`,
        details: { linkId: link.id, kind: link.kind, passwordSet: Boolean(passwordHash), endedSessions, sessionId: opened.session.id },
      });
      return { person: signedInPerson(link.person), ...opened };
    });
  }

  private mustBeUsable<T extends { used_at: Date | null; expires_at: Date; person: PersonRow }>(link: T | undefined): asserts link is T {
    if (!link) throw new LinkNotFound();
    if (link.used_at) throw new LinkGone('used', new Date(link.used_at));
    if (new Date(link.expires_at).getTime() <= this.clock.now().getTime()) throw new LinkGone('expired', new Date(link.expires_at));
    if (!link.person.active) throw new LinkGone('deactivated');
  }
}
