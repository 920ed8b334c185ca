import { assign, setup, type AnyStateMachine } from 'xstate';
import type { Text } from '../text.js';
import { isoDurationToMs } from '../duration.js';
import type { Playbook, StateConfig } from '../playbook/playbook.js';
import { raisesNow, targetLevel, type RaiseMode } from '../playbook/levels.js';
import { levelActions, withLevelActions } from './level-actions.js';
import { evaluate, withConditions, type Condition } from '../guards.js';
import { RECUR, TASK_COMPLETED, type IncidentContext, type IncidentEvent, type MachineEffect, type TaskMark } from './incident-context.js';
import { instanceId, instanceKeyFrom, templateOf, templateStatus } from '../task-instances.js';

type Params = Record<string, unknown>;

type Modes = ReadonlyMap<string, RaiseMode | undefined>;

/** What `raise` needs to know of the playbook's templates. */
interface Book {
  recurring: Set<string>;
  modes: Modes;
  /** Templates keyed by a field of the raising event's data (task-instances.ts). */
  keyedBy: ReadonlyMap<string, string>;
}

function raise(context: IncidentContext, templates: string[], level: string, book: Book, data?: Record<string, unknown>): Partial<IncidentContext> {
  const tasks = { ...context.tasks };
  const series = { ...context.series };
  const effects: MachineEffect[] = [...context.effects];
  for (const template of templates) {
    const instance = instanceKeyFrom(book.keyedBy.get(template), data);
    const id = instanceId(template, instance);
    // An open task (or a running series) carries over when a level raises it again: never a duplicate.
    if (tasks[id]?.status === 'open' || series[template]) continue;
    // `raise:` (levels.ts): a level returned to from above, or a `once` template, does not repeat what was raised.
    if (!raisesNow(book.modes.get(template), context.direction, id in context.tasks)) continue;
    tasks[id] = { status: 'open', level };
    if (book.recurring.has(template)) series[template] = { level };
    // Stryker disable next-line ConditionalExpression: `instance: undefined` and no `instance` are the same to every reader (JSON drops it)
    effects.push({ type: 'raiseTask', template, level, ...(instance === undefined ? {} : { instance }) });
  }
  return { tasks, series, effects };
}

