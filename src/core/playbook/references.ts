import type { Playbook, StateConfig } from './playbook.js';

/** The templates a list of actions raises (raiseTask / raiseTasks). */
function actionTemplates(a: unknown): string[] {
  const list = Array.isArray(a) ? a : a === undefined ? [] : [a];
  return list.flatMap((x) => {
    const p = (x as { params?: { template?: string; templates?: string[] } }).params;
    return [...(p?.template ? [p.template] : []), ...(p?.templates ?? [])].filter(() => ['raiseTask', 'raiseTasks'].includes((x as { type: string }).type));
  });
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
