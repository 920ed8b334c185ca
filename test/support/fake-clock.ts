import type { Clock } from '../../src/common/clock.js';

/** Time that moves only when the test says so. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start = '2026-11-22T01:00:00.000Z') {
    this.t = Date.parse(start);
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
