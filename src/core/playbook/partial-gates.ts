import type { StoredSnapshot } from '../engine/incident-machine.js';
import type { IssuePath, PlaybookIssue } from './check-playbook.js';
import type { StateConfig } from './playbook.js';
import { transitionsOf } from './references.js';
import { templateStatus } from '../task-instances.js';

/**
 * Gates raised on only some paths (issue 11, the checker): a step whose automatic (`always`) gate waits
 * for a task that, on some path into the step, was never raised and is not raised by anything the step
 * can do next. Such a plan passes a walk that only asks "is it raised somewhere", yet its step never
 * advances on those paths. Fed by the state walk (explore-playbook.ts), one visited state at a time.
 */
export class PartialGates {
  private readonly gates: { state: string; path: IssuePath; templates: string[] }[] = [];
  private readonly found = new Map<string, { path: IssuePath; template: string; at: string }>();

  constructor(states: Record<string, StateConfig>) {
    const visit = (s: Record<string, StateConfig>, prefix: string, path: IssuePath) => {
      for (const [k, node] of Object.entries(s)) {
        const dotted = prefix ? `${prefix}.${k}` : k;
        const here = [...path, k];
        for (const tr of transitionsOf(node.always)) {
          const g = tr.guard as { type?: string; params?: { templates?: string[] } } | undefined;
          if (g?.type === 'tasksDone' && g.params?.templates) this.gates.push({ state: dotted, path: [...here, 'always'], templates: g.params.templates });
        }
        if (node.states) visit(node.states, dotted, [...here, 'states']);
      }
    };
    visit(states, '', ['machine', 'states']);
  }

  /** One visited state: its leaf paths, its snapshot, and the templates any one event from it raises. */
  visit(leaves: string[], snapshot: StoredSnapshot, raisedNext: ReadonlySet<string>): void {
    for (const gate of this.gates) {
      if (!leaves.some((l) => l === gate.state || l.startsWith(`${gate.state}.`))) continue;
      for (const t of gate.templates) {
        if (templateStatus(snapshot.context.tasks, t) !== undefined || raisedNext.has(t)) continue;
        const key = `${gate.state}|${t}`;
        if (!this.found.has(key)) this.found.set(key, { path: gate.path, template: t, at: leaves.join(',') });
      }
    }
  }

  /** Only templates raised somewhere: one raised nowhere is reported by the walk already. */
  issues(raisedAnywhere: ReadonlySet<string>): PlaybookIssue[] {
    return [...this.found.values()]
      .filter((f) => raisedAnywhere.has(f.template))
      .map((f) => ({ path: f.path, message: `gate waits for "${f.template}" to be done, but on some paths into this step it was never raised (e.g. reaching ${f.at}), so the step never advances there` }));
  }
}
