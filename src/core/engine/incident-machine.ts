import { DateTime } from 'luxon';
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import { isoDurationToMs } from '../duration.js';
import { dueAt } from '../due.js';
import { dueFromData, isDataDue, type TemplateDue } from '../due-from-data.js';
import { catchUp, nextOccurrence, ruleAt } from '../recurrence.js';
import { buildMachine } from '../machine/build-machine.js';
import { RECUR, RESERVED_EVENTS, type IncidentContext, type IncidentEvent, type MachineEffect } from '../machine/incident-context.js';
import { levelsOf, type Level, type Playbook, type TaskTemplate } from '../playbook/playbook.js';
import type { Effect } from './effects.js';
import { templateOf } from '../task-instances.js';
import { leafPaths, mergeValues, topLevelOf } from './state-value.js';
import { Stepper } from './stepper.js';
import { chainSteps, type ChainStep } from '../escalation-chain.js';

/** The part of an incident's machine state that is stored; effects are never persisted. */
export interface StoredSnapshot {
  value: StateValue;
  context: Pick<IncidentContext, 'tasks'> & Partial<Pick<IncidentContext, 'series'>>;
}

/** Where the incident is: the unit's IANA time zone, for wall-clock due times and recurring duties. */
export interface Surroundings {
  zone: string;
}

export const DEFAULT_SURROUNDINGS: Surroundings = { zone: 'Asia/Ho_Chi_Minh' };

export interface EscalationStep {
  step: number;
  /** The role whose holders are told, or null for a step that tells an outside party. */
  role: string | null;
  party: string | null;
  /** When the following step fires, or null when this is the last. */
  nextAt: Date | null;
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
  private readonly chains = new Map<string, ChainStep[]>();
  private readonly stepper: Stepper;

  constructor(readonly playbook: Playbook) {
    this.machine = buildMachine(playbook);
    this.stepper = new Stepper(this.machine);
    this.levels = levelsOf(playbook);
    this.templates = new Map(playbook.tasks.map((t) => [t.key, t]));
    this.declaredEvents = new Set(playbook.events.map((e) => e.type));
  }

  /** The escalation steps of a template's tasks (escalation-chain.ts), worked out once per template. */
  private chain(template: string): ChainStep[] {
    let steps = this.chains.get(template);
    // Stryker disable next-line ConditionalExpression: working the chain out again every time gives the same steps (this only saves the work)
    if (!steps) this.chains.set(template, (steps = chainSteps(this.playbook, this.template(template))));
    return steps;
  }

  template(key: string): TaskTemplate {
    const t = this.templates.get(key);
    if (!t) throw new EngineError(`playbook ${this.playbook.key} has no task template "${key}"`);
    return t;
  }

  /** Opens an incident at the initial level, running its entry actions. */
  open(now: Date, env: Surroundings = DEFAULT_SURROUNDINGS): Step {
    const [next, actions] = this.stepper.initial();
    const step = this.step(next, actions, now, env);
    const end = this.expiresAt(env.zone);
    if (end) step.effects.push({ type: 'timer.start', key: 'expires', event: { type: this.playbook.expires!.event }, fireAt: end.toISOString() });
    return step;
  }

  /** When a directive with an end date stops being in force in `zone`: "until 15 Oct" ends when that local day does. */
  expiresAt(zone: string): Date | null {
    const expires = this.playbook.expires;
    return expires ? DateTime.fromISO(expires.on, { zone }).plus({ days: 1 }).toJSDate() : null;
  }

  apply(stored: StoredSnapshot, event: IncidentEvent, now: Date, env: Surroundings = DEFAULT_SURROUNDINGS): Outcome {
    const current = this.restore(stored);
    // An ended incident takes no event at all, a machine-wide handler's included: XState keeps the root's
    // `on` active in a top-level final state once the snapshot is restored from the database.
    if (this.ended(current)) return { accepted: false, ...this.position(current) };
    const [next, actions] = this.stepper.transition(current, event);
    // XState answers an event no active state handles with the very same snapshot object.
    if (next === current) return { accepted: false, ...this.position(current) };
    return { accepted: true, ...this.step(next, actions, now, env, event.data) };
  }

