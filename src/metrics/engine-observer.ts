import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError } from '../common/errors.js';
import { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { Metrics, type EventOutcome } from './metrics.js';

/** What the engine knows about a command; `incidentId` may be filled in by the work once it is known. */
export interface Seen {
  type: string;
  actor?: Principal;
  incidentId?: string;
  taskId?: string;
}

/** Commands the engine records on the timeline itself, besides the events playbooks declare. */
const ENGINE_TYPES = ['INCIDENT_OPENED', 'TASK_COMPLETED', 'TASK_ACKNOWLEDGED', 'TASK_REASSIGNED', 'PLAYBOOK_MIGRATED'];

/**
 * Where the engine reports what it did: a metric and a log line per command, carrying the incident
 * and the actor. Inside a request the log line also carries its request id (nestjs-pino binds the
 * request's logger for the duration of the request).
 */
@Injectable()
export class EngineObserver {
  private readonly log = new Logger('Engine');
  private known?: Set<string>;

  constructor(
    private readonly metrics: Metrics,
    private readonly registry: PlaybookRegistry,
  ) {}

  async track<T>(seen: Seen, work: () => Promise<T>): Promise<T> {
    const end = this.metrics.eventSeconds.startTimer();
    try {
      const result = await work();
      this.record(seen, 'accepted', end);
      return result;
    } catch (e) {
      this.record(seen, outcomeOf(e), end, e);
      throw e;
    }
  }

  /** A chunk of claimed timers, fired in one transaction (or one by one after a failure). */
  timers(claimed: number, fired: number, failed: number): void {
    if (fired) this.metrics.timersFired.inc({ outcome: 'fired' }, fired);
    if (failed) this.metrics.timersFired.inc({ outcome: 'failed' }, failed);
    if (claimed - fired - failed > 0) this.metrics.timersFired.inc({ outcome: 'skipped' }, claimed - fired - failed);
  }

  private record(seen: Seen, outcome: EventOutcome, end: (labels: { outcome: EventOutcome }) => number, error?: unknown): void {
    const seconds = end({ outcome });
    this.metrics.events.inc({ type: this.label(seen.type), outcome });
    const fields = {
      incidentId: seen.incidentId,
      ...(seen.taskId ? { taskId: seen.taskId } : {}),
      actor: seen.actor ? { id: seen.actor.id || undefined, name: seen.actor.name } : undefined,
      event: seen.type,
      outcome,
      ms: Math.round(seconds * 10_000) / 10,
    };
    const reason = (error as Error | undefined)?.message;
    if (outcome === 'accepted') this.log.log(fields, 'event applied');
    else if (outcome === 'refused') this.log.log({ ...fields, reason }, 'event refused');
    // A 400/403/404 is the caller's mistake; the request line already says so at info.
    else if (outcome === 'rejected') this.log.debug({ ...fields, reason }, 'event rejected');
    else this.log.error({ ...fields, err: error }, `event failed: ${reason ?? String(error)}`);
  }

  /**
   * The type as a label only when some playbook (or the engine) declares it: an HTTP caller chooses the
   * type, and a label per made-up type would let anyone grow the metric without bound.
   */
  private label(type: string): string {
    this.known ??= new Set([...ENGINE_TYPES, ...this.registry.list().flatMap((pv) => pv.machine.playbook.events.map((e) => e.type))]);
    return this.known.has(type) ? type : 'other';
  }
}

function outcomeOf(e: unknown): EventOutcome {
  if (!(e instanceof DomainError) || e.status >= 500) return 'error';
  return e.status === 409 ? 'refused' : 'rejected';
}

/** `observer.track(seen, work)` when the engine was built with an observer (Nest does that), else just `work()`. */
export function observed<T>(observer: EngineObserver | undefined, seen: Seen, work: () => Promise<T>): Promise<T> {
  return observer ? observer.track(seen, work) : work();
}
