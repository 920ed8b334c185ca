import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { dueFromData } from '../../src/core/due-from-data.js';
import { IncidentMachine } from '../../src/core/engine/incident-machine.js';
import { parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';

const FILE = 'test/fixtures/due-from-data/storm.yaml';
const source = readFileSync(FILE, 'utf8');
const NOW = new Date('2026-03-02T00:00:00Z');

describe('dueFromData', () => {
  it('is the instant given, less `before`, whatever offset it is written in', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }), fc.integer({ min: -12, max: 14 }), fc.integer({ min: 0, max: 48 }), (ms, offsetHours, before) => {
        const sign = offsetHours < 0 ? '-' : '+';
        const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
        const written = `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
        const due = dueFromData({ data: 'at', before: `PT${before}H`, otherwise: 'PT1H' }, { at: written });
        expect(due!.getTime()).toBe(Math.floor(ms / 1000) * 1000 - before * 3_600_000);
      }),
    );
  });
  it('is null when the data does not carry the field', () => {
    expect(dueFromData({ data: 'at', otherwise: 'PT1H' }, undefined)).toBeNull();
    expect(dueFromData({ data: 'at', otherwise: 'PT1H' }, { other: '2026-03-02T00:00:00Z' })).toBeNull();
  });
});

describe('the storm fixture', () => {
  // Built before each test, not while the file loads (Stryker would count it as static).
  let m: IncidentMachine;
  beforeEach(() => {
    m = new IncidentMachine(parsePlaybook(source, FILE));
  });
  it('takes the due time from the raising event, or `otherwise`', () => {
    const out = m.apply(m.open(NOW).snapshot, { type: 'STORM_FORECAST', data: { forecastPeakAt: '2026-03-02T20:00:00+07:00' } }, NOW);
    expect(out.accepted && out.effects.find((e) => e.type === 'task.raise')).toMatchObject({ template: 'secure_boats', dueAt: '2026-03-02T07:00:00.000Z' });
    const alert = out.accepted ? out.snapshot : null;
    const ordered = m.apply(alert!, { type: 'EVACUATION_ORDERED', data: {} }, NOW);
    expect(ordered.accepted && ordered.effects.find((e) => e.type === 'task.raise')).toMatchObject({ template: 'evacuate', dueAt: '2026-03-02T04:00:00.000Z' });
  });
});

describe('the checker on due times from data', () => {
  const broken = (edit: (s: string) => string) => {
    try {
      parsePlaybook(edit(source), FILE);
    } catch (e) {
      return (e as PlaybookError).message;
    }
    throw new Error('expected the playbook to be refused');
  };
  it('names a field no event declares as a timestamp, at its line', () => {
    expect(broken((s) => s.replace('due: { data: deadline,', 'due: { data: deadlne,'))).toMatch(/storm\.yaml:31 tasks\[1\]\.due\.data: no event declares a timestamp field "deadlne"; expected one of forecastPeakAt, deadline/);
  });
  it('refuses a due without its fallback, and on a recurring duty', () => {
    expect(broken((s) => s.replace('due: { data: deadline, otherwise: PT4H }', 'due: { data: deadline }'))).toMatch(/storm\.yaml:31 tasks\[1\]\.due/);
    expect(broken((s) => s.replace('due: { data: deadline, otherwise: PT4H }', 'due: { data: deadline, otherwise: PT4H }\n    recurs: { every: PT1H }'))).toMatch(/tasks\[1\]\.due: a recurring duty is due at each occurrence/);
  });
});
