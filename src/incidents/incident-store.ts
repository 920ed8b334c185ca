import type { StoredSnapshot } from '../core/engine/incident-machine.js';
import type { Effect } from '../core/engine/effects.js';
import type { Sql } from '../database/database.js';
import { filtered } from '../database/filter.js';

export interface IncidentRow {
  id: string;
  playbook_version_id: string;
  playbook_key: string;
  unit: string;
  title: string | null;
  level: string;
  state: string;
  snapshot: StoredSnapshot;
  version: number;
  opened_by: string;
  opened_by_id: string | null;
  open_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  incident_id: string;
  seq: number;
  type: string;
  actor: string;
  actor_id: string | null;
  on_behalf_of: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  from_level: string | null;
  from_state: string | null;
  to_level: string;
  to_state: string;
  effects: Effect[];
  idempotency_key: string | null;
  request_hash: string | null;
  response: unknown;
  occurred_at: Date;
}

export interface IncidentFilter {
  unit?: string;
  playbook?: string;
  level?: string;
  /** Only these units; undefined means every unit. */
  units?: string[];
  limit: number;
  offset: number;
}

/** SQL for incidents and their timeline. */
export const incidentStore = {
  async insert(
    sql: Sql,
    r: Omit<IncidentRow, 'id' | 'snapshot'> & { snapshot: StoredSnapshot },
  ): Promise<IncidentRow | undefined> {
    // A retried open with the same caller and key yields no row, and the caller finds the first one.
    const [row] = await sql.rows<IncidentRow>(
      `INSERT INTO incidents (playbook_version_id, playbook_key, unit, title, level, state, snapshot, version, opened_by, opened_by_id, open_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (opened_by_id, open_key) WHERE open_key IS NOT NULL DO NOTHING RETURNING *`,
      [r.playbook_version_id, r.playbook_key, r.unit, r.title, r.level, r.state, JSON.stringify(r.snapshot), r.version, r.opened_by, r.opened_by_id, r.open_key, r.created_at, r.updated_at],
    );
    return row;
  },

  /** An Idempotency-Key of POST /incidents belongs to the caller who sent it. */
  async byOpenKey(sql: Sql, openedById: string, key: string): Promise<IncidentRow | undefined> {
    const [row] = await sql.rows<IncidentRow>('SELECT * FROM incidents WHERE opened_by_id = $1 AND open_key = $2', [openedById, key]);
    return row;
  },

  /** Takes the incident's row lock: the one writer per incident for the rest of the transaction. */
  async lock(sql: Sql, id: string): Promise<IncidentRow | undefined> {
    const [row] = await sql.rows<IncidentRow>('SELECT * FROM incidents WHERE id = $1 FOR UPDATE', [id]);
    return row;
  },

  /** Takes several incidents' row locks in one statement, in id order so two batches never deadlock. */
  lockMany(sql: Sql, ids: string[]): Promise<IncidentRow[]> {
    return sql.rows<IncidentRow>('SELECT * FROM incidents WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
  },

  /** Moves several incidents' versions on (events that changed no state, such as escalations). */
  async bumpVersions(sql: Sql, rows: { id: string; version: number }[], now: Date): Promise<void> {
    if (!rows.length) return;
    await sql.rows(
      `UPDATE incidents i SET version = x.version, updated_at = $3
         FROM unnest($1::uuid[], $2::int[]) AS x(id, version) WHERE i.id = x.id`,
      [rows.map((r) => r.id), rows.map((r) => r.version), now],
    );
  },

  async get(sql: Sql, id: string): Promise<IncidentRow | undefined> {
    const [row] = await sql.rows<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
    return row;
  },

  list(sql: Sql, f: IncidentFilter): Promise<IncidentRow[]> {
    const { tail, params } = filtered(
      [['unit = ?', f.unit], ['playbook_key = ?', f.playbook], ['level = ?', f.level], ['unit = ANY(?)', f.units]],
      f,
      'created_at DESC, id',
    );
    return sql.rows<IncidentRow>(`SELECT * FROM incidents ${tail}`, params);
  },

  async update(sql: Sql, r: Pick<IncidentRow, 'id' | 'level' | 'state' | 'snapshot' | 'version' | 'updated_at'>): Promise<void> {
    await sql.rows(
      'UPDATE incidents SET level = $2, state = $3, snapshot = $4, version = $5, updated_at = $6 WHERE id = $1',
      [r.id, r.level, r.state, JSON.stringify(r.snapshot), r.version, r.updated_at],
    );
  },

  async moveVersion(sql: Sql, r: Pick<IncidentRow, 'id' | 'playbook_version_id' | 'level' | 'state' | 'snapshot' | 'version' | 'updated_at'>): Promise<void> {
    await sql.rows(
      'UPDATE incidents SET playbook_version_id = $2, level = $3, state = $4, snapshot = $5, version = $6, updated_at = $7 WHERE id = $1',
      [r.id, r.playbook_version_id, r.level, r.state, JSON.stringify(r.snapshot), r.version, r.updated_at],
    );
  },

  async appendEvent(sql: Sql, e: EventRow): Promise<void> {
    await incidentStore.appendEvents(sql, [e]);
  },

  /** Timeline entries in one statement. */
  async appendEvents(sql: Sql, rows: EventRow[]): Promise<void> {
    if (!rows.length) return;
    const params: unknown[] = [];
    const values = rows.map((e) => {
      const at = params.length;
      params.push(
        e.incident_id, e.seq, e.type, e.actor, e.note, e.data === null ? null : JSON.stringify(e.data), e.from_level,
        e.from_state, e.to_level, e.to_state, JSON.stringify(e.effects), e.idempotency_key, e.request_hash,
        e.response === null ? null : JSON.stringify(e.response), e.occurred_at, e.actor_id, e.on_behalf_of,
      );
      return `(${Array.from({ length: 17 }, (_, i) => `$${at + i + 1}`).join(', ')})`;
    });
    await sql.rows(
      `INSERT INTO incident_events (incident_id, seq, type, actor, note, data, from_level, from_state, to_level, to_state,
                                    effects, idempotency_key, request_hash, response, occurred_at, actor_id, on_behalf_of)
       VALUES ${values.join(', ')}`,
      params,
    );
  },

  async eventByKey(sql: Sql, incidentId: string, key: string): Promise<EventRow | undefined> {
    const [row] = await sql.rows<EventRow>(
      'SELECT * FROM incident_events WHERE incident_id = $1 AND idempotency_key = $2',
      [incidentId, key],
    );
    return row;
  },

  /** The timeline, each entry with the name of whoever a deputy stood in for (readers may not list people). */
  events(sql: Sql, incidentId: string): Promise<(EventRow & { on_behalf_of_name: string | null })[]> {
    return sql.rows(
      `SELECT e.*, p.name AS on_behalf_of_name FROM incident_events e LEFT JOIN people p ON p.id = e.on_behalf_of
        WHERE e.incident_id = $1 ORDER BY e.seq`,
      [incidentId],
    );
  },
};
