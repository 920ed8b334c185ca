import { readFileSync } from 'node:fs';
import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import type { Effect } from '../../src/core/engine/effects.js';
import { direction, raisesNow, skippedLevels, stagesOf, targetLevel } from '../../src/core/playbook/levels.js';
import { parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';
import { checkPlaybooks } from '../../src/playbooks/check-playbooks.js';

// Issue 11, points 1, 2, 8 and 9: the pure rules, then the fixture playbooks run through the machine.
const fixture = (name: string) => parsePlaybook(readFileSync(`test/fixtures/levels/${name}.yaml`, 'utf8'), `${name}.yaml`);
const now = new Date('2026-03-02T00:00:00Z');
const raised = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'task.raise' ? [`${e.template}@${e.level}`] : []));
const notified = (effects: Effect[]) => effects.filter((e) => e.type === 'notify').length;

function runner(name: string) {
  const machine = new IncidentMachine(fixture(name));
  const open = machine.open(now);
  let snapshot: StoredSnapshot = open.snapshot;
  return {
    open,
    send(type: string, template?: string) {
      const out = machine.apply(snapshot, { type, ...(template ? { template } : {}) }, now);
      if (!out.accepted) throw new Error(`${type} refused in ${out.state}`);
      snapshot = out.snapshot;
      return out;
    },
    done(...templates: string[]) {
      for (const t of templates) this.send('TASK_COMPLETED', t);
    },
  };
}

describe('the rules of levels', () => {
  const order = ['watch', 'l1', 'l2', 'l3'];
  it('tells rising from returning by the declared order', () => {
    expect(direction(order, undefined, 'watch')).toBe('rising');
    expect(direction(order, 'l1', 'l3')).toBe('rising');
    expect(direction(order, 'l3', 'l2')).toBe('returning');
    expect(direction(order, 'l2', 'l2')).toBe('rising'); // re-entered: starts anew
    expect(direction(order, 'recovery', 'l1')).toBe('rising'); // back from a phase
  });

  it('lists the levels jumped over, lowest first', () => {
    expect(skippedLevels(order, 'watch', 'l3')).toEqual(['l1', 'l2']);
    expect(skippedLevels(order, 'l1', 'l2')).toEqual([]);
    expect(skippedLevels(order, 'l3', 'l1')).toEqual([]);
    expect(skippedLevels(order, 'recovery', 'l2')).toEqual(['watch', 'l1']);
  });

  it('raises a template again by its mode', () => {
    expect(raisesNow(undefined, 'returning', false)).toBe(true);
    expect(raisesNow(undefined, 'returning', true)).toBe(false);
    expect(raisesNow('on-entry', 'rising', true)).toBe(true);
    expect(raisesNow('once', 'rising', true)).toBe(false);
    expect(raisesNow('always', 'returning', true)).toBe(true);
  });

  it('gives a task raised by a transition to the level it leads to', () => {
    const top = new Set(['watch', 'alert']);
    expect(targetLevel('alert', 'watch', 'pb', top, true)).toBe('alert');
    expect(targetLevel('#pb.alert.warning', 'watch', 'pb', top, false)).toBe('alert');
    expect(targetLevel('standby', 'alert', 'pb', top, false)).toBe('alert'); // a sibling step
    expect(targetLevel('.standby', 'alert', 'pb', top, true)).toBe('alert'); // a child step
    expect(targetLevel(undefined, 'alert', 'pb', top, true)).toBe('alert');
    expect(targetLevel(undefined, undefined, 'pb', top, true)).toBeUndefined(); // the level the incident is at
  });

  it('orders levels first, then phases ranked -1', () => {
    expect(stagesOf(fixture('phases')).map((s) => [s.id, s.kind, s.rank])).toEqual([
      ['watch', 'level', 0],
      ['alert', 'level', 1],
      ['recovery', 'phase', -1],
      ['closed', 'phase', -1],
    ]);
  });
});

describe('rising versus returning (rising.yaml)', () => {
  it('announces and raises on the way up, and repeats nothing done on the way down', () => {
    const r = runner('rising');
    const l1 = r.send('RISE');
    expect(raised(l1.effects)).toEqual(['sandbags@level_1', 'checklist@level_1', 'briefing@level_1']);
    expect(notified(l1.effects)).toBe(1);
    r.done('sandbags', 'checklist', 'briefing');
    const l2 = r.send('RISE');
    expect(raised(l2.effects).sort()).toEqual(['evacuee_list@level_2', 'medical_post@level_2']);
    r.done('evacuee_list', 'medical_post');
    r.send('RISE');
    const back2 = r.send('LOWER');
    // The regions are where they were: the list is done, so evacuation is at `moving` again; nothing is raised or announced.
    expect(back2.state).toBe('level_2.evacuation.moving,level_2.medical.post');
    expect(raised(back2.effects)).toEqual([]);
    expect(notified(back2.effects)).toBe(0);
    const back1 = r.send('LOWER');
    expect(raised(back1.effects)).toEqual(['briefing@level_1']); // `raise: always`
    expect(notified(back1.effects)).toBe(0);
    r.send('LOWER');
    const again = r.send('RISE');
    // A new rise from below: announced again, measures raised again except the `raise: once` checklist.
    expect(raised(again.effects)).toEqual(['sandbags@level_1']); // briefing is still open: it carries over
    expect(notified(again.effects)).toBe(1);
  });
});

