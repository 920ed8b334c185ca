import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Effect } from '../core/engine/effects.js';
import type { Step } from '../core/engine/incident-machine.js';
import { TASK_COMPLETED } from '../core/machine/incident-context.js';
import { asAssignee, asSuperior, dutyAssignment, canRead, type TaskActor } from '../access/access-rules.js';
import { Forbidden } from '../access/forbidden.js';
import type { Principal } from '../access/principal.js';
import { assignTask } from '../core/assignment.js';
import { roleChain } from '../core/playbook/playbook.js';
import { directoryStore, type UnitRow } from '../directory/directory-store.js';
import { queuePartyMessage } from '../notifications/outbox.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { BadRequest, Conflict, NotFound, Unprocessable } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database, type Sql } from '../database/database.js';
import { PlaybookRegistry, type PlaybookVersion } from '../playbooks/playbook-registry.js';
import { taskStore, type TaskRow } from '../tasks/task-store.js';
import { taskView, type TaskView } from '../tasks/task-view.js';
import { incidentStore, type IncidentRow } from './incident-store.js';
import { incidentView, type EventResult } from './incident-view.js';
import { timerStore } from './timer-store.js';
import { SCHEDULER, timelineRow } from './timeline.js';
import { ESCALATE, escalate, escalationKey } from './escalations.js';

export interface EventInput {
  type: string;
  note?: string;
  data?: Record<string, unknown>;
}

interface EventMeta {
  type: string;
  actor: Principal;
  onBehalfOf: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  idempotencyKey: string | null;
  requestHash: string | null;
}

export const OPENED = 'INCIDENT_OPENED';

/**
 * The adapter around the pure engine. Every change to an incident happens here, in one transaction:
 * lock the incident row, restore its snapshot, transition, then write the timeline entry, snapshot,
 * tasks and timers together.
 */
@Injectable()
export class IncidentEngine {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(input: { playbook: string; unit: string; title?: string }, actor: Principal, openKey?: string): Promise<EventResult> {
    const pv = this.registry.current(input.playbook);
    return this.db.transaction(async (sql) => {
      const { unit, chain: unitChain } = await directoryStore.unitAndChain(sql, input.unit);
      if (!unit) throw new BadRequest(`unknown unit "${input.unit}"`, [{ field: 'unit', problems: ['no unit with this id'] }]);
      const duty = dutyAssignment(actor, unitChain);
      if (!duty) {
        throw new Forbidden('incidents.open', `only a duty officer of unit ${input.unit} (or a unit above it) may open an incident there`, { unit: input.unit });
      }
      if (openKey) {
        const prior = await incidentStore.byOpenKey(sql, openKey);
        if (prior) return this.replayOpen(sql, prior, input, openKey);
      }
      const now = this.clock.now();
      const end = pv.machine.expiresAt(unit.time_zone);
      if (end && now >= end) {
        // Opening would only end at once on the expiry timer: say so instead of pretending to respond.
        throw new Conflict(`playbook ${pv.key} is no longer in force: it ran until the end of ${pv.machine.playbook.expires!.on} (${unit.time_zone})`);
      }
      const step = pv.machine.open(now, { zone: unit.time_zone });
      const row = await incidentStore.insert(sql, {
        playbook_version_id: pv.id,
        playbook_key: pv.key,
        unit: input.unit,
        title: input.title ?? null,
        level: step.level,
        state: step.state,
        snapshot: step.snapshot,
        version: 0,
        opened_by: actor.name,
        open_key: openKey ?? null,
        created_at: now,
        updated_at: now,
      });
      if (!row) {
        // Another request with the same key committed first: answer what it opened.
        const prior = await incidentStore.byOpenKey(sql, openKey!);
        return this.replayOpen(sql, prior!, input, openKey!);
      }
      const meta: EventMeta = {
        type: OPENED,
        actor,
        onBehalfOf: duty === 'admin' ? null : duty.deputyFor,
        note: null,
        data: { playbook: pv.key, unit: input.unit },
        idempotencyKey: null,
        requestHash: null,
      };
      return this.record(sql, row, unit, pv, step, meta, null, now);
    });
  }

