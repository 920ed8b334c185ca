import { DateTime } from 'luxon';
import { isoDurationToMs } from './duration.js';

/**
 * When a task is due, from its template's `due`:
 * - an ISO 8601 duration (`PT30M`) from the moment it is raised;
 * - a wall-clock time (`14:00`) in the unit's time zone: today, or tomorrow if that time has passed;
 * - `immediately`: the playbook's `immediately` duration;
 * - a calendar date (`2021-09-30`: by the end of that local day) or a local date and time
 *   (`2021-01-29T14:00`), for a directive that names one ("trong tháng 9/2021").
 * Wall-clock arithmetic is luxon's, so a DST change moves the instant, not the local time.
 */
export type DueSpec = string;

const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/;

function localDate(s: string, zone: string): DateTime | null {
  if (!LOCAL_DATE.test(s)) return null;
  const d = DateTime.fromISO(s, { zone });
  return d.isValid ? d : null;
}

export function isDueSpec(s: string): boolean {
  return s === 'immediately' || WALL_CLOCK.test(s) || isoDurationToMs(s) !== null || localDate(s, 'UTC') !== null;
}

export function dueAt(spec: DueSpec, now: Date, zone: string, immediately: string): Date {
  if (spec === 'immediately') return dueAt(immediately, now, zone, 'PT0M');
  const clock = WALL_CLOCK.exec(spec);
  if (clock) return nextWallClock(now, zone, Number(clock[1]), Number(clock[2]), true);
  const date = localDate(spec, zone);
  // A bare date means "by the end of that day"; it may already be past, and then the task is late at once.
  if (date) return (spec.includes('T') ? date : date.plus({ days: 1 })).toJSDate();
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
