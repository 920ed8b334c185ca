import { Cron } from 'croner';
import { DateTime } from 'luxon';
import { isoDurationToMs } from './duration.js';
import { parseWallClock } from './due.js';
import type { Weekday } from './playbook/playbook.js';

/**
 * Recurrence by interval and by cron rule, in the unit's time zone (croner does the calendar: DST gaps
 * and folds, weekdays, month ends). An interval falls on the local clock: `every: PT30M` is :00 and :30
 * of each local hour, `every: PT2H` is 00:00, 02:00 … local time, which is what a plan means by it.
 */
export interface RuleRecurrence {
  every?: string;
  /** With `every`: only occurrences from the first local time to the second, both included. */
  between?: [string, string];
  /** A 5-field cron pattern (minute hour day-of-month month day-of-week) read in the unit's zone. */
  cron?: string;
  weekdays?: Weekday[];
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;

/** The cron pattern an interval runs on, or null when it does not divide an hour or a day. */
export function intervalPattern(every: string): string | null {
  const ms = isoDurationToMs(every);
  if (ms === null || ms <= 0 || ms % MINUTE) return null;
  const minutes = ms / MINUTE;
  if (minutes < 60 && 60 % minutes === 0) return `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && minutes < 24 * 60 && (24 * 60) % minutes === 0) return `0 */${minutes / 60} * * *`;
  return null;
}

/** Why a cron pattern cannot be used, or null when it can. */
export function cronProblem(pattern: string): string | null {
  if (pattern.trim().split(/\s+/).length !== 5) return 'expected 5 fields: minute hour day-of-month month day-of-week, such as "*/30 6-21 * * *"';
  try {
    const next = cronOf(pattern, 'UTC').nextRun(new Date('2026-01-01T00:00:00Z'));
    return next ? null : 'this pattern never falls due';
  } catch (e) {
    return (e as Error).message;
  }
}

function cronOf(pattern: string, zone: string): Cron {
  // Paused: used only to compute dates, never to run anything in this process.
  return new Cron(pattern, { timezone: zone, paused: true, mode: '5-part', domAndDow: false });
}

/** The first occurrence of an interval or cron rule strictly after `after`, in `zone`. */
export function nextRuleOccurrence(r: RuleRecurrence, after: Date, zone: string): Date {
  let pattern = r.cron ?? intervalPattern(r.every!)!;
  // Weekdays go into the pattern's day-of-week field, so croner skips the other days itself.
  if (r.weekdays && !r.cron) pattern = pattern.replace(/\*$/, r.weekdays.map((d) => (WEEKDAYS.indexOf(d) + 1) % 7).join(','));
  const cron = cronOf(pattern, zone);
  const window = r.between?.map((s) => parseWallClock(s)!).map(({ hour, minute }) => hour * 60 + minute);
  let t: Date | null = after;
  // A window or weekdays skip occurrences; a week of the finest interval (5 minutes) bounds the search.
  for (let n = 0; n < 7 * 24 * 12 + 1; n++) {
    t = cron.nextRun(t);
    if (!t) break;
    const local = DateTime.fromJSDate(t, { zone });
    const minuteOfDay = local.hour * 60 + local.minute;
    if (window && (minuteOfDay < window[0] || minuteOfDay > window[1])) continue;
    if (r.weekdays && !r.weekdays.includes(WEEKDAYS[local.weekday - 1])) continue;
    return t;
  }
  throw new Error('no occurrence within a week');
}
