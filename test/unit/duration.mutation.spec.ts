import { isoDurationToMs } from '../../src/core/duration.js';

describe('ISO 8601 durations', () => {
  it('are read as milliseconds', () => {
    expect(isoDurationToMs('PT30M')).toBe(30 * 60_000);
    expect(isoDurationToMs('P1DT2H')).toBe(26 * 3600_000);
  });

  it('zero is a duration ("at once")', () => {
    expect(isoDurationToMs('PT0M')).toBe(0);
  });

  it('a negative, a malformed or an absurdly long one is not', () => {
    expect(isoDurationToMs('PT-5M')).toBeNull();
    expect(isoDurationToMs(`PT${'9'.repeat(400)}S`)).toBeNull();
    for (const bad of ['30 minutes', '14:00', '']) expect(isoDurationToMs(bad)).toBeNull();
  });
});
