import type { Playbook, StateConfig } from './playbook.js';

type RaiseAction = { type: 'raiseTask' | 'raiseTasks'; params?: { template?: string; templates?: string[] } };

/** The raiseTask / raiseTasks actions in a list of actions as written (a name, an object or a list). */
export function raiseActions(a: unknown): RaiseAction[] {
  const list = Array.isArray(a) ? a : a === undefined ? [] : [a];
  return list
    .map((x) => (typeof x === 'string' ? { type: x } : x) as RaiseAction)
    .filter((x) => x && ['raiseTask', 'raiseTasks'].includes(x.type));
}

/** The templates a list of actions raises. */
function actionTemplates(a: unknown): string[] {
  return raiseActions(a).flatMap(({ params: p }) => [...(p?.template ? [p.template] : []), ...(p?.templates ?? [])]);
}

/** A transition as written (a target string, an object or a list of either) as its objects. */
export function transitionsOf(t: unknown): { actions?: unknown; guard?: unknown }[] {
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x) => x && typeof x === 'object') as { actions?: unknown; guard?: unknown }[];
}

function collect(s: StateConfig, templates: Set<string>, events: Set<string>): void {
  for (const k of ['entry', 'exit'] as const) for (const t of actionTemplates(s[k])) templates.add(t);
  for (const [type, t] of Object.entries((s.on as Record<string, unknown>) ?? {})) {
    events.add(type);
    for (const tr of transitionsOf(t)) for (const x of actionTemplates(tr.actions)) templates.add(x);
  }
  for (const t of [s.always, ...Object.values((s.after as Record<string, unknown>) ?? {})]) for (const tr of transitionsOf(t)) for (const x of actionTemplates(tr.actions)) templates.add(x);
  for (const child of Object.values(s.states ?? {})) collect(child, templates, events);
}

/** The task templates the machine raises somewhere and the events some state handles. */
export function collectReferences(playbook: Pick<Playbook, 'machine'>): { templates: Set<string>; events: Set<string> } {
  const templates = new Set<string>();
  const events = new Set<string>();
  collect(playbook.machine as unknown as StateConfig, templates, events);
  return { templates, events };
}
