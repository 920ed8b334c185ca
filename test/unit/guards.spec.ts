import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { IncidentMachine } from '../../src/core/engine/incident-machine.js';
import { evaluate, sampleData, type Condition } from '../../src/core/guards.js';
import { eventDataProblems, type EventData } from '../../src/core/playbook/event-data.js';
import { explorePlaybook } from '../../src/core/playbook/explore-playbook.js';
import { parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';
import type { TaskMark } from '../../src/core/machine/incident-context.js';

const FILE = 'test/fixtures/guards/flood-guards.yaml';
const source = readFileSync(FILE, 'utf8');
const NOW = new Date('2026-03-02T00:00:00Z');

describe('the flood-guards fixture', () => {
  // Built before each test, not while the file loads: Stryker counts code run outside a test as static
  // and would run every spec for each of its mutants.
  let playbook: ReturnType<typeof parsePlaybook>;
  let m: IncidentMachine;
  let opened: ReturnType<IncidentMachine['open']>;
  beforeEach(() => {
    playbook = parsePlaybook(source, FILE);
    m = new IncidentMachine(playbook);
    opened = m.open(NOW);
  });
  const read = (data: Record<string, unknown>, from = opened.snapshot) => m.apply(from, { type: 'WATER_LEVEL_READ', data }, NOW);

  it('passes the checker with nothing to say', () => {
    expect(explorePlaybook(playbook)).toEqual([]);
  });

  it('moves to level 3 only on a high reading at the bridge or in town', () => {
    expect(read({ waterLevelCm: 400, station: 'town' })).toMatchObject({ accepted: true, level: 'level3' });
    expect(read({ waterLevelCm: 350, station: 'bridge' })).toMatchObject({ accepted: true, level: 'level3' });
    // Recorded, nothing moves: upstream, or below 350.
    expect(read({ waterLevelCm: 400, station: 'upstream' })).toMatchObject({ accepted: true, level: 'watch' });
    expect(read({ waterLevelCm: 349, station: 'bridge' })).toMatchObject({ accepted: true, level: 'watch' });
  });

  it('moves watch to alert when at least 3 of the 5 checkpoints are done, not 2', () => {
    let s = opened.snapshot;
    for (const t of ['checkpoint_1', 'checkpoint_4']) s = (m.apply(s, { type: 'TASK_COMPLETED', template: t }, NOW) as { snapshot: typeof s }).snapshot;
    expect(m.describe(s).level).toBe('watch');
    const third = m.apply(s, { type: 'TASK_COMPLETED', template: 'checkpoint_5' }, NOW);
    expect(third).toMatchObject({ accepted: true, level: 'alert' });
  });

  it('closes level 3 when evacuation is done or on override, never while still rising', () => {
    const l3 = (read({ waterLevelCm: 400, station: 'town' }) as { snapshot: typeof opened.snapshot }).snapshot;
    const clear = (data: Record<string, unknown>, from = l3) => m.apply(from, { type: 'ALL_CLEAR', data }, NOW);
    expect(clear({ confirmedBy: 'x' }).accepted).toBe(false);
    expect(clear({ confirmedBy: 'x', override: true })).toMatchObject({ accepted: true, level: 'closed' });
    expect(clear({ confirmedBy: 'x', override: true, rising: true }).accepted).toBe(false);
    const evacuated = (m.apply(l3, { type: 'TASK_COMPLETED', template: 'evacuate' }, NOW) as { snapshot: typeof l3 }).snapshot;
    expect(clear({ confirmedBy: 'x' }, evacuated)).toMatchObject({ accepted: true, level: 'closed' });
    // Asked without data ("is the all-clear possible now?"), the answer is yes: its data will decide.
    expect(m.describe(l3).allowedEvents).toContain('ALL_CLEAR');
  });
});

describe('event data', () => {
  const fields: EventData = {
    waterLevelCm: { type: 'number', required: true },
    station: { type: 'enum', values: ['upstream', 'bridge'] },
    rising: { type: 'boolean' },
    readAt: { type: 'timestamp' },
    note: { type: 'string' },
  };
  it('accepts data that fits, with optional fields left out', () => {
    expect(eventDataProblems(fields, { waterLevelCm: 12.5 })).toEqual([]);
    expect(eventDataProblems(fields, { waterLevelCm: 0, station: 'bridge', rising: false, readAt: '2026-03-02T14:00:00+07:00', note: 'ok' })).toEqual([]);
  });
  it('names each field that does not fit', () => {
    expect(eventDataProblems(fields, undefined)).toEqual([{ field: 'waterLevelCm', problem: 'required (number)' }]);
    expect(eventDataProblems(fields, { waterLevelCm: '350', station: 'sea', rising: 'yes', readAt: '2026-03-02T14:00', extra: 1 }).map((p) => p.field).sort()).toEqual([
      'extra',
      'readAt',
      'rising',
      'station',
      'waterLevelCm',
    ]);
    expect(eventDataProblems(fields, [1])).toEqual([{ field: '', problem: 'expected an object of fields' }]);
    expect(eventDataProblems(fields, { waterLevelCm: Number.NaN })[0].field).toBe('waterLevelCm');
    expect(eventDataProblems(fields, { waterLevelCm: 1, readAt: '2026-02-30T10:00:00Z' })[0].field).toBe('readAt');
  });
});

// Conditions over five tasks' states, and data with one number field.
const templates = ['a', 'b', 'c', 'd', 'e'];
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.subarray(templates, { minLength: 1 }).map((t) => ({ tasksDone: t })),
  fc.subarray(templates, { minLength: 1 }).chain((of) => fc.integer({ min: 1, max: of.length }).map((n) => ({ atLeast: n, of }))),
  fc.integer({ min: -5, max: 5 }).map((n) => ({ data: 'x', gte: n })),
  fc.integer({ min: -5, max: 5 }).map((n) => ({ data: 'x', equals: n })),
);
const condition = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('c').map((not) => ({ not })),
  ),
})).c;
const tasks = fc
  .record(Object.fromEntries(templates.map((t) => [t, fc.constantFrom<TaskMark['status'] | undefined>('open', 'done', 'cancelled', undefined)])))
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, s]) => s).map(([t, status]) => [t, { status: status!, level: 'l' }])));
const data = fc.option(fc.record({ x: fc.integer({ min: -6, max: 6 }) }, { requiredKeys: [] }), { nil: undefined });

