import { readFileSync } from 'node:fs';
import { completionOf, copiesFor, groupDone } from '../../src/core/completion.js';
import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import { evaluate } from '../../src/core/guards.js';
import { explorePlaybook } from '../../src/core/playbook/explore-playbook.js';
import { parsePlaybook } from '../../src/core/playbook/parse-playbook.js';
import { instanceId, instanceKeyFrom, instanceOf, templateOf, templateStatus } from '../../src/core/task-instances.js';
import { shippedPlaybook } from '../support/playbooks.js';

const FILE = 'test/fixtures/assignment/village.yaml';
const NOW = new Date('2026-03-02T00:00:00Z');
const open = { status: 'open' as const, level: 'alert' };
const done = { status: 'done' as const, level: 'alert' };
const cancelled = { status: 'cancelled' as const, level: 'alert' };

describe('keyed instances (task-instances.ts)', () => {
  it('names an instance by its template and key, and reads both back', () => {
    expect(instanceId('search', 'p7')).toBe('search[p7]');
    expect(instanceId('search', undefined)).toBe('search');
    expect(templateOf('search[p7]')).toBe('search');
    expect(templateOf('search')).toBe('search');
    expect(instanceOf('search[p7]')).toBe('p7');
    expect(instanceOf('search')).toBeUndefined();
    // A key with brackets of its own survives the round trip.
    expect(instanceOf(instanceId('search', 'a[1]'))).toBe('a[1]');
  });

  it('takes the key from a string or number field of the data, and nothing else', () => {
    expect(instanceKeyFrom('personId', { personId: 'p7' })).toBe('p7');
    expect(instanceKeyFrom('n', { n: 3 })).toBe('3');
    expect(instanceKeyFrom('personId', {})).toBeUndefined();
    expect(instanceKeyFrom('personId', { personId: true })).toBeUndefined();
    expect(instanceKeyFrom('personId', undefined)).toBeUndefined();
    expect(instanceKeyFrom(undefined, { personId: 'p7' })).toBeUndefined();
  });

  it('sums a keyed template for gates: open while any is open, done when none is open and one is done', () => {
    expect(templateStatus({}, 'search')).toBeUndefined();
    expect(templateStatus({ search: done }, 'search')).toBe('done');
    expect(templateStatus({ 'search[a]': done, 'search[b]': open }, 'search')).toBe('open');
    expect(templateStatus({ 'search[a]': open, 'search[b]': done }, 'search')).toBe('open');
    expect(templateStatus({ 'search[a]': done, 'search[b]': cancelled }, 'search')).toBe('done');
    expect(templateStatus({ 'search[a]': cancelled, 'search[b]': done }, 'search')).toBe('done');
    expect(templateStatus({ 'search[a]': cancelled }, 'search')).toBe('cancelled');
    // Another template that merely starts with the same letters is not counted.
    expect(templateStatus({ searcher: open, 'searcher[x]': open }, 'search')).toBeUndefined();
  });

  it('lets a guard say "no search is still open", which holds before any was raised', () => {
    expect(evaluate({ noneOpen: ['search'] }, { tasks: {} })).toBe(true);
    expect(evaluate({ noneOpen: ['search'] }, { tasks: { 'search[a]': done, 'search[b]': open } })).toBe(false);
    expect(evaluate({ noneOpen: ['search'] }, { tasks: { 'search[a]': done, 'search[b]': cancelled } })).toBe(true);
    expect(evaluate({ tasksDone: ['search'] }, { tasks: { 'search[a]': done, 'search[b]': done } })).toBe(true);
  });
});

