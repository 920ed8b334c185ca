import type { Sql } from '../database/database.js';

/** Durable timers for the machine's delayed transitions: written and deleted in the event's transaction. */
export const timerStore = {
  async start(sql: Sql, incidentId: string, timers: { key: string; event: unknown; fireAt: string }[], now: Date): Promise<void> {
    for (const t of timers) {
      await sql.rows(
        `INSERT INTO timers (incident_id, key, event, fire_at, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (incident_id, key) DO UPDATE SET event = EXCLUDED.event, fire_at = EXCLUDED.fire_at,
           locked_until = NULL, attempts = 0, created_at = EXCLUDED.created_at`,
        [incidentId, t.key, JSON.stringify(t.event), t.fireAt, now],
      );
    }
  },

  async cancel(sql: Sql, incidentId: string, keys: string[]): Promise<void> {
    if (keys.length) await sql.rows('DELETE FROM timers WHERE incident_id = $1 AND key = ANY($2)', [incidentId, keys]);
  },

  list(sql: Sql, incidentId: string): Promise<{ key: string; event: { type: string }; fire_at: Date }[]> {
    return sql.rows('SELECT key, event, fire_at FROM timers WHERE incident_id = $1 ORDER BY fire_at', [incidentId]);
  },
};