  async apply(incidentId: string, input: EventInput, actor: Principal, idempotencyKey?: string): Promise<EventResult> {
    if (input.type === TASK_COMPLETED) {
      throw new BadRequest('tasks are completed through POST /tasks/:id/complete', [
        { field: 'type', problems: [`${TASK_COMPLETED} is sent by the engine itself`] },
      ]);
    }
    if (!isUuid(incidentId)) throw new NotFound('incident', incidentId);
    const requestHash = idempotencyKey ? hashRequest(input) : null;
    return this.db.transaction(async (sql) => {
      const row = await incidentStore.lock(sql, incidentId);
      if (!row) throw new NotFound('incident', incidentId);
      const { unit, chain: unitChain } = await directoryStore.unitAndChain(sql, row.unit);
      const duty = dutyAssignment(actor, unitChain);
      if (!duty) {
        if (!canRead(actor, unitChain)) throw new NotFound('incident', incidentId);
        throw new Forbidden('incidents.event', `only a duty officer of unit ${row.unit} (or a unit above it) may change this incident's level`, { unit: row.unit });
      }
      if (idempotencyKey) {
        const prior = await incidentStore.eventByKey(sql, row.id, idempotencyKey);
        if (prior) {
          if (prior.request_hash !== requestHash) {
            throw new Unprocessable(`Idempotency-Key "${idempotencyKey}" was already used for a different event on this incident`);
          }
          return prior.response as EventResult;
        }
      }
      const pv = await this.registry.version(row.playbook_version_id, sql);
      if (!pv.machine.isDeclaredEvent(input.type)) {
        const known = pv.machine.playbook.events.map((e) => e.type);
        throw new BadRequest(`unknown event "${input.type}" for playbook ${pv.key}`, [
          { field: 'type', problems: [`expected one of ${known.join(', ')}`] },
        ]);
      }
      const now = this.clock.now();
      const outcome = pv.machine.apply(row.snapshot, { type: input.type, note: input.note, data: input.data }, now, { zone: unit!.time_zone });
      if (!outcome.accepted) {
        throw new Conflict(`event ${input.type} is not accepted at ${outcome.state}`, {
          level: outcome.level,
          state: outcome.state,
          allowedEvents: outcome.allowedEvents,
        });
      }
      const meta: EventMeta = {
        type: input.type,
        actor,
        onBehalfOf: duty === 'admin' ? null : duty.deputyFor,
        note: input.note ?? null,
        data: input.data ?? null,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
      };
      return this.record(sql, row, unit!, pv, outcome, meta, row, now);
    });
  }

  /** Completing a task is an event to the machine, so the step it gates can advance in the same transaction. */
  async completeTask(taskId: string, actor: Principal, note?: string): Promise<TaskView> {
    return this.withTask(taskId, actor, async (sql, row, task, pv, who, unit) => {
      if (task.status === 'cancelled') {
        throw new Conflict(`task ${taskId} was cancelled and cannot be completed`, {
          cancelledAt: task.cancelled_at,
          cancelReason: task.cancel_reason,
        });
      }
      const by = who(asAssignee) ?? who(asSuperior);
      if (!by) throw this.notAssignee('tasks.complete', task, 'complete');
      if (task.status === 'done') return taskView(task);
      const now = this.clock.now();
      const [doneRow] = await taskStore.complete(sql, taskId, actor, by.onBehalfOf, note ?? null, now);
      // Done: its escalation stops here.
      await timerStore.cancel(sql, row.id, [escalationKey(taskId)]);
      const outcome = pv.machine.apply(row.snapshot, { type: TASK_COMPLETED, template: task.template }, now, { zone: unit.time_zone });
      if (!outcome.accepted) throw new Error(`playbook ${pv.key} did not accept ${TASK_COMPLETED}`);
      await this.record(sql, row, unit, pv, outcome, {
        type: TASK_COMPLETED,
        actor,
        onBehalfOf: by.onBehalfOf,
        note: note ?? null,
        data: { taskId, template: task.template, as: by.as },
        idempotencyKey: null,
        requestHash: null,
      }, row, now);
      return taskView(doneRow);
    });
  }

