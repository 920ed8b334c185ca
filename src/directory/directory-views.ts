import type { AssignmentRow, PersonRow, TokenRow, UnitRow } from './directory-store.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const unitView = (u: UnitRow) => ({
  id: u.id,
  name: u.name,
  parentId: u.parent_id,
  timeZone: u.time_zone,
  contacts: u.contacts,
  createdAt: iso(u.created_at),
  updatedAt: iso(u.updated_at),
});

export const personView = (p: PersonRow) => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  email: p.email,
  externalId: p.external_id,
  admin: p.admin,
  active: p.active,
  createdAt: iso(p.created_at),
});

export const assignmentView = (a: AssignmentRow) => ({
  id: a.id,
  unitId: a.unit_id,
  role: a.role,
  personId: a.person_id,
  deputyFor: a.deputy_for,
  validFrom: iso(a.valid_from),
  validUntil: iso(a.valid_until),
  createdAt: iso(a.created_at),
});

/** Never the hash: a token is shown once, when it is created. */
export const tokenView = (t: TokenRow) => ({
  id: t.id,
  personId: t.person_id,
  name: t.name,
  prefix: t.prefix,
  createdAt: iso(t.created_at),
  createdBy: t.created_by,
  expiresAt: iso(t.expires_at),
  revokedAt: iso(t.revoked_at),
  lastUsedAt: iso(t.last_used_at),
});
