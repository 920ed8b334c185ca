import { Injectable } from '@nestjs/common';

/**
 * Where this replica is in its life, as readiness reports it: `starting` until main.ts has listened and
 * seeded (the tests mark it ready themselves), `ready` while it takes traffic, `draining` from the first
 * SIGTERM or SIGINT on. Never back: a draining replica only stops.
 */
export type Phase = 'starting' | 'ready' | 'draining';

@Injectable()
export class Lifecycle {
  private current: Phase = 'starting';

  get phase(): Phase {
    return this.current;
  }

  markReady(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  /** Answers false when a drain had begun already (a second signal, or a second caller). */
  beginDrain(): boolean {
    if (this.current === 'draining') return false;
    this.current = 'draining';
    return true;
  }
}