describe('cumulative levels (cumulative.yaml)', () => {
  it('a jump from watch to level 3 raises the measures of levels 1 and 2, each in its own level', () => {
    const r = runner('cumulative');
    expect(raised(r.send('FLASH_FLOOD').effects)).toEqual(['warn_people@level_1', 'check_dykes@level_1', 'evacuate@level_2', 'rescue@level_3']);
  });

  it('does not raise again what the normal path raised', () => {
    const r = runner('cumulative');
    r.send('RISE');
    r.done('warn_people');
    expect(raised(r.send('FLASH_FLOOD').effects)).toEqual(['evacuate@level_2', 'rescue@level_3']);
  });
});

describe('handlers and ownership (ownership.yaml)', () => {
  it('a handler on the machine raises at the current level; a transition raises at the level it leads to', () => {
    const r = runner('ownership');
    expect(raised(r.send('PERSON_MISSING').effects)).toEqual(['search_person@watch']);
    expect(raised(r.send('RISE').effects)).toEqual(['open_shelter@alert', 'reading@alert', 'damage_report@alert', 'siren@alert']);
  });

  it('leaving a step retires its tasks; leaving a level ends its series; a surviving report stays', () => {
    const r = runner('ownership');
    r.send('RISE');
    const warned = r.send('ALL_WARNED');
    expect(warned.effects).toContainEqual(expect.objectContaining({ type: 'task.cancel', templates: ['siren'] }));
    const lowered = r.send('LOWER');
    const cancelled = lowered.effects.flatMap((e) => (e.type === 'task.cancel' ? e.templates : []));
    expect(cancelled.sort()).toEqual(['open_shelter', 'reading']);
    expect(lowered.effects).toContainEqual({ type: 'timer.cancel', key: 'recur:reading' });
  });
});

describe('the checker', () => {
  it('passes the level fixtures', async () => {
    const report = await checkPlaybooks('test/fixtures/levels');
    expect(report.problems).toEqual([]);
  });

  const src = readFileSync('test/fixtures/levels/phases.yaml', 'utf8');
  const errorsOf = (source: string) => {
    try {
      parsePlaybook(source, 'p.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(PlaybookError);
      return (e as Error).message.split('\n');
    }
    throw new Error('expected the playbook to be rejected');
  };
  it.each([
    ['a level that is no state', src.replace('order: [watch, alert]', 'order: [watch, alrt]'), /^p\.yaml:18 levels\.order\[1\]: unknown state "alrt"/],
    ['a state neither level nor phase', src.replace('phases: [recovery, closed]', 'phases: [closed]'), /^p\.yaml:30 machine\.states\.recovery: "recovery" is neither a level nor a phase/],
    ['a level that is a phase too', src.replace('phases: [recovery, closed]', 'phases: [recovery, closed, alert]'), /^p\.yaml:19 phases\[2\]: "alert" is a level and a phase/],
    ['announce on a phase', src.replace("      entry: [{ type: raiseTask, params: { template: repair } }]", "      announce: [{ party: x, message: { vi: a, en: b } }]\n      entry: [{ type: raiseTask, params: { template: repair } }]"), /^p\.yaml:31 machine\.states\.recovery\.announce: "recovery" is a phase/],
    ['a bad raise mode', src.replace('due: P3D }', 'due: P3D, raise: twice }'), /^p\.yaml:16 tasks\[0\]\.raise: /],
    [
      'retire on a task only a transition raises',
      readFileSync('test/fixtures/levels/ownership.yaml', 'utf8').replace('due: PT2H }', 'due: PT2H, retire: on-exit }'),
      /^p\.yaml:25 tasks\[1\]\.retire: "open_shelter" is raised only by transitions/,
    ],
    ['phases without levels', src.replace('levels:\n  order: [watch, alert]\n', ''), /^p\.yaml:\d+ phases: phases are the top-level states that are not levels/],
  ])('rejects %s with file, line and path', (_what, source, expected) => {
    const lines = errorsOf(source);
    expect(lines.filter((l) => expected.test(l))).toHaveLength(1);
  });
});
