import type { Sql } from '../database/database.js';
import { assignTask, type Holder } from '../core/assignment.js';
import { directoryStore, type UnitRow } from '../directory/directory-store.js';
import { announce } from '../live/changes.js';
import { notificationStore } from '../notifications/notification-store.js';
import { escalationMessages, escalationPartyMessage } from '../notifications/outbox.js';
import type { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { taskStore } from '../tasks/task-store.js';
import { incidentStore, type EventRow, type IncidentRow } from './incident-store.js';
import { timerStore } from './timer-store.js';
import { SCHEDULER, timelineRow } from './timeline.js';

export const ESCALATE = 'ESCALATE';

/** Whom a step went to, as the timeline and the task record it: `{ role }` or `{ role: null, party }`. */
const towards = (next: { role: string | null; party: string | null }) => (next.role === null ? { role: null, party: next.party! } : { role: next.role });
export const escalationKey = (taskId: string) => `escalate:${taskId}`;

/** A due escalation timer: step `step` of the chain of an overdue task. `row` is locked by the caller. */
export interface DueEscalation {
  row: IncidentRow;
  taskId: string;
  step: number;
}

/**
 * Runs due escalation steps inside the caller's transaction, a whole batch in a fixed number of
 * statements (not a handful per task): each step is recorded on its task and in the timeline, the
 * next role is notified, and the next step's timer is started. A task done or cancelled meanwhile, or
 * at the end of its chain, is skipped. Answers, per item, whether it escalated.
 */
export async function escalate(sql: Sql, registry: PlaybookRegistry, items: DueEscalation[], now: Date): Promise<boolean[]> {
  const tasks = new Map((await taskStore.many(sql, [...new Set(items.map((i) => i.taskId))])).map((t) => [t.id, t]));
  const work = [];
  for (const item of items) {
    const task = tasks.get(item.taskId);
    if (!task || task.status !== 'open') continue;
    const pv = await registry.version(item.row.playbook_version_id, sql);
    const next = pv.machine.escalation(task.template, item.step, now);
    if (next) work.push({ item, task, next });
  }
  if (!work.length) return items.map(() => false);

  // Who holds each role now: one query per unit and one for everyone's contacts.
  const holdersByUnit = new Map<string, Holder[]>();
  for (const unit of new Set(work.map((w) => w.item.row.unit))) holdersByUnit.set(unit, await directoryStore.holders(sql, unit, now));
  // A step that tells an outside party notifies nobody of the unit: the party's contact gets the message.
  const notifiedOf = work.map((w) => (w.next.role === null ? [] : assignTask([w.next.role], holdersByUnit.get(w.item.row.unit)!).assignees));
  const units = new Map<string, UnitRow | undefined>();
  for (const w of work) if (w.next.party !== null && !units.has(w.item.row.unit)) units.set(w.item.row.unit, await directoryStore.unit(sql, w.item.row.unit));
  const contacts = new Map((await directoryStore.contacts(sql, [...new Set(notifiedOf.flat())])).map((c) => [c.personId, c]));

  const versions = new Map<string, number>();
  const events: EventRow[] = [];
  for (const [i, { item, task, next }] of work.entries()) {
    const row = item.row;
    const seq = (versions.get(row.id) ?? row.version) + 1;
    versions.set(row.id, seq);
    const notified = notifiedOf[i];
    events.push(
      timelineRow(row, { ...row, version: seq }, {
        type: 'TASK_ESCALATED',
        actor: SCHEDULER,
        onBehalfOf: null,
        data: { taskId: task.id, template: task.template, step: item.step + 1, ...towards(next), notified },
      }, now),
    );
  }
  await notificationStore.insert(
    sql,
    work.flatMap(({ item, task, next }, i) =>
      next.role === null
        ? [escalationPartyMessage(item.row, units.get(item.row.unit), task, item.step, next.party!, now)]
        : escalationMessages(item.row, task, item.step, next.role, notifiedOf[i].flatMap((id) => contacts.get(id) ?? []), now),
    ),
  );
  await taskStore.escalatedMany(
    sql,
    work.map(({ item, task, next }, i) => ({ id: task.id, step: item.step + 1, ...towards(next), at: now.toISOString(), notified: notifiedOf[i] })),
  );
  await timerStore.startMany(
    sql,
    work
      .filter((w) => w.next.nextAt)
      .map(({ item, task, next }) => ({ incidentId: item.row.id, key: escalationKey(task.id), event: { type: ESCALATE, taskId: task.id, step: item.step + 1 }, fireAt: next.nextAt!.toISOString() })),
    now,
  );
  await incidentStore.appendEvents(sql, events);
  await incidentStore.bumpVersions(sql, [...versions].map(([id, version]) => ({ id, version })), now);
  await announce(sql, work.map(({ item }) => ({ kind: 'task' as const, incidentId: item.row.id, unitId: item.row.unit })));
  const done = new Set(work.map((w) => w.item));
  return items.map((i) => done.has(i));
}
