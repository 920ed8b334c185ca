import { readFileSync } from 'node:fs';
import { EngineError, IncidentMachine, recurKey, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import { parsePlaybook } from '../../src/core/playbook/parse-playbook.js';
import { shippedPlaybook } from '../support/playbooks.js';
import { watchPlaybook } from './support/watch-playbook.js';

// The engine around the machine: timers, end dates, escalation steps, zones, stored snapshots, migration.
const drillYaml = readFileSync('test/fixtures/playbooks/drill.yaml', 'utf8');
// Built in each test, not when the file loads, so Stryker can tell which tests reach the building code.
let machine: IncidentMachine;
let drill: IncidentMachine;
beforeEach(() => {
  machine = new IncidentMachine(watchPlaybook());
  drill = new IncidentMachine(parsePlaybook(drillYaml, 'drill.yaml'));
});
const now = new Date('2026-01-05T02:00:00Z'); // Monday 09:00 in Ho Chi Minh City, 03:00 in Berlin

function send(snapshot: StoredSnapshot, type: string, when = now, env?: { zone: string }) {
  const out = machine.apply(snapshot, { type }, when, env);
  if (!out.accepted) throw new Error(`${type} refused in ${out.state}`);
  return out;
}
function complete(snapshot: StoredSnapshot, template: string) {
  const out = machine.apply(snapshot, { type: 'TASK_COMPLETED', template } as { type: string }, now);
  if (!out.accepted) throw new Error(`completing ${template} refused in ${out.state}`);
  return out;
}
const alert = () => send(machine.open(now).snapshot, 'RAISE').snapshot;

describe('opening an incident', () => {
  it('starts at the initial level with the directive’s end as a timer, at the end of that local day', () => {
    const open = machine.open(now);
    expect(open).toEqual({
      snapshot: { value: 'calm', context: { tasks: {}, series: {} } },
      effects: [{ type: 'timer.start', key: 'expires', event: { type: 'DIRECTIVE_ENDED' }, fireAt: '2026-12-31T17:00:00.000Z' }],
      level: 'calm',
      state: 'calm',
      allowedEvents: ['PING', 'RAISE'],
    });
    expect(machine.open(now, { zone: 'Europe/Berlin' }).effects[0]).toMatchObject({ fireAt: '2026-12-31T23:00:00.000Z' });
    expect(machine.expiresAt('UTC')).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it('a playbook with no end date has no such timer', () => {
    expect(drill.expiresAt('Asia/Ho_Chi_Minh')).toBeNull();
    expect(drill.open(now).effects).toEqual([]);
  });
});

describe('timers from delayed transitions', () => {
  it('a level’s delay starts a durable timer that leaving the level cancels, and firing it runs the transition', () => {
    const running = drill.apply(drill.open(now).snapshot, { type: 'START' }, now);
    expect(running.accepted && running.effects).toEqual([
      { type: 'task.raise', template: 'report', level: 'running', dueAt: '2026-01-05T02:30:00.000Z' },
      { type: 'timer.start', key: 'xstate.after.PT2H.drill.running', event: { type: 'xstate.after.PT2H.drill.running' }, fireAt: '2026-01-05T04:00:00.000Z' },
    ]);
    const snapshot = running.accepted ? running.snapshot : undefined!;
    const fired = drill.apply(snapshot, { type: 'xstate.after.PT2H.drill.running' }, new Date('2026-01-05T04:00:00Z'));
    // Leaving the level cancels its own timer too: the fired row is already taken, so that deletes nothing.
    expect(fired).toMatchObject({ accepted: true, state: 'idle', effects: [{ type: 'timer.cancel', key: 'xstate.after.PT2H.drill.running' }] });
    const stopped = drill.apply(snapshot, { type: 'STOP' }, now);
    expect(stopped.accepted && stopped.effects).toEqual([
      { type: 'task.cancel', templates: ['report'], reason: { vi: 'Dừng', en: 'Stopped' } },
      { type: 'timer.cancel', key: 'xstate.after.PT2H.drill.running' },
    ]);
  });

  it('a step’s own delay inside a level counts from when the step is entered', () => {
    const sandbagged = complete(send(alert(), 'CRISIS').snapshot, 'sandbag').snapshot;
    const evacuating = complete(sandbagged, 'announce');
    expect(evacuating.effects.filter((e) => e.type === 'timer.start')).toEqual([
      { type: 'timer.start', key: 'xstate.after.PT30M.watch.crisis.evacuating', event: { type: 'xstate.after.PT30M.watch.crisis.evacuating' }, fireAt: '2026-01-05T02:30:00.000Z' },
    ]);
    expect(send(evacuating.snapshot, 'xstate.after.PT30M.watch.crisis.evacuating').state).toBe('crisis.holding');
  });

  it('the events a level allows are its own and its machine’s, sorted, never the engine’s or a timer’s', () => {
    expect(machine.describe(alert())).toEqual({ level: 'alert', state: 'alert', allowedEvents: ['CRISIS', 'LOWER', 'PING', 'RETIRE_PATROL', 'SIGHTING'] });
  });

  it('refuses an event the level does not handle, saying where it is and what it allows', () => {
    expect(machine.apply(alert(), { type: 'STAND_DOWN' }, now)).toEqual({ accepted: false, level: 'alert', state: 'alert', allowedEvents: ['CRISIS', 'LOWER', 'PING', 'RETIRE_PATROL', 'SIGHTING'] });
  });
});

describe('due times in the unit’s zone', () => {
  it('a wall-clock due time and a recurring duty follow the zone given, not the default', () => {
    const berlin = send(machine.open(now).snapshot, 'RAISE', now, { zone: 'Europe/Berlin' });
    // patrol at 08:00 and 14:00: 08:00 CET is 07:00Z; in Ho Chi Minh City it would be 14:00 = 07:00Z too, so look at the report.
    const report = send(berlin.snapshot, 'SIGHTING', now, { zone: 'Europe/Berlin' }).effects;
    expect(report).toEqual([{ type: 'task.raise', template: 'report', level: 'alert', dueAt: '2026-01-05T13:00:00.000Z' }]);
    expect(send(alert(), 'SIGHTING').effects).toEqual([{ type: 'task.raise', template: 'report', level: 'alert', dueAt: '2026-01-05T07:00:00.000Z' }]);
    expect(berlin.effects[1]).toEqual({ type: 'task.raise', template: 'patrol', level: 'alert', dueAt: '2026-01-05T07:00:00.000Z', occurrence: '2026-01-05T07:00:00.000Z' });
    const tokyo = send(machine.open(now).snapshot, 'RAISE', now, { zone: 'Asia/Tokyo' }); // 11:00 local: next is 14:00 = 05:00Z
    expect(tokyo.effects[1]).toMatchObject({ template: 'patrol', dueAt: '2026-01-05T05:00:00.000Z' });
  });

  it('"immediately" is the playbook’s own duration, and escalation starts from the due time', () => {
    expect(send(machine.open(now).snapshot, 'RAISE').effects[0]).toEqual({
      type: 'task.raise',
      template: 'announce',
      level: 'alert',
      dueAt: '2026-01-05T02:05:00.000Z', // immediately: PT5M
      escalateAt: '2026-01-05T02:15:00.000Z', // first step after PT10M
    });
  });
});

describe('escalation steps', () => {
  it('each step names its role and when the following one fires; the last has none; past the last there is no step', () => {
    expect(machine.escalation('announce', 0, now)).toEqual({ step: 0, role: 'officer', party: null, nextAt: new Date('2026-01-05T03:00:00Z') });
    expect(machine.escalation('announce', 1, now)).toEqual({ step: 1, role: 'chief', party: null, nextAt: null });
    expect(machine.escalation('announce', 2, now)).toBeNull();
  });

  it('a task with no escalation chain has no step, and an unknown template is an engine error naming it', () => {
    expect(machine.escalation('report', 0, now)).toBeNull();
    expect(() => machine.escalation('nope', 0, now)).toThrow(EngineError);
    expect(() => machine.template('nope')).toThrow('playbook watch has no task template "nope"');
    expect(machine.template('report').due).toBe('14:00');
  });
});

describe('stored snapshots', () => {
  it('one stored before series were kept still takes events', () => {
    const old: StoredSnapshot = { value: 'alert', context: { tasks: { announce: { status: 'open', level: 'alert' } } } };
    const out = send(old, 'LOWER');
    expect(out.effects[0]).toEqual({ type: 'task.cancel', templates: ['announce'], reason: { vi: 'hạ', en: 'Lowered' } });
    expect(out.snapshot).toEqual({ value: 'calm', context: { tasks: { announce: { status: 'cancelled', level: 'alert' } }, series: {} } });
    expect(send(old, 'RETIRE_PATROL').effects).toEqual([]);
  });

  it('a series kept in the snapshot goes on after a restore', () => {
    const recur = { type: 'RECUR', template: 'patrol', scheduled: '2026-01-05T07:00:00.000Z' } as { type: string };
    const out = machine.apply(alert(), recur, new Date('2026-01-05T07:00:00Z'));
    expect(out.accepted && out.effects.map((e) => e.type)).toEqual(['task.raise', 'timer.start']);
  });

  it('only the officer’s events are declared; the engine’s own are not', () => {
    expect(machine.isDeclaredEvent('RAISE')).toBe(true);
    expect(machine.isDeclaredEvent('TASK_COMPLETED')).toBe(false);
    expect(machine.isDeclaredEvent('xstate.after.PT2H.watch.alert')).toBe(false);
    expect(recurKey('patrol')).toBe('recur:patrol');
  });
});

describe('relocating onto another version', () => {
  const stored: StoredSnapshot = {
    value: 'alert',
    context: {
      tasks: { announce: { status: 'done', level: 'alert' }, gone: { status: 'open', level: 'alert' }, patrol: { status: 'open', level: 'alert' } },
      series: { patrol: { level: 'alert' }, announce: { level: 'alert' }, gone: { level: 'alert' } },
    },
  };

  it('keeps what it knew of templates that still exist, drops the rest and series of duties that no longer recur', () => {
    expect(machine.relocate(stored, 'crisis')).toEqual({
      snapshot: { value: { crisis: 'sandbagging' }, context: { tasks: { announce: stored.context.tasks.announce, patrol: stored.context.tasks.patrol }, series: { patrol: { level: 'alert' } } } },
      droppedTemplates: ['gone'],
      level: 'crisis',
      state: 'crisis.sandbagging',
      allowedEvents: ['PING', 'STAND_DOWN'],
    });
    expect(machine.relocate({ value: 'calm', context: { tasks: {} } }, 'crisis.holding')!.snapshot).toEqual({ value: { crisis: 'holding' }, context: { tasks: {}, series: {} } });
  });

  it('names nothing that does not exist', () => {
    for (const state of ['nowhere', 'nowhere.at.all', 'crisis.nowhere', 'crisis.nowhere.deeper', 'calm.sandbagging', 'crisis.holding.deeper', '']) {
      expect(machine.relocate(stored, state)).toBeNull();
    }
  });

  it('two steps of one level are no state, whatever path follows them', () => {
    expect(machine.relocate(stored, 'crisis.sandbagging,crisis.evacuating')).toBeNull();
    expect(machine.relocate(stored, 'crisis.sandbagging,crisis.evacuating,crisis.holding')).toBeNull();
    expect(machine.relocate(stored, 'crisis.holding,crisis.holding')!.state).toBe('crisis.holding');
  });

  it('into parallel regions: paths may have spaces around the comma, repeat, or come in any order', async () => {
    const regions = new IncidentMachine(await shippedPlaybook('cao-bang-natural-resources-283'));
    const open = regions.open(now).snapshot;
    const state = 'urgent_measures.returnee_list.reported,urgent_measures.tet.holiday_duty';
    expect(regions.relocate(open, 'urgent_measures.tet.holiday_duty , urgent_measures.returnee_list.reported')!.state).toBe(state);
    expect(regions.relocate(open, `${state},urgent_measures.tet.holiday_duty`)!.state).toBe(state);
    // A level and a step inside it are two answers for one node.
    expect(regions.relocate(open, 'urgent_measures,urgent_measures.tet.holiday_duty')).toBeNull();
    // Regions come back from JSONB in the database's key order: the answer does not depend on it.
    expect(regions.describe({ value: { urgent_measures: { tet: 'holiday_duty', returnee_list: 'reported' } }, context: { tasks: {} } }).state).toBe(state);
  });
});
