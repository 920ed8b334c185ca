import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { ACTION_PARAMS, GUARD_PARAMS, type ActionType, type GuardType } from '../machine/vocabulary.js';
import { RESERVED_EVENTS } from '../machine/incident-context.js';
import { conditionIssues, isCondition } from '../guards.js';
import { ACCESS_ROLES, roleChain, type Playbook, type StateConfig } from './playbook.js';
import { checkLevels } from './check-levels.js';
import { checkRecurrences } from './recurrence-schema.js';
import { checkDataDues } from '../due-from-data.js';
import { checkKinds } from './task-kinds.js';
import { checkKeyedTemplates, keyedRaiseIssues } from './check-instances.js';
import { chainSteps } from '../escalation-chain.js';
import { messageTemplateProblems } from '../message-template.js';

export type IssuePath = (string | number)[];
export interface PlaybookIssue {
  path: IssuePath;
  message: string;
}

/** Cross-reference checks that a schema cannot express: every name used must exist, every param must fit. */
export function checkReferences(p: Playbook): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const roles = new Set(p.roles.map((r) => r.key));
  const parties = new Set(p.parties.map((x) => x.key));
  const templates = new Set(p.tasks.map((t) => t.key));
  const events = new Set(p.events.map((e) => e.type));
  const levels = new Set(Object.keys(p.machine.states));

  dupes(p.roles.map((r) => r.key), ['roles'], 'role', issues);
  dupes(p.parties.map((x) => x.key), ['parties'], 'party', issues);
  dupes(p.tasks.map((t) => t.key), ['tasks'], 'task template', issues);
  dupes(p.events.map((e) => e.type), ['events'], 'event', issues);

  p.roles.forEach((r, i) => {
    if ((ACCESS_ROLES as readonly string[]).includes(r.key)) issues.push({ path: ['roles', i, 'key'], message: `"${r.key}" is an access role of the engine and cannot be a playbook role` });
    if (r.reportsTo === undefined) return;
    if (!roles.has(r.reportsTo)) issues.push({ path: ['roles', i, 'reportsTo'], message: `unknown role "${r.reportsTo}"; expected one of ${list(roles)}` });
    else if (roleChain(p, r.key).length !== chainLength(p, r.key)) issues.push({ path: ['roles', i, 'reportsTo'], message: `role "${r.key}" reports to itself through ${roleChain(p, r.key).join(' → ')}` });
  });
  for (const [k, chain] of Object.entries(p.escalations)) {
    (chain.steps ?? []).forEach((step, i) => {
      if ('role' in step && !roles.has(step.role)) issues.push({ path: ['escalations', k, 'steps', i, 'role'], message: `unknown role "${step.role}"; expected one of ${list(roles)}` });
      if ('party' in step && !parties.has(step.party)) issues.push({ path: ['escalations', k, 'steps', i, 'party'], message: `unknown party "${step.party}"; expected one of ${list(parties)}` });
    });
  }
  p.tasks.forEach((t, i) => {
    if (t.escalation !== undefined && !(t.escalation in p.escalations)) {
      issues.push({ path: ['tasks', i, 'escalation'], message: `unknown escalation chain "${t.escalation}"; expected one of ${Object.keys(p.escalations).join(', ') || '(none declared under escalations)'}` });
    }
    if (!roles.has(t.role)) issues.push({ path: ['tasks', i, 'role'], message: `unknown role "${t.role}"; expected one of ${list(roles)}` });
    else if (t.escalation !== undefined && t.escalation in p.escalations && chainSteps(p, t).length === 0) {
      issues.push({ path: ['tasks', i, 'escalation'], message: `chain "${t.escalation}" gives this task no step: role "${t.role}" reports to nobody and the chain lists no steps` });
    }
  });
  p.events.forEach((e, i) => {
    if ((RESERVED_EVENTS as readonly string[]).includes(e.type)) {
      issues.push({ path: ['events', i, 'type'], message: `"${e.type}" is sent by the engine itself and cannot be declared` });
    }
  });
  if (p.expires && !events.has(p.expires.event)) {
    issues.push({ path: ['expires', 'event'], message: `event "${p.expires.event}" is not declared under events` });
  }
  // The machine's own `on` may raise tasks too: they belong to the level the incident is at (levels.ts).
  issues.push(...checkLevels(p));
  issues.push(...checkRecurrences(p));
  issues.push(...checkDataDues(p));
  issues.push(...checkKinds(p));
  issues.push(...checkKeyedTemplates(p));
  if (!levels.has(p.machine.initial)) {
    issues.push({ path: ['machine', 'initial'], message: `unknown level "${p.machine.initial}"; expected one of ${list(levels)}` });
  }

  // A message's `{{data.x}}` must be a field of the event that sends it; from an entry, exit or timer any event may have led there.
  const anyData = new Set(p.events.flatMap((e) => Object.keys(e.data ?? {})));
  const dataOf = (event: string | null) => (event === null ? anyData : new Set(Object.keys(p.events.find((e) => e.type === event)?.data ?? {})));
  const checkAction = (a: unknown, path: IssuePath, event: string | null) => {
    const ref = typeof a === 'string' ? { type: a, params: undefined } : (a as { type: string; params?: unknown });
    if (!(ref.type in ACTION_PARAMS)) {
      issues.push({ path: typeof a === 'string' ? path : [...path, 'type'], message: `unknown action "${ref.type}"; expected one of ${Object.keys(ACTION_PARAMS).join(', ')}` });
      return;
    }
    const parsed = ACTION_PARAMS[ref.type as ActionType].safeParse(ref.params ?? {});
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ path: [...path, 'params', ...(i.path as IssuePath)], message: i.message });
      return;
    }
    const params = parsed.data as Record<string, unknown>;
    const refTemplates = [params.template, ...((params.templates as string[]) ?? [])].filter(Boolean) as string[];
    for (const t of refTemplates) if (!templates.has(t)) issues.push({ path: [...path, 'params'], message: `unknown task template "${t}"` });
    if (ref.type === 'raiseTask' || ref.type === 'raiseTasks') issues.push(...keyedRaiseIssues(p, refTemplates, event, [...path, 'params']));
    for (const l of (params.levels as string[]) ?? []) if (!levels.has(l)) issues.push({ path: [...path, 'params', 'levels'], message: `unknown level "${l}"; expected one of ${list(levels)}` });
    if (params.party !== undefined && !parties.has(params.party as string)) {
      issues.push({ path: [...path, 'params', 'party'], message: `unknown party "${params.party}"; expected one of ${list(parties)}` });
    }
    if (ref.type === 'notify') issues.push(...messageIssues(params.message as { vi: string; en: string }, [...path, 'params', 'message'], dataOf(event)));
  };
  const checkActions = (a: unknown, path: IssuePath, event: string | null = null) => {
    if (Array.isArray(a)) a.forEach((x, i) => checkAction(x, [...path, i], event));
    else if (a !== undefined) checkAction(a, path, event);
  };
  const checkGuard = (g: unknown, path: IssuePath, event: string | null) => {
    if (isCondition(g)) {
      const def = event === null ? null : p.events.find((e) => e.type === event);
      issues.push(...conditionIssues(g, path, templates, def ? { event: def.type, data: def.data } : null));
      return;
    }
    const ref = typeof g === 'string' ? { type: g, params: undefined } : (g as { type: string; params?: unknown });
    if (!(ref.type in GUARD_PARAMS)) {
      issues.push({ path, message: `unknown guard "${ref.type}"; expected one of ${Object.keys(GUARD_PARAMS).join(', ')}` });
      return;
    }
    const parsed = GUARD_PARAMS[ref.type as GuardType].safeParse(ref.params ?? {});
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ path: [...path, 'params', ...(i.path as IssuePath)], message: i.message });
      return;
    }
    for (const t of (parsed.data as { templates?: string[] }).templates ?? []) {
      if (!templates.has(t)) issues.push({ path: [...path, 'params', 'templates'], message: `unknown task template "${t}"` });
    }
  };
  const checkTransitions = (t: unknown, path: IssuePath, event: string | null = null) => {
    const list = Array.isArray(t) ? t : [t];
    list.forEach((x, i) => {
      if (typeof x !== 'object' || x === null) return;
      const at = Array.isArray(t) ? [...path, i] : path;
      const obj = x as { guard?: unknown; actions?: unknown };
      if (obj.guard !== undefined) checkGuard(obj.guard, [...at, 'guard'], event);
      checkActions(obj.actions, [...at, 'actions'], event);
    });
  };
  const checkOn = (on: Record<string, unknown> | undefined, path: IssuePath) => {
    for (const [type, t] of Object.entries(on ?? {})) {
      if (!events.has(type)) issues.push({ path: [...path, type], message: `event "${type}" is not declared under events` });
      checkTransitions(t, [...path, type], type);
    }
  };
  const walk = (s: StateConfig, path: IssuePath) => {
    checkActions(s.entry, [...path, 'entry']);
    checkActions(s.exit, [...path, 'exit']);
    checkOn(s.on as Record<string, unknown> | undefined, [...path, 'on']);
    if (s.always !== undefined) checkTransitions(s.always, [...path, 'always']);
    for (const [d, t] of Object.entries((s.after as Record<string, unknown>) ?? {})) checkTransitions(t, [...path, 'after', d]);
    if (s.states && !s.initial && (s as { type?: string }).type !== 'parallel') {
      issues.push({ path: [...path, 'initial'], message: 'a state with steps needs an initial step' });
    } else if (s.states && s.initial && !(s.initial in s.states)) {
      issues.push({ path: [...path, 'initial'], message: `unknown step "${s.initial}"; expected one of ${Object.keys(s.states).join(', ')}` });
    }
    (s as { announce?: { message: { vi: string; en: string } }[] }).announce?.forEach((a, i) => issues.push(...messageIssues(a.message, [...path, 'announce', i, 'message'], anyData)));
    for (const [k, child] of Object.entries(s.states ?? {})) walk(child, [...path, 'states', k]);
  };
  checkOn(p.machine.on as Record<string, unknown> | undefined, ['machine', 'on']);
  for (const [level, s] of Object.entries(p.machine.states)) {
    if (!s.meta?.title) issues.push({ path: ['machine', 'states', level, 'meta', 'title'], message: 'a level needs a bilingual title {vi, en}' });
    walk(s, ['machine', 'states', level]);
  }
  return issues;
}

