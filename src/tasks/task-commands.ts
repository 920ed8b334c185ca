import { Inject, Injectable, Optional } from '@nestjs/common';
import { TASK_COMPLETED } from '../core/machine/incident-context.js';
import { assignTask } from '../core/assignment.js';
import { completionOf, groupDone } from '../core/completion.js';
import { roleChain } from '../core/playbook/playbook.js';
import { asAssignee, asSuperior, canRead, type TaskActor } from '../access/access-rules.js';
import { Forbidden } from '../access/forbidden.js';
import type { Principal } from '../access/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { BadRequest, Conflict, NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database, type Sql } from '../database/database.js';
import { directoryStore, type UnitRow } from '../directory/directory-store.js';
import { escalationKey } from '../incidents/escalations.js';
import { recordStep } from '../incidents/event-recorder.js';
import { incidentStore, type IncidentRow } from '../incidents/incident-store.js';
import { timerStore } from '../incidents/timer-store.js';
import { timelineRow } from '../incidents/timeline.js';
import { announce } from '../live/changes.js';
import { EngineObserver, observed, type Seen } from '../metrics/engine-observer.js';
import { PlaybookRegistry, type PlaybookVersion } from '../playbooks/playbook-registry.js';
import { taskStore, type TaskRow } from './task-store.js';
import { taskView, type TaskView } from './task-view.js';

type Who = (rule: typeof asAssignee) => TaskActor | undefined;

/** One signature on an `assign: all` task that others must still sign (completion.ts). */
export const TASK_SIGNED_OFF = 'TASK_SIGNED_OFF';

