import { DateTime } from 'luxon';
import { isoDurationToMs } from './duration.js';

/**
 * When a task is due, from its template's `due`:
 * - an ISO 8601 duration (`PT30M`) from the moment it is raised;
 * - a wall-clock time (`14:00`) in the unit's time zone: today, or tomorrow if that time has passed;
 * - `immediately`: the playbook's `immediately` duration.
 * Wall-clock arithmetic is luxon's, so a DST change moves the instant, not the local time.
 */
export type DueSpec = string;

const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isDueSpec(s: string): boolean {
  return s === 'immediately' || WALL_CLOCK.test(s) || isoDurationToMs(s) !== null;
}

export function dueAt(spec: DueSpec, now: Date, zone: string, immediately: string): Date {
  if (spec === 'immediately') return dueAt(immediately, now, zone, 'PT0M');
  const clock = WALL_CLOCK.exec(spec);
  if (clock) return nextWallClock(now, zone, Number(clock[1]), Number(clock[2]), true);
  return new Date(now.getTime() + (isoDurationToMs(spec) ?? 0));
}

/** The next instant (after `now`, or at it when `inclusive`) whose local time in `zone` is hh:mm. */
export function nextWallClock(now: Date, zone: string, hour: number, minute: number, inclusive = false): Date {
  const local = DateTime.fromJSDate(now, { zone });
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (candidate < local || (!inclusive && candidate.equals(local))) candidate = candidate.plus({ days: 1 }).set({ hour, minute });
  return candidate.toJSDate();
}

export function parseWallClock(s: string): { hour: number; minute: number } | null {
  const m = WALL_CLOCK.exec(s);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}
