import { runs } from './support/runs.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { catchUp, nextOccurrence, ruleAt, type Recurrence } from '../../src/core/recurrence.js';
import { cronProblem, intervalPattern } from '../../src/core/recurrence-rules.js';
import { parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';

const ZONES = ['Europe/Paris', 'Asia/Ho_Chi_Minh'];
// 2026 spans both of Paris's DST changes (29 March, 25 October).
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((ms) => new Date(ms));
const dstDays = fc.constantFrom('2026-03-28T20:00:00Z', '2026-03-29T00:30:00Z', '2026-10-24T22:00:00Z', '2026-10-25T00:15:00Z').map((s) => new Date(s));
const when = fc.oneof(instant, dstDays);
const MIN = 60_000;

/** The occurrences of `r` after `from`, n of them. */
function series(r: Recurrence, from: Date, zone: string, n: number): Date[] {
  const out: Date[] = [];
  for (let t = from, i = 0; i < n; i++) out.push((t = nextOccurrence(r, t, zone)));
  return out;
}
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone });

describe('every: an interval on the local clock', () => {
  it('falls on the local grid, always later, never more than the interval apart but for a DST change', () => {
    fc.assert(
      fc.property(fc.constantFrom(5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720), fc.constantFrom(...ZONES), when, (minutes, zone, from) => {
        const r: Recurrence = { every: `PT${minutes}M` };
        const ts = series(r, from, zone, 30);
        let prev = from.getTime();
        for (const t of ts) {
          const l = local(t, zone);
          expect((l.hour * 60 + l.minute) % minutes).toBe(0);
          expect(l.second).toBe(0);
          expect(t.getTime()).toBeGreaterThan(prev);
          // The first is within one interval; Paris's spring gap or autumn fold adds at most an hour.
          expect(t.getTime() - prev).toBeLessThanOrEqual((minutes + (zone === 'Europe/Paris' ? 60 : 0)) * MIN);
          if (zone === 'Asia/Ho_Chi_Minh' && prev !== from.getTime()) expect(t.getTime() - prev).toBe(minutes * MIN);
          prev = t.getTime();
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it('stays inside its local window and on its weekdays', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), when, fc.constantFrom<[string, string]>(['06:00', '22:00'], ['00:00', '01:30'], ['21:15', '23:45']), (zone, from, between) => {
        const r: Recurrence = { every: 'PT15M', between, weekdays: ['mon', 'sat'] };
        const [a, b] = between.map((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));
        for (const t of series(r, from, zone, 40)) {
          const l = local(t, zone);
          expect(l.hour * 60 + l.minute).toBeGreaterThanOrEqual(a);
          expect(l.hour * 60 + l.minute).toBeLessThanOrEqual(b);
          expect([1, 6]).toContain(l.weekday);
        }
      }),
      { numRuns: runs(30) },
    );
  });

  it('accepts only intervals that divide an hour or a day', () => {
    expect(intervalPattern('PT30M')).toBe('*/30 * * * *');
    expect(intervalPattern('PT6H')).toBe('0 */6 * * *');
    for (const bad of ['PT7M', 'PT5H', 'P1D', 'PT90S', 'PT0M', 'soon']) expect(intervalPattern(bad)).toBeNull();
  });
});

describe('cron: a calendar rule', () => {
  it('"Mondays at 08:00" is Monday 08:00 local every week, across DST (167 or 169 hours apart in Paris)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), when, (zone, from) => {
        const ts = series({ cron: '0 8 * * 1' }, from, zone, 6);
        ts.forEach((t, i) => {
          const l = local(t, zone);
          expect([l.weekday, l.hour, l.minute]).toEqual([1, 8, 0]);
          if (i) expect(local(ts[i - 1], zone).plus({ weeks: 1 }).toMillis()).toBe(t.getTime());
        });
      }),
      { numRuns: runs(100) },
    );
  });

  it('a time a spring DST change skips falls at the first moment after it, once', () => {
    const [first, second] = series({ cron: '30 2 * * *' }, new Date('2026-03-28T12:00:00Z'), 'Europe/Paris', 2);
    expect(local(first, 'Europe/Paris').toISO()).toBe('2026-03-29T03:00:00.000+02:00');
    expect(local(second, 'Europe/Paris').toISO()).toBe('2026-03-30T02:30:00.000+02:00');
  });

  it('a time an autumn DST change repeats falls due once', () => {
    const ts = series({ cron: '30 2 * * *' }, new Date('2026-10-24T12:00:00Z'), 'Europe/Paris', 2);
    expect(ts.map((t) => local(t, 'Europe/Paris').toFormat('dd HH:mm'))).toEqual(['25 02:30', '26 02:30']);
  });

  it('names what is wrong with a pattern', () => {
    expect(cronProblem('*/30 6-21 * * *')).toBeNull();
    expect(cronProblem('61 * * * *')).toMatch(/minute/);
    expect(cronProblem('0 8 * *')).toMatch(/expected 5 fields/);
    expect(cronProblem('0 0 8 * * 1')).toMatch(/expected 5 fields/);
  });
});

