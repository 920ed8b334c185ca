import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Database } from '../database/database.js';
import { IncidentEngine } from '../incidents/incident-engine.js';
import { timerStore } from '../incidents/timer-store.js';

export interface TickResult {
  claimed: number;
  fired: number;
  failed: number;
}

/**
 * Fires due timers (delayed transitions, recurring duties, escalation steps). Claims a batch under a
 * lease, then fires each in its own transaction through IncidentEngine, so a timer fires exactly once
 * whatever the number of replicas, and a crashed replica's claims come back when their lease ends.
 */
@Injectable()
export class TimerPoller {
  private readonly log = new Logger('Timers');

  constructor(
    private readonly db: Database,
    private readonly engine: IncidentEngine,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async tick(): Promise<TickResult> {
    const now = this.clock.now();
    const due = await this.db.transaction((sql) => timerStore.claim(sql, now, this.config.TIMER_LEASE_MS, this.config.TIMER_BATCH));
    let fired = 0;
    let failed = 0;
    for (const t of due) {
      try {
        if ((await this.engine.fireTimer(t.incident_id, t.key, t.fire_at)) !== 'gone') fired++;
      } catch (e) {
        // Left claimed: it is retried when the lease runs out.
        failed++;
        this.log.error(`timer ${t.key} of incident ${t.incident_id} failed: ${(e as Error).message}`);
      }
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
