import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database } from '../database/database.js';
import { directoryStore } from '../directory/directory-store.js';
import { decoy, passwordMatches } from './passwords.js';
import { csrfMatches } from './session-cookie.js';
import { Sessions } from './sessions.js';
import { CsrfTokenInvalid, InvalidCredentials, NotSignedIn } from './sign-in-errors.js';
import { signInStore } from './sign-in-store.js';
import { SignInThrottle, throttleKeys } from './sign-in-throttle.js';
import { signedInPerson } from './signed-in-person.js';

/** Signing in with email and password, the session behind the cookie, and signing out. */
@Injectable()
export class SignInService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly sessions: Sessions,
    private readonly throttle: SignInThrottle,
  ) {}

  async onModuleInit(): Promise<void> {
    // The decoy hash that refusals of unknown emails verify against, made now rather than on the first refusal.
    await decoy();
  }

  /**
   * Unknown email, no password yet, wrong password, deactivated person: one answer (401), after the same
   * argon2 work, so neither the answer nor its timing tells which emails exist. A session the browser
   * still held (`replacing`) ends: one browser, one session.
   */
  async signIn(email: string, password: string, address: string | undefined, replacing?: string) {
    const keys = throttleKeys(email, address);
    await this.throttle.check([keys.email, keys.address]);
    const person = await this.db.read((sql) => signInStore.personByEmail(sql, email.trim()));
    const matches = await passwordMatches(person?.password_hash, password);
    if (!person || !matches || !person.active || person.kind !== 'person') {
      await this.throttle.failed([keys.email, keys.address]);
      throw new InvalidCredentials();
    }
    return this.db.transaction(async (sql) => {
      await this.throttle.succeeded(sql, keys.email);
      if (replacing) await this.sessions.revoke(sql, replacing);
      const opened = await this.sessions.open(sql, person.id);
      await directoryStore.audit(sql, { actorId: person.id, actor: person.name, action: 'session.sign-in', subject: `person:${person.id}`, details: { sessionId: opened.session.id, address } });
      return { person: signedInPerson(person), ...opened };
    });
  }

  /** The session behind a cookie value, for the console to know who is signed in (and its CSRF token). */
  async session(secret: string | undefined) {
    if (!secret) throw new NotSignedIn();
    const s = await this.db.read((sql) => this.sessions.live(sql, secret));
    if (!s) throw new NotSignedIn();
    return { person: signedInPerson(s.person), csrfToken: s.csrf_token, expiresAt: this.sessions.expiresAt(s) };
  }

  /**
   * Ends the session (the row is revoked, so the cookie is worthless even if kept). Without a live session
   * there is nothing to end and nothing to forge: it succeeds, and the cookie is cleared all the same.
   */
  async signOut(secret: string | undefined, csrf: string | string[] | undefined): Promise<void> {
    if (!secret) return;
    await this.db.transaction(async (sql) => {
      const s = await this.sessions.live(sql, secret);
      if (!s) return;
      if (!csrfMatches(csrf, s.csrf_token)) throw new CsrfTokenInvalid(csrf !== undefined);
      await this.sessions.revoke(sql, secret);
      await directoryStore.audit(sql, { actorId: s.person.id, actor: s.person.name, action: 'session.sign-out', subject: `person:${s.person.id}`, details: { sessionId: s.id } });
    });
  }
}
