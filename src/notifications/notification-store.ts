import type { Sql } from '../database/database.js';

export type Channel = 'webhook' | 'email' | 'log';

export interface NotificationRow {
  id: string;
  incident_id: string;
  task_id: string | null;
  kind: 'party' | 'escalation';
  audience: string;
  channel: Channel;
  address: string | null;
  payload: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export type NewNotification = Pick<NotificationRow, 'incident_id' | 'task_id' | 'kind' | 'audience' | 'channel' | 'address' | 'payload' | 'status' | 'last_error'> & { at: Date };

/** SQL for the outbox. */
export const notificationStore = {
  /** All of an event's messages in one statement. */
  async insert(sql: Sql, rows: NewNotification[]): Promise<void> {
    if (!rows.length) return;
    await sql.rows(
      `INSERT INTO notifications (incident_id, task_id, kind, audience, channel, address, payload, status, last_error, next_attempt_at, created_at)
       SELECT n.incident_id, n.task_id, n.kind, n.audience, n.channel, n.address, n.payload, n.status, n.last_error, n.at, n.at
         FROM jsonb_to_recordset($1::jsonb) AS n(incident_id uuid, task_id uuid, kind text, audience text, channel text, address text,
                                                payload jsonb, status text, last_error text, at timestamptz)`,
      [JSON.stringify(rows)],
    );
  },

  /** Claims due messages for this dispatcher by pushing their next attempt a lease ahead. */
  claim(sql: Sql, now: Date, leaseMs: number, limit: number): Promise<NotificationRow[]> {
    return sql.rows<NotificationRow>(
      `UPDATE notifications SET next_attempt_at = $1::timestamptz + ($2 || ' milliseconds')::interval
        WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= $1
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, String(leaseMs), limit],
    );
  },

  /**
   * Hands back claimed messages that were not sent (a dispatcher stopping): due at `now` again. Only
   * while the claim is still ours (next_attempt_at is the lease end we set).
   */
  async release(sql: Sql, ids: string[], leaseEnd: Date, now: Date): Promise<void> {
    await sql.rows(`UPDATE notifications SET next_attempt_at = $3 WHERE id = ANY($1::uuid[]) AND status = 'pending' AND next_attempt_at = $2`, [ids, leaseEnd, now]);
  },

  async delivered(sql: Sql, id: string, attempts: number, at: Date): Promise<void> {
    await sql.rows(`UPDATE notifications SET status = 'delivered', attempts = $2, delivered_at = $3, last_error = NULL WHERE id = $1`, [id, attempts, at]);
  },

  async failed(sql: Sql, id: string, attempts: number, error: string, retryAt: Date | null): Promise<void> {
    await sql.rows(
      `UPDATE notifications SET attempts = $2, last_error = $3, status = CASE WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at) WHERE id = $1`,
      [id, attempts, error.slice(0, 1000), retryAt],
    );
  },

  list(sql: Sql, f: { incident?: string; status?: string; units?: string[]; limit: number; offset: number }): Promise<NotificationRow[]> {
    return sql.rows<NotificationRow>(
      `SELECT n.* FROM notifications n JOIN incidents i ON i.id = n.incident_id
        WHERE ($1::uuid IS NULL OR n.incident_id = $1) AND ($2::text IS NULL OR n.status = $2)
          AND ($3::text[] IS NULL OR i.unit = ANY($3))
        ORDER BY n.created_at DESC, n.id LIMIT $4 OFFSET $5`,
      [f.incident ?? null, f.status ?? null, f.units ?? null, f.limit, f.offset],
    );
  },
};