  /**
   * Each event applied to the same stored snapshot, for the checker's walk of every reachable state: the
   * snapshot is restored once, an event no active state handles is skipped without asking XState, and
   * the outcomes carry no `allowedEvents` (null for an event not accepted).
   */
  tryEach(stored: StoredSnapshot, events: IncidentEvent[], now: Date, env: Surroundings = DEFAULT_SURROUNDINGS): (Step | null)[] {
    const current = this.restore(stored);
    if (this.ended(current)) return events.map(() => null);
    const handled = new Set<string>();
    for (const node of current._nodes) for (const type of node.ownEvents) handled.add(type);
    return events.map((event) => {
      // Stryker disable next-line ConditionalExpression: XState would answer the same snapshot, and so null; this only saves asking
      if (!handled.has(event.type)) return null;
      const [next, actions] = this.stepper.transition(current, event);
      return next === current ? null : this.step(next, actions, now, env, event.data, false);
    });
  }

  /** Step `step` of the escalation of an overdue task from `template`, or null when there is no such step. */
  escalation(template: string, step: number, now: Date): EscalationStep | null {
    const steps = this.chain(template);
    if (step >= steps.length) return null;
    const following = steps[step + 1];
    const { role, party } = steps[step];
    return { step, role: role ?? null, party: party ?? null, nextAt: following ? new Date(now.getTime() + (isoDurationToMs(following.after) ?? 0)) : null };
  }

  /**
   * The snapshot of an incident moved onto this (newer) playbook version at `state` (a dotted path such
   * as `confirmed_case.step1_notify`), keeping what it knew of tasks that still exist; null when the
   * state does not exist in this version. No entry action runs: the move is a mapping, not a transition.
   */
  relocate(stored: StoredSnapshot, state: string): (Position & { snapshot: StoredSnapshot; droppedTemplates: string[] }) | null {
    // A state inside parallel regions is several paths, as `state` shows it: "a.r1.x,a.r2.y".
    let value: StateValue | undefined;
    for (const path of state.split(',')) {
      const parts = path.trim().split('.');
      let node = this.machine.root;
      for (const k of parts) {
        node = node.states[k];
        if (!node) return null;
      }
      const one = parts.slice(0, -1).reduceRight<StateValue>((inner, k) => ({ [k]: inner }), parts[parts.length - 1]);
      const merged: StateValue | null = value === undefined ? one : mergeValues(value, one);
      if (merged === null) return null;
      value = merged;
    }
    // Stryker disable next-line ConditionalExpression: split(',') yields at least one path, so value is set here; the check is for the type checker
    if (value === undefined) return null;
    const tasks = Object.fromEntries(Object.entries(stored.context.tasks).filter(([t]) => this.templates.has(templateOf(t))));
    const series = Object.fromEntries(Object.entries(stored.context.series ?? {}).filter(([t]) => this.templates.get(t)?.recurs));
    const droppedTemplates = Object.keys(stored.context.tasks).filter((t) => !this.templates.has(templateOf(t)));
    let resolved: AnyMachineSnapshot;
    try {
      // Stryker disable next-line ArrayDeclaration: only tasks and series of the resolved state are kept, never its effects
      resolved = this.machine.resolveState({ value, context: { tasks, series, effects: [] } });
    } catch {
      return null; // e.g. two steps of one (non-parallel) level at once
    }
    const snapshot: StoredSnapshot = { value: resolved.value, context: { tasks, series } };
    return { snapshot, droppedTemplates, ...this.position(resolved) };
  }

  describe(stored: StoredSnapshot): Position {
    return this.position(this.restore(stored));
  }

  /** Whether the event names something a duty officer may send (as opposed to a task completion or a timer). */
  isDeclaredEvent(type: string): boolean {
    return this.declaredEvents.has(type);
  }

  private restore(stored: StoredSnapshot): AnyMachineSnapshot {
    return this.machine.resolveState({
      value: stored.value,
      // The level is never stored: it is the top-level state, so rising and returning can be told (levels.ts).
      context: { tasks: stored.context.tasks, series: stored.context.series ?? {}, effects: [], level: topLevelOf(stored.value) },
    });
  }

  /** `data`: the data of the event being applied, for due times taken from it (due-from-data.ts). */
  private step(next: AnyMachineSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>, now: Date, env: Surroundings, data?: Record<string, unknown>, allowed = true): Step {
    // Stryker disable next-line ConditionalExpression,StringLiteral: XState 5's transition() throws an action's error rather than returning an error snapshot; kept in case that changes
    if (next.status === 'error') throw new EngineError(`playbook ${this.playbook.key}: ${String(next.error)}`);
    const context = next.context as IncidentContext;
    const effects: Effect[] = context.effects.flatMap((e) => this.toEffects(e, now, env, data));
    for (const a of actions) {
      const p = (a.params ?? {}) as Record<string, unknown>;
      // Delayed transitions come back as delayed raises; they become durable timer rows, not in-process timeouts.
      // (An immediate raise never comes back: transition() handles it within the step.)
      if (a.type === 'xstate.raise') {
        effects.push({
          type: 'timer.start',
          key: String(p.id),
          event: p.event as { type: string },
          fireAt: new Date(now.getTime() + (p.delay as number)).toISOString(),
        });
      }
      if (a.type === 'xstate.cancel') {
        effects.push({ type: 'timer.cancel', key: String(p.sendId) });
      }
    }
    const snapshot: StoredSnapshot = { value: next.value, context: { tasks: context.tasks, series: context.series } };
    return { snapshot, effects, ...this.position(next, allowed) };
  }

