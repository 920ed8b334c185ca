import type { IssuePath, PlaybookIssue } from './check-playbook.js';
import { measuresOf } from './levels.js';
import type { Playbook, StateConfig } from './playbook.js';
import { raiseActions, transitionsOf } from './references.js';

/**
 * Misuse of the level constructs (levels.ts): `levels`/`phases` that name no top-level state or name one
 * twice, a top-level state that is neither, `announce` anywhere but on a level, and lifecycle settings that
 * cannot take effect. Each issue has the path of the offending entry, so the loader finds its line.
 */
export function checkLevels(p: Playbook): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const top = Object.keys(p.machine.states);
  const known = `expected one of ${top.join(', ')}`;
  const order = p.levels?.order ?? [];
  const phases = p.phases ?? [];
  const seen = new Set<string>();
  order.forEach((l, i) => {
    if (!top.includes(l)) issues.push({ path: ['levels', 'order', i], message: `unknown state "${l}" in the order of levels; ${known}` });
    else if (seen.has(l)) issues.push({ path: ['levels', 'order', i], message: `level "${l}" is listed twice` });
    seen.add(l);
  });
  phases.forEach((ph, i) => {
    if (!top.includes(ph)) issues.push({ path: ['phases', i], message: `unknown state "${ph}" as a phase; ${known}` });
    else if (seen.has(ph)) issues.push({ path: ['phases', i], message: `"${ph}" is ${order.includes(ph) ? 'a level and a phase' : 'listed twice'}` });
    seen.add(ph);
  });
  if (p.phases && !p.levels) issues.push({ path: ['phases'], message: 'phases are the top-level states that are not levels: declare `levels: { order: [...] }` too' });
  if (p.levels) {
    for (const s of top) {
      if (!seen.has(s)) issues.push({ path: ['machine', 'states', s], message: `"${s}" is neither a level nor a phase: add it to levels.order or to phases` });
    }
  }

  const isLevel = (s: string) => (p.levels ? order.includes(s) : true);
  const parties = new Set(p.parties.map((x) => x.key));
  const walk = (s: StateConfig, path: IssuePath, depth: number, name: string) => {
    const announce = s.announce as { party: string }[] | undefined;
    if (announce && depth > 0) issues.push({ path: [...path, 'announce'], message: 'announce belongs on a level (a top-level state), not on a step' });
    else if (announce && !isLevel(name)) issues.push({ path: [...path, 'announce'], message: `"${name}" is a phase: only a level is announced when reached from below` });
    announce?.forEach((a, i) => {
      if (!parties.has(a.party)) issues.push({ path: [...path, 'announce', i, 'party'], message: `unknown party "${a.party}"; expected one of ${[...parties].join(', ') || '(none)'}` });
    });
    for (const [k, c] of Object.entries(s.states ?? {})) walk(c, [...path, 'states', k], depth + 1, k);
  };
  for (const [k, s] of Object.entries(p.machine.states)) walk(s, ['machine', 'states', k], 0, k);

  // `retire: on-exit` retires what a state's entry raised; raised only by transitions, it would never be retired.
  const byEntry = new Set<string>();
  const collectEntry = (s: StateConfig) => {
    for (const t of measuresOf(s)) byEntry.add(t);
    for (const c of Object.values(s.states ?? {})) collectEntry(c);
  };
  for (const s of Object.values(p.machine.states)) collectEntry(s);
  p.tasks.forEach((t, i) => {
    if (t.retire === 'on-exit' && !byEntry.has(t.key) && raisedAnywhere(p, t.key)) {
      issues.push({ path: ['tasks', i, 'retire'], message: `"${t.key}" is raised only by transitions, never by a state's entry, so leaving a state never retires it` });
    }
  });
  return issues;
}

function raisedAnywhere(p: Playbook, template: string): boolean {
  let found = false;
  const has = (a: unknown) => raiseActions(a).some(({ params: x }) => x?.template === template || x?.templates?.includes(template));
  const visit = (s: StateConfig) => {
    const transitions = [...Object.values((s.on as Record<string, unknown>) ?? {}), s.always, ...Object.values((s.after as Record<string, unknown>) ?? {})];
    for (const t of transitions) for (const tr of transitionsOf(t)) if (has(tr.actions)) found = true;
    for (const c of Object.values(s.states ?? {})) visit(c);
  };
  visit(p.machine as unknown as StateConfig);
  return found;
}