describe('who a task goes to (completion.ts)', () => {
  const all = (signOffs: string[], signer: string, as: 'assignee' | 'superior' | 'admin' = 'assignee') =>
    completionOf({ mode: 'all', assignees: ['a', 'b', 'c'], signOffs: signOffs.map((p) => ({ personId: p, name: p, at: NOW.toISOString() })), signer, as });

  it('closes a shared or each task at once', () => {
    expect(completionOf({ mode: 'shared', assignees: ['a', 'b'], signOffs: [], signer: 'a', as: 'assignee' })).toEqual({ done: true });
    expect(completionOf({ mode: 'each', assignees: ['a'], signOffs: [], signer: 'a', as: 'assignee' })).toEqual({ done: true });
  });

  it('records each signature of an all task and closes it with the last', () => {
    expect(all([], 'a')).toEqual({ done: false, waitingFor: ['b', 'c'] });
    expect(all(['a'], 'c')).toEqual({ done: false, waitingFor: ['b'] });
    expect(all(['a', 'c'], 'b')).toEqual({ done: true });
  });

  it('changes nothing when someone signs twice', () => {
    expect(all(['a'], 'a')).toEqual({ done: false, alreadySigned: true, waitingFor: ['b', 'c'] });
  });

  it('lets a superior or an admin close an all task for everyone', () => {
    expect(all(['a'], 'boss', 'superior')).toEqual({ done: true });
    expect(all([], 'root', 'admin')).toEqual({ done: true });
  });

  it('tells the plan an each task is done only when no other copy is open', () => {
    expect(groupDone('each', 1)).toBe(false);
    expect(groupDone('each', 0)).toBe(true);
    expect(groupDone('shared', 1)).toBe(true);
    expect(groupDone('all', 2)).toBe(true);
  });

  it('raises an each task as one row per person, and as one unassigned row when nobody holds the role', () => {
    expect(copiesFor('each', ['a', 'b'])).toEqual([{ holder: 'a', assignees: ['a'] }, { holder: 'b', assignees: ['b'] }]);
    expect(copiesFor('each', [])).toEqual([{ holder: null, assignees: [] }]);
    expect(copiesFor('shared', ['a', 'b'])).toEqual([{ holder: null, assignees: ['a', 'b'] }]);
    expect(copiesFor('all', ['a', 'b'])).toEqual([{ holder: null, assignees: ['a', 'b'] }]);
  });
});

describe('the village fixture (keyed search, each and all)', () => {
  let m: IncidentMachine;
  let s: StoredSnapshot;
  beforeEach(() => {
    const playbook = parsePlaybook(readFileSync(FILE, 'utf8'), FILE);
    m = new IncidentMachine(playbook);
    s = m.open(NOW).snapshot;
  });
  const send = (type: string, extra: Record<string, unknown> = {}) => {
    const out = m.apply(s, { type, ...extra }, NOW);
    if (out.accepted) s = out.snapshot;
    return out;
  };
  const raised = (out: ReturnType<typeof send>) => (out.accepted ? out.effects.filter((e) => e.type === 'task.raise') : []);

  it('passes the checker with nothing to say', () => {
    expect(explorePlaybook(parsePlaybook(readFileSync(FILE, 'utf8'), FILE))).toEqual([]);
  });

  it('raises one search per missing person, at any level, and never two for the same person', () => {
    expect(raised(send('PERSON_MISSING', { data: { personId: 'p1' } }))).toEqual([expect.objectContaining({ template: 'search_person', instance: 'p1', level: 'watch' })]);
    send('FLOOD_WARNING');
    expect(raised(send('PERSON_MISSING', { data: { personId: 'p2' } }))).toEqual([expect.objectContaining({ instance: 'p2', level: 'alert' })]);
    // Reported again while the search is on: it carries over.
    expect(raised(send('PERSON_MISSING', { data: { personId: 'p1' } }))).toEqual([]);
    expect(Object.keys(s.context.tasks).filter((k) => k.startsWith('search_person')).sort()).toEqual(['search_person[p1]', 'search_person[p2]']);
  });

  it('ends the incident only when every search is done', () => {
    send('PERSON_MISSING', { data: { personId: 'p1' } });
    send('PERSON_MISSING', { data: { personId: 'p2' } });
    send('FLOOD_WARNING');
    send('TASK_COMPLETED', { template: 'evacuee_list' });
    send('TASK_COMPLETED', { template: 'sign_plan' });
    expect(m.describe(s).level).toBe('evacuated');
    expect(m.describe(s).allowedEvents).not.toContain('ALL_CLEAR');
    send('TASK_COMPLETED', { template: 'search_person', instance: 'p1' });
    expect(send('ALL_CLEAR').accepted).toBe(false);
    // Completing a person's search twice, or one never raised, changes nothing.
    expect(s.context.tasks['search_person[p1]'].status).toBe('done');
    send('TASK_COMPLETED', { template: 'search_person', instance: 'p9' });
    expect(s.context.tasks['search_person[p9]']).toBeUndefined();
    send('TASK_COMPLETED', { template: 'search_person', instance: 'p2' });
    expect(send('ALL_CLEAR')).toMatchObject({ accepted: true, level: 'closed' });
  });

  it('may end at once when nobody went missing', () => {
    send('FLOOD_WARNING');
    send('TASK_COMPLETED', { template: 'evacuee_list' });
    send('TASK_COMPLETED', { template: 'sign_plan' });
    expect(send('ALL_CLEAR')).toMatchObject({ accepted: true, level: 'closed' });
  });

  it('raises the same person again once the earlier search is done (found, then missing again)', () => {
    send('PERSON_MISSING', { data: { personId: 'p1' } });
    send('TASK_COMPLETED', { template: 'search_person', instance: 'p1' });
    expect(raised(send('PERSON_MISSING', { data: { personId: 'p1' } }))).toEqual([expect.objectContaining({ instance: 'p1' })]);
  });

  it('keeps every person\'s search when the incident moves to a new version', () => {
    send('PERSON_MISSING', { data: { personId: 'p1' } });
    send('PERSON_MISSING', { data: { personId: 'p2' } });
    const moved = m.relocate(s, 'watch');
    expect(moved?.droppedTemplates).toEqual([]);
    expect(Object.keys(moved!.snapshot.context.tasks).sort()).toEqual(['search_person[p1]', 'search_person[p2]']);
  });
});

