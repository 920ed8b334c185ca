import type { Sql } from '../database/database.js';

/** Durable timers for the machine's delayed transitions: written and deleted in the event's transaction. */
export const timerStore = {
  /** Starts (or restarts) an incident's timers in one statement, however many an event asks for. */
  start(sql: Sql, incidentId: string, timers: { key: string; event: unknown; fireAt: string }[], now: Date): Promise<void> {
    return timerStore.startMany(sql, timers.map((t) => ({ incidentId, ...t })), now);
  },

  async cancel(sql: Sql, incidentId: string, keys: string[]): Promise<void> {
    if (keys.length) await sql.rows('DELETE FROM timers WHERE incident_id = $1 AND key = ANY($2)', [incidentId, keys]);
  },

  /**
   * Claims due timers for this replica: rows not claimed by anyone, or whose claim (lease) has run out
   * because the claimer died. SKIP LOCKED keeps replicas off each other's rows.
   */
  claim(sql: Sql, now: Date, leaseMs: number, limit: number): Promise<{ incident_id: string; key: string; fire_at: Date }[]> {
    return sql.rows(
      `UPDATE timers t SET locked_until = $1::timestamptz + ($2 || ' milliseconds')::interval, attempts = t.attempts + 1
         FROM (SELECT incident_id, key FROM timers
                WHERE fire_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
                ORDER BY fire_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
        WHERE t.incident_id = due.incident_id AND t.key = due.key
        RETURNING t.incident_id, t.key, t.fire_at`,
      [now, String(leaseMs), limit],
    );
  },

  /**
   * Hands back claimed timers that were not fired (a poller stopping), so that any poller may claim
   * them at once. Only our own claim: a row whose lease ran out and was claimed again since, or that
   * was restarted, has another locked_until and is left alone. The claim's attempt is taken back too,
   * since none was made. Answers how many were handed back.
   */
  async release(sql: Sql, timers: { incident_id: string; key: string; fire_at: Date }[], lockedUntil: Date): Promise<number> {
    if (!timers.length) return 0;
    const rows = await sql.rows(
      `UPDATE timers t SET locked_until = NULL, attempts = greatest(t.attempts - 1, 0)
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS x(incident_id, key, fire_at)
        WHERE t.incident_id = x.incident_id AND t.key = x.key AND t.fire_at = x.fire_at AND t.locked_until = $4
        RETURNING t.key`,
      [timers.map((t) => t.incident_id), timers.map((t) => t.key), timers.map((t) => new Date(t.fire_at)), lockedUntil],
    );
    return rows.length;
  },

  /** Takes the timer for firing, in the firing transaction: exactly one transaction gets the row. */
  async take(sql: Sql, incidentId: string, key: string, fireAt: Date): Promise<{ event: Record<string, unknown> } | undefined> {
    const [row] = await timerStore.takeMany(sql, [{ incident_id: incidentId, key, fire_at: fireAt }]);
    return row;
  },

  /** Takes a batch of claimed timers in one statement; a timer restarted or fired meanwhile is not returned. */
  takeMany(sql: Sql, timers: { incident_id: string; key: string; fire_at: Date }[]): Promise<{ incident_id: string; key: string; fire_at: Date; event: Record<string, unknown> }[]> {
    if (!timers.length) return Promise.resolve([]);
    return sql.rows(
      `DELETE FROM timers t USING unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS x(incident_id, key, fire_at)
        WHERE t.incident_id = x.incident_id AND t.key = x.key AND t.fire_at = x.fire_at
        RETURNING t.incident_id, t.key, t.fire_at, t.event`,
      [timers.map((t) => t.incident_id), timers.map((t) => t.key), timers.map((t) => new Date(t.fire_at))],
    );
  },

  /** Starts timers of several incidents in one statement. */
  async startMany(sql: Sql, timers: { incidentId: string; key: string; event: unknown; fireAt: string }[], now: Date): Promise<void> {
    if (!timers.length) return;
    await sql.rows(
      `INSERT INTO timers (incident_id, key, event, fire_at, created_at)
       SELECT t.incident_id, t.key, t.event, t.fire_at, $1
         FROM jsonb_to_recordset($2::jsonb) AS t(incident_id uuid, key text, event jsonb, fire_at timestamptz)
       ON CONFLICT (incident_id, key) DO UPDATE SET event = EXCLUDED.event, fire_at = EXCLUDED.fire_at,
         locked_until = NULL, attempts = 0, created_at = EXCLUDED.created_at`,
      [now, JSON.stringify(timers.map((t) => ({ incident_id: t.incidentId, key: t.key, event: t.event, fire_at: t.fireAt })))],
    );
  },

  list(sql: Sql, incidentId: string): Promise<{ key: string; event: { type: string }; fire_at: Date }[]> {
    return sql.rows('SELECT key, event, fire_at FROM timers WHERE incident_id = $1 ORDER BY fire_at', [incidentId]);
  },
};