/** Resolves every transition target of a built machine; XState reports a bad target only when it is first used. */
export function checkTargets(machine: AnyStateMachine): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const visit = (node: AnyStateNode, path: IssuePath) => {
    try {
      void node.on;
      void node.always;
      void node.after;
    } catch (e) {
      issues.push(machineIssue(e as Error, path));
    }
    for (const [k, child] of Object.entries(node.states)) visit(child, [...path, 'states', k]);
  };
  visit(machine.root, ['machine']);
  return issues;
}

function messageIssues(message: { vi: string; en: string }, path: IssuePath, dataFields: Set<string>): PlaybookIssue[] {
  return (['vi', 'en'] as const).flatMap((lang) => messageTemplateProblems(message[lang], dataFields).map((m) => ({ path: [...path, lang], message: m })));
}

function dupes(keys: string[], path: IssuePath, what: string, issues: PlaybookIssue[]) {
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (seen.has(k)) issues.push({ path: [...path, i], message: `duplicate ${what} "${k}"` });
    seen.add(k);
  });
}

function list(s: Set<string>): string {
  return [...s].join(', ') || '(none)';
}

/** Turns an XState configuration error into an issue at the state it names ("state node 'pb.level.step'"). */
export function machineIssue(e: Error, fallback: IssuePath = ['machine']): PlaybookIssue {
  const message = e.message.replace(/\s*\n\s*/g, ' ');
  const id = /state node '([^']+)'/.exec(message)?.[1];
  const path: IssuePath = id ? ['machine', ...id.split('.').slice(1).flatMap((k) => ['states', k])] : fallback;
  return { path, message };
}

/** Length of the reportsTo walk before it ends or revisits a role (a cycle makes it longer than the chain). */
function chainLength(p: Playbook, role: string): number {
  const byKey = new Map(p.roles.map((r) => [r.key, r]));
  let n = 0;
  for (let cur: string | undefined = role; cur && n <= p.roles.length; cur = byKey.get(cur)?.reportsTo) n++;
  return n;
}
