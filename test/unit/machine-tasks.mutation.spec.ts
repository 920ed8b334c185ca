import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import type { Effect } from '../../src/core/engine/effects.js';
import { watchPlaybook } from './support/watch-playbook.js';

// The task book of one incident: what is raised once, what carries over, what a gate waits for, what
// cancelling ends. Every expectation is exact (toEqual), so an extra or a missing effect fails.
// The machine is built in each test, not when the file loads: Stryker then knows which tests reach the
// building code and runs only those for its mutants (see MUTATION.md).
let machine: IncidentMachine;
beforeEach(() => {
  machine = new IncidentMachine(watchPlaybook());
});
const now = new Date('2026-01-05T02:00:00Z'); // Monday 09:00 in Ho Chi Minh City
const at = (iso: string) => new Date(iso);

type Sent = { type: string; template?: string; scheduled?: string };
const done = (template: string): Sent => ({ type: 'TASK_COMPLETED', template });
const recur = (scheduled: string): Sent => ({ type: 'RECUR', template: 'patrol', scheduled });

function send(snapshot: StoredSnapshot, event: Sent, when = now) {
  const out = machine.apply(snapshot, event as { type: string }, when);
  if (!out.accepted) throw new Error(`${event.type} refused in ${out.state}`);
  return out;
}
function run(snapshot: StoredSnapshot, ...events: Sent[]) {
  let s = snapshot;
  const effects: Effect[] = [];
  for (const e of events) {
    const out = send(s, e);
    s = out.snapshot;
    effects.push(...out.effects);
  }
  return { snapshot: s, effects, ...machine.describe(s) };
}
const opened = () => machine.open(now).snapshot;
const alert = () => run(opened(), { type: 'RAISE' }).snapshot;
const crisis = () => run(alert(), { type: 'CRISIS' }).snapshot;
const raised = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'task.raise' ? [`${e.template}@${e.level}`] : []));

const reason = (en: string) => ({ vi: expect.any(String), en });
const patrolTimer = (scheduled: string): Effect => ({ type: 'timer.start', key: 'recur:patrol', event: { type: 'RECUR', template: 'patrol', scheduled } as { type: string }, fireAt: scheduled });

describe('raising tasks', () => {
  it('a level raises its tasks in order, each stamped with the level, with the effects of its other actions in between', () => {
    const out = send(opened(), { type: 'RAISE' });
    expect(out.effects).toEqual([
      { type: 'task.raise', template: 'announce', level: 'alert', dueAt: '2026-01-05T02:05:00.000Z', escalateAt: '2026-01-05T02:15:00.000Z' },
      { type: 'task.raise', template: 'patrol', level: 'alert', dueAt: '2026-01-05T07:00:00.000Z', occurrence: '2026-01-05T07:00:00.000Z' },
      patrolTimer('2026-01-05T07:00:00.000Z'),
      { type: 'notify', party: 'province', message: { vi: 'báo động', en: 'Alert raised' } },
      { type: 'timer.start', key: 'xstate.after.PT2H.watch.alert', event: { type: 'xstate.after.PT2H.watch.alert' }, fireAt: '2026-01-05T04:00:00.000Z' },
    ]);
    expect(out.snapshot).toEqual({
      value: 'alert',
      context: { tasks: { announce: { status: 'open', level: 'alert' }, patrol: { status: 'open', level: 'alert' } }, series: { patrol: { level: 'alert' } } },
    });
  });

  it('an open task carries over when a higher level raises it again, and the tasks already raised stay as they were', () => {
    const out = send(alert(), { type: 'CRISIS' });
    // sandbagging raises [sandbag, patrol]: patrol is still open (and its series runs), so only sandbag is new.
    expect(raised(out.effects)).toEqual(['sandbag@crisis']);
    expect(out.effects.filter((e) => e.type === 'timer.start')).toEqual([]);
    expect(out.snapshot.context).toEqual({
      tasks: { announce: { status: 'open', level: 'alert' }, patrol: { status: 'open', level: 'alert' }, sandbag: { status: 'open', level: 'crisis' } },
      series: { patrol: { level: 'alert' } },
    });
  });

  it('a running series is never started twice, even when its newest occurrence is done', () => {
    const out = run(alert(), done('patrol'), { type: 'CRISIS' });
    expect(raised(out.effects)).toEqual(['sandbag@crisis']);
    expect(out.effects.filter((e) => e.type === 'timer.start')).toEqual([]);
    expect(out.snapshot.context.series).toEqual({ patrol: { level: 'alert' } });
    expect(out.snapshot.context.tasks.patrol).toEqual({ status: 'done', level: 'alert' });
  });

  it('a task done (or cancelled) earlier is raised anew when a level raises it again', () => {
    const out = run(alert(), done('announce'), { type: 'LOWER' }, { type: 'RAISE' });
    // announce was done, patrol cancelled with its series on LOWER: RAISE raises both again.
    expect(raised(out.effects)).toEqual(['announce@alert', 'patrol@alert']);
    expect(out.snapshot.context.tasks).toEqual({ announce: { status: 'open', level: 'alert' }, patrol: { status: 'open', level: 'alert' } });
    expect(out.snapshot.context.series).toEqual({ patrol: { level: 'alert' } });
  });

  it('raises from `on`, `after`, `always` and `exit` carry the level they are written in', () => {
    expect(raised(send(alert(), { type: 'SIGHTING' }).effects)).toEqual(['report@alert']);
    expect(raised(send(alert(), { type: 'xstate.after.PT2H.watch.alert' }).effects)).toEqual(['recheck@alert']);
    const gate = run(crisis(), done('sandbag'), done('announce'));
    expect(raised(gate.effects)).toEqual(['evacuate@crisis']);
    expect(gate.snapshot.context.tasks.evacuate).toEqual({ status: 'open', level: 'crisis' });
    expect(raised(send(crisis(), { type: 'STAND_DOWN' }).effects)).toEqual(['debrief@crisis']);
  });

  it('an event that only raises a task is taken in place (no re-entry, no second raise while it is open)', () => {
    const once = run(alert(), { type: 'SIGHTING' }, { type: 'SIGHTING' });
    expect(raised(once.effects)).toEqual(['report@alert']);
    expect(once.state).toBe('alert');
  });
});

