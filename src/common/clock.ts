/** The one source of time for the engine and, later, the scheduler; tests inject their own. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('Clock');
export const systemClock: Clock = { now: () => new Date() };
