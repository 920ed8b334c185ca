import type { Sql } from '../database/database.js';
import type { Holder } from '../core/assignment.js';

export interface UnitRow {
  id: string;
  name: string;
  parent_id: string | null;
  time_zone: string;
  contacts: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface PersonRow {
  id: string;
  kind: 'person' | 'service';
  name: string;
  email: string | null;
  external_id: string | null;
  admin: boolean;
  active: boolean;
  created_at: Date;
}

export interface AssignmentRow {
  id: string;
  unit_id: string;
  role: string;
  person_id: string;
  deputy_for: string | null;
  valid_from: Date | null;
  valid_until: Date | null;
  created_at: Date;
}

export interface TokenRow {
  id: string;
  person_id: string;
  name: string;
  hash: string;
  prefix: string;
  created_at: Date;
  created_by: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const ACTIVE = '(valid_from IS NULL OR valid_from <= $2) AND (valid_until IS NULL OR valid_until > $2)';

/** SQL for units, people, role assignments, tokens and the audit log. */
export const directoryStore = {
  /** The unit, then its parent, up to the top. Empty when the unit does not exist. */
  async unitChain(sql: Sql, unitId: string): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM units WHERE id = $1
         UNION ALL
         SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)
       SELECT id FROM up ORDER BY depth`,
      [unitId],
    );
    return rows.map((r) => r.id);
  },

  /** The unit's own row and its chain (unit, parent, … top) in one round trip. */
  async unitAndChain(sql: Sql, unitId: string): Promise<{ unit: UnitRow | undefined; chain: string[] }> {
    const rows = await sql.rows<UnitRow & { depth: number }>(
      `WITH RECURSIVE up AS (
         SELECT units.*, 0 AS depth FROM units WHERE id = $1
         UNION ALL
         SELECT u.*, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)
       SELECT * FROM up ORDER BY depth`,
      [unitId],
    );
    return { unit: rows[0], chain: rows.map((r) => r.id) };
  },

  /** Every unit at or below the given ones. */
  async unitsBelow(sql: Sql, unitIds: string[]): Promise<string[]> {
    if (!unitIds.length) return [];
    const rows = await sql.rows<{ id: string }>(
      `WITH RECURSIVE down AS (
         SELECT id FROM units WHERE id = ANY($1)
         UNION
         SELECT u.id FROM units u JOIN down d ON u.parent_id = d.id)
       SELECT id FROM down`,
      [unitIds],
    );
    return rows.map((r) => r.id);
  },

  async unit(sql: Sql, id: string): Promise<UnitRow | undefined> {
    const [row] = await sql.rows<UnitRow>('SELECT * FROM units WHERE id = $1', [id]);
    return row;
  },

  units(sql: Sql): Promise<UnitRow[]> {
    return sql.rows<UnitRow>('SELECT * FROM units ORDER BY id');
  },

  async insertUnit(sql: Sql, u: Pick<UnitRow, 'id' | 'name' | 'parent_id' | 'time_zone' | 'contacts'>): Promise<UnitRow> {
    const [row] = await sql.rows<UnitRow>(
      `INSERT INTO units (id, name, parent_id, time_zone, contacts) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [u.id, u.name, u.parent_id, u.time_zone, JSON.stringify(u.contacts)],
    );
    return row;
  },

  async updateUnit(sql: Sql, u: Pick<UnitRow, 'id' | 'name' | 'parent_id' | 'time_zone' | 'contacts'>): Promise<UnitRow> {
    const [row] = await sql.rows<UnitRow>(
      `UPDATE units SET name = $2, parent_id = $3, time_zone = $4, contacts = $5, updated_at = now() WHERE id = $1 RETURNING *`,
      [u.id, u.name, u.parent_id, u.time_zone, JSON.stringify(u.contacts)],
    );
    return row;
  },

  async person(sql: Sql, id: string): Promise<PersonRow | undefined> {
    const [row] = await sql.rows<PersonRow>('SELECT * FROM people WHERE id = $1', [id]);
    return row;
  },

  async personByEmail(sql: Sql, email: string): Promise<PersonRow | undefined> {
    const [row] = await sql.rows<PersonRow>('SELECT * FROM people WHERE email = $1', [email]);
    return row;
  },

  async personByExternalId(sql: Sql, externalId: string): Promise<PersonRow | undefined> {
    const [row] = await sql.rows<PersonRow>('SELECT * FROM people WHERE external_id = $1 AND active', [externalId]);
    return row;
  },

  people(sql: Sql): Promise<PersonRow[]> {
    return sql.rows<PersonRow>('SELECT * FROM people ORDER BY name, id');
  },

  async countPeople(sql: Sql): Promise<number> {
    const [row] = await sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM people');
    return row.n;
  },

  async insertPerson(sql: Sql, p: Pick<PersonRow, 'kind' | 'name' | 'email' | 'external_id' | 'admin'>): Promise<PersonRow> {
    const [row] = await sql.rows<PersonRow>(
      `INSERT INTO people (kind, name, email, external_id, admin) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [p.kind, p.name, p.email, p.external_id, p.admin],
    );
    return row;
  },

  async updatePerson(sql: Sql, p: Pick<PersonRow, 'id' | 'name' | 'email' | 'external_id' | 'admin' | 'active'>): Promise<PersonRow> {
    const [row] = await sql.rows<PersonRow>(
      `UPDATE people SET name = $2, email = $3, external_id = $4, admin = $5, active = $6 WHERE id = $1 RETURNING *`,
      [p.id, p.name, p.email, p.external_id, p.admin, p.active],
    );
    return row;
  },

  activeAssignmentsOf(sql: Sql, personId: string, at: Date): Promise<AssignmentRow[]> {
    return sql.rows<AssignmentRow>(`SELECT * FROM role_assignments WHERE person_id = $1 AND ${ACTIVE}`, [personId, at]);
  },

  /** Holders of any role in the unit at `at`, for assigning tasks. */
  async holders(sql: Sql, unitId: string, at: Date): Promise<Holder[]> {
    const rows = await sql.rows<AssignmentRow>(
      `SELECT ra.* FROM role_assignments ra JOIN people p ON p.id = ra.person_id
        WHERE ra.unit_id = $1 AND p.active AND ${ACTIVE.replace(/valid_/g, 'ra.valid_')} ORDER BY ra.created_at`,
      [unitId, at],
    );
    return rows.map((r) => ({ role: r.role, personId: r.person_id, deputyFor: r.deputy_for }));
  },

  /** Name and email of each person, in the order given. */
  async contacts(sql: Sql, personIds: string[]): Promise<{ personId: string; email: string | null; name: string }[]> {
    if (!personIds.length) return [];
    const rows = await sql.rows<{ id: string; email: string | null; name: string }>('SELECT id, email, name FROM people WHERE id = ANY($1)', [personIds]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return personIds.flatMap((id) => {
      const p = byId.get(id);
      return p ? [{ personId: p.id, email: p.email, name: p.name }] : [];
    });
  },

  assignments(sql: Sql, f: { unit?: string; person?: string }): Promise<AssignmentRow[]> {
    return sql.rows<AssignmentRow>(
      `SELECT * FROM role_assignments WHERE ($1::text IS NULL OR unit_id = $1) AND ($2::uuid IS NULL OR person_id = $2)
        ORDER BY unit_id, role, created_at`,
      [f.unit ?? null, f.person ?? null],
    );
  },

  async insertAssignment(sql: Sql, a: Omit<AssignmentRow, 'id' | 'created_at'>): Promise<AssignmentRow> {
    const [row] = await sql.rows<AssignmentRow>(
      `INSERT INTO role_assignments (unit_id, role, person_id, deputy_for, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [a.unit_id, a.role, a.person_id, a.deputy_for, a.valid_from, a.valid_until],
    );
    return row;
  },

  async deleteAssignment(sql: Sql, id: string): Promise<AssignmentRow | undefined> {
    const [row] = await sql.rows<AssignmentRow>('DELETE FROM role_assignments WHERE id = $1 RETURNING *', [id]);
    return row;
  },

  async tokenByHash(sql: Sql, hash: string, at: Date): Promise<(TokenRow & { person: PersonRow }) | undefined> {
    const [row] = await sql.rows<TokenRow & { person: PersonRow }>(
      `SELECT t.*, row_to_json(p.*) AS person FROM tokens t JOIN people p ON p.id = t.person_id
        WHERE t.hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND p.active`,
      [hash, at],
    );
    return row;
  },

  async touchToken(sql: Sql, id: string, at: Date): Promise<void> {
    // At most one write a minute per token: last use is for people deciding what to revoke, not an audit.
    await sql.rows(
      `UPDATE tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  },

  tokens(sql: Sql, personId?: string): Promise<TokenRow[]> {
    return sql.rows<TokenRow>(
      `SELECT * FROM tokens WHERE ($1::uuid IS NULL OR person_id = $1) ORDER BY created_at DESC`,
      [personId ?? null],
    );
  },

  async insertToken(sql: Sql, t: Pick<TokenRow, 'person_id' | 'name' | 'hash' | 'prefix' | 'created_by' | 'expires_at'>): Promise<TokenRow> {
    const [row] = await sql.rows<TokenRow>(
      `INSERT INTO tokens (person_id, name, hash, prefix, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [t.person_id, t.name, t.hash, t.prefix, t.created_by, t.expires_at],
    );
    return row;
  },

  async revokeToken(sql: Sql, id: string, at: Date): Promise<TokenRow | undefined> {
    const [row] = await sql.rows<TokenRow>(
      'UPDATE tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *',
      [id, at],
    );
    return row;
  },

  async audit(sql: Sql, e: { actorId: string | null; actor: string; action: string; subject: string; details: unknown }): Promise<void> {
    await sql.rows(
      'INSERT INTO audit_log (actor_id, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5)',
      [e.actorId, e.actor, e.action, e.subject, JSON.stringify(e.details ?? {})],
    );
  },

  auditLog(sql: Sql, limit: number, offset: number) {
    return sql.rows('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2', [limit, offset]);
  },
};
