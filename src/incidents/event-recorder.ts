import { taskWrites, timerWrites, type Raise } from '../core/engine/effect-plan.js';
import type { Step } from '../core/engine/incident-machine.js';
import { assignTask, type Holder } from '../core/assignment.js';
import { roleChain } from '../core/playbook/playbook.js';
import type { Principal } from '../access/principal.js';
import type { Sql } from '../database/database.js';
import { directoryStore, type UnitRow } from '../directory/directory-store.js';
import { announce } from '../live/changes.js';
import { renderMessage, type MessageFacts } from '../core/message-template.js';
import { queuePartyMessage } from '../notifications/outbox.js';
import type { PlaybookRegistry, PlaybookVersion } from '../playbooks/playbook-registry.js';
import { taskStore, type NewTask, type TaskRow } from '../tasks/task-store.js';
import { copiesFor } from '../core/completion.js';
import { taskView } from '../tasks/task-view.js';
import { ESCALATE, escalationKey } from './escalations.js';
import { incidentStore, type IncidentRow } from './incident-store.js';
import { incidentView, type EventResult } from './incident-view.js';
import { timerStore } from './timer-store.js';
import { timelineRow } from './timeline.js';

/** Who sent an event and what it carried, as the timeline records it. */
export interface EventMeta {
  type: string;
  actor: Principal;
  onBehalfOf: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  idempotencyKey: string | null;
  requestHash: string | null;
}

/**
 * Writes everything one accepted event produced, inside the caller's transaction, which holds the
 * incident's row lock. `before` is null when the incident is being opened.
 */
export async function recordStep(
  sql: Sql,
  registry: PlaybookRegistry,
  args: { row: IncidentRow; unit: UnitRow; pv: PlaybookVersion; step: Step; meta: EventMeta; before: IncidentRow | null; now: Date },
): Promise<EventResult> {
  const { row, unit, pv, step, meta, before, now } = args;
  const seq = row.version + 1;
  const raised: TaskRow[] = [];
  const escalateAt: (string | undefined)[] = [];
  const cancelled: TaskRow[] = [];
  // Tasks go to whoever holds the role in the incident's unit at this moment (read once, only if needed).
  let holders: Holder[] | undefined;
  for (const w of taskWrites(step.effects)) {
    if ('cancel' in w) {
      cancelled.push(...(await taskStore.cancelOpen(sql, row.id, w.cancel.templates, w.cancel.reason, now)));
      continue;
    }
    holders ??= await directoryStore.holders(sql, row.unit, now);
    // An `each` task is one row per holder, each with its own escalation (completion.ts).
    const copies = w.raise.flatMap((e) => newTasks(pv, e, holders!, row.id, seq, now).map((task) => ({ task, escalateAt: e.escalateAt })));
    raised.push(...(await taskStore.insert(sql, copies.map((c) => c.task))));
    escalateAt.push(...copies.map((c) => c.escalateAt));
  }
  // Task deadlines and escalation steps are timers too, started and stopped with their tasks.
  const gone = new Set(cancelled.map((t) => t.id));
  const escalations = raised.flatMap((t, i) => {
    const at = escalateAt[i];
    return at && !gone.has(t.id) ? [{ key: escalationKey(t.id), event: { type: ESCALATE, taskId: t.id, step: 0 }, fireAt: at }] : [];
  });
  const timers = timerWrites(step.effects);
  await timerStore.cancel(sql, row.id, [...timers.cancel, ...cancelled.map((t) => escalationKey(t.id))]);
  await timerStore.start(sql, row.id, [...timers.start, ...escalations], now);

  const next: IncidentRow = { ...row, level: step.level, state: step.state, snapshot: step.snapshot, version: seq, updated_at: now };
  await incidentStore.update(sql, next);
  // Every replica's live streams hear of it once this transaction commits.
  await announce(sql, [{ kind: 'incident', incidentId: row.id, unitId: row.unit }]);
  // Messages describe the incident as this event leaves it, rendered now so that a retry sends the same words.
  const facts: MessageFacts = {
    unit: { name: unit.name, timeZone: unit.time_zone },
    level: step.level ? (pv.machine.playbook.machine.states[step.level]?.meta ?? null) as MessageFacts['level'] : null,
    at: now,
    note: meta.note,
    data: meta.data,
  };
  for (const e of step.effects) if (e.type === 'notify') await queuePartyMessage(sql, next, unit, e.party, renderMessage(e.message, facts), now);

  const open = await taskStore.openOf(sql, [row.id]);
  const result: EventResult = {
    incident: incidentView(next, pv, open, registry.latestNumber(pv.key, pv.version)),
    // A task raised and cancelled by the same event is reported once, as cancelled.
    raised: raised.filter((t) => !gone.has(t.id)).map(taskView),
    cancelled: cancelled.map(taskView),
  };
  await incidentStore.appendEvent(
    sql,
    timelineRow(before, next, { ...meta, effects: step.effects }, now, {
      key: meta.idempotencyKey,
      hash: meta.requestHash,
      response: meta.idempotencyKey ? result : null,
    }),
  );
  return result;
}

function newTasks(pv: PlaybookVersion, e: Raise, holders: Holder[], incidentId: string, seq: number, now: Date): NewTask[] {
  const t = pv.machine.template(e.template);
  const assignment = assignTask(roleChain(pv.machine.playbook, t.role), holders);
  const mode = t.assign ?? 'shared';
  return copiesFor(mode, assignment.assignees).map((copy) => ({
    assignees: copy.assignees,
    holder: copy.holder,
    assign: mode,
    instance: e.instance ?? null,
    assigned_role: assignment.assignedRole,
    unassigned_role: assignment.unassignedRole,
    occurrence: e.occurrence ? new Date(e.occurrence) : null,
    late: e.late ?? false,
    incident_id: incidentId,
    template: t.key,
    title: t.title,
    instructions: t.instructions,
    kind: t.kind,
    role: t.role,
    level: e.level,
    due_at: new Date(e.dueAt),
    created_at: now,
    raised_seq: seq,
  }));
}
