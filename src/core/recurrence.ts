import { nextWallClock, parseWallClock } from './due.js';

/** A duty that recurs every day at given local times while its level is active ("daily at 16:30"). */
export interface Recurrence {
  at: string[];
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(r: Recurrence, after: Date, zone: string): Date {
  const candidates = r.at.map((s) => {
    const { hour, minute } = parseWallClock(s)!;
    return nextWallClock(after, zone, hour, minute).getTime();
  });
  return new Date(Math.min(...candidates));
}

/**
 * What a series owes when its timer fires at `now` for the occurrence that was due at `scheduled`:
 * the latest occurrence missed in between (raised once, marked late, however many ticks were missed)
 * and the next occurrence after now.
 */
export function catchUp(r: Recurrence, scheduled: Date, now: Date, zone: string): { missed: Date | null; next: Date } {
  let missed: Date | null = null;
  // Bounded: a series is at most a few occurrences a day, and a long outage is still one late task.
  for (let t = nextOccurrence(r, scheduled, zone), n = 0; t <= now && n < 10_000; t = nextOccurrence(r, t, zone), n++) missed = t;
  return { missed, next: nextOccurrence(r, now, zone) };
}
