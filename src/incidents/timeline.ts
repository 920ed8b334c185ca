import type { Effect } from '../core/engine/effects.js';
import type { Principal } from '../access/principal.js';
import type { EventRow, IncidentRow } from './incident-store.js';

/** The actor the timeline names for what the scheduler did (fired timers, escalations): no person, so no actor id. */
export const SCHEDULER: Principal = { id: '', name: 'scheduler', kind: 'service', admin: false, assignments: [] };

export /** One timeline entry: who did what, and the incident's level and state before and after. */
function timelineRow(
  before: Pick<IncidentRow, 'level' | 'state'> | null,
  after: Pick<IncidentRow, 'id' | 'level' | 'state' | 'version'>,
  e: { type: string; actor: Principal; onBehalfOf: string | null; note?: string | null; data: Record<string, unknown> | null; effects?: Effect[] },
  now: Date,
  idempotency: { key: string | null; hash: string | null; response: unknown } = { key: null, hash: null, response: null },
): EventRow {
  return {
    incident_id: after.id,
    seq: after.version,
    type: e.type,
    actor: e.actor.name,
    actor_id: e.actor.id || null,
    on_behalf_of: e.onBehalfOf,
    note: e.note ?? null,
    data: e.data,
    from_level: before?.level ?? null,
    from_state: before?.state ?? null,
    to_level: after.level,
    to_state: after.state,
    effects: e.effects ?? [],
    idempotency_key: idempotency.key,
    request_hash: idempotency.hash,
    response: idempotency.response,
    occurred_at: now,
  };
}
