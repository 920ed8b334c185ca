import type { Text } from '../text.js';
import type { Playbook, StateConfig, TaskTemplate } from '../playbook/playbook.js';
import { LEVEL_LEFT_REASON, RETIRED_REASON, direction, levelOrder, measuresOf, retiredOnExit, skippedLevels, type Announcement } from '../playbook/levels.js';
import type { IncidentContext } from './incident-context.js';

type Params = Record<string, unknown>;
type Raise = (context: IncidentContext, templates: string[], level: string) => Partial<IncidentContext>;

/**
 * The engine's own level bookkeeping (issue 11): every level's entry first records which way the incident
 * came (`enterLevel`), announces a level reached from below, and, in a playbook that declares its levels,
 * leaving a level ends the recurring series it started. The builder wraps them in `assign` and adds them to
 * the states; a playbook never writes them.
 */
export function levelActions(playbook: Playbook, raise: Raise) {
  const order = levelOrder(playbook);
  const measures = new Map(order.map((l) => [l, measuresOf(playbook.machine.states[l])]));
  const templates = new Map(playbook.tasks.map((t) => [t.key, t]));
  return {
    enterLevel(context: IncidentContext, p: Params): Partial<IncidentContext> {
      const level = p.level as string;
      // Only a declared order of levels tells a return from a rise; before `levels:` every entry was a rise.
      const dir = playbook.levels ? direction(order, context.level, level) : 'rising';
      let next: Partial<IncidentContext> = { level, direction: dir };
      if (dir === 'rising' && playbook.levels?.cumulative) {
        // Measures of the levels jumped over that were never raised: raised now, each in its own level.
        let ctx: IncidentContext = { ...context, level, direction: dir };
        for (const skipped of skippedLevels(order, context.level, level)) {
          const owed = (measures.get(skipped) ?? []).filter((t) => !(t in ctx.tasks));
          if (owed.length) ctx = { ...ctx, ...raise(ctx, owed, skipped) };
        }
        next = { ...next, tasks: ctx.tasks, series: ctx.series, effects: ctx.effects };
      }
      return next;
    },
    endLevelSeries(context: IncidentContext, p: Params): Partial<IncidentContext> {
      const level = p.level as string;
      const stopped = Object.entries(context.series).filter(([, s]) => s.level === level).map(([t]) => t);
      if (stopped.length === 0) return {};
      const series = { ...context.series };
      for (const t of stopped) delete series[t];
      // The open occurrences go with the series, unless the template survives lowering (a report still owed).
      const cancelled = stopped.filter((t) => templates.get(t)?.survive !== 'lowering');
      const tasks = { ...context.tasks };
      for (const t of cancelled) if (tasks[t]?.status === 'open') tasks[t] = { ...tasks[t], status: 'cancelled' };
      return { tasks, series, effects: [...context.effects, { type: 'cancelTasks' as const, templates: cancelled, stoppedSeries: stopped, reason: p.reason as Text }] };
    },
    announce(context: IncidentContext, p: Params): Partial<IncidentContext> {
      if (context.direction === 'returning') return {};
      const messages = p.messages as Announcement[];
      return { effects: [...context.effects, ...messages.map((m) => ({ type: 'notify' as const, party: m.party, message: m.message }))] };
    },
  };
}

/**
 * Adds the engine's level actions to the states: `enterLevel` first on each top-level state's entry, then
 * its announcements; `retire: on-exit` templates cancelled on leaving the state that raised them; and
 * (when `levels:` is declared) the level's recurring series ended on leaving it.
 */
export function withLevelActions(playbook: Playbook, states: Record<string, StateConfig>): Record<string, StateConfig> {
  const templates = new Map(playbook.tasks.map((t) => [t.key, t]));
  return Object.fromEntries(
    Object.entries(states).map(([level, s]) => {
      const announce = (playbook.machine.states[level]?.announce as Announcement[] | undefined) ?? [];
      const entry = [
        { type: 'enterLevel', params: { level } },
        ...(announce.length ? [{ type: 'announce', params: { messages: announce } }] : []),
        ...asList(s.entry),
      ];
      const endSeries = playbook.levels ? [{ type: 'endLevelSeries', params: { level, reason: LEVEL_LEFT_REASON } }] : [];
      const withRetire = retire(s, templates);
      const { announce: _drop, ...rest } = withRetire;
      return [level, { ...rest, entry, exit: [...asList(withRetire.exit), ...endSeries] }];
    }),
  );
}

function retire(s: StateConfig, templates: ReadonlyMap<string, TaskTemplate>): StateConfig {
  const out: StateConfig = { ...s };
  const retired = retiredOnExit(s, templates);
  if (retired.length) out.exit = [...asList(s.exit), { type: 'cancelTasks', params: { templates: retired, reason: RETIRED_REASON } }];
  if (s.states) out.states = Object.fromEntries(Object.entries(s.states).map(([k, c]) => [k, retire(c, templates)]));
  return out;
}

function asList(a: unknown): unknown[] {
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
}