describe('conditions', () => {
  it('not, all and any follow the rules of logic (De Morgan, double negation) for every input', () => {
    fc.assert(
      fc.property(condition, condition, tasks, data, (p, q, t, d) => {
        const f = { tasks: t, data: d };
        expect(evaluate({ not: { not: p } }, f)).toBe(evaluate(p, f));
        expect(evaluate({ not: { all: [p, q] } }, f)).toBe(evaluate({ any: [{ not: p }, { not: q }] }, f));
        expect(evaluate({ all: [p] }, f)).toBe(evaluate(p, f));
      }),
    );
  });

  it('decides every condition once data is given, and leaves only data-dependent ones open without it', () => {
    fc.assert(
      fc.property(condition, tasks, fc.record({ x: fc.integer({ min: -6, max: 6 }) }, { requiredKeys: [] }), (c, t, d) => {
        expect(typeof evaluate(c, { tasks: t, data: d })).toBe('boolean');
        const asked = evaluate(c, { tasks: t });
        // Without data the answer is either the one some data gives, or "depends".
        if (asked !== undefined) expect(asked).toBe(evaluate(c, { tasks: t, data: d }));
      }),
    );
  });

  it('counts: at least n of the listed tasks done', () => {
    fc.assert(
      fc.property(tasks, fc.integer({ min: 1, max: 5 }), (t, n) => {
        const done = templates.filter((x) => t[x]?.status === 'done').length;
        expect(evaluate({ atLeast: n, of: templates }, { tasks: t })).toBe(done >= n);
      }),
    );
  });

  it('samples data on both sides of every comparison, over the required fields', () => {
    const samples = sampleData({ w: { type: 'number', required: true }, s: { type: 'enum', values: ['a', 'b'] } }, [{ any: [{ data: 'w', gte: 10 }, { data: 's', equals: 'a' }] }], NOW);
    expect(samples.slice(0, 6)).toEqual([{ w: 0 }, { w: 9 }, { w: 10 }, { w: 11 }, { w: 0, s: 'a' }, { w: 0, s: 'b' }]);
    // And data that makes the whole condition true, and false.
    expect(samples.slice(6)).toEqual([{ w: 10 }, { w: 9, s: 'b' }]);
  });
});

