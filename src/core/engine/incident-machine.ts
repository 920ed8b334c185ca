import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate';
import { isoDurationToMs } from '../duration.js';
import { buildMachine } from '../machine/build-machine.js';
import { TASK_COMPLETED, type IncidentContext, type IncidentEvent, type MachineEffect } from '../machine/incident-context.js';
import { levelsOf, type Level, type Playbook, type TaskTemplate } from '../playbook/playbook.js';
import type { Effect } from './effects.js';

/** The part of an incident's machine state that is stored; effects are never persisted. */
export interface StoredSnapshot {
  value: StateValue;
  context: Pick<IncidentContext, 'tasks'>;
}

export interface Position {
  level: string;
  /** Dotted path of the active step(s), e.g. `confirmed_case.step1_notify`. */
  state: string;
  allowedEvents: string[];
}

export interface Step extends Position {
  snapshot: StoredSnapshot;
  effects: Effect[];
}

export type Outcome = ({ accepted: true } & Step) | ({ accepted: false } & Position);

export class EngineError extends Error {}

/**
 * A playbook made executable: pure functions from (stored snapshot, event, now) to the next snapshot and
 * its effects. No I/O, no clock of its own, no long-lived actor.
 */
export class IncidentMachine {
  readonly machine: AnyStateMachine;
  readonly levels: Level[];
  private readonly templates: Map<string, TaskTemplate>;
  private readonly declaredEvents: Set<string>;

  constructor(readonly playbook: Playbook) {
    this.machine = buildMachine(playbook);
    this.levels = levelsOf(playbook);
    this.templates = new Map(playbook.tasks.map((t) => [t.key, t]));
    this.declaredEvents = new Set(playbook.events.map((e) => e.type));
  }

  template(key: string): TaskTemplate {
    const t = this.templates.get(key);
    if (!t) throw new EngineError(`playbook ${this.playbook.key} has no task template "${key}"`);
    return t;
  }

  /** Opens an incident at the initial level, running its entry actions. */
  open(now: Date): Step {
    const [next, actions] = initialTransition(this.machine);
    return this.step(next, actions, now);
  }

  apply(stored: StoredSnapshot, event: IncidentEvent, now: Date): Outcome {
    const current = this.restore(stored);
    const [next, actions] = transition(this.machine, current, event);
    // XState answers an event no active state handles with the very same snapshot object.
    if (next === current) return { accepted: false, ...this.position(current) };
    return { accepted: true, ...this.step(next, actions, now) };
  }

  describe(stored: StoredSnapshot): Position {
    return this.position(this.restore(stored));
  }

  /** Whether the event names something a duty officer may send (as opposed to a task completion or a timer). */
  isDeclaredEvent(type: string): boolean {
    return this.declaredEvents.has(type);
  }

  private restore(stored: StoredSnapshot): AnyMachineSnapshot {
    return this.machine.resolveState({ value: stored.value, context: { tasks: stored.context.tasks, effects: [] } });
  }

  private step(next: AnyMachineSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>, now: Date): Step {
    if (next.status === 'error') throw new EngineError(`playbook ${this.playbook.key}: ${String(next.error)}`);
    const context = next.context as IncidentContext;
    const effects: Effect[] = context.effects.map((e) => this.toEffect(e, now));
    for (const a of actions) {
      const p = (a.params ?? {}) as Record<string, unknown>;
      // Delayed transitions come back as delayed raises; they become durable timer rows, not in-process timeouts.
      if (a.type === 'xstate.raise' && typeof p.delay === 'number') {
        effects.push({
          type: 'timer.start',
          key: String(p.id),
          event: p.event as { type: string },
          fireAt: new Date(now.getTime() + p.delay).toISOString(),
        });
      } else if (a.type === 'xstate.cancel') {
        effects.push({ type: 'timer.cancel', key: String(p.sendId) });
      }
    }
    const snapshot: StoredSnapshot = { value: next.value, context: { tasks: context.tasks } };
    return { snapshot, effects, ...this.position(next) };
  }

  private toEffect(e: MachineEffect, now: Date): Effect {
    switch (e.type) {
      case 'raiseTask': {
        const due = isoDurationToMs(this.template(e.template).due) ?? 0;
        return { type: 'task.raise', template: e.template, level: e.level, dueAt: new Date(now.getTime() + due).toISOString() };
      }
      case 'cancelTasks':
        return { type: 'task.cancel', templates: e.templates, reason: e.reason };
      case 'notify':
        return { type: 'notify', party: e.party, message: e.message };
    }
  }

  private position(s: AnyMachineSnapshot): Position {
    const paths = leafPaths(s.value);
    const candidates = new Set<string>();
    for (const node of s._nodes) for (const type of node.ownEvents) candidates.add(type);
    const allowedEvents = [...candidates]
      .filter((type) => type !== TASK_COMPLETED && !type.startsWith('xstate.') && s.can({ type }))
      .sort();
    return { level: paths[0].split('.')[0], state: paths.join(','), allowedEvents };
  }
}

function leafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [prefix + k] : leafPaths(v as StateValue, `${prefix}${k}.`)));
}
