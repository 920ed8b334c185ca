import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { Database, type Sql } from '../database/database.js';
import { directoryStore } from '../directory/directory-store.js';
import { ESCALATE, escalate } from '../incidents/escalations.js';
import { recordStep } from '../incidents/event-recorder.js';
import { incidentStore } from '../incidents/incident-store.js';
import { timerStore } from '../incidents/timer-store.js';
import { EngineObserver } from '../metrics/engine-observer.js';
import { SCHEDULER } from '../incidents/timeline.js';
import { PlaybookRegistry } from '../playbooks/playbook-registry.js';

export interface DueTimer {
  incident_id: string;
  key: string;
  fire_at: Date;
}

export interface FiringResult {
  fired: number;
  failed: { key: string; incidentId: string; error: Error }[];
}

/**
 * Fires claimed timers through the same path as an HTTP event. The timer row is deleted in the firing
 * transaction, so of two replicas that both claimed it (a lease ran out) only one fires it.
 */
@Injectable()
export class TimerFiring {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly observer?: EngineObserver,
  ) {}

  fireTimer(incidentId: string, key: string, fireAt: Date): Promise<'fired' | 'gone' | 'ignored'> {
    return this.db.transaction((sql) => this.fireInTransaction(sql, incidentId, key, fireAt));
  }

  /**
   * Fires several due timers in one transaction, in incident order (so two batches never wait on each
   * other in a cycle): one commit for many timers. If any of them fails, the batch is rolled back and
   * each timer is fired on its own, so one bad timer cannot hold the others back.
   */
  async fireTimers(timers: DueTimer[]): Promise<FiringResult> {
    const result = await this.fireChunk(timers);
    this.observer?.timers(timers.length, result.fired, result.failed.length);
    return result;
  }

  private async fireChunk(timers: DueTimer[]): Promise<FiringResult> {
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
      const failed: FiringResult['failed'] = [];
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
    await recordStep(sql, this.registry, {
      row,
      unit: unit!,
      pv,
      step: outcome,
      meta: {
        type: event.type,
        actor: SCHEDULER,
        onBehalfOf: null,
        note: null,
        data: { timer: key, dueAt: new Date(fireAt).toISOString(), ...(event.template ? { template: event.template } : {}) },
        idempotencyKey: null,
        requestHash: null,
      },
      before: row,
      now,
    });
    return 'fired';
  }
}