describe('the checker on conditions', () => {
  const broken = (edit: (s: string) => string) => {
    try {
      parsePlaybook(edit(source), FILE);
    } catch (e) {
      return (e as PlaybookError).message;
    }
    throw new Error('expected the playbook to be refused');
  };
  it('names the line and path of a comparison on an undeclared field', () => {
    const msg = broken((s) => s.replace('{ data: override, equals: true }', '{ data: overide, equals: true }'));
    expect(msg).toMatch(/flood-guards\.yaml:\d+ machine\.states\.level3\.on\.ALL_CLEAR\.guard\.all\[0\]\.any\[1\]\.data: event ALL_CLEAR declares no data field "overide"; expected one of confirmedBy, override, rising/);
  });
  it('refuses a comparison of the wrong type, a count beyond its list, an unknown form and data in always', () => {
    expect(broken((s) => s.replace('{ data: waterLevelCm, gte: 350 }', '{ data: station, gte: 350 }'))).toMatch(/guard\.all\[0\]\.gte: gte compares numbers; "station" is a enum/);
    expect(broken((s) => s.replace('in: [bridge, town]', 'in: [bridge, sea]'))).toMatch(/guard\.all\[1\]\.in\[1\]: "sea" is not a value of upstream, bridge, town/);
    expect(broken((s) => s.replace('atLeast: 3,', 'atLeast: 6,'))).toMatch(/machine\.states\.watch\.always\.guard\.atLeast: 6 of 5 tasks can never be done/);
    expect(broken((s) => s.replace('{ tasksDone: [evacuate] }', '{ taskDone: [evacuate] }'))).toMatch(/any\[0\]: expected a condition/);
    expect(broken((s) => s.replace('guard: { atLeast: 3, of: [checkpoint_1,', 'guard: { data: waterLevelCm, gte: 1 }\n        x: { atLeast: 3, of: [checkpoint_1,'))).toMatch(
      /flood-guards\.yaml:\d+ machine\.states\.watch\.always/,
    );
    const inAlways = broken((s) => s.replace('guard: { atLeast: 3, of: [checkpoint_1, checkpoint_2, checkpoint_3, checkpoint_4, checkpoint_5] }', 'guard: { data: waterLevelCm, gte: 1 }'));
    expect(inAlways).toMatch(/machine\.states\.watch\.always\.guard\.data: event data can only be tested on a transition of one event/);
  });
  it('refuses a field declaration that does not fit', () => {
    expect(broken((s) => s.replace('station: { type: enum, values: [upstream, bridge, town]', 'station: { type: enum'))).toMatch(/events\[0\]\.data\.station\.values: an enum field lists its values/);
    expect(broken((s) => s.replace('readAt: { type: timestamp', 'readAt: { type: date'))).toMatch(/flood-guards\.yaml:\d+ events\[0\]\.data\.readAt\.type/);
  });
});

describe('a transition without target or actions', () => {
  it('accepts the event and moves nothing: a reading at level 3 is only recorded', () => {
    const playbook = parsePlaybook(readFileSync(FILE, 'utf8'), FILE);
    const m = new IncidentMachine(playbook);
    const at3 = m.apply(m.open(NOW).snapshot, { type: 'WATER_LEVEL_READ', data: { waterLevelCm: 400, station: 'town' } }, NOW);
    if (!at3.accepted) throw new Error('not at level 3');
    expect(at3.allowedEvents).toContain('WATER_LEVEL_READ');
    const again = m.apply(at3.snapshot, { type: 'WATER_LEVEL_READ', data: { waterLevelCm: 420, station: 'bridge' } }, NOW);
    expect(again).toMatchObject({ accepted: true, level: 'level3', state: at3.state, effects: [] });
  });
});
