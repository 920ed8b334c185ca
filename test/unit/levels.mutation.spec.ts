import { readFileSync } from 'node:fs';
import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import type { Effect } from '../../src/core/engine/effects.js';
import { parsePlaybook } from '../../src/core/playbook/parse-playbook.js';

// Declared levels (issue 11) where they meet the task book: which level a task raised on the way up
// belongs to (and so what lowering later cancels), and what leaving a level without a cancelTasks of
// its own ends. Written for the mutants that survived levels.spec.ts (MUTATION.md).
const OWNERSHIP = readFileSync('test/fixtures/levels/ownership.yaml', 'utf8');
const now = new Date('2026-03-02T00:00:00Z');
const raised = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'task.raise' ? [`${e.template}@${e.level}`] : []));

function runner(source: string) {
  const machine = new IncidentMachine(parsePlaybook(source, 'ownership.yaml'));
  let snapshot: StoredSnapshot = machine.open(now).snapshot;
  return (type: string) => {
    const out = machine.apply(snapshot, { type }, now);
    if (!out.accepted) throw new Error(`${type} refused in ${out.state}`);
    snapshot = out.snapshot;
    return out;
  };
}

describe('tasks raised on a transition into a higher level', () => {
  it('belong to the level the transition leads to, whether raised one by one or as a list, so lowering cancels them', () => {
    const asList = OWNERSHIP.replace(
      'actions: [{ type: raiseTask, params: { template: open_shelter } }]',
      'actions: [{ type: raiseTasks, params: { templates: [open_shelter] } }]',
    );
    expect(asList).not.toBe(OWNERSHIP);
    for (const source of [OWNERSHIP, asList]) {
      const send = runner(source);
      expect(raised(send('RISE').effects)).toEqual(['open_shelter@alert', 'reading@alert', 'damage_report@alert', 'siren@alert']);
      const lowered = send('LOWER').effects.flatMap((e) => (e.type === 'task.cancel' ? e.templates : []));
      expect(lowered).toContain('open_shelter');
    }
  });
});

describe('leaving a declared level by a transition that cancels nothing itself', () => {
  it('ends the level’s recurring duty and its open occurrence, and leaves a report that survives lowering open', () => {
    const send = runner(OWNERSHIP);
    send('RISE');
    const down = send('STAND_DOWN');
    expect(down.state).toBe('watch');
    const cancels = down.effects.filter((e) => e.type === 'task.cancel' || e.type === 'timer.cancel');
    expect(cancels).toContainEqual({ type: 'timer.cancel', key: 'recur:reading' });
    const cancelled = cancels.flatMap((e) => (e.type === 'task.cancel' ? e.templates : []));
    expect(cancelled).toContain('reading');
    expect(cancelled).not.toContain('damage_report');
    expect(down.snapshot.context.series).toEqual({});
    expect(down.snapshot.context.tasks.damage_report).toMatchObject({ status: 'open' });
  });
});
