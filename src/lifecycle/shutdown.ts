import { Injectable } from '@nestjs/common';
import { Scheduler } from '../timers/scheduler.js';
import { HttpDrain } from './http-drain.js';
import { Lifecycle } from './lifecycle.js';

export interface DrainReport {
  /** Responses still unfinished when the grace ran out, whose connections were cut. */
  cutConnections: number;
  /** False when the poller or the dispatcher was still busy when the grace ran out. */
  backgroundStopped: boolean;
}

/**
 * The first half of a graceful stop, before the application and its database close: not ready at once
 * (so a load balancer that still reaches us takes us out), no new connections, the requests in flight
 * finish, and in parallel the timer poller and the dispatcher stop, handing back what they had claimed
 * and not started, so that another replica takes it at once instead of after the lease.
 */
@Injectable()
export class Shutdown {
  constructor(
    private readonly lifecycle: Lifecycle,
    private readonly http: HttpDrain,
    private readonly scheduler: Scheduler,
  ) {}

  /** `graceOver` settles when waiting should end (main.ts: SHUTDOWN_GRACE_MS; tests: when they say). */
  async drain(graceOver: Promise<void>): Promise<DrainReport> {
    this.lifecycle.beginDrain();
    let backgroundStopped = false;
    const background = this.scheduler.stop().then(() => void (backgroundStopped = true));
    const [http] = await Promise.all([this.http.close(graceOver), Promise.race([background, graceOver])]);
    return { cutConnections: http.cut, backgroundStopped };
  }
}