  /** The assignee says they have seen the task. Recorded on the task and the timeline; it changes no step. */
  async acknowledgeTask(taskId: string, actor: Principal): Promise<TaskView> {
    return this.withTask(taskId, actor, async (sql, row, task, _pv, who) => {
      const by = who(asAssignee) ?? (actor.admin ? ({ as: 'admin', onBehalfOf: null } as const) : undefined);
      if (!by) throw this.notAssignee('tasks.acknowledge', task, 'acknowledge');
      if (task.status !== 'open') throw new Conflict(`task ${taskId} is ${task.status}; only an open task can be acknowledged`);
      if (task.acknowledged_at) return taskView(task);
      const now = this.clock.now();
      const [acked] = await taskStore.acknowledge(sql, taskId, actor.id, now);
      await this.appendWithoutTransition(sql, row, { type: 'TASK_ACKNOWLEDGED', actor, onBehalfOf: by.onBehalfOf, data: { taskId, template: task.template } }, now);
      return taskView(acked);
    });
  }

  /** A superior gives the task to a person, or to whoever holds a role now. */
  async reassignTask(taskId: string, actor: Principal, to: { personId?: string; role?: string }, note?: string): Promise<TaskView> {
    return this.withTask(taskId, actor, async (sql, row, task, pv, who) => {
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
        const person = await directoryStore.person(sql, to.personId);
        if (!person || !person.active) throw new BadRequest('unknown or inactive person', [{ field: 'personId', problems: ['no active person with this id'] }]);
        next = { assignees: [person.id], assignedRole: task.assigned_role ?? task.role, unassignedRole: false };
      } else {
        const role = to.role!;
        if (!pv.machine.playbook.roles.some((r) => r.key === role)) {
          throw new BadRequest(`unknown role "${role}"`, [{ field: 'role', problems: [`expected one of ${pv.machine.playbook.roles.map((r) => r.key).join(', ')}`] }]);
        }
        next = assignTask(roleChain(pv.machine.playbook, role), await directoryStore.holders(sql, row.unit, now));
      }
      const [updated] = await taskStore.reassign(sql, taskId, next.assignees, next.assignedRole, next.unassignedRole);
      await this.appendWithoutTransition(sql, row, {
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
   * gets 404, so task ids do not reveal other units' incidents.
   */
  private withTask<T>(
    taskId: string,
    actor: Principal,
    work: (sql: Sql, row: IncidentRow, task: TaskRow, pv: PlaybookVersion, who: (rule: typeof asAssignee) => TaskActor | undefined, unit: UnitRow) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(taskId)) throw new NotFound('task', taskId);
    return this.db.transaction(async (sql) => {
      const found = await taskStore.get(sql, taskId);
      if (!found) throw new NotFound('task', taskId);
      const row = (await incidentStore.lock(sql, found.incident_id))!;
      // Re-read under the incident lock: another request may have changed it meanwhile.
      const task = (await taskStore.get(sql, taskId))!;
      const { unit, chain: unitChain } = await directoryStore.unitAndChain(sql, row.unit);
      if (!canRead(actor, unitChain) && !task.assignees.includes(actor.id)) throw new NotFound('task', taskId);
      const pv = await this.registry.version(row.playbook_version_id, sql);
      const facts = { assignees: task.assignees, roleChain: roleChain(pv.machine.playbook, task.assigned_role ?? task.role), unitChain };
      return work(sql, row, task, pv, (rule) => rule(actor, facts), unit!);
    });
  }

  private notAssignee(permission: 'tasks.complete' | 'tasks.acknowledge', task: TaskRow, verb: string): Forbidden {
    return new Forbidden(
      permission,
      `only the task's current assignees${permission === 'tasks.complete' ? ', a superior of its role or an admin' : ''} may ${verb} it`,
      { taskId: task.id, assignees: task.assignees },
    );
  }

  /** A timeline entry that is not a machine transition (acknowledged, reassigned): the state stays, the version moves. */
  private async appendWithoutTransition(
    sql: Sql,
    row: IncidentRow,
    e: { type: string; actor: Principal; onBehalfOf: string | null; note?: string | null; data: Record<string, unknown> },
    now: Date,
  ): Promise<void> {
    const next = { ...row, version: row.version + 1, updated_at: now };
    await incidentStore.update(sql, next);
    await incidentStore.appendEvent(sql, timelineRow(row, next, e, now));
  }

  /**
   * Moves a running incident onto a newer version of its playbook at a state the caller names. Refused
   * when that state does not exist in the new version. Open tasks whose template the new version dropped
   * are cancelled, saying so.
   */
  async migrate(incidentId: string, to: { version: number; state: string; note?: string }, actor: Principal): Promise<EventResult> {
    if (!isUuid(incidentId)) throw new NotFound('incident', incidentId);
    return this.db.transaction(async (sql) => {
      const row = await incidentStore.lock(sql, incidentId);
      if (!row) throw new NotFound('incident', incidentId);
      const { chain } = await directoryStore.unitAndChain(sql, row.unit);
      const duty = dutyAssignment(actor, chain);
      if (!duty) {
        if (!canRead(actor, chain)) throw new NotFound('incident', incidentId);
        throw new Forbidden('incidents.event', `only a duty officer of unit ${row.unit} (or a unit above it) may move this incident to another playbook version`, { unit: row.unit });
      }
      const from = await this.registry.version(row.playbook_version_id, sql);
      const target = await this.registry.byNumber(row.playbook_key, to.version, sql);
      if (!target) throw new BadRequest(`playbook ${row.playbook_key} has no version ${to.version}`, [{ field: 'version', problems: ['no such version'] }]);
      if (target.version <= from.version) throw new Conflict(`the incident is on version ${from.version}; it can only move to a newer version`);
      const moved = target.machine.relocate(row.snapshot, to.state);
      if (!moved) {
        throw new Conflict(`state "${to.state}" does not exist in version ${target.version} of ${row.playbook_key}`, {
          levels: target.machine.levels.map((l) => l.id),
        });
      }
      const now = this.clock.now();
      const reason = { vi: `Mẫu nhiệm vụ không còn trong phiên bản ${target.version}`, en: `task template no longer in version ${target.version}` };
      const cancelled = moved.droppedTemplates.length ? await taskStore.cancelOpen(sql, row.id, moved.droppedTemplates, reason, now) : [];
      const seq = row.version + 1;
      const next: IncidentRow = { ...row, playbook_version_id: target.id, level: moved.level, state: moved.state, snapshot: moved.snapshot, version: seq, updated_at: now };
      await incidentStore.moveVersion(sql, next);
      await incidentStore.appendEvent(
        sql,
        timelineRow(row, next, {
          type: 'PLAYBOOK_MIGRATED',
          actor,
          onBehalfOf: duty === 'admin' ? null : duty.deputyFor,
          note: to.note,
          data: { fromVersion: from.version, toVersion: target.version, state: to.state },
          effects: cancelled.length ? [{ type: 'task.cancel', templates: moved.droppedTemplates, reason }] : [],
        }, now),
      );
      const open = await taskStore.openOf(sql, [row.id]);
      return { incident: incidentView(next, target, open, this.registry.latestNumber(target.key, target.version)), raised: [], cancelled: cancelled.map(taskView) };
    });
  }

  /**
   * Fires one due timer through the same path as an HTTP event. The timer row is deleted in this
   * transaction, so of two replicas that both claimed it (a lease ran out) only one fires it.
   */
  async fireTimer(incidentId: string, key: string, fireAt: Date): Promise<'fired' | 'gone' | 'ignored'> {
    return this.db.transaction((sql) => this.fireInTransaction(sql, incidentId, key, fireAt));
  }

  /**
   * Fires several due timers in one transaction, in incident order (so two batches never wait on each
   * other in a cycle): one commit for many timers. If any of them fails, the batch is rolled back and
   * each timer is fired on its own, so one bad timer cannot hold the others back.
   */
  async fireTimers(timers: { incident_id: string; key: string; fire_at: Date }[]): Promise<{ fired: number; failed: { key: string; incidentId: string; error: Error }[] }> {
    const sorted = [...timers].sort((a, b) => (a.incident_id < b.incident_id ? -1 : a.incident_id > b.incident_id ? 1 : 0));
    try {
      const fired = await this.db.transaction(async (sql) => {
        const rows = new Map((await incidentStore.lockMany(sql, [...new Set(sorted.map((t) => t.incident_id))])).map((r) => [r.id, r]));
        // Timers of incidents deleted meanwhile stay behind; their rows are gone with the incident anyway.
        const taken = (await timerStore.takeMany(sql, sorted)).filter((t) => rows.has(t.incident_id));
        const now = this.clock.now();
        // Escalations, the bulk of what falls due, go through in a fixed number of statements.
        const due = taken.filter((t) => t.event.type === ESCALATE);
        const outcomes = await escalate(sql, this.registry, due.map((t) => ({ row: rows.get(t.incident_id)!, taskId: t.event.taskId as string, step: t.event.step as number })), now);
        let n = outcomes.filter(Boolean).length;
        for (const t of taken.filter((x) => x.event.type !== ESCALATE)) {
          if ((await this.fireInTransaction(sql, t.incident_id, t.key, t.fire_at, t.event)) === 'fired') n++;
        }
        return n;
      });
      return { fired, failed: [] };
    } catch {
      // One bad timer must not hold the others back: fire each on its own.
      let fired = 0;
      const failed: { key: string; incidentId: string; error: Error }[] = [];
      for (const t of sorted) {
        try {
          if ((await this.fireTimer(t.incident_id, t.key, t.fire_at)) === 'fired') fired++;
        } catch (e) {
          failed.push({ key: t.key, incidentId: t.incident_id, error: e as Error });
        }
      }
      return { fired, failed };
    }
  }

  /** Fires one timer; `taken` is its event when the caller has already taken the row. */
  private async fireInTransaction(sql: Sql, incidentId: string, key: string, fireAt: Date, taken?: Record<string, unknown>): Promise<'fired' | 'gone' | 'ignored'> {
    const row = await incidentStore.lock(sql, incidentId);
    if (!row) return 'gone';
    const timer = taken ? { event: taken } : await timerStore.take(sql, incidentId, key, fireAt);
    if (!timer) return 'gone';
    const now = this.clock.now();
    const event = timer.event as { type: string; taskId?: string; step?: number; template?: string; scheduled?: string };
    if (event.type === ESCALATE) {
      const [escalated] = await escalate(sql, this.registry, [{ row, taskId: event.taskId!, step: event.step! }], now);
      return escalated ? 'fired' : 'ignored';
    }
    const pv = await this.registry.version(row.playbook_version_id, sql);
    const { unit } = await directoryStore.unitAndChain(sql, row.unit);
    const outcome = pv.machine.apply(row.snapshot, event, now, { zone: unit!.time_zone });
    // A delayed transition whose state was left in the meantime has nothing to do.
    if (!outcome.accepted) return 'ignored';
    await this.record(sql, row, unit!, pv, outcome, {
      type: event.type,
      actor: SCHEDULER,
      onBehalfOf: null,
      note: null,
      data: { timer: key, dueAt: new Date(fireAt).toISOString(), ...(event.template ? { template: event.template } : {}) },
      idempotencyKey: null,
      requestHash: null,
    }, row, now);
    return 'fired';
  }

  private async replayOpen(sql: Sql, prior: IncidentRow, input: { playbook: string; unit: string }, key: string): Promise<EventResult> {
    if (prior.playbook_key !== input.playbook || prior.unit !== input.unit) {
      throw new Unprocessable(`Idempotency-Key "${key}" was already used to open a different incident`);
    }
    const pv = await this.registry.version(prior.playbook_version_id, sql);
    const open = await taskStore.openOf(sql, [prior.id]);
    return { incident: incidentView(prior, pv, open, this.registry.latestNumber(pv.key, pv.version)), raised: [], cancelled: [] };
  }

  /** Writes everything one accepted event produced. `before` is null when the incident is being opened. */
  private async record(
    sql: Sql,
    row: IncidentRow,
    unit: UnitRow,
    pv: PlaybookVersion,
    step: Step,
    meta: EventMeta,
    before: IncidentRow | null,
    now: Date,
  ): Promise<EventResult> {
    const seq = row.version + 1;
    const raises = effectsOf(step.effects, 'task.raise');
    // Tasks go to whoever holds the role in the incident's unit at this moment.
    const holders = raises.length ? await directoryStore.holders(sql, row.unit, now) : [];
    const raised = await taskStore.insert(
      sql,
      raises.map((e) => {
        const t = pv.machine.template(e.template);
        const assignment = assignTask(roleChain(pv.machine.playbook, t.role), holders);
        return {
          assignees: assignment.assignees,
          assigned_role: assignment.assignedRole,
          unassigned_role: assignment.unassignedRole,
          occurrence: e.occurrence ? new Date(e.occurrence) : null,
          late: e.late ?? false,
          incident_id: row.id,
          template: t.key,
          title: t.title,
          instructions: t.instructions,
          kind: t.kind,
          role: t.role,
          level: e.level,
          due_at: new Date(e.dueAt),
          created_at: now,
          raised_seq: seq,
        };
      }),
    );
    const cancelled: TaskRow[] = [];
    for (const e of effectsOf(step.effects, 'task.cancel')) {
      cancelled.push(...(await taskStore.cancelOpen(sql, row.id, e.templates, e.reason, now)));
    }
    // Task deadlines and escalation steps are timers too, started and stopped with their tasks.
    const escalations = raised.flatMap((t, i) => {
      const at = raises[i].escalateAt;
      return at ? [{ key: escalationKey(t.id), event: { type: ESCALATE, taskId: t.id, step: 0 }, fireAt: at }] : [];
    });
    await timerStore.cancel(sql, row.id, [...effectsOf(step.effects, 'timer.cancel').map((e) => e.key), ...cancelled.map((t) => escalationKey(t.id))]);
    await timerStore.start(sql, row.id, [...effectsOf(step.effects, 'timer.start'), ...escalations], now);

    const next: IncidentRow = { ...row, level: step.level, state: step.state, snapshot: step.snapshot, version: seq, updated_at: now };
    await incidentStore.update(sql, next);
    // Messages describe the incident as this event leaves it.
    for (const e of effectsOf(step.effects, 'notify')) await queuePartyMessage(sql, next, unit, e.party, e.message, now);

    const open = await taskStore.openOf(sql, [row.id]);
    const result: EventResult = {
      incident: incidentView(next, pv, open, this.registry.latestNumber(pv.key, pv.version)),
      raised: raised.map(taskView),
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
}

function effectsOf<T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

function hashRequest(input: EventInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.type, input.note ?? null, input.data ?? null]))
    .digest('hex');
}
