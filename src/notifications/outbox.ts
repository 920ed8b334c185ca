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
  await notificationStore.insert(sql, [partyMessage(row, unit, party, { kind: 'party', message }, null, now)]);
}

/** A message to an outside party through the unit's contact for it; dead at once, with the reason, when there is none. */
function partyMessage(row: IncidentRow, unit: UnitRow | undefined, party: string, body: { kind: 'party' | 'escalation'; message: Text } & Record<string, unknown>, taskId: string | null, now: Date): NewNotification {
  const contact = (unit?.contacts as Record<string, Contact> | undefined)?.[party];
  const r = route(contact);
  return {
    incident_id: row.id,
    task_id: taskId,
    kind: body.kind,
    audience: party,
    channel: r?.channel ?? 'log',
    address: r?.address ?? null,
    payload: { ...body, party, partyName: contact?.name ?? null, incident: incidentRef(row), at: now.toISOString() },
    status: r ? 'pending' : 'dead',
    last_error: r ? null : `unit ${row.unit} has no contact (webhook, email or log) for party "${party}"`,
    at: now,
  };
}

type OverdueTask = { id: string; template: string; title: Text; due_at: Date };

function overdueMessage(task: OverdueTask, step: number): Text {
  return { vi: `Nhiệm vụ quá hạn (bước ${step + 1}): ${task.title.vi}`, en: `Overdue task (step ${step + 1}): ${task.title.en}` };
}

function taskRef(task: OverdueTask) {
  return { id: task.id, template: task.template, title: task.title, dueAt: new Date(task.due_at).toISOString() };
}

/** An escalation step that tells an outside party (the provincial command): one message to the unit's contact for it. */
export function escalationPartyMessage(row: IncidentRow, unit: UnitRow | undefined, task: OverdueTask, step: number, party: string, now: Date): NewNotification {
  return partyMessage(row, unit, party, { kind: 'escalation', step: step + 1, message: overdueMessage(task, step), task: taskRef(task) }, task.id, now);
}

/** The messages of one escalation step (one per holder, or one dead-ended to the log when nobody holds the role). */
export function escalationMessages(
  row: IncidentRow,
  task: OverdueTask,
  step: number,
  role: string,
  holders: { personId: string; email: string | null; name: string }[],
  now: Date,
): NewNotification[] {
  const message = overdueMessage(task, step);
  const payload = (to: string | null) => ({
    kind: 'escalation',
    role,
    to,
    step: step + 1,
    message,
    task: taskRef(task),
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

