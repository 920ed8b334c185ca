import { Inject, Injectable, Optional } from '@nestjs/common';
import { IANAZone } from 'luxon';
import type { Principal } from '../access/principal.js';
import { PrincipalCache } from '../access/principal-cache.js';
import { newToken } from '../access/tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { BadRequest, Conflict, NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { ACCESS_ROLES } from '../core/playbook/playbook.js';
import { Database, type Sql } from '../database/database.js';
import { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { directoryStore } from './directory-store.js';
import { assignmentView, personView, tokenView, unitView } from './directory-views.js';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Actor = Pick<Principal, 'id' | 'name'> | null;

/**
 * Units, people, role assignments and tokens. Every change is written to the audit log in the same
 * transaction. Callers are admins (checked by the controllers) or the CLI and first-run set-up (actor null).
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    /** Absent in the CLI, which serves no requests; the service's replicas see its changes within a second. */
    @Optional() private readonly principals?: PrincipalCache,
  ) {}

  units() {
    return this.db.read(async (sql) => (await directoryStore.units(sql)).map(unitView));
  }

  unit(id: string) {
    return this.db.read(async (sql) => unitView(await this.mustUnit(sql, id)));
  }

  createUnit(actor: Actor, u: { id: string; name: string; parentId?: string; timeZone?: string; contacts?: Record<string, unknown> }) {
    return this.change(actor, 'unit.create', `unit:${u.id}`, u, async (sql) => {
      if (await directoryStore.unit(sql, u.id)) throw new Conflict(`unit "${u.id}" already exists`);
      if (u.parentId) await this.mustUnit(sql, u.parentId, 'parentId');
      return unitView(
        await directoryStore.insertUnit(sql, { id: u.id, name: u.name, parent_id: u.parentId ?? null, time_zone: zone(u.timeZone), contacts: u.contacts ?? {} }),
      );
    });
  }

  updateUnit(actor: Actor, id: string, u: { name?: string; parentId?: string | null; timeZone?: string; contacts?: Record<string, unknown> }) {
    return this.change(actor, 'unit.update', `unit:${id}`, u, async (sql) => {
      const cur = await this.mustUnit(sql, id);
      if (u.parentId) {
        await this.mustUnit(sql, u.parentId, 'parentId');
        // A unit cannot be placed under itself or under one of its own descendants.
        if ((await directoryStore.unitChain(sql, u.parentId)).includes(id)) {
          throw new BadRequest('a unit cannot be placed under itself', [{ field: 'parentId', problems: [`${u.parentId} is ${id} or below it`] }]);
        }
      }
      return unitView(
        await directoryStore.updateUnit(sql, {
          id,
          name: u.name ?? cur.name,
          parent_id: u.parentId === undefined ? cur.parent_id : u.parentId,
          time_zone: u.timeZone ?? cur.time_zone,
          contacts: u.contacts ?? cur.contacts,
        }),
      );
    });
  }

  people() {
    return this.db.read(async (sql) => (await directoryStore.people(sql)).map(personView));
  }

  person(id: string) {
    return this.db.read(async (sql) => personView(await this.mustPerson(sql, id)));
  }

  createPerson(actor: Actor, p: { name: string; email?: string; kind?: 'person' | 'service'; externalId?: string; admin?: boolean }) {
    return this.change(actor, 'person.create', `person:${p.email ?? p.name}`, p, async (sql) => {
      await this.mustBeFree(sql, null, p);
      return personView(
        await directoryStore.insertPerson(sql, { name: p.name, email: p.email ?? null, kind: p.kind ?? 'person', external_id: p.externalId ?? null, admin: p.admin ?? false }),
      );
    });
  }

  updatePerson(actor: Actor, id: string, p: { name?: string; email?: string; externalId?: string; admin?: boolean; active?: boolean }) {
    return this.change(actor, 'person.update', `person:${id}`, p, async (sql) => {
      const cur = await this.mustPerson(sql, id);
      await this.mustBeFree(sql, id, p);
      return personView(
        await directoryStore.updatePerson(sql, {
          id,
          name: p.name ?? cur.name,
          email: p.email ?? cur.email,
          external_id: p.externalId ?? cur.external_id,
          admin: p.admin ?? cur.admin,
          active: p.active ?? cur.active,
        }),
      );
    });
  }

  assignments(f: { unit?: string; person?: string }) {
    return this.db.read(async (sql) => (await directoryStore.assignments(sql, f)).map(assignmentView));
  }

  assign(actor: Actor, a: { unitId: string; role: string; personId: string; deputyFor?: string; validFrom?: Date; validUntil?: Date }) {
    return this.change(actor, 'role.assign', `unit:${a.unitId}/role:${a.role}`, a, async (sql) => {
      await this.mustUnit(sql, a.unitId, 'unitId');
      await this.mustPerson(sql, a.personId, 'personId');
      if (a.deputyFor) await this.mustPerson(sql, a.deputyFor, 'deputyFor');
      if (a.deputyFor === a.personId) throw new BadRequest('a person cannot be their own deputy', [{ field: 'deputyFor', problems: ['must differ from personId'] }]);
      const known = this.knownRoles();
      if (!known.has(a.role)) throw new BadRequest(`unknown role "${a.role}"`, [{ field: 'role', problems: [`expected one of ${[...known].sort().join(', ')}`] }]);
      if (a.validFrom && a.validUntil && a.validFrom >= a.validUntil) {
        throw new BadRequest('the validity window is empty', [{ field: 'validUntil', problems: ['must be after validFrom'] }]);
      }
      return assignmentView(
        await directoryStore.insertAssignment(sql, {
          unit_id: a.unitId,
          role: a.role,
          person_id: a.personId,
          deputy_for: a.deputyFor ?? null,
          valid_from: a.validFrom ?? null,
          valid_until: a.validUntil ?? null,
        }),
      );
    });
  }

  unassign(actor: Actor, id: string) {
    return this.change(actor, 'role.unassign', `assignment:${id}`, {}, async (sql) => {
      const row = isUuid(id) ? await directoryStore.deleteAssignment(sql, id) : undefined;
      if (!row) throw new NotFound('role assignment', id);
      return assignmentView(row);
    });
  }

  tokens(personId?: string) {
    return this.db.read(async (sql) => (await directoryStore.tokens(sql, personId)).map(tokenView));
  }

  /** Issues a token; the answer is the only place the token itself ever appears. */
  createToken(actor: Actor, t: { personId: string; name: string; expiresAt?: Date }) {
    if (t.expiresAt && t.expiresAt <= this.clock.now()) {
      // A token born expired would only confuse whoever receives it.
      throw new BadRequest('expiresAt is in the past', [{ field: 'expiresAt', problems: [`must be later than now (${this.clock.now().toISOString()})`] }]);
    }
    return this.change(actor, 'token.create', `person:${t.personId}`, { name: t.name, expiresAt: t.expiresAt }, async (sql) => {
      await this.mustPerson(sql, t.personId, 'personId');
      const { token, hash, prefix } = newToken();
      const row = await directoryStore.insertToken(sql, { person_id: t.personId, name: t.name, hash, prefix, created_by: actor?.id ?? null, expires_at: t.expiresAt ?? null });
      return { ...tokenView(row), token };
    });
  }

  revokeToken(actor: Actor, id: string) {
    return this.change(actor, 'token.revoke', `token:${id}`, {}, async (sql) => {
      const row = isUuid(id) ? await directoryStore.revokeToken(sql, id, this.clock.now()) : undefined;
      if (!row) throw new NotFound('token', id);
      return tokenView(row);
    });
  }

  auditLog(limit: number, offset: number) {
    // bigserial: node-postgres answers a decimal string, PGlite a number; one type for every client.
    return this.db.read(async (sql) => (await directoryStore.auditLog(sql, limit, offset)).map((r) => ({ ...r, id: Number(r.id) })));
  }

  /** An email or external id already someone else's is a 409 naming the field, not the database's 500. */
  private async mustBeFree(sql: Sql, self: string | null, p: { email?: string; externalId?: string }): Promise<void> {
    const byEmail = p.email ? await directoryStore.personByEmail(sql, p.email) : undefined;
    if (byEmail && byEmail.id !== self) throw new Conflict(`a person with email ${p.email} already exists`, { field: 'email' });
    const byExternal = p.externalId ? await directoryStore.personByExternalId(sql, p.externalId) : undefined;
    if (byExternal && byExternal.id !== self) throw new Conflict(`a person with externalId ${p.externalId} already exists`, { field: 'externalId' });
  }

  /** Runs an admin change and its audit entry in one transaction (its own, or the one given to `within`). */
  change<T>(actor: Actor, action: string, subject: string, details: unknown, work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.transaction(async (sql) => {
      const result = await work(sql);
      await directoryStore.audit(sql, { actorId: actor?.id ?? null, actor: actor?.name ?? 'system', action, subject, details });
      return result;
    }).catch((e: unknown) => {
      // Two admins creating the same email at once both pass mustBeFree; the second meets the index.
      if ((e as { code?: string })?.code === '23505') throw new Conflict('that email or external id was just taken by another change; reload and try again');
      throw e;
    }).finally(() => {
      // Any change here may revoke, deactivate or move someone: this replica stops trusting what it
      // remembered at once (others within a second, PrincipalCache). Also after a failure: cheap, and safe.
      this.principals?.clear();
    });
  }

  /**
   * The same service, whose changes (create, update, assign, tokens; each with its audit entry) run in
   * the caller's transaction, so that several commit or roll back together (the first-run seed). Its
   * reads (units(), people(), …) still use their own connection: do not call them inside.
   */
  within(sql: Sql): DirectoryService {
    const scoped = Object.create(this) as DirectoryService;
    scoped.transaction = (work) => work(sql);
    return scoped;
  }

  private transaction: <T>(work: (sql: Sql) => Promise<T>) => Promise<T> = (work) => this.db.transaction(work);

  private knownRoles(): Set<string> {
    const roles = new Set<string>(ACCESS_ROLES);
    for (const v of this.registry.list()) for (const r of v.machine.playbook.roles) roles.add(r.key);
    return roles;
  }

  private async mustUnit(sql: Sql, id: string, field?: string) {
    const u = await directoryStore.unit(sql, id);
    if (u) return u;
    if (field) throw new BadRequest(`unknown unit "${id}"`, [{ field, problems: ['no unit with this id'] }]);
    throw new NotFound('unit', id);
  }

  private async mustPerson(sql: Sql, id: string, field?: string) {
    const p = isUuid(id) ? await directoryStore.person(sql, id) : undefined;
    if (p) return p;
    if (field) throw new BadRequest(`unknown person "${id}"`, [{ field, problems: ['no person with this id'] }]);
    throw new NotFound('person', id);
  }
}

function zone(z: string | undefined): string {
  if (z && !IANAZone.isValidZone(z)) throw new BadRequest(`unknown time zone "${z}"`, [{ field: 'timeZone', problems: ['expected an IANA time zone'] }]);
  return z ?? DEFAULT_TIME_ZONE;
}
