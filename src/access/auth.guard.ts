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

export class Unauthenticated extends DomainError {
  constructor(message: string) {
    super(401, 'unauthorized', message);
  }
}

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(). A bearer token's principal
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
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization;
    if (!header) throw new Unauthenticated('missing Authorization header: send "Authorization: Bearer <token>"');
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
