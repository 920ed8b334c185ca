import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Effect } from '../core/engine/effects.js';
import type { Step } from '../core/engine/incident-machine.js';
import { TASK_COMPLETED } from '../core/machine/incident-context.js';
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

export interface EventInput {
  type: string;
  note?: string;
  data?: Record<string, unknown>;
}

interface EventMeta {
  type: string;
  actor: string;
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

  async open(input: { playbook: string; unit: string; title?: string }, actor: string, openKey?: string): Promise<EventResult> {
    const pv = this.registry.current(input.playbook);
    return this.db.transaction(async (sql) => {
      if (openKey) {
        const prior = await incidentStore.byOpenKey(sql, openKey);
        if (prior) return this.replayOpen(sql, prior, input, openKey);
      }
      const now = this.clock.now();
      const step = pv.machine.open(now);
      const row = await incidentStore.insert(sql, {
        playbook_version_id: pv.id,
        playbook_key: pv.key,
        unit: input.unit,
        title: input.title ?? null,
        level: step.level,
        state: step.state,
        snapshot: step.snapshot,
        version: 0,
        opened_by: actor,
        open_key: openKey ?? null,
        created_at: now,
        updated_at: now,
      });
      if (!row) {
        // Another request with the same key committed first: answer what it opened.
        const prior = await incidentStore.byOpenKey(sql, openKey!);
        return this.replayOpen(sql, prior!, input, openKey!);
      }
      const meta: EventMeta = { type: OPENED, actor, note: null, data: { playbook: pv.key, unit: input.unit }, idempotencyKey: null, requestHash: null };
      return this.record(sql, row, pv, step, meta, null, now);
    });
  }

  async apply(incidentId: string, input: EventInput, actor: string, idempotencyKey?: string): Promise<EventResult> {
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
      const outcome = pv.machine.apply(row.snapshot, { type: input.type, note: input.note, data: input.data }, now);
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
        note: input.note ?? null,
        data: input.data ?? null,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
      };
      return this.record(sql, row, pv, outcome, meta, row, now);
    });
  }

  /** Completing a task is an event to the machine, so the step it gates can advance in the same transaction. */
  async completeTask(taskId: string, actor: string, note?: string): Promise<TaskView> {
    if (!isUuid(taskId)) throw new NotFound('task', taskId);
    return this.db.transaction(async (sql) => {
      const found = await taskStore.get(sql, taskId);
      if (!found) throw new NotFound('task', taskId);
      const row = (await incidentStore.lock(sql, found.incident_id))!;
      // Re-read under the incident lock: another request may have completed or cancelled it meanwhile.
      const task = (await taskStore.get(sql, taskId))!;
      if (task.status === 'done') return taskView(task);
      if (task.status === 'cancelled') {
        throw new Conflict(`task ${taskId} was cancelled and cannot be completed`, {
          cancelledAt: task.cancelled_at,
          cancelReason: task.cancel_reason,
        });
      }
      const now = this.clock.now();
      const [doneRow] = await taskStore.complete(sql, taskId, actor, note ?? null, now);
      const pv = await this.registry.version(row.playbook_version_id, sql);
      const outcome = pv.machine.apply(row.snapshot, { type: TASK_COMPLETED, template: task.template }, now);
      if (outcome.accepted) {
        const meta: EventMeta = {
          type: TASK_COMPLETED,
          actor,
          note: note ?? null,
          data: { taskId, template: task.template },
          idempotencyKey: null,
          requestHash: null,
        };
        await this.record(sql, row, pv, outcome, meta, row, now);
      }
      return taskView(doneRow);
    });
  }

  private async replayOpen(sql: Sql, prior: IncidentRow, input: { playbook: string; unit: string }, key: string): Promise<EventResult> {
    if (prior.playbook_key !== input.playbook || prior.unit !== input.unit) {
      throw new Unprocessable(`Idempotency-Key "${key}" was already used to open a different incident`);
    }
    const pv = await this.registry.version(prior.playbook_version_id, sql);
    const open = await taskStore.openOf(sql, [prior.id]);
    return { incident: incidentView(prior, pv, open), raised: [], cancelled: [] };
  }

  /** Writes everything one accepted event produced. `before` is null when the incident is being opened. */
  private async record(
    sql: Sql,
    row: IncidentRow,
    pv: PlaybookVersion,
    step: Step,
    meta: EventMeta,
    before: IncidentRow | null,
    now: Date,
  ): Promise<EventResult> {
    const seq = row.version + 1;
    const raised = await taskStore.insert(
      sql,
      effectsOf(step.effects, 'task.raise').map((e) => {
        const t = pv.machine.template(e.template);
        return {
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
    await timerStore.cancel(sql, row.id, effectsOf(step.effects, 'timer.cancel').map((e) => e.key));
    await timerStore.start(sql, row.id, effectsOf(step.effects, 'timer.start'), now);

    const next: IncidentRow = { ...row, level: step.level, state: step.state, snapshot: step.snapshot, version: seq, updated_at: now };
    await incidentStore.update(sql, next);

    const open = await taskStore.openOf(sql, [row.id]);
    const result: EventResult = {
      incident: incidentView(next, pv, open),
      raised: raised.map(taskView),
      cancelled: cancelled.map(taskView),
    };
    await incidentStore.appendEvent(sql, {
      incident_id: row.id,
      seq,
      type: meta.type,
      actor: meta.actor,
      note: meta.note,
      data: meta.data,
      from_level: before?.level ?? null,
      from_state: before?.state ?? null,
      to_level: step.level,
      to_state: step.state,
      effects: step.effects,
      idempotency_key: meta.idempotencyKey,
      request_hash: meta.requestHash,
      response: meta.idempotencyKey ? result : null,
      occurred_at: now,
    });
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
