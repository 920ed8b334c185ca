import fc from 'fast-check';
import type { Effect } from '../../src/core/engine/effects.js';
import { taskWrites, timerWrites } from '../../src/core/engine/effect-plan.js';

const reason = { vi: 'lý do', en: 'reason' };
const raise = (template: string): Effect => ({ type: 'task.raise', template, level: 'l', dueAt: '2026-01-01T00:00:00.000Z' });
const cancel = (...templates: string[]): Effect => ({ type: 'task.cancel', templates, reason });

describe('taskWrites', () => {
  it('puts a cancel before a raise of the same template when the machine asked in that order (lowering)', () => {
    const writes = taskWrites([cancel('announce', 'close'), raise('announce')]);
    expect(writes).toEqual([{ cancel: cancel('announce', 'close') }, { raise: [raise('announce')] }]);
  });

  it('a cancel between raises splits them, so the raise after it meets a table the cancel has already changed', () => {
    expect(taskWrites([raise('a'), cancel('b'), raise('b'), raise('c')])).toEqual([{ raise: [raise('a')] }, { cancel: cancel('b') }, { raise: [raise('b'), raise('c')] }]);
    expect(taskWrites([{ type: 'timer.cancel', key: 'k' }, { type: 'notify', party: 'p', message: reason }])).toEqual([]);
  });

  it('keeps consecutive raises in one batch (one INSERT)', () => {
    expect(taskWrites([raise('a'), raise('b'), { type: 'notify', party: 'p', message: reason }, raise('c')])).toEqual([
      { raise: [raise('a'), raise('b'), raise('c')] },
    ]);
  });

  // Applying the writes batch by batch leaves the same open tasks as applying every effect one by one,
  // and never has two open tasks of one template at once (the database's unique index).
  it('applied in order, never breaks one-open-per-template and ends as the effects say', () => {
    const effect = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map(raise),
      fc.subarray(['a', 'b', 'c'], { minLength: 1 }).map((ts) => cancel(...ts)),
    );
    fc.assert(
      fc.property(fc.array(effect, { maxLength: 12 }), (effects) => {
        // What the machine guarantees: it never raises a template that is open (it carries over).
        const open = new Set<string>();
        const valid: Effect[] = [];
        for (const e of effects) {
          if (e.type === 'task.raise') {
            if (open.has(e.template)) continue;
            open.add(e.template);
          } else if (e.type === 'task.cancel') for (const t of e.templates) open.delete(t);
          valid.push(e);
        }
        const table = new Set<string>();
        for (const w of taskWrites(valid)) {
          if ('cancel' in w) for (const t of w.cancel.templates) table.delete(t);
          else
            for (const r of w.raise) {
              expect(table.has(r.template)).toBe(false);
              table.add(r.template);
            }
        }
        expect([...table].sort()).toEqual([...open].sort());
      }),
    );
  });
});

describe('timerWrites', () => {
  const start = (key: string, at = '2026-01-01T00:00:00.000Z'): Effect => ({ type: 'timer.start', key, event: { type: 'X' }, fireAt: at });
  const stop = (key: string): Effect => ({ type: 'timer.cancel', key });

  it('a series stopped on exit and started again on entry is started; started then stopped is stopped', () => {
    expect(timerWrites([stop('recur:r'), start('recur:r')])).toEqual({ cancel: [], start: [start('recur:r')] });
    expect(timerWrites([start('recur:r'), stop('recur:r')])).toEqual({ cancel: ['recur:r'], start: [] });
  });

  it('a step that raises, cancels and notifies but asks nothing of timers sets and stops no timer', () => {
    const step: Effect[] = [raise('a'), cancel('b'), { type: 'notify', party: 'p', message: reason }, start('k1'), raise('c')];
    // toStrictEqual: toEqual would take a stray `undefined` key in the list for an empty one.
    expect(timerWrites(step)).toStrictEqual({ cancel: [], start: [start('k1')] });
    expect(timerWrites([raise('a'), cancel('a')])).toStrictEqual({ cancel: [], start: [] });
  });

  it('the last request for each key wins, whatever the sequence', () => {
    const op = fc.tuple(fc.constantFrom('k1', 'k2', 'k3'), fc.boolean(), fc.integer({ min: 0, max: 9 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 15 }), (ops) => {
        const effects = ops.map(([k, on, n]) => (on ? start(k, `2026-01-01T00:00:0${n}.000Z`) : stop(k)));
        const sequential = new Map<string, string>();
        for (const e of effects) {
          if (e.type === 'timer.start') sequential.set(e.key, e.fireAt);
          else if (e.type === 'timer.cancel') sequential.delete(e.key);
        }
        // What the recorder does: delete the cancelled keys, then upsert the started ones.
        const { cancel: gone, start: started } = timerWrites(effects);
        const table = new Map<string, string>();
        for (const k of gone) table.delete(k);
        for (const s of started) table.set(s.key, s.fireAt);
        expect(Object.fromEntries(table)).toEqual(Object.fromEntries(sequential));
        expect(gone.filter((k) => table.has(k))).toEqual([]);
      }),
    );
  });
});