/** The single place where action and guard names from playbook files become behaviour. */
export function buildMachine(playbook: Playbook): AnyStateMachine {
  const topLevel = new Set(Object.keys(playbook.machine.states));
  const leadsTo = (target: unknown, level: string | undefined, atLevel: boolean) => targetLevel(target, level, playbook.key, topLevel, atLevel);
  const states = withLevelActions(
    playbook,
    Object.fromEntries(Object.entries(playbook.machine.states).map(([level, s]) => [level, withLevel(s, level, leadsTo, true)])),
  );
  const delays: Record<string, number> = {};
  collectDelays(playbook.machine.states, delays);
  const book: Book = {
    recurring: new Set(playbook.tasks.filter((t) => t.recurs).map((t) => t.key)),
    modes: new Map(playbook.tasks.map((t) => [t.key, t.raise])),
    keyedBy: new Map(playbook.tasks.flatMap((t) => (t.keyedBy ? [[t.key, t.keyedBy] as const] : []))),
  };
  const surviving = new Set(playbook.tasks.filter((t) => t.survive === 'lowering').map((t) => t.key));
  const levelBook = levelActions(playbook, (c, t, l) => raise(c, t, l, book));
  const config = {
    ...(playbook.machine as object),
    id: playbook.key,
    context: { tasks: {}, series: {}, effects: [] },
    // Completing a task is an event to the machine, so `always` transitions guarded by tasksDone advance steps.
    on: {
      ...(stampOn(playbook.machine.on, undefined, leadsTo, true) as object | undefined),
      [TASK_COMPLETED]: { actions: 'markTaskDone' },
      [RECUR]: { actions: 'raiseOccurrence' },
    },
    states,
  };

  // Not written as one `setup(…).createMachine(…) as AnyStateMachine` expression: Stryker skips everything
  // inside a type assertion, so the actions and guards below would never be mutated (MUTATION.md).
  const machine = setup({
    types: {} as { context: IncidentContext; events: IncidentEvent },
    actions: {
      // No level stamped (a handler on the machine itself, without a target): the level the incident is at.
      raiseTask: assign(({ context, event }, p: Params) => raise(context, [p.template as string], (p.level as string | undefined) ?? context.level!, book, event.data)),
      raiseTasks: assign(({ context, event }, p: Params) => raise(context, p.templates as string[], (p.level as string | undefined) ?? context.level!, book, event.data)),
      enterLevel: assign(({ context }, p: Params) => levelBook.enterLevel(context, p)),
      endLevelSeries: assign(({ context }, p: Params) => levelBook.endLevelSeries(context, p)),
      announce: assign(({ context }, p: Params) => levelBook.announce(context, p)),
      raiseOccurrence: assign(({ context, event }) => {
        const running = event.template ? context.series[event.template] : undefined;
        // A timer that outlived its series (the level was left) raises nothing.
        if (!running) return {};
        return {
          tasks: { ...context.tasks, [event.template!]: { status: 'open' as const, level: running.level } },
          effects: [...context.effects, { type: 'raiseOccurrence', template: event.template!, level: running.level, scheduled: event.scheduled! }],
        };
      }),
      cancelTasks: assign(({ context }, p: Params) => {
        const levels = p.levels as string[] | undefined;
        const templates = p.templates as string[] | undefined;
        // A template that survives lowering is spared by a cancel of its level, not by one that names it.
        const hit = (template: string, level: string) =>
          Boolean((levels?.includes(level) && !surviving.has(template)) || templates?.includes(template));
        const tasks: Record<string, TaskMark> = { ...context.tasks };
        const cancelled: string[] = [];
        for (const [id, mark] of Object.entries(tasks)) {
          if (mark.status === 'open' && hit(templateOf(id), mark.level)) {
            tasks[id] = { ...mark, status: 'cancelled' };
            cancelled.push(id);
          }
        }
        // Leaving the level that started a recurring duty ends the series.
        const series = { ...context.series };
        const stoppedSeries = Object.entries(series).filter(([t, s]) => hit(t, s.level)).map(([t]) => t);
        for (const t of stoppedSeries) delete series[t];
        // The mark follows only the newest occurrence: when it is done, older occurrences may still be
        // open, and ending the series must cancel them too (the store cancels every open one).
        for (const t of stoppedSeries) if (!cancelled.includes(t)) cancelled.push(t);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: every ended series is in `cancelled`, and an empty cancel is dropped in toEffects (incident-machine.ts): no one sees the difference
        if (cancelled.length === 0 && stoppedSeries.length === 0) return {};
        return {
          tasks,
          series,
          effects: [...context.effects, { type: 'cancelTasks', templates: cancelled, stoppedSeries, reason: p.reason as Text }],
        };
      }),
      // An assign, because only a new context makes XState count the transition as taken (a plain function
      // action does not); what it assigns does not matter (recordOnly).
      // Stryker disable next-line ArrowFunction,ObjectLiteral: assign makes a new context whatever the function returns
      record: assign(() => ({})),
      notify: assign(({ context }, p: Params) => ({
        effects: [...context.effects, { type: 'notify', party: p.party as string, message: p.message as Text }],
      })),
      markTaskDone: assign(({ context, event }) => {
        const id = event.template ? instanceId(event.template, event.instance) : undefined;
        const mark = id ? context.tasks[id] : undefined;
        if (!mark || mark.status !== 'open') return {};
        return { tasks: { ...context.tasks, [id!]: { ...mark, status: 'done' as const } } };
      }),
    },
    guards: {
      tasksDone: ({ context }, p: Params) =>
        (p.templates as string[]).every((t) => templateStatus(context.tasks, t) === 'done'),
      // A condition written in the playbook (guards.ts); one that waits on data not given yet counts as possible.
      condition: ({ context, event }, p: Params) => evaluate(p.when as Condition, { tasks: context.tasks, data: event.data }) !== false,
    },
    delays,
  }).createMachine(withConditions(config) as never);
  return machine as unknown as AnyStateMachine;
}