describe('the engine around the village fixture', () => {
  let m: IncidentMachine;
  beforeEach(() => {
    m = new IncidentMachine(parsePlaybook(readFileSync(FILE, 'utf8'), FILE));
  });
  const closed = () => {
    let s = m.open(NOW).snapshot;
    for (const e of [{ type: 'FLOOD_WARNING' }, { type: 'TASK_COMPLETED', template: 'evacuee_list' }, { type: 'TASK_COMPLETED', template: 'sign_plan' }, { type: 'ALL_CLEAR' }]) {
      const out = m.apply(s, e, NOW);
      if (!out.accepted) throw new Error(`${e.type} refused`);
      s = out.snapshot;
    }
    return s;
  };

  it('an ended incident takes no event, not even one the whole machine handles', () => {
    const s = closed();
    expect(m.describe(s)).toEqual({ level: 'closed', state: 'closed', allowedEvents: [] });
    expect(m.apply(s, { type: 'PERSON_MISSING', data: { personId: 'p1' } }, NOW)).toEqual({ accepted: false, level: 'closed', state: 'closed', allowedEvents: [] });
    expect(m.tryEach(s, [{ type: 'PERSON_MISSING', data: { personId: 'p1' } }], NOW)).toEqual([null]);
  });

  it('tries several events on one state for the checker: unhandled and refused ones are null, the rest steps without allowedEvents', () => {
    const start = m.open(NOW).snapshot;
    const [warning, clear, missing] = m.tryEach(start, [{ type: 'FLOOD_WARNING' }, { type: 'ALL_CLEAR' }, { type: 'PERSON_MISSING', data: { personId: 'p1' } }], NOW);
    expect(warning).toMatchObject({ level: 'alert', state: 'alert', allowedEvents: [] });
    expect(warning!.effects.filter((e) => e.type === 'task.raise').map((e) => (e as { template: string }).template).sort()).toEqual(['evacuee_list', 'sign_plan']);
    expect(clear).toBeNull();
    expect(missing).toMatchObject({ level: 'watch', state: 'watch', allowedEvents: [] });
    // The same events through apply, one by one, give the same steps (with allowedEvents).
    const one = m.apply(start, { type: 'FLOOD_WARNING' }, NOW);
    expect(one).toMatchObject({ accepted: true, snapshot: warning!.snapshot, effects: warning!.effects });
    expect(one.allowedEvents).toEqual(['PERSON_MISSING', 'STAND_DOWN']);
    // A handled event its guard refuses is no step: the all-clear while a search is open.
    const after = (from: StoredSnapshot, e: { type: string; template?: string; data?: Record<string, unknown> }) => {
      const out = m.apply(from, e, NOW);
      if (!out.accepted) throw new Error(`${e.type} refused`);
      return out.snapshot;
    };
    let s = after(start, { type: 'PERSON_MISSING', data: { personId: 'p1' } });
    for (const e of [{ type: 'FLOOD_WARNING' }, { type: 'TASK_COMPLETED', template: 'evacuee_list' }, { type: 'TASK_COMPLETED', template: 'sign_plan' }]) s = after(s, e);
    expect(m.describe(s).state).toBe('evacuated');
    expect(m.tryEach(s, [{ type: 'ALL_CLEAR' }], NOW)).toEqual([null]);
  });

  it('names a parallel state the way describe does: every region, sorted, comma-separated', async () => {
    const p = await shippedPlaybook('cao-bang-natural-resources-283');
    const parallel = new IncidentMachine(p);
    const start = parallel.open(NOW).snapshot;
    const [stay] = parallel.tryEach(start, [{ type: 'RETURNEE_OR_ENTRANT_FOUND' }], NOW);
    expect(stay!.state).toBe(parallel.describe(stay!.snapshot).state);
    expect(stay!.state.split(',')).toHaveLength(2);
    expect(stay!.level).toBe('urgent_measures');
  });
});
