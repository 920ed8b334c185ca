import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Database, type Sql } from '../database/database.js';
import { directoryStore, type PersonRow } from '../directory/directory-store.js';
import { JwtVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';
import { IS_PUBLIC } from './public.decorator.js';
import { hashToken, looksLikeJwt } from './tokens.js';
import { csrfMatches, CSRF_HEADER, isUnsafe, sessionCookieOf } from '../sign-in/session-cookie.js';
import { Sessions } from '../sign-in/sessions.js';
import { CsrfTokenInvalid } from '../sign-in/sign-in-errors.js';

export class Unauthenticated extends DomainError {
  constructor(message: string) {
    super(401, 'unauthorized', message);
  }
}

/**
 * Every route needs `Authorization: Bearer <token>`, or else a console session's `session` cookie,
 * unless marked @Public(). With a cookie, a request that changes something must also carry the session's
 * CSRF token in X-CSRF-Token (a page on another site can make the browser send the cookie, not the
 * header); a bearer token is never sent by a browser on its own, so it needs none. A session is read
 * on every request (src/sign-in/sessions.ts). A bearer token's principal
 * is read from the database at most once a second per replica (PrincipalCache): a revoked token, a
 * deactivated person or a removed role takes effect on every replica within a second, and at once on
 * the replica that made the change. A JWT's subject is looked up on every request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly principals: PrincipalCache,
    @Optional() private readonly jwt?: JwtVerifier,
    /** Absent only where sign-in is not wired in; then a cookie counts for nothing. */
    @Optional() private readonly sessions?: Sessions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization;
    if (!header) {
      const cookie = this.sessions && sessionCookieOf(req);
      if (!cookie) throw new Unauthenticated('missing Authorization header: send "Authorization: Bearer <token>" (or sign in: POST /auth/sign-in)');
      req.principal = await this.fromSession(cookie, req.method, req.headers[CSRF_HEADER.toLowerCase()]);
      return true;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new Unauthenticated('Authorization header must be "Bearer <token>"');
    req.principal = await this.authenticate(match[1]);
    return true;
  }

  async authenticate(token: string): Promise<Principal> {
    const now = this.clock.now();
    if (this.jwt && looksLikeJwt(token)) {
      const subject = await this.jwt.subject(token);
      if (!subject) throw new Unauthenticated('invalid or expired JWT');
      return this.db.read(async (sql) => {
        const person = await directoryStore.personByExternalId(sql, subject);
        if (!person) throw new Unauthenticated('the JWT subject is not a known, active person');
        return principalOf(sql, person, now);
      });
    }
    const hash = hashToken(token);
    return this.principals.get(hash, now, () =>
      this.db.read(async (sql) => {
        const row = await directoryStore.tokenByHash(sql, hash, now);
        if (!row) throw new Unauthenticated('unknown, revoked or expired token');
        // Last use is kept to the minute (touchToken's own condition, which holds across replicas too);
        // the row says whether this minute is written already, so most reads send no UPDATE at all.
        if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) await directoryStore.touchToken(sql, row.id, now);
        return { principal: await principalOf(sql, row.person, now), expiresAt: row.expires_at };
      }),
    );
  }

  private async fromSession(cookie: string, method: string, csrf: string | string[] | undefined): Promise<Principal> {
    const now = this.clock.now();
    return this.db.read(async (sql) => {
      const session = await this.sessions!.live(sql, cookie);
      if (!session) throw new Unauthenticated('the session has ended (signed out, expired or revoked): sign in again');
      if (isUnsafe(method) && !csrfMatches(csrf, session.csrf_token)) throw new CsrfTokenInvalid(csrf !== undefined);
      return principalOf(sql, session.person, now);
    });
  }
}

const TOUCH_EVERY_MS = 60_000;

export async function principalOf(sql: Sql, person: PersonRow, now: Date): Promise<Principal> {
  const assignments = await directoryStore.activeAssignmentsOf(sql, person.id, now);
  return {
    id: person.id,
    name: person.name,
    kind: person.kind,
    admin: person.admin,
    assignments: assignments.map((a) => ({ unitId: a.unit_id, role: a.role, deputyFor: a.deputy_for })),
  };
}