type LeadsTo = (target: unknown, level: string | undefined, atLevel: boolean) => string | undefined;

/**
 * Stamps the level into every raise action beneath it, so each task knows where it belongs: the level
 * holding the action, or for a transition the level it leads to (a task raised on the way up belongs up).
 */
function withLevel(node: StateConfig, level: string, leadsTo: LeadsTo, atLevel: boolean): StateConfig {
  const out: StateConfig = { ...node };
  for (const key of ['entry', 'exit'] as const) if (out[key] !== undefined) out[key] = stampActions(out[key], level);
  // Stryker disable next-line ConditionalExpression: stamping no `on` or `after` gives `undefined`, which XState reads as none
  for (const key of ['on', 'after'] as const) if (out[key]) out[key] = stampOn(out[key], level, leadsTo, atLevel);
  // Stryker disable next-line ConditionalExpression: stamping no `always` gives `always: undefined`, which XState reads as none
  if (out.always !== undefined) out.always = stampTransitions(out.always, level, leadsTo, atLevel);
  if (node.states) {
    out.states = Object.fromEntries(Object.entries(node.states).map(([k, s]) => [k, withLevel(s, level, leadsTo, false)]));
  }
  return out;
}

function stampOn(map: unknown, level: string | undefined, leadsTo: LeadsTo, atLevel: boolean): unknown {
  if (!map) return map;
  return Object.fromEntries(Object.entries(map as Record<string, unknown>).map(([k, t]) => [k, stampTransitions(recordOnly(t), level, leadsTo, atLevel)]));
}

/**
 * `READING: {}`: the event is accepted and kept on the timeline, and nothing moves. XState treats a
 * transition without target or actions as not taken (the same snapshot, `can` false), so it gets the
 * engine's `record` action. Only under `on` and `after`: in `always` it would loop.
 */
function recordOnly(t: unknown): unknown {
  if (Array.isArray(t)) return t.map(recordOnly);
  if (t && typeof t === 'object' && !('target' in t) && !('actions' in t)) return { ...t, actions: [{ type: 'record' }] };
  return t;
}

function stampTransitions(t: unknown, level: string | undefined, leadsTo: LeadsTo, atLevel: boolean): unknown {
  if (Array.isArray(t)) return t.map((x) => stampTransitions(x, level, leadsTo, atLevel));
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a target written as a string has no `actions`, so it comes back unchanged either way
  if (t && typeof t === 'object') {
    const obj = t as Record<string, unknown>;
    return obj.actions === undefined ? obj : { ...obj, actions: stampActions(obj.actions, leadsTo(obj.target, level, atLevel)) };
  }
  return t;
}

function stampActions(actions: unknown, level: string | undefined): unknown {
  // Stryker disable next-line ConditionalExpression: an undefined level stamped is no level, and raiseTask falls back to the incident's level either way
  if (level === undefined) return actions;
  const list = Array.isArray(actions) ? actions : [actions];
  return list.map((a) => {
    // Stryker disable next-line ConditionalExpression,StringLiteral: an action written by name has no params, and the checker refuses raiseTask/raiseTasks without theirs, so a name is never stamped
    const ref = typeof a === 'string' ? { type: a } : (a as { type: string; params?: Params });
    if (ref.type === 'raiseTask' || ref.type === 'raiseTasks') return { ...ref, params: { ...ref.params, level } };
    return a;
  });
}

function collectDelays(states: Record<string, StateConfig>, out: Record<string, number>): void {
  for (const s of Object.values(states)) {
    for (const key of Object.keys((s.after as object | undefined) ?? {})) {
      const ms = isoDurationToMs(key);
      // Stryker disable next-line ConditionalExpression: the schema admits only ISO 8601 durations as `after` keys, so ms is never null here
      if (ms !== null) out[key] = ms;
    }
    if (s.states) collectDelays(s.states, out);
  }
}
