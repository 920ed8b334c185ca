import { z } from 'zod';
import { bilingual } from './bilingual.js';
import type { Text } from '../text.js';
import type { Playbook, StateConfig, TaskTemplate } from './playbook.js';
import { raiseActions } from './references.js';

/**
 * Levels and phases (issue 11, points 1, 2, 8, 9). A playbook may say which of its top-level states are
 * risk levels, lowest first, and which are phases of the response (recovery, closed). The order is what
 * tells rising (entered from below) from returning (come back down from a higher level).
 */
const key = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case key (a-z, 0-9, _ or -)');

/** `levels:` and `phases:` at the top of a playbook. */
export const levelsFields = {
  levels: z
    .strictObject({
      /** The risk levels, lowest first. */
      order: z.array(key).min(1),
      /** Reaching a level from below also raises the measures of the levels jumped over that were never raised. */
      cumulative: z.boolean().optional(),
    })
    .optional(),
  /** Top-level states that are stages of the response, not risk levels. */
  phases: z.array(key).optional(),
};

/** A template's life: when it is raised, whether leaving its step retires it, whether it outlives its level. */
export const lifecycleFields = {
  raise: z.enum(['on-entry', 'once', 'always']).optional(),
  retire: z.enum(['on-exit']).optional(),
  survive: z.enum(['lowering']).optional(),
};

/** `announce:` on a level: messages sent when the level is reached from below, never when returned to. */
export const announceField = z.array(z.strictObject({ party: key, message: bilingual })).min(1).optional();

export type RaiseMode = 'on-entry' | 'once' | 'always';
export type Direction = 'rising' | 'returning';
export interface Announcement {
  party: string;
  message: Text;
}

export interface Stage {
  id: string;
  title: Text;
  kind: 'level' | 'phase';
  /** Position among the levels, 0 for the lowest; -1 for a phase (it is on no level's scale, so it ranks below every level). */
  rank: number;
}

/** The declared levels, lowest first; without `levels:`, every top-level state is a level in file order. */
export function levelOrder(p: Pick<Playbook, 'machine' | 'levels'>): string[] {
  return p.levels?.order ?? Object.keys(p.machine.states);
}

/** Every top-level state, as a level or a phase, levels first (lowest first) then phases. */
export function stagesOf(p: Pick<Playbook, 'machine' | 'levels'>): Stage[] {
  const order = levelOrder(p);
  const title = (id: string): Text => p.machine.states[id]?.meta?.title ?? { vi: id, en: id };
  const phases = Object.keys(p.machine.states).filter((id) => !order.includes(id));
  return [
    ...order.map((id, rank) => ({ id, title: title(id), kind: 'level' as const, rank })),
    ...phases.map((id) => ({ id, title: title(id), kind: 'phase' as const, rank: -1 })),
  ];
}

/**
 * Which way an incident moves when it enters `to` from `from` (undefined when it opens). Coming from a
 * phase (recovery back to a level) or re-entering the same level is rising: the level starts anew.
 */
export function direction(order: string[], from: string | undefined, to: string): Direction {
  const a = from === undefined ? -1 : order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return 'rising';
  return b < a ? 'returning' : 'rising';
}

/** The levels jumped over when rising from `from` to `to` (lowest first): their measures are owed too. */
export function skippedLevels(order: string[], from: string | undefined, to: string): string[] {
  const b = order.indexOf(to);
  if (b < 0) return [];
  const a = from === undefined ? -1 : order.indexOf(from);
  // From outside the levels (opening, or back from a phase) nothing was in force below.
  if (from !== undefined && a < 0) return order.slice(0, b);
  return a < b ? order.slice(a + 1, b) : [];
}

/** The templates a level's own `entry` raises: its measures, for cumulative levels. */
export function measuresOf(state: StateConfig | undefined): string[] {
  return raiseActions(state?.entry).flatMap(({ params: p }) => [...(p?.template ? [p.template] : []), ...(p?.templates ?? [])]);
}

/**
 * Whether a template is raised now. `on-entry` (the default) raises it each time its state is entered,
 * except that a level returned to from above never raises again what was already raised in the incident;
 * `once` never raises it twice in an incident; `always` raises it on every entry, returning too (a duty such
 * as "announce the current level"). An open task always carries over (build-machine.ts). Without
 * `levels:` no entry is a return, which is the behaviour of playbooks written before levels were declared.
 */
export function raisesNow(mode: RaiseMode | undefined, dir: Direction | undefined, alreadyRaised: boolean): boolean {
  if (!alreadyRaised || mode === 'always') return true;
  if (mode === 'once') return false;
  return dir !== 'returning';
}

/**
 * The level a task raised by a transition belongs to: the level the transition leads to. `source` is the
 * level holding the transition (undefined for the machine's own `on`); a target within the level, or no
 * target, stays there (undefined: the level the incident is at when the event comes).
 */
export function targetLevel(target: unknown, source: string | undefined, machineId: string, topLevel: ReadonlySet<string>, atLevelItself: boolean): string | undefined {
  if (typeof target !== 'string' || target === '') return source;
  if (target.startsWith('#')) {
    const [id, first] = target.slice(1).split('.');
    return id === machineId && first && topLevel.has(first) ? first : source;
  }
  // A bare target names a sibling: a level when written on a level itself or on the machine, a step otherwise.
  if (source === undefined || atLevelItself) {
    const first = target.replace(/^\./, '').split('.')[0];
    if (target.startsWith('.') && source !== undefined) return source;
    return topLevel.has(first) ? first : source;
  }
  return source;
}

/** Templates with `retire: on-exit` that a state's own entry raises: leaving the state cancels them. */
export function retiredOnExit(state: StateConfig, templates: ReadonlyMap<string, TaskTemplate>): string[] {
  return measuresOf(state).filter((t) => templates.get(t)?.retire === 'on-exit');
}

export const RETIRED_REASON: Text = { vi: 'Bước đã kết thúc', en: 'The step was left' };
export const LEVEL_LEFT_REASON: Text = { vi: 'Đã rời cấp độ', en: 'The level was left' };
