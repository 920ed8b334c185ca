import { runs } from './support/runs.js';
import fc from 'fast-check';
import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import { shippedPlaybook } from '../support/playbooks.js';

const now = new Date('2026-01-01T00:00:00Z');

describe('covid19-office machine under any sequence of events', () => {
  it('keeps the task book consistent with the effects it emitted', async () => {
    // Loaded and built inside the test, not when the file loads: otherwise every mutant in the loader and
    // the machine builder is "static" to Stryker and runs the whole unit suite (MUTATION.md).
    const playbook = await shippedPlaybook('covid19-office');
    const machine = new IncidentMachine(playbook);
    const templates = playbook.tasks.map((t) => t.key);
    const officerEvents = playbook.events.map((e) => e.type);
    const recurring = new Set(playbook.tasks.filter((t) => t.recurs).map((t) => t.key));
    const anEvent = fc.oneof(
      fc.constantFrom(...officerEvents).map((type) => ({ type, template: undefined as string | undefined })),
      fc.constantFrom(...templates).map((template) => ({ type: 'TASK_COMPLETED', template })),
    );
    fc.assert(
      fc.property(fc.array(anEvent, { maxLength: 60 }), (events) => {
        const opened = machine.open(now);
        let snapshot: StoredSnapshot = opened.snapshot;
        // What a database applying only the emitted effects would hold.
        const open = new Set<string>();
        const apply = (effects: typeof opened.effects) => {
          for (const e of effects) {
            if (e.type === 'task.raise') {
              expect(open.has(e.template)).toBe(false); // never a second open task from one template
              open.add(e.template);
            } else if (e.type === 'task.cancel') {
              for (const t of e.templates) {
                // Only open tasks are cancelled; ending a recurring series cancels whatever occurrences
                // are still open, even when the newest one is done (so possibly none).
                if (!recurring.has(t)) expect(open.has(t)).toBe(true);
                open.delete(t);
              }
            }
          }
        };
        apply(opened.effects);
        for (const event of events) {
          if (event.type === 'TASK_COMPLETED' && !open.has(event.template!)) continue; // the API refuses these
          const before = machine.describe(snapshot);
          const out = machine.apply(snapshot, event, now);
          if (!out.accepted) {
            // Refused: the answer lists what is allowed, and the event was not among them.
            expect(out.allowedEvents).toEqual(before.allowedEvents);
            expect(before.allowedEvents).not.toContain(event.type);
            continue;
          }
          if (event.type !== 'TASK_COMPLETED') expect(before.allowedEvents).toContain(event.type);
          if (event.type === 'TASK_COMPLETED') open.delete(event.template!);
          apply(out.effects);
          snapshot = out.snapshot;
          // Every level a task belongs to is the current one or one below it: lowering retires the rest.
          const levels = machine.levels.map((l) => l.id);
          const current = levels.indexOf(out.level);
          for (const [t, mark] of Object.entries(snapshot.context.tasks)) {
            if (mark.status === 'open') expect(levels.indexOf(mark.level)).toBeLessThanOrEqual(current);
            expect(open.has(t)).toBe(mark.status === 'open');
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