describe('completing tasks and the gates that wait for them', () => {
  it('a gate on two tasks opens only when both are done, in either order', () => {
    const one = run(crisis(), done('sandbag'));
    expect(one.state).toBe('crisis.sandbagging');
    expect(one.effects).toEqual([]);
    expect(run(crisis(), done('sandbag'), done('announce')).state).toBe('crisis.evacuating');
    expect(run(crisis(), done('announce'), done('sandbag')).state).toBe('crisis.evacuating');
  });

  it('completing marks the task done and keeps its level; completing it again changes nothing', () => {
    const once = run(alert(), done('announce'));
    expect(once.snapshot.context.tasks).toEqual({ announce: { status: 'done', level: 'alert' }, patrol: { status: 'open', level: 'alert' } });
    expect(once.effects).toEqual([]);
    const twice = send(once.snapshot, done('announce'));
    expect(twice.snapshot).toEqual(once.snapshot);
    expect(twice.effects).toEqual([]);
  });

  it('a cancelled task cannot be completed, so it never opens a gate', () => {
    const out = run(alert(), { type: 'RETIRE_PATROL' }, done('patrol'));
    expect(out.snapshot.context.tasks.patrol).toEqual({ status: 'cancelled', level: 'alert' });
    expect(out.effects.filter((e) => e.type !== 'task.cancel' && e.type !== 'timer.cancel')).toEqual([]);
  });

  it('completing a template never raised is a no-op, and a gate on a task never raised stays shut', () => {
    // Moved onto the gated step without its tasks (a migration runs no entry action).
    const moved = machine.relocate(opened(), 'crisis')!.snapshot;
    const out = run(moved, done('sandbag'), { type: 'PING' });
    expect(out.state).toBe('crisis.sandbagging');
    expect(out.snapshot.context.tasks).toEqual({});
    expect(out.allowedEvents).toEqual(['PING', 'STAND_DOWN']);
  });
});

