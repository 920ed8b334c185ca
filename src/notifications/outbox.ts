import type { Text } from '../core/text.js';
import type { Sql } from '../database/database.js';
import type { UnitRow } from '../directory/directory-store.js';
import type { IncidentRow } from '../incidents/incident-store.js';
import { notificationStore, type Channel, type NewNotification } from './notification-store.js';

/**
 * How a unit reaches an outside party: `contacts.<party>` = `{ name?, webhook? | email? | log: true }`.
 * `log: true` writes the message to the service log: for development and demos.
 */
interface Contact {
  name?: string;
  webhook?: string;
  email?: string;
  log?: boolean;
}

function route(contact: Contact | undefined): { channel: Channel; address: string | null } | null {
  if (contact?.webhook) return { channel: 'webhook', address: contact.webhook };
  if (contact?.email) return { channel: 'email', address: contact.email };
  if (contact?.log) return { channel: 'log', address: null };
  return null;
}

function incidentRef(row: IncidentRow) {
  return { id: row.id, unit: row.unit, playbook: row.playbook_key, level: row.level, state: row.state };
}

/**
 * Queues the playbook's `notify` for the party's channel configured on the unit. A party the unit has no
 * contact for is recorded as dead at once with the reason, so nobody believes it was sent.
 */
export async function queuePartyMessage(sql: Sql, row: IncidentRow, unit: UnitRow | undefined, party: string, message: Text, now: Date): Promise<void> {
  const contact = (unit?.contacts as Record<string, Contact> | undefined)?.[party];
  const r = route(contact);
  const n: NewNotification = {
    incident_id: row.id,
    task_id: null,
    kind: 'party',
    audience: party,
    channel: r?.channel ?? 'log',
    address: r?.address ?? null,
    payload: { kind: 'party', party, partyName: contact?.name ?? null, message, incident: incidentRef(row), at: now.toISOString() },
    status: r ? 'pending' : 'dead',
    last_error: r ? null : `unit ${row.unit} has no contact (webhook, email or log) for party "${party}"`,
    at: now,
  };
  await notificationStore.insert(sql, [n]);
}

/** The messages of one escalation step (one per holder, or one dead-ended to the log when nobody holds the role). */
export function escalationMessages(
  row: IncidentRow,
  task: { id: string; template: string; title: Text; due_at: Date },
  step: number,
  role: string,
  holders: { personId: string; email: string | null; name: string }[],
  now: Date,
): NewNotification[] {
  const message: Text = {
    vi: `Nhiệm vụ quá hạn (bước ${step + 1}): ${task.title.vi}`,
    en: `Overdue task (step ${step + 1}): ${task.title.en}`,
  };
  const payload = (to: string | null) => ({
    kind: 'escalation',
    role,
    to,
    step: step + 1,
    message,
    task: { id: task.id, template: task.template, title: task.title, dueAt: new Date(task.due_at).toISOString() },
    incident: incidentRef(row),
    at: now.toISOString(),
  });
  const rows: NewNotification[] = holders.length
    ? holders.map((h) => ({
        incident_id: row.id,
        task_id: task.id,
        kind: 'escalation',
        audience: role,
        channel: h.email ? 'email' : 'log',
        address: h.email,
        payload: payload(h.name),
        status: 'pending',
        last_error: null,
        at: now,
      }))
    : [
        {
          incident_id: row.id,
          task_id: task.id,
          kind: 'escalation',
          audience: role,
          channel: 'log',
          address: null,
          payload: payload(null),
          status: 'pending',
          last_error: `nobody holds role ${role} in unit ${row.unit}`,
          at: now,
        },
      ];
  return rows;
}