/** Completing, acknowledging and reassigning a task: each under its incident's lock, each on the timeline. */
@Injectable()
export class TaskCommands {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly observer?: EngineObserver,
  ) {}

  /** Completing a task is an event to the machine, so the step it gates can advance in the same transaction. */
  complete(taskId: string, actor: Principal, note?: string): Promise<TaskView> {
    return this.withTask(TASK_COMPLETED, taskId, actor, async (sql, row, task, pv, who, unit) => {
      if (task.status === 'cancelled') {
        throw new Conflict(`task ${taskId} was cancelled and cannot be completed`, {
          cancelledAt: task.cancelled_at,
          cancelReason: task.cancel_reason,
        });
      }
      const by = who(asAssignee) ?? who(asSuperior);
      if (!by) throw notAssignee('tasks.complete', task, 'complete');
      if (task.status === 'done') return taskView(task);
      const now = this.clock.now();
      const about = { taskId, template: task.template, ...(task.instance === null ? {} : { instance: task.instance }) };
      // `assign: all`: an assignee's completion is their signature; the task is done with the last one (completion.ts).
      const part = completionOf({ mode: task.assign, assignees: task.assignees, signOffs: task.sign_offs, signer: actor.id, as: by.as });
      if (!part.done) {
        if ('alreadySigned' in part) return taskView(task);
        const [signed] = await taskStore.signOff(sql, taskId, { personId: actor.id, name: actor.name, at: now.toISOString(), ...(note ? { note } : {}) });
        await appendWithoutTransition(sql, row, { type: TASK_SIGNED_OFF, actor, onBehalfOf: by.onBehalfOf, note, data: { ...about, waitingFor: part.waitingFor } }, now);
        return taskView(signed);
      }
      const [doneRow] = await taskStore.complete(sql, taskId, actor, by.onBehalfOf, note ?? null, now);
      await announce(sql, [{ kind: 'task', incidentId: row.id, unitId: row.unit }]);
      // Done: its escalation stops here.
      await timerStore.cancel(sql, row.id, [escalationKey(taskId)]);
      // `assign: each`: the plan hears of it when the last holder's copy is done.
      const othersOpen = task.assign === 'each' ? await taskStore.otherCopiesOpen(sql, doneRow) : 0;
      if (!groupDone(task.assign, othersOpen)) {
        await appendWithoutTransition(sql, row, { type: TASK_COMPLETED, actor, onBehalfOf: by.onBehalfOf, note, data: { ...about, as: by.as, copiesOpen: othersOpen } }, now);
        return taskView(doneRow);
      }
      const outcome = pv.machine.apply(row.snapshot, { type: TASK_COMPLETED, template: task.template, instance: task.instance ?? undefined }, now, { zone: unit.time_zone });
      if (!outcome.accepted) throw new Error(`playbook ${pv.key} did not accept ${TASK_COMPLETED}`);
      await recordStep(sql, this.registry, {
        row,
        unit,
        pv,
        step: outcome,
        meta: {
          type: TASK_COMPLETED,
          actor,
          onBehalfOf: by.onBehalfOf,
          note: note ?? null,
          data: { ...about, as: by.as },
          idempotencyKey: null,
          requestHash: null,
        },
        before: row,
        now,
      });
      return taskView(doneRow);
    });
  }

  /** The assignee says they have seen the task. Recorded on the task and the timeline; it changes no step. */
  acknowledge(taskId: string, actor: Principal): Promise<TaskView> {
    return this.withTask('TASK_ACKNOWLEDGED', taskId, actor, async (sql, row, task, _pv, who) => {
      const by = who(asAssignee) ?? (actor.admin ? ({ as: 'admin', onBehalfOf: null } as const) : undefined);
      if (!by) throw notAssignee('tasks.acknowledge', task, 'acknowledge');
      if (task.status !== 'open') throw new Conflict(`task ${taskId} is ${task.status}; only an open task can be acknowledged`);
      if (task.acknowledged_at) return taskView(task);
      const now = this.clock.now();
      const [acked] = await taskStore.acknowledge(sql, taskId, actor, now);
      await appendWithoutTransition(sql, row, { type: 'TASK_ACKNOWLEDGED', actor, onBehalfOf: by.onBehalfOf, data: { taskId, template: task.template } }, now);
      return taskView(acked);
    });
  }

  /**
   * A superior gives the task to a person, or to whoever holds a role now. A person must be able to read
   * the incident (hold a role in its unit or a unit above, or be an admin): otherwise they would hold a
   * task of an incident they cannot see.
   */
  reassign(taskId: string, actor: Principal, to: { personId?: string; role?: string }, note?: string): Promise<TaskView> {
    return this.withTask('TASK_REASSIGNED', taskId, actor, async (sql, row, task, pv, who, _unit, unitChain) => {
      if (!who(asSuperior)) {
        throw new Forbidden('tasks.reassign', `only a superior of role ${task.assigned_role ?? task.role} in unit ${row.unit}, or an admin, may reassign this task`, { taskId });
      }
      if (Boolean(to.personId) === Boolean(to.role)) {
        throw new BadRequest('give exactly one of personId or role', [{ field: 'personId', problems: ['give exactly one of personId or role'] }]);
      }
      if (task.status !== 'open') throw new Conflict(`task ${taskId} is ${task.status}; only an open task can be reassigned`);
      const now = this.clock.now();
      let next: { assignees: string[]; assignedRole: string; unassignedRole: boolean };
      if (to.personId) {
        const person = isUuid(to.personId) ? await directoryStore.person(sql, to.personId) : undefined;
        if (!person || !person.active) throw new BadRequest('unknown or inactive person', [{ field: 'personId', problems: ['no active person with this id'] }]);
        const held = await directoryStore.activeAssignmentsOf(sql, person.id, now);
        if (!person.admin && !held.some((a) => unitChain.includes(a.unit_id))) {
          throw new BadRequest(`${person.name} holds no role in unit ${row.unit} or a unit above it, so could not see this incident`, [
            { field: 'personId', problems: [`give the person a role in ${row.unit} (or above) first, or reassign to a role`] },
          ]);
        }
        next = { assignees: [person.id], assignedRole: task.assigned_role ?? task.role, unassignedRole: false };
      } else {
        const role = to.role!;
        if (!pv.machine.playbook.roles.some((r) => r.key === role)) {
          throw new BadRequest(`unknown role "${role}"`, [{ field: 'role', problems: [`expected one of ${pv.machine.playbook.roles.map((r) => r.key).join(', ')}`] }]);
        }
        next = assignTask(roleChain(pv.machine.playbook, role), await directoryStore.holders(sql, row.unit, now));
      }
      const [updated] = await taskStore.reassign(sql, taskId, next.assignees, next.assignedRole, next.unassignedRole);
      await appendWithoutTransition(sql, row, {
        type: 'TASK_REASSIGNED',
        actor,
        onBehalfOf: null,
        note: note ?? null,
        data: { taskId, template: task.template, from: task.assignees, to: next.assignees, role: next.assignedRole },
      }, now);
      return taskView(updated);
    });
  }

  /**
   * Loads a task and takes its incident's lock. Someone who can neither read the unit nor is an assignee
   * gets 404, so task ids do not reveal other units' incidents. `type` names the command for the
   * metrics and the log line (engine-observer.ts).
   */
  private withTask<T>(
    type: string,
    taskId: string,
    actor: Principal,
    work: (sql: Sql, row: IncidentRow, task: TaskRow, pv: PlaybookVersion, who: Who, unit: UnitRow, unitChain: string[]) => Promise<T>,
  ): Promise<T> {
    const seen: Seen = { type, actor, taskId };
    return observed(this.observer, seen, () => this.inTaskTransaction(seen, taskId, actor, work));
  }

  private inTaskTransaction<T>(
    seen: Seen,
    taskId: string,
    actor: Principal,
    work: (sql: Sql, row: IncidentRow, task: TaskRow, pv: PlaybookVersion, who: Who, unit: UnitRow, unitChain: string[]) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(taskId)) throw new NotFound('task', taskId);
    return this.db.transaction(async (sql) => {
      const found = await taskStore.get(sql, taskId);
      if (!found) throw new NotFound('task', taskId);
      seen.incidentId = found.incident_id;
      const row = (await incidentStore.lock(sql, found.incident_id))!;
      // Re-read under the incident lock: another request may have changed it meanwhile.
      const task = (await taskStore.get(sql, taskId))!;
      const { unit, chain: unitChain } = await directoryStore.unitAndChain(sql, row.unit);
      if (!canRead(actor, unitChain) && !task.assignees.includes(actor.id)) throw new NotFound('task', taskId);
      const pv = await this.registry.version(row.playbook_version_id, sql);
      const facts = { assignees: task.assignees, roleChain: roleChain(pv.machine.playbook, task.assigned_role ?? task.role), unitChain };
      return work(sql, row, task, pv, (rule) => rule(actor, facts), unit!, unitChain);
    });
  }
}

function notAssignee(permission: 'tasks.complete' | 'tasks.acknowledge', task: TaskRow, verb: string): Forbidden {
  return new Forbidden(
    permission,
    `only the task's current assignees${permission === 'tasks.complete' ? ', a superior of its role or an admin' : ''} may ${verb} it`,
    { taskId: task.id, assignees: task.assignees },
  );
}

/** A timeline entry that is not a machine transition (acknowledged, reassigned): the state stays, the version moves. */
async function appendWithoutTransition(
  sql: Sql,
  row: IncidentRow,
  e: { type: string; actor: Principal; onBehalfOf: string | null; note?: string | null; data: Record<string, unknown> },
  now: Date,
): Promise<void> {
  const next = { ...row, version: row.version + 1, updated_at: now };
  await incidentStore.update(sql, next);
  await incidentStore.appendEvent(sql, timelineRow(row, next, e, now));
  await announce(sql, [{ kind: 'task', incidentId: row.id, unitId: row.unit }]);
}
