import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { Dispatcher } from '../notifications/dispatcher.js';
import { TimerPoller } from './timer-poller.js';

/**
 * Runs the timer poller and the dispatcher every SCHEDULER_INTERVAL_MS through @nestjs/schedule, unless
 * SCHEDULER_ENABLED=false. A tick never overlaps the previous one; a failed tick is logged and the next
 * one tries again.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('Scheduler');
  private running = false;

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
