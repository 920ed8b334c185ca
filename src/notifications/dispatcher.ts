import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Database } from '../database/database.js';
import { Channels, nextAttempt } from './channels.js';
import { notificationStore } from './notification-store.js';

/**
 * Delivers the outbox at least once: claims due messages under a lease, sends each outside any
 * transaction, then records delivery, or the next attempt with exponential backoff, or dead.
 */
@Injectable()
export class Dispatcher implements OnModuleDestroy {
  private readonly log = new Logger('Dispatcher');
  private readonly channels: Channels;

  constructor(
    private readonly db: Database,
    config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.config = config;
    this.channels = new Channels({ webhookSecret: config.WEBHOOK_SECRET, smtpUrl: config.SMTP_URL, smtpFrom: config.SMTP_FROM, timeoutMs: 10_000 });
  }
  private readonly config: AppConfig;

  async tick(): Promise<{ claimed: number; delivered: number; failed: number }> {
    const now = this.clock.now();
    const batch = await this.db.transaction((sql) => notificationStore.claim(sql, now, 60_000, 50));
    let delivered = 0;
    let failed = 0;
    for (const n of batch) {
      const attempts = n.attempts + 1;
      try {
        await this.channels.deliver(n);
        await this.db.transaction((sql) => notificationStore.delivered(sql, n.id, attempts, this.clock.now()));
        delivered++;
      } catch (e) {
        failed++;
        const retryAt = nextAttempt(attempts, this.clock.now(), this.config.NOTIFY_BACKOFF_MS, this.config.NOTIFY_MAX_ATTEMPTS);
        const message = (e as Error).message;
        await this.db.transaction((sql) => notificationStore.failed(sql, n.id, attempts, message, retryAt));
        if (!retryAt) this.log.warn(`notification ${n.id} to ${n.audience} is dead after ${attempts} attempts: ${message}`);
      }
    }
    return { claimed: batch.length, delivered, failed };
  }

  onModuleDestroy(): void {
    this.channels.close();
  }
}