describe('a series catching up after an outage', () => {
  it('owes the latest missed occurrence once and the next one after now, on any rule', () => {
    fc.assert(
      fc.property(fc.constantFrom<Recurrence>({ every: 'PT30M' }, { cron: '0 8 * * 1' }, { every: 'PT1H', between: ['06:00', '21:00'] }), fc.constantFrom(...ZONES), when, fc.integer({ min: 1, max: 20 * 24 * 60 }), (r, zone, scheduled, outage) => {
        const now = new Date(scheduled.getTime() + outage * MIN);
        const { missed, next } = catchUp(r, scheduled, now, zone);
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        if (missed) {
          expect(missed.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(nextOccurrence(r, missed, zone).getTime()).toBe(next.getTime());
        } else expect(nextOccurrence(r, scheduled, zone).getTime()).toBe(next.getTime());
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('byLevel', () => {
  it('a series follows the rule of the level that started it', () => {
    const r: Recurrence = { every: 'PT2H', byLevel: { level_3: { every: 'PT30M' } } };
    expect(ruleAt(r, 'level_3')).toEqual({ every: 'PT30M' });
    expect(ruleAt(r, 'level_2')).toBe(r);
  });
});

describe('the checker on recurrence', () => {
  const FILE = 'test/fixtures/recurrence/recurrence.yaml';
  const source = readFileSync(FILE, 'utf8');
  const broken = (edit: (s: string) => string) => {
    try {
      parsePlaybook(edit(source), FILE);
    } catch (e) {
      return (e as PlaybookError).message;
    }
    throw new Error('expected the playbook to be refused');
  };
  it('loads the fixture', () => {
    expect(parsePlaybook(source, FILE).tasks.map((t) => t.key)).toEqual(['weekly_meeting', 'briefing', 'patrol', 'reading']);
  });
  it('names file, line and path of each misuse', () => {
    expect(broken((s) => s.replace('"0 8 * * 1"', '"0 8 * * 8"'))).toMatch(/recurrence\.yaml:26 tasks\[0\]\.recurs\.cron: not a cron pattern: .*dayOfWeek: 8/);
    expect(broken((s) => s.replace('every: PT30M, between', 'every: PT7M, between'))).toMatch(/recurrence\.yaml:39 tasks\[2\]\.recurs\.every: expected an interval that divides an hour or a day/);
    expect(broken((s) => s.replace('recurs: { at: ["08:00", "16:00"] }', 'recurs: { at: ["08:00"], every: PT1H }'))).toMatch(/recurrence\.yaml:33 tasks\[1\]\.recurs: give exactly one of at, every or cron \(not at and every\)/);
    expect(broken((s) => s.replace('{ cron: "0 8 * * 1" }', '{ cron: "0 8 * * 1", between: ["06:00", "07:00"] }'))).toMatch(/tasks\[0\]\.recurs\.between: between goes with every/);
    expect(broken((s) => s.replace('between: ["06:00", "22:00"]', 'between: ["22:00", "06:00"]'))).toMatch(/tasks\[2\]\.recurs\.between: the window must start before it ends/);
    expect(broken((s) => s.replace('level_3: { every: PT30M }', 'level_4: { every: PT30M }'))).toMatch(/recurrence\.yaml:49 tasks\[3\]\.recurs\.byLevel\.level_4: unknown level "level_4"/);
    expect(broken((s) => s.replace('    due: "08:00"\n    recurs: { at: ["08:00", "16:00"] }\n', ''))).toMatch(/recurrence\.yaml:\d+ tasks\[1\]\.due: a task that does not recur needs a due time/);
  });
});
