import type { Sql } from '../database/database.js';

/** The channel every replica LISTENs on. */
export const CHANGES_CHANNEL = 'playbook_changes';

/**
 * A notice that something of an incident changed: the console refetches what it shows of it. It carries
 * no state of its own, so a notice lost (a dropped connection) costs a refetch, never a wrong screen.
 */
export interface Change {
  kind: 'incident' | 'task' | 'notification';
  incidentId: string;
  unitId: string;
}

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a change is about 110 bytes as JSON. */
const CHANGES_PER_NOTICE = 50;

/** Incidents already announced by each open transaction (a `Sql` lives as long as its transaction). */
const announced = new WeakMap<Sql, Set<string>>();

/**
 * Announces changes from inside the transaction that makes them: `pg_notify` is delivered when the
 * transaction commits and dropped if it rolls back, on PostgreSQL and on PGlite alike, so nothing is
 * announced that did not happen. An incident is announced once per transaction (the first kind
 * wins: the console refetches the whole incident anyway), and a batch goes out as one notice, so an
 * event costs one extra statement.
 */
export async function announce(sql: Sql, changes: Change[]): Promise<void> {
  let seen = announced.get(sql);
  if (!seen) announced.set(sql, (seen = new Set()));
  const fresh = changes.filter((c) => !seen.has(c.incidentId) && seen.add(c.incidentId));
  for (let i = 0; i < fresh.length; i += CHANGES_PER_NOTICE) {
    const notice = fresh.slice(i, i + CHANGES_PER_NOTICE).map(({ kind, incidentId, unitId }) => ({ kind, incidentId, unitId }));
    await sql.rows('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
  }
}

/** A notice as it arrives: a JSON array of changes (anything else is ignored, never trusted further). */
export function parseNotice(payload: string | undefined): Change[] {
  try {
    const parsed: unknown = JSON.parse(payload ?? '');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (c): c is Change =>
        typeof c === 'object' && c !== null && ['incident', 'task', 'notification'].includes(c.kind) && typeof c.incidentId === 'string' && typeof c.unitId === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * A notification's delivery state changed. The dispatcher knows only the incident, so the unit is read
 * by the statement that sends the notice.
 */
export async function announceDelivery(sql: Sql, incidentId: string): Promise<void> {
  await sql.rows(
    `SELECT pg_notify($1, json_build_array(json_build_object('kind', 'notification', 'incidentId', id, 'unitId', unit))::text)
       FROM incidents WHERE id = $2`,
    [CHANGES_CHANNEL, incidentId],
  );
}
