import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { Dispatcher } from '../notifications/dispatcher.js';
import { TimerPoller } from './timer-poller.js';

/**
 * Runs the timer poller and the dispatcher every SCHEDULER_INTERVAL_MS through @nestjs/schedule, unless
 * SCHEDULER_ENABLED=false. A tick never overlaps the previous one; a failed tick is logged and the next
 * one tries again. stop() (a graceful shutdown, or the application closing) ends the ticks.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Scheduler');
  private running = false;
  private stopped: Promise<void> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly poller: TimerPoller,
    private readonly dispatcher: Dispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SCHEDULER_ENABLED !== 'true') return;
    this.registry.addInterval('scheduler', setInterval(() => void this.tick(), this.config.SCHEDULER_INTERVAL_MS));
  }

  /**
   * No tick after this; the poller and the dispatcher finish what they have started and hand back
   * what they claimed and had not started. Resolves once they have (never rejects: a failure to hand
   * back is logged, and the lease brings those rows back anyway).
   */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (this.registry.doesExist('interval', 'scheduler')) this.registry.deleteInterval('scheduler');
      const results = await Promise.allSettled([this.poller.stop(), this.dispatcher.stop()]);
      for (const r of results) if (r.status === 'rejected') this.log.error(`stopping: ${(r.reason as Error).message}`);
    })();
    return this.stopped;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.poller.tick();
      await this.dispatcher.tick();
    } catch (e) {
      this.log.error(`scheduler tick failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
