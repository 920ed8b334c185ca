import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import type { Playbook } from '../../src/core/playbook/playbook.js';
import { shippedPlaybook } from '../support/playbooks.js';
import type { Effect } from '../../src/core/engine/effects.js';

// Loaded and built inside the tests, not when the file loads: Stryker then knows which tests reach the
// machine-building code and runs only those against its mutants (MUTATION.md).
let covid: Promise<Playbook> | undefined;
let machine: IncidentMachine;
beforeEach(async () => {
  machine = new IncidentMachine(await (covid ??= shippedPlaybook('covid19-office')));
});
const now = new Date('2026-11-22T02:00:00Z');

const raised = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'task.raise' ? [e.template] : []));

function run(snapshot: StoredSnapshot, ...events: { type: string; template?: string }[]) {
  let s = snapshot;
  const effects: Effect[] = [];
  for (const e of events) {
    const out = machine.apply(s, e, now);
    if (!out.accepted) throw new Error(`${e.type} refused in ${out.state}`);
    s = out.snapshot;
    effects.push(...out.effects);
  }
  return { snapshot: s, effects };
}
const done = (template: string) => ({ type: 'TASK_COMPLETED', template });

describe('covid19-office machine', () => {
  it('opens at no_case and raises the routine tasks with due times from the clock given', () => {
    const open = machine.open(now);
    expect(open.level).toBe('no_case');
    expect(raised(open.effects)).toEqual(['communicate_prevention', 'inspect_5k']);
    const first = open.effects[0] as Extract<Effect, { type: 'task.raise' }>;
    expect(first.dueAt).toBe('2026-11-23T02:00:00.000Z');
    expect(open.allowedEvents).toEqual(['CASE_CONFIRMED', 'SUSPECTED_CASE_REPORTED']);
  });

  it('refuses an event the level does not accept and says which ones it does', () => {
    const open = machine.open(now);
    const out = machine.apply(open.snapshot, { type: 'ALL_CLEAR' }, now);
    expect(out.accepted).toBe(false);
    expect(out.allowedEvents).toEqual(['CASE_CONFIRMED', 'SUSPECTED_CASE_REPORTED']);
  });

  it('carries suspected-level tasks into confirmed and keeps step 2 closed until step 1 is done', () => {
    const open = machine.open(now);
    const up = run(open.snapshot, { type: 'SUSPECTED_CASE_REPORTED' }, { type: 'CASE_CONFIRMED' });
    const r = raised(up.effects);
    expect(r).toContain('close_premises');
    expect(r).toContain('isolate_people');
    expect(r).toContain('notify_department_of_health');
    expect(r).not.toContain('disinfect_patient_room');
    expect(up.effects.filter((e) => e.type === 'task.cancel')).toEqual([]);
    expect(up.effects.filter((e) => e.type === 'notify').map((e) => (e as { party: string }).party)).toEqual([
      'department_of_health',
      'parent_unit',
    ]);
    expect(machine.describe(up.snapshot).state).toBe('confirmed_case.step1_notify');

    const step1 = ['notify_department_of_health', 'notify_provincial_cdc', 'notify_local_authority', 'notify_parent_unit'];
    const partial = run(up.snapshot, ...step1.map(done));
    expect(machine.describe(partial.snapshot).state).toBe('confirmed_case.step1_notify');
    expect(raised(partial.effects)).toEqual([]);

    const step2 = run(partial.snapshot, done('notify_patient_family'));
    expect(machine.describe(step2.snapshot).state).toBe('confirmed_case.step2_disinfect_room');
    expect(raised(step2.effects)).toEqual(['disinfect_patient_room', 'protective_equipment']);

    // The room is released only after it is disinfected.
    const premises = run(step2.snapshot, done('disinfect_patient_room'));
    expect(raised(premises.effects)).toEqual(['reopen_patient_room', 'spray_premises']);
  });

  it('gates ALL_CLEAR on the premises being disinfected, then cancels the higher levels with the reason', () => {
    const open = machine.open(now);
    const up = run(open.snapshot, { type: 'SUSPECTED_CASE_REPORTED' }, { type: 'CASE_CONFIRMED' });
    expect(machine.apply(up.snapshot, { type: 'ALL_CLEAR' }, now).accepted).toBe(false);
    const cleaned = run(
      up.snapshot,
      ...['notify_department_of_health', 'notify_provincial_cdc', 'notify_local_authority', 'notify_parent_unit', 'notify_patient_family', 'disinfect_patient_room', 'spray_premises'].map(done),
    );
    expect(machine.describe(cleaned.snapshot).allowedEvents).toContain('ALL_CLEAR');
    const clear = run(cleaned.snapshot, { type: 'ALL_CLEAR' });
    const cancel = clear.effects.find((e) => e.type === 'task.cancel') as Extract<Effect, { type: 'task.cancel' }>;
    expect(cancel.reason.en).toBe('All clear, the premises reopen');
    expect(cancel.templates).toContain('wipe_surfaces_chlorine');
    expect(cancel.templates).toContain('close_premises');
    expect(cancel.templates).not.toContain('spray_premises');
    expect(cancel.templates).not.toContain('communicate_prevention');
  });

  it('lowering from suspected cancels only the suspected level tasks', () => {
    const open = machine.open(now);
    const up = run(open.snapshot, { type: 'SUSPECTED_CASE_REPORTED' }, done('notify_monitoring_team'));
    const down = run(up.snapshot, { type: 'CASE_RULED_OUT' });
    const cancel = down.effects.find((e) => e.type === 'task.cancel') as Extract<Effect, { type: 'task.cancel' }>;
    expect(cancel.templates).toHaveLength(10);
    expect(cancel.templates).not.toContain('notify_monitoring_team');
    expect(raised(down.effects)).toEqual([]); // routine tasks are still open: they carry over
  });
});

describe('relocating an incident onto another version', () => {
  it('maps to a named step, keeping what it knew of tasks, without running entry actions', () => {
    const { snapshot } = run(machine.open(now).snapshot, { type: 'CASE_CONFIRMED' });
    const moved = machine.relocate(snapshot, 'confirmed_case.step2_disinfect_room')!;
    expect(moved).toMatchObject({ level: 'confirmed_case', state: 'confirmed_case.step2_disinfect_room', droppedTemplates: [] });
    expect(moved.snapshot.context.tasks).toEqual(snapshot.context.tasks);
    expect(machine.relocate(snapshot, 'confirmed_case.nowhere')).toBeNull();
    expect(machine.relocate(snapshot, 'confirmed_case.step1_notify,confirmed_case.contained')).toBeNull(); // two steps of one level
  });

  it('maps into parallel regions with one path per region, as `state` shows it', async () => {
    const regions = new IncidentMachine(await shippedPlaybook('cao-bang-natural-resources-283'));
    const open = regions.open(now).snapshot;
    const state = 'urgent_measures.returnee_list.reported,urgent_measures.tet.holiday_duty';
    expect(regions.relocate(open, state)).toMatchObject({ level: 'urgent_measures', state });
    // Naming only the level puts each region at its start.
    expect(regions.relocate(open, 'urgent_measures')!.state).toBe('urgent_measures.returnee_list.listing,urgent_measures.tet.before_holiday');
    expect(regions.relocate(open, 'urgent_measures.tet.before_holiday,urgent_measures.tet.after_holiday')).toBeNull();
  });
});
