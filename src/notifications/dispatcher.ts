import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Database } from '../database/database.js';
import { announceDelivery } from '../live/changes.js';
import { Channels, nextAttempt } from './channels.js';
import { notificationStore } from './notification-store.js';

/** How long a claimed message is this dispatcher's before another may send it. */
const CLAIM_LEASE_MS = 60_000;

/**
 * Delivers the outbox at least once: claims due messages under a lease, sends each outside any
 * transaction, then records delivery, or the next attempt with exponential backoff, or dead.
 */
@Injectable()
export class Dispatcher implements OnModuleDestroy {
  private readonly log = new Logger('Dispatcher');
  private readonly channels: Channels;
  private stopping = false;
  private readonly ticks = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Database,
    config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.config = config;
    this.channels = new Channels({ webhookSecret: config.WEBHOOK_SECRET, smtpUrl: config.SMTP_URL, smtpFrom: config.SMTP_FROM, timeoutMs: 10_000 });
  }
  private readonly config: AppConfig;

  /** One pass over the due messages. After stop() it claims nothing. */
  async tick(): Promise<{ claimed: number; delivered: number; failed: number }> {
    if (this.stopping) return { claimed: 0, delivered: 0, failed: 0 };
    const run = this.deliverDue();
    this.ticks.add(run);
    try {
      return await run;
    } finally {
      this.ticks.delete(run);
    }
  }

  /**
   * No new claim; a pass under way finishes the message it is sending and hands the rest of its batch
   * back (due now), so that another replica sends them at once instead of after the lease.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.ticks]);
  }

  private async deliverDue(): Promise<{ claimed: number; delivered: number; failed: number }> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + CLAIM_LEASE_MS);
    const batch = await this.db.transaction((sql) => notificationStore.claim(sql, now, CLAIM_LEASE_MS, 50));
    let delivered = 0;
    let failed = 0;
    let attempted = 0;
    for (const n of batch) {
      if (this.stopping) break;
      attempted++;
      const attempts = n.attempts + 1;
      try {
        await this.channels.deliver(n);
        await this.db.transaction(async (sql) => {
          await notificationStore.delivered(sql, n.id, attempts, this.clock.now());
          await announceDelivery(sql, n.incident_id);
        });
        delivered++;
      } catch (e) {
        failed++;
        const retryAt = nextAttempt(attempts, this.clock.now(), this.config.NOTIFY_BACKOFF_MS, this.config.NOTIFY_MAX_ATTEMPTS);
        const message = (e as Error).message;
        await this.db.transaction(async (sql) => {
          await notificationStore.failed(sql, n.id, attempts, message, retryAt);
          await announceDelivery(sql, n.incident_id);
        });
        if (!retryAt) {
          this.log.warn({ incidentId: n.incident_id, notificationId: n.id, channel: n.channel, audience: n.audience, attempts }, `notification ${n.id} to ${n.audience} is dead after ${attempts} attempts: ${message}`);
        }
      }
    }
    const unsent = batch.slice(attempted).map((n) => n.id);
    if (unsent.length) await this.db.transaction((sql) => notificationStore.release(sql, unsent, leaseEnd, this.clock.now()));
    return { claimed: batch.length, delivered, failed };
  }

  onModuleDestroy(): void {
    this.channels.close();
  }
}
