import { Injectable, Optional } from '@nestjs/common';
import { LiveStreams } from '../live/live-streams.js';
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
 * finish (live event streams are ended at once), and in parallel the timer poller and the dispatcher
 * stop, handing back what they had claimed and not started, so that another replica takes it at once
 * instead of after the lease.
 */
@Injectable()
export class Shutdown {
  constructor(
    private readonly lifecycle: Lifecycle,
    private readonly http: HttpDrain,
    private readonly scheduler: Scheduler,
    @Optional() private readonly live?: LiveStreams,
  ) {}

  /** `graceOver` settles when waiting should end (main.ts: SHUTDOWN_GRACE_MS; tests: when they say). */
  async drain(graceOver: Promise<void>): Promise<DrainReport> {
    this.lifecycle.beginDrain();
    // Event streams never finish on their own: end them, and browsers reconnect to a replica that stays.
    this.live?.closeAll();
    let backgroundStopped = false;
    const background = this.scheduler.stop().then(() => void (backgroundStopped = true));
    const [http] = await Promise.all([this.http.close(graceOver), Promise.race([background, graceOver])]);
    return { cutConnections: http.cut, backgroundStopped };
  }
}