describe('cancelling tasks and ending recurring duties', () => {
  it('lowering cancels the open tasks of that level only (not the done ones) and ends the series it started', () => {
    const out = run(alert(), { type: 'SIGHTING' }, done('announce'));
    const lowered = send(out.snapshot, { type: 'LOWER' });
    expect(lowered.effects).toEqual([
      { type: 'task.cancel', templates: ['patrol', 'report'], reason: { vi: 'hạ', en: 'Lowered' } },
      { type: 'timer.cancel', key: 'recur:patrol' },
      { type: 'timer.cancel', key: 'xstate.after.PT2H.watch.alert' },
    ]);
    expect(lowered.snapshot.context).toEqual({
      tasks: { announce: { status: 'done', level: 'alert' }, patrol: { status: 'cancelled', level: 'alert' }, report: { status: 'cancelled', level: 'alert' } },
      series: {},
    });
  });

  it('cancelling by template ends that template only, and its series', () => {
    const out = send(alert(), { type: 'RETIRE_PATROL' });
    expect(out.effects).toEqual([
      { type: 'task.cancel', templates: ['patrol'], reason: { vi: 'thôi', en: 'Patrol retired' } },
      { type: 'timer.cancel', key: 'recur:patrol' },
    ]);
    expect(out.snapshot.context).toEqual({ tasks: { announce: { status: 'open', level: 'alert' }, patrol: { status: 'cancelled', level: 'alert' } }, series: {} });
  });

  it('ending a series whose newest occurrence is done still cancels its older open occurrences, and names it once', () => {
    const out = send(run(alert(), done('patrol')).snapshot, { type: 'LOWER' });
    expect(out.effects).toEqual([
      { type: 'task.cancel', templates: ['announce', 'patrol'], reason: reason('Lowered') },
      { type: 'timer.cancel', key: 'recur:patrol' },
      { type: 'timer.cancel', key: 'xstate.after.PT2H.watch.alert' },
    ]);
    // The mark follows the newest occurrence, which was done.
    expect(out.snapshot.context.tasks.patrol).toEqual({ status: 'done', level: 'alert' });
    expect(out.snapshot.context.series).toEqual({});
  });

  it('cancelling nothing says nothing', () => {
    const out = run(alert(), done('announce'), { type: 'RETIRE_PATROL' }, { type: 'RETIRE_PATROL' });
    expect(out.effects.filter((e) => e.type === 'task.cancel')).toHaveLength(1);
  });

  it('standing down from a step: the crisis tasks are cancelled on exit, a debrief raised, then the alert tasks and the series end', () => {
    const out = send(crisis(), { type: 'STAND_DOWN' });
    expect(out.effects).toEqual([
      { type: 'task.cancel', templates: ['sandbag'], reason: reason('Crisis over') },
      { type: 'task.raise', template: 'debrief', level: 'crisis', dueAt: '2026-01-06T02:00:00.000Z' },
      // The series belongs to alert: the crisis's own cancel leaves it running; the alert's ends it.
      { type: 'task.cancel', templates: ['announce', 'patrol'], reason: reason('Stood down') },
      { type: 'timer.cancel', key: 'recur:patrol' },
    ]);
    expect(out.snapshot.context).toEqual({
      tasks: {
        announce: { status: 'cancelled', level: 'alert' },
        patrol: { status: 'cancelled', level: 'alert' },
        sandbag: { status: 'cancelled', level: 'crisis' },
        debrief: { status: 'open', level: 'crisis' },
      },
      series: {},
    });
    expect(out.state).toBe('calm');
  });
});

describe('occurrences of a recurring duty', () => {
  it('on time: the next occurrence is raised in the level that started the series, and its timer set', () => {
    const out = send(crisis(), recur('2026-01-05T07:00:00.000Z'), at('2026-01-05T07:00:00Z'));
    expect(out.effects).toEqual([
      { type: 'task.raise', template: 'patrol', level: 'alert', dueAt: '2026-01-06T01:00:00.000Z', occurrence: '2026-01-06T01:00:00.000Z' },
      patrolTimer('2026-01-06T01:00:00.000Z'),
    ]);
    expect(out.snapshot.context.tasks.patrol).toEqual({ status: 'open', level: 'alert' });
    expect(out.snapshot.context.tasks.sandbag).toEqual({ status: 'open', level: 'crisis' });
  });

  it('an occurrence reopens a duty whose previous occurrence was done', () => {
    const out = send(run(alert(), done('patrol')).snapshot, recur('2026-01-05T07:00:00.000Z'), at('2026-01-05T07:00:00Z'));
    expect(out.snapshot.context.tasks).toEqual({ announce: { status: 'open', level: 'alert' }, patrol: { status: 'open', level: 'alert' } });
  });

  it('after an outage: the latest missed occurrence once, late, then the next', () => {
    const out = send(alert(), recur('2026-01-05T07:00:00.000Z'), at('2026-01-07T03:00:00Z'));
    expect(out.effects).toEqual([
      { type: 'task.raise', template: 'patrol', level: 'alert', dueAt: '2026-01-07T01:00:00.000Z', occurrence: '2026-01-07T01:00:00.000Z', late: true },
      { type: 'task.raise', template: 'patrol', level: 'alert', dueAt: '2026-01-07T07:00:00.000Z', occurrence: '2026-01-07T07:00:00.000Z' },
      patrolTimer('2026-01-07T07:00:00.000Z'),
    ]);
  });

  it('a timer that outlived its series raises nothing', () => {
    const retired = run(alert(), { type: 'RETIRE_PATROL' }).snapshot;
    const out = send(retired, recur('2026-01-05T07:00:00.000Z'), at('2026-01-05T07:00:00Z'));
    expect(out.effects).toEqual([]);
    expect(out.snapshot).toEqual(retired);
    // A timer with no template at all is the same.
    expect(send(alert(), { type: 'RECUR' }).effects).toEqual([]);
  });
});

describe('the machine’s own events', () => {
  it('a message declared on the machine is sent from any level, alone', () => {
    for (const s of [opened(), alert(), crisis()]) {
      expect(send(s, { type: 'PING' }).effects).toEqual([{ type: 'notify', party: 'province', message: { vi: 'có tin', en: 'Ping' } }]);
    }
  });
});
