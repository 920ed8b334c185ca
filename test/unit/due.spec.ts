import { runs } from './support/runs.js';
import fc from 'fast-check';
import { dueAt, isDueSpec, nextWallClock, parseWallClock } from '../../src/core/due.js';
import { catchUp, nextOccurrence } from '../../src/core/recurrence.js';

const HCM = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST
const iso = (d: Date) => d.toISOString();

describe('due times', () => {
  const now = new Date('2026-01-29T03:00:00Z'); // 10:00 in Ho Chi Minh City

  it('a duration counts from the moment the task is raised', () => {
    expect(iso(dueAt('PT30M', now, HCM, 'PT15M'))).toBe('2026-01-29T03:30:00.000Z');
    expect(iso(dueAt('P1D', now, HCM, 'PT15M'))).toBe('2026-01-30T03:00:00.000Z');
  });

  it('"immediately" is the playbook’s own default', () => {
    expect(iso(dueAt('immediately', now, HCM, 'PT15M'))).toBe('2026-01-29T03:15:00.000Z');
    expect(iso(dueAt('immediately', now, HCM, 'PT5M'))).toBe('2026-01-29T03:05:00.000Z');
  });

  it('a local time is today in the unit’s zone, or tomorrow once it has passed ("before 14:00")', () => {
    expect(iso(dueAt('14:00', now, HCM, 'PT15M'))).toBe('2026-01-29T07:00:00.000Z');
    expect(iso(dueAt('09:00', now, HCM, 'PT15M'))).toBe('2026-01-30T02:00:00.000Z');
    // The same instant is another local day in another zone.
    expect(iso(dueAt('14:00', now, 'America/New_York', 'PT15M'))).toBe('2026-01-29T19:00:00.000Z');
  });

  it('a date is the end of that local day; a date and time is that local instant ("trong tháng 9/2021")', () => {
    expect(iso(dueAt('2026-02-28', now, HCM, 'PT15M'))).toBe('2026-02-28T17:00:00.000Z'); // midnight after 28 Feb, UTC+7
    expect(iso(dueAt('2026-01-29T14:00', now, HCM, 'PT15M'))).toBe('2026-01-29T07:00:00.000Z');
    expect(iso(dueAt('2026-03-29T14:00', now, 'Europe/Berlin', 'PT15M'))).toBe('2026-03-29T12:00:00.000Z'); // CEST
    // Already past: the task is raised late rather than pushed to a date the text did not name.
    expect(iso(dueAt('2021-09-30', now, HCM, 'PT15M'))).toBe('2021-09-30T17:00:00.000Z');
    expect(isDueSpec('2021-02-30')).toBe(false);
    expect(isDueSpec('2021-09-30T24:00')).toBe(false);
  });

  it('keeps the local time across a DST change (Europe/Berlin, 29 March 2026)', () => {
    const before = new Date('2026-03-28T15:00:00Z'); // 16:00 CET, the day before clocks go forward
    expect(iso(dueAt('14:00', before, 'Europe/Berlin', 'PT15M'))).toBe('2026-03-29T12:00:00.000Z'); // 14:00 CEST
    // A duration is exact elapsed time, so across the change it lands an hour later on the wall clock.
    expect(iso(dueAt('P1D', before, 'Europe/Berlin', 'PT15M'))).toBe('2026-03-29T15:00:00.000Z'); // 17:00 CEST
    // 02:30 does not exist on 29 March in Berlin: luxon moves it forward to 03:30 CEST.
    expect(iso(dueAt('02:30', new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin', 'PT15M'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('accepts exactly the three forms', () => {
    for (const ok of ['PT30M', 'P1D', '14:00', '00:00', 'immediately']) expect(isDueSpec(ok)).toBe(true);
    for (const bad of ['24:00', '9:00', 'soon', '30 minutes', '']) expect(isDueSpec(bad)).toBe(false);
  });

  it('a local time due right now is due now; later in the minute it is tomorrow, at the whole minute', () => {
    expect(iso(dueAt('10:00', now, HCM, 'PT15M'))).toBe('2026-01-29T03:00:00.000Z');
    expect(iso(dueAt('14:00', new Date('2026-01-29T03:00:30.500Z'), HCM, 'PT15M'))).toBe('2026-01-29T07:00:00.000Z');
    expect(iso(dueAt('10:00', new Date('2026-01-29T03:00:30.500Z'), HCM, 'PT15M'))).toBe('2026-01-30T03:00:00.000Z');
    // The next occurrence of a series is strictly after: the same instant is tomorrow's.
    expect(iso(nextWallClock(now, HCM, 10, 0))).toBe('2026-01-30T03:00:00.000Z');
    expect(iso(nextWallClock(now, HCM, 10, 0, true))).toBe('2026-01-29T03:00:00.000Z');
  });

  it('a local time skipped by DST today and already past is tomorrow’s real one, not the shifted hour', () => {
    // 04:00 CEST on 29 March: today's 02:30 did not exist (luxon makes it 03:30), and has passed anyway.
    expect(iso(dueAt('02:30', new Date('2026-03-29T02:00:00Z'), 'Europe/Berlin', 'PT15M'))).toBe('2026-03-30T00:30:00.000Z'); // 02:30 CEST
  });

  it('reads a local time only as hh:mm on a 24-hour clock', () => {
    expect(parseWallClock('07:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseWallClock('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['7:05', '24:00', '12:60', 'x12:00', '12:00x', '12:5', '1a:00']) expect(parseWallClock(bad)).toBeNull();
  });

  it('a date, or a date with a local time, is a due time; other ISO forms are not', () => {
    for (const ok of ['2021-09-30', '2021-09-30T14:00', '2021-09-30T00:00', '2021-09-30T23:59', '19:59', '20:00', '23:59']) expect(isDueSpec(ok)).toBe(true);
    for (const bad of ['2021-09-30T14:00:00', '2021-W39-4', '2021-273', '2021-9-30', '2021-09-30T', '2021-09-30 14:00', '2021-09-30T14:60', 'x2021-09-30', '2021-09-30x', '20210930']) {
      expect(isDueSpec(bad)).toBe(false);
    }
  });

  it('a local time is always within a day ahead and lands on that local time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(HCM, 'Europe/Berlin', 'America/New_York', 'UTC'), (when, h, m, zone) => {
        const spec = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const due = dueAt(spec, when, zone, 'PT15M');
        expect(due.getTime()).toBeGreaterThanOrEqual(when.getTime());
        expect(due.getTime() - when.getTime()).toBeLessThanOrEqual(25 * 3600_000);
        const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(due);
        // Only a local time skipped by a DST change may differ (it moves forward by the gap).
        if (local !== spec) expect(['Europe/Berlin', 'America/New_York']).toContain(zone);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('recurring duties', () => {
  const daily = { at: ['16:30'] };
  const twice = { at: ['08:00', '14:00'] };

  it('the next occurrence is the first local time strictly after', () => {
    expect(iso(nextOccurrence(daily, new Date('2026-01-29T03:00:00Z'), HCM))).toBe('2026-01-29T09:30:00.000Z');
    expect(iso(nextOccurrence(daily, new Date('2026-01-29T09:30:00Z'), HCM))).toBe('2026-01-30T09:30:00.000Z');
    expect(iso(nextOccurrence(twice, new Date('2026-01-29T03:00:00Z'), HCM))).toBe('2026-01-29T07:00:00.000Z');
    expect(iso(nextOccurrence(twice, new Date('2026-01-29T07:00:00Z'), HCM))).toBe('2026-01-30T01:00:00.000Z');
  });

  it('on time: nothing missed, the next occurrence is tomorrow', () => {
    const at = new Date('2026-01-29T09:30:00Z');
    expect(catchUp(daily, at, at, HCM)).toEqual({ missed: null, next: new Date('2026-01-30T09:30:00Z') });
  });

  it('a duty on given weekdays skips the other days, counted in the unit’s zone', () => {
    // Friday 08:00 local: the next is Monday 07:30.
    expect(iso(nextOccurrence({ at: ['07:30'], weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, new Date('2026-01-09T01:00:00Z'), HCM))).toBe('2026-01-12T00:30:00.000Z');
    expect(iso(nextOccurrence({ at: ['08:00'], weekdays: ['sun'] }, new Date('2026-01-05T02:00:00Z'), HCM))).toBe('2026-01-11T01:00:00.000Z');
    // Monday 08:00 exactly: a week later, not now.
    expect(iso(nextOccurrence({ at: ['08:00'], weekdays: ['mon'] }, new Date('2026-01-05T01:00:00Z'), HCM))).toBe('2026-01-12T01:00:00.000Z');
    // Monday 06:00 in Ho Chi Minh City is still Sunday in UTC.
    expect(iso(nextOccurrence({ at: ['06:00'], weekdays: ['mon'] }, new Date('2026-01-05T00:00:00Z'), HCM))).toBe('2026-01-11T23:00:00.000Z');
  });

  it('no permitted weekday is an error, not a loop', () => {
    expect(() => nextOccurrence({ at: ['08:00'], weekdays: [] }, new Date('2026-01-05T00:00:00Z'), HCM)).toThrow('no occurrence within a week');
  });

  it('a timer that fires late by exactly one occurrence owes that one, late', () => {
    const scheduled = new Date('2026-01-29T09:30:00Z');
    expect(catchUp(daily, scheduled, new Date('2026-01-30T09:30:00Z'), HCM)).toEqual({ missed: new Date('2026-01-30T09:30:00Z'), next: new Date('2026-01-31T09:30:00Z') });
    expect(catchUp(daily, scheduled, new Date('2026-01-30T09:29:59Z'), HCM)).toEqual({ missed: null, next: new Date('2026-01-30T09:30:00Z') });
  });

  it('after three days down: one missed occurrence (the latest), then the next', () => {
    const scheduled = new Date('2026-01-29T09:30:00Z');
    const back = new Date('2026-02-01T05:00:00Z'); // 12:00 local on 1 Feb
    expect(catchUp(daily, scheduled, back, HCM)).toEqual({ missed: new Date('2026-01-31T09:30:00Z'), next: new Date('2026-02-01T09:30:00Z') });
  });
});
