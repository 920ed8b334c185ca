import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Database } from '../database/database.js';
import { timerStore } from '../incidents/timer-store.js';
import { TimerFiring } from './timer-firing.js';

export interface TickResult {
  claimed: number;
  fired: number;
  failed: number;
}

/**
 * Fires due timers (delayed transitions, recurring duties, escalation steps). Claims a batch under a
 * lease, then fires each in its own transaction through TimerFiring, so a timer fires exactly once
 * whatever the number of replicas, and a crashed replica's claims come back when their lease ends.
 */
@Injectable()
export class TimerPoller {
  private readonly log = new Logger('Timers');
  private stopping = false;
  private readonly ticks = new Set<Promise<TickResult>>();

  constructor(
    private readonly db: Database,
    private readonly firing: TimerFiring,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One poll: claims due timers and fires them. After stop() it claims nothing. */
  async tick(): Promise<TickResult> {
    if (this.stopping) return { claimed: 0, fired: 0, failed: 0 };
    const run = this.claimAndFire();
    this.ticks.add(run);
    try {
      return await run;
    } finally {
      this.ticks.delete(run);
    }
  }

  /**
   * No new claim after this, and a tick under way starts no further chunk: what it claimed and had not
   * started is handed back (locked_until = NULL), so that another replica fires it at once instead of
   * after the lease. Resolves when the ticks under way have finished.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.ticks]);
  }

  private async claimAndFire(): Promise<TickResult> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + this.config.TIMER_LEASE_MS);
    const due = await this.db.transaction((sql) => timerStore.claim(sql, now, this.config.TIMER_LEASE_MS, this.config.TIMER_BATCH));
    let fired = 0;
    let failed = 0;
    // Several transactions in flight, each firing a chunk of timers with one commit; timers of one
    // incident still take turns on its row lock. (On the embedded database they run one at a time.)
    const chunks: (typeof due)[] = [];
    for (let i = 0; i < due.length; i += this.config.TIMER_TX_BATCH) chunks.push(due.slice(i, i + this.config.TIMER_TX_BATCH));
    let next = 0;
    const worker = async () => {
      while (!this.stopping && next < chunks.length) {
        const r = await this.firing.fireTimers(chunks[next++]);
        fired += r.fired;
        failed += r.failed.length;
        // Left claimed: retried when the lease runs out.
        for (const f of r.failed) this.log.error({ incidentId: f.incidentId, timer: f.key, err: f.error }, `timer ${f.key} of incident ${f.incidentId} failed: ${f.error.message}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.TIMER_CONCURRENCY, chunks.length) }, worker));
    // Only stop() leaves chunks unstarted. Those that failed stay claimed: their lease is their backoff.
    const unstarted = chunks.slice(next).flat();
    if (unstarted.length) {
      const released = await this.db.transaction((sql) => timerStore.release(sql, unstarted, leaseEnd));
      this.log.log(`stopping: handed back ${released} claimed timers that had not fired`);
    }
    return { claimed: due.length, fired, failed };
  }

  /** Ticks until nothing is due: what tests and the benchmark use instead of waiting. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.tick();
      total += r.fired;
      if (r.claimed === 0) return total;
    }
  }
}
