/**
 * The events benchmark's baseline: the statements the engine runs for SUSPECTED_CASE_REPORTED and
 * CASE_RULED_OUT, hand-written with `pg` and precomputed payloads (no XState, no TypeORM, no
 * authorisation logic). What it writes is checked by the same row counts as the engine's run.
 */
import pg from 'pg';
import type { EventResult } from '../../src/incidents/incident-view.js';

export const CYCLE = ['SUSPECTED_CASE_REPORTED', 'CASE_RULED_OUT'];

/** What one SUSPECTED_CASE_REPORTED raised and the two snapshots, captured from the engine on a probe incident. */
export interface Captured {
  raised: EventResult['raised'];
  upSnapshot: unknown;
  downSnapshot: unknown;
  actorId: string;
}

/** Applies event `k % 2` of the cycle to `incident` in one transaction. */
export function rawEvent(pool: pg.Pool, c: Captured): (incident: string, k: number) => Promise<void> {
  const { raised, upSnapshot, downSnapshot, actorId } = c;
  return async (incident, k) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT * FROM incidents WHERE id = $1 FOR UPDATE', [incident]);
      const seq = rows[0].version + 1;
      await client.query(
        `WITH RECURSIVE up AS (SELECT units.*, 0 AS depth FROM units WHERE id = $1
           UNION ALL SELECT u.*, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)
         SELECT * FROM up ORDER BY depth`,
        [rows[0].unit],
      );
      let effects: unknown[];
      if (k % 2 === 0) {
        await client.query(
          `SELECT ra.* FROM role_assignments ra JOIN people p ON p.id = ra.person_id
            WHERE ra.unit_id = $1 AND p.active AND (ra.valid_from IS NULL OR ra.valid_from <= $2) AND (ra.valid_until IS NULL OR ra.valid_until > $2)`,
          ['bench', new Date()],
        );
        const params: unknown[] = [];
        const tuples = raised.map((t) => {
          const vals = [incident, t.template, JSON.stringify(t.title), JSON.stringify(t.instructions), t.kind, t.role, t.level, t.dueAt, new Date(), seq, t.assignees, t.assignedRole, false, t.occurrence, false];
          const slots = vals.map((v) => (params.push(v), `$${params.length}`));
          return `(${slots.join(', ')}, 'open')`;
        });
        const inserted = await client.query(
          `INSERT INTO tasks (incident_id, template, title, instructions, kind, role, level, due_at, created_at, raised_seq, assignees, assigned_role, unassigned_role, occurrence, late, status)
           VALUES ${tuples.join(', ')} RETURNING *`,
          params,
        );
        const timers = inserted.rows.map((t) => ({ key: `escalate:${t.id}`, event: { type: 'ESCALATE', taskId: t.id, step: 0 }, fire_at: t.due_at }));
        timers.push({ key: 'recur:daily_report', event: { type: 'RECUR' } as never, fire_at: new Date() });
        await client.query(
          `INSERT INTO timers (incident_id, key, event, fire_at, created_at)
           SELECT $1, t.key, t.event, t.fire_at, $2 FROM jsonb_to_recordset($3::jsonb) AS t(key text, event jsonb, fire_at timestamptz)
           ON CONFLICT (incident_id, key) DO UPDATE SET event = EXCLUDED.event, fire_at = EXCLUDED.fire_at, locked_until = NULL, attempts = 0, created_at = EXCLUDED.created_at`,
          [incident, new Date(), JSON.stringify(timers)],
        );
        await client.query('UPDATE incidents SET level = $2, state = $3, snapshot = $4, version = $5, updated_at = $6 WHERE id = $1', [incident, 'suspected_case', 'suspected_case', upSnapshot, seq, new Date()]);
        effects = raised.map((t) => ({ type: 'task.raise', template: t.template }));
      } else {
        const cancelled = await client.query(
          `UPDATE tasks SET status = 'cancelled', cancelled_at = $4, cancel_reason = $3 WHERE incident_id = $1 AND template = ANY($2) AND status = 'open' RETURNING *`,
          [incident, raised.map((t) => t.template), JSON.stringify({ vi: 'x', en: 'x' }), new Date()],
        );
        await client.query('DELETE FROM timers WHERE incident_id = $1 AND key = ANY($2)', [incident, ['recur:daily_report', ...cancelled.rows.map((t) => `escalate:${t.id}`)]]);
        await client.query('UPDATE incidents SET level = $2, state = $3, snapshot = $4, version = $5, updated_at = $6 WHERE id = $1', [incident, 'no_case', 'no_case', downSnapshot, seq, new Date()]);
        effects = [{ type: 'task.cancel' }];
      }
      await client.query(`SELECT * FROM tasks WHERE incident_id = ANY($1) AND status = 'open' ORDER BY created_at, template`, [[incident]]);
      await client.query(
        `INSERT INTO incident_events (incident_id, seq, type, actor, note, data, from_level, from_state, to_level, to_state, effects, idempotency_key, request_hash, response, occurred_at, actor_id, on_behalf_of)
         VALUES ($1, $2, $3, $4, NULL, NULL, $5, $5, $6, $6, $7, NULL, NULL, NULL, $8, $9, NULL)`,
        [incident, seq, CYCLE[k % 2], 'bench', rows[0].level, k % 2 === 0 ? 'suspected_case' : 'no_case', JSON.stringify(effects), new Date(), actorId],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  };
}
