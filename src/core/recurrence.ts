import { DateTime } from 'luxon';
import { nextWallClock, parseWallClock } from './due.js';
import type { Weekday } from './playbook/playbook.js';
import { nextRuleOccurrence, type RuleRecurrence } from './recurrence-rules.js';

/**
 * A duty that recurs while its level is active: at given local times ("daily at 16:30", "at 08:00 and
 * 14:00", "every Monday at 08:00" with `weekdays`), at an interval (`every: PT1H`, optionally `between`
 * two local times) or on a cron rule (recurrence-rules.ts).
 */
export interface Recurrence extends RuleRecurrence {
  at?: string[];
  weekdays?: Weekday[];
  /** Another rule while the series runs at these levels: the frequency changes with the level. */
  byLevel?: Record<string, Omit<Recurrence, 'byLevel'>>;
}

/** The rule a series started at `level` follows. */
export function ruleAt(r: Recurrence, level: string): Recurrence {
  return r.byLevel?.[level] ?? r;
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// Pure, and asked the same question again and again: every raise in a checker's walk of thousands of states
// happens at the same moment, and a drill may list hundreds of times a day (each one a luxon computation).
const memo = new WeakMap<Recurrence, Map<string, number>>();
const MEMO_PER_RULE = 512;

/** The first occurrence strictly after `after`. */
export function nextOccurrence(r: Recurrence, after: Date, zone: string): Date {
  let known = memo.get(r);
  if (!known) memo.set(r, (known = new Map()));
  const key = `${after.getTime()}|${zone}`;
  let at = known.get(key);
  if (at === undefined) {
    at = computeNext(r, after, zone).getTime();
    if (known.size >= MEMO_PER_RULE) known.clear();
    known.set(key, at);
  }
  return new Date(at);
}

function computeNext(r: Recurrence, after: Date, zone: string): Date {
  if (!r.at) return nextRuleOccurrence(r, after, zone);
  const at = r.at;
  let from = after;
  // At most a week of days to look through before a permitted weekday comes round.
  for (let day = 0; day < 8; day++) {
    const candidates = at.map((s) => {
      const { hour, minute } = parseWallClock(s)!;
      return nextWallClock(from, zone, hour, minute).getTime();
    });
    const next = new Date(Math.min(...candidates));
    if (!r.weekdays || r.weekdays.includes(WEEKDAYS[DateTime.fromJSDate(next, { zone }).weekday - 1])) return next;
    from = next;
  }
  throw new Error('no occurrence within a week');
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
