import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { TASK_COMPLETED } from '../core/machine/incident-context.js';
import { dutyAssignment, canRead } from '../access/access-rules.js';
import { Forbidden } from '../access/forbidden.js';
import type { Principal } from '../access/principal.js';
import { directoryStore } from '../directory/directory-store.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { BadRequest, Conflict, NotFound, Unprocessable } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database, type Sql } from '../database/database.js';
import { announce } from '../live/changes.js';
import { EngineObserver, observed } from '../metrics/engine-observer.js';
import { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { taskStore } from '../tasks/task-store.js';
import { taskView } from '../tasks/task-view.js';
import { eventDataProblems, type EventData } from '../core/playbook/event-data.js';
import { recordStep, type EventMeta } from './event-recorder.js';
import { incidentStore, type IncidentRow } from './incident-store.js';
import { incidentView, type EventResult } from './incident-view.js';
import { timelineRow } from './timeline.js';

export interface EventInput {
  type: string;
  note?: string;
  data?: Record<string, unknown>;
}

export const OPENED = 'INCIDENT_OPENED';

/** An event whose playbook declares its data is refused (400, naming each field) when the data does not fit. */
function refuseBadData(playbook: string, input: EventInput, declared: EventData): void {
  const problems = eventDataProblems(declared, input.data);
  if (!problems.length) return;
  throw new BadRequest(
    `the data of event ${input.type} does not fit what playbook ${playbook} declares: ${problems.map((p) => `data${p.field ? `.${p.field}` : ''}: ${p.problem}`).join('; ')}`,
    problems.map((p) => ({ field: p.field ? `data.${p.field}` : 'data', problems: [p.problem] })),
  );
}

/**
 * A duty officer's commands on an incident: open it, send it an event, move it to a newer playbook
 * version. Each runs in one transaction: lock the incident row, restore its snapshot, transition, then
 * write the timeline entry, snapshot, tasks and timers together (event-recorder.ts). Task commands are
 * in tasks/task-commands.ts, timer firing in timers/timer-firing.ts.
 */
@Injectable()
export class IncidentEngine {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly observer?: EngineObserver,
  ) {}

  /** Each command is measured and logged with its incident and actor (metrics/engine-observer.ts). */
  open(input: { playbook: string; unit: string; title?: string }, actor: Principal, openKey?: string): Promise<EventResult> {
    const seen = { type: OPENED, actor, incidentId: undefined as string | undefined };
    return observed(this.observer, seen, async () => {
      const result = await this.opening(input, actor, openKey);
      seen.incidentId = result.incident.id;
      return result;
    });
  }

  apply(incidentId: string, input: EventInput, actor: Principal, idempotencyKey?: string): Promise<EventResult> {
    return observed(this.observer, { type: input.type, actor, incidentId }, () => this.applying(incidentId, input, actor, idempotencyKey));
  }

  migrate(incidentId: string, to: { version: number; state: string; note?: string }, actor: Principal): Promise<EventResult> {
    return observed(this.observer, { type: 'PLAYBOOK_MIGRATED', actor, incidentId }, () => this.migrating(incidentId, to, actor));
  }

  private async opening(input: { playbook: string; unit: string; title?: string }, actor: Principal, openKey?: string): Promise<EventResult> {
    const pv = this.registry.current(input.playbook);
    return this.db.transaction(async (sql) => {
      const { unit, chain: unitChain } = await directoryStore.unitAndChain(sql, input.unit);
      // A unit the caller cannot see is answered like one that does not exist, so units cannot be enumerated.
      if (!unit || !canRead(actor, unitChain)) throw new BadRequest(`unknown unit "${input.unit}"`, [{ field: 'unit', problems: ['no unit with this id that you can see'] }]);
      const duty = dutyAssignment(actor, unitChain);
      if (!duty) {
        throw new Forbidden('incidents.open', `only a duty officer of unit ${input.unit} (or a unit above it) may open an incident there`, { unit: input.unit });
      }
      if (openKey) {
        const prior = await incidentStore.byOpenKey(sql, actor.id, openKey);
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
        opened_by_id: actor.id || null,
        open_key: openKey ?? null,
        created_at: now,
        updated_at: now,
      });
      if (!row) {
        // Another request with the same key committed first: answer what it opened.
        const prior = await incidentStore.byOpenKey(sql, actor.id, openKey!);
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
      return recordStep(sql, this.registry, { row, unit, pv, step, meta, before: null, now });
    });
  }

  private async applying(incidentId: string, input: EventInput, actor: Principal, idempotencyKey?: string): Promise<EventResult> {
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
      const declared = pv.machine.playbook.events.find((e) => e.type === input.type)?.data;
      if (declared) refuseBadData(pv.key, input, declared);
      const now = this.clock.now();
      // Declared data is always an object to the machine's conditions: a field left out is absent, not unknown.
      const data = declared ? (input.data ?? {}) : input.data;
      const outcome = pv.machine.apply(row.snapshot, { type: input.type, note: input.note, data }, now, { zone: unit!.time_zone });
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
      return recordStep(sql, this.registry, { row, unit: unit!, pv, step: outcome, meta, before: row, now });
    });
  }

  /**
   * Moves a running incident onto a newer version of its playbook at a state the caller names. Refused
   * when that state does not exist in the new version. Open tasks whose template the new version dropped
   * are cancelled, saying so.
   */
  private async migrating(incidentId: string, to: { version: number; state: string; note?: string }, actor: Principal): Promise<EventResult> {
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
      await announce(sql, [{ kind: 'incident', incidentId: row.id, unitId: row.unit }]);
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

  private async replayOpen(sql: Sql, prior: IncidentRow, input: { playbook: string; unit: string }, key: string): Promise<EventResult> {
    if (prior.playbook_key !== input.playbook || prior.unit !== input.unit) {
      throw new Unprocessable(`Idempotency-Key "${key}" was already used to open a different incident`);
    }
    const pv = await this.registry.version(prior.playbook_version_id, sql);
    const open = await taskStore.openOf(sql, [prior.id]);
    return { incident: incidentView(prior, pv, open, this.registry.latestNumber(pv.key, pv.version)), raised: [], cancelled: [] };
  }

}

function hashRequest(input: EventInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.type, input.note ?? null, input.data ?? null]))
    .digest('hex');
}