  private toEffects(e: MachineEffect, now: Date, env: Surroundings, data?: Record<string, unknown>): Effect[] {
    switch (e.type) {
      case 'raiseTask': {
        const t = this.template(e.template);
        if (!t.recurs) return [this.raise(e.template, e.level, this.dueOf(t.due!, now, env, data), { instance: e.instance })];
        // A recurring duty: the first occurrence now, and a timer that raises the next one when it falls due.
        const first = nextOccurrence(ruleAt(t.recurs, e.level), now, env.zone);
        return [this.raise(e.template, e.level, first, { occurrence: first }), this.recurTimer(e.template, first)];
      }
      case 'raiseOccurrence': {
        const t = this.template(e.template);
        const { missed, next } = catchUp(ruleAt(t.recurs!, e.level), new Date(e.scheduled), now, env.zone);
        return [
          ...(missed ? [this.raise(e.template, e.level, missed, { occurrence: missed, late: true })] : []),
          this.raise(e.template, e.level, next, { occurrence: next }),
          this.recurTimer(e.template, next),
        ];
      }
      case 'cancelTasks':
        return [
          ...(e.templates.length ? [{ type: 'task.cancel' as const, templates: e.templates, reason: e.reason }] : []),
          ...e.stoppedSeries.map((t) => ({ type: 'timer.cancel' as const, key: recurKey(t) })),
        ];
      case 'notify':
        return [{ type: 'notify', party: e.party, message: e.message }];
    }
  }

  private dueOf(due: TemplateDue, now: Date, env: Surroundings, data: Record<string, unknown> | undefined): Date {
    if (!isDataDue(due)) return dueAt(due, now, env.zone, this.playbook.immediately);
    return dueFromData(due, data) ?? dueAt(due.otherwise, now, env.zone, this.playbook.immediately);
  }

  private raise(template: string, level: string, due: Date, extra: { occurrence?: Date; late?: boolean; instance?: string } = {}): Effect {
    const first = this.chain(template)[0];
    return {
      type: 'task.raise',
      template,
      level,
      dueAt: due.toISOString(),
      ...(extra.occurrence ? { occurrence: extra.occurrence.toISOString() } : {}),
      ...(extra.late ? { late: true } : {}),
      // Stryker disable next-line ConditionalExpression: `instance: undefined` and no `instance` are the same to every reader (JSON drops it)
      ...(extra.instance === undefined ? {} : { instance: extra.instance }),
      ...(first ? { escalateAt: new Date(due.getTime() + (isoDurationToMs(first.after) ?? 0)).toISOString() } : {}),
    };
  }

  private recurTimer(template: string, at: Date): Effect {
    return { type: 'timer.start', key: recurKey(template), event: { type: RECUR, template, scheduled: at.toISOString() } as { type: string }, fireAt: at.toISOString() };
  }

  /** Whether the incident is in a top-level final state (closed, ended). */
  private ended(s: AnyMachineSnapshot): boolean {
    // Stryker disable next-line OptionalChaining: the top-level key of a snapshot XState resolved is always one of its states
    return this.machine.root.states[topLevelOf(s.value)]?.type === 'final';
  }

  /** `allowed` false: without the events allowed now (each costs a transition), for the checker's walk. */
  private position(s: AnyMachineSnapshot, allowed = true): Position {
    // Sorted: parallel regions come back from a JSONB snapshot in the database's key order, not the file's.
    const paths = leafPaths(s.value).sort();
    if (!allowed) return { level: paths[0].split('.')[0], state: paths.join(','), allowedEvents: [] };
    const candidates = new Set<string>();
    for (const node of s._nodes) for (const type of node.ownEvents) candidates.add(type);
    const allowedEvents = [...candidates]
      .filter(() => !this.ended(s))
      .filter((type) => !(RESERVED_EVENTS as readonly string[]).includes(type) && !type.startsWith('xstate.') && s.can({ type }))
      .sort();
    return { level: paths[0].split('.')[0], state: paths.join(','), allowedEvents };
  }
}

/** Timer key of a recurring duty's series: one per template per incident. */
export function recurKey(template: string): string {
  return `recur:${template}`;
}
