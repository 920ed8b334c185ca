import type { AnyStateNode } from 'xstate';
import { IncidentMachine, type StoredSnapshot } from '../engine/incident-machine.js';
import { TASK_COMPLETED, RECUR } from '../machine/incident-context.js';
import type { Playbook, StateConfig } from './playbook.js';
import type { PlaybookIssue } from './check-playbook.js';
import { collectReferences, transitionsOf } from './references.js';
import { PartialGates } from './partial-gates.js';
import { instanceOf, templateOf } from '../task-instances.js';
import { conditionTemplates, isCondition, sampleData, type Condition } from '../guards.js';

const LIMIT = 20_000;
const NOW = new Date('2026-01-05T01:00:00Z');

interface Node {
  snapshot: StoredSnapshot;
  timers: Record<string, { type: string }>;
}

/**
 * What tells two states of the walk apart. `state` is the sorted leaf paths (parallel regions come back in
 * whatever key order a transition left them: the same state would be walked once per order). Only the
 * tasks that gate something change what can happen next, so only they count, in a fixed order (`gating`
 * sorted) so that no list is built and sorted per state.
 */
function keyOf(state: string, n: Node, gating: string[], gatingSet: ReadonlySet<string>, hasKeyed: boolean): string {
  const tasks = n.snapshot.context.tasks;
  // One letter per gating template, in a fixed order: o(pen), d(one), c(ancelled), or - (never raised).
  let key = `${state}|`;
  for (const t of gating) key += tasks[t] ? tasks[t].status[0] : '-';
  // Keyed instances ("search[p7]"): few, so sorting them is cheap.
  const keyed = gatingSet.size && hasKeyed ? Object.keys(tasks).filter((k) => k.includes('[') && gatingSet.has(templateOf(k))) : [];
  if (keyed.length) key += `|${keyed.sort().map((k) => `${k}:${tasks[k].status}`).join(';')}`;
  const series = Object.keys(n.snapshot.context.series ?? {});
  const timers = Object.keys(n.timers);
  return `${key}|${series.length ? series.sort().join(',') : ''}|${timers.length ? timers.sort().join(',') : ''}`;
}

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, `${prefix}${k}.`));
}

function statePath(dotted: string): (string | number)[] {
  return ['machine', ...dotted.split('.').flatMap((k) => ['states', k])];
}

/**
 * Walks every state an incident on this playbook can reach, sending every declared event, completing
 * every open task and firing every pending timer, and reports what a playbook author needs to know:
 * states nothing reaches, levels that cannot be left, states with no way out, templates and events
 * nothing uses, gates waiting on tasks nothing raises.
 */
export function explorePlaybook(playbook: Playbook, stats?: { states: number }): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const machine = new IncidentMachine(playbook);
  const events = playbook.events.map((e) => e.type);
  const gating = new Set(gates(playbook.machine.states, ['machine', 'states']).flatMap(([, t]) => t));
  const gatingOrder = [...gating].sort();
  const hasKeyed = playbook.tasks.some((t) => t.keyedBy !== undefined);
  // An event with declared data is tried with data that takes each branch of the conditions on it.
  const eventSamples = new Map(
    playbook.events.filter((e) => e.data).map((e) => [e.type, sampleData(e.data!, conditionsOn(playbook, e.type), NOW).map((data) => ({ type: e.type, data }))]),
  );

  const partialGates = new PartialGates(playbook.machine.states);
  const seen = new Map<string, Node>();
  const reachedPaths = new Set<string>();
  const leaves = new Map<string, Set<string>>(); // level → levels reachable in one event
  const stuck = new Set<string>();
  const raised = new Set<string>();
  const queue: Node[] = [];
  const start = machine.open(NOW);
  /** `state`: the sorted leaf paths, when the engine already worked them out. */
  const push = (n: Node, state = leafPaths(n.snapshot.value).sort().join(',')) => {
    // An ended incident takes no event: what it knew of its tasks cannot tell two ends apart.
    const top = state.split('.')[0].split(',')[0];
    const k = machine.machine.root.states[top]?.type === 'final' ? `final:${top}` : keyOf(state, n, gatingOrder, gating, hasKeyed);
    if (!seen.has(k) && seen.size < LIMIT) {
      seen.set(k, n);
      queue.push(n);
    }
  };
  const timersAfter = (timers: Node['timers'], effects: typeof start.effects) => {
    const next = { ...timers };
    for (const e of effects) {
      if (e.type === 'timer.start') next[e.key] = e.event;
      if (e.type === 'timer.cancel') delete next[e.key];
      if (e.type === 'task.raise') raised.add(e.template);
    }
    return next;
  };
  push({ snapshot: start.snapshot, timers: timersAfter({}, start.effects) });

  while (queue.length) {
    const node = queue.shift()!;
    const paths = leafPaths(node.snapshot.value).sort();
    const here = { level: paths[0].split('.')[0], state: paths.join(',') };
    for (const p of leafPaths(node.snapshot.value)) {
      const parts = p.split('.');
      for (let i = 1; i <= parts.length; i++) reachedPaths.add(parts.slice(0, i).join('.'));
    }
    const tries: { type: string; template?: string; instance?: string; timer?: string; data?: Record<string, unknown> }[] = [
      ...events.flatMap((type) => eventSamples.get(type) ?? [{ type }]),
      ...Object.entries(node.snapshot.context.tasks)
        .filter(([id, m]) => m.status === 'open' && gating.has(templateOf(id)))
        .map(([id]) => ({ type: TASK_COMPLETED, template: templateOf(id), instance: instanceOf(id) })),
      // Recurring duties only raise more of the same task: leave them out so the walk ends.
      ...Object.entries(node.timers).filter(([, e]) => e.type !== RECUR).map(([timer, e]) => ({ ...e, timer })),
    ];
    let moved = false;
    const raisedNext = new Set<string>();
    const outcomes = machine.tryEach(node.snapshot, tries, NOW);
    for (const [i, event] of tries.entries()) {
      const out = outcomes[i];
      if (!out) continue;
      for (const e of out.effects) if (e.type === 'task.raise') raisedNext.add(e.template);
      const timers = timersAfter(node.timers, out.effects);
      if (event.timer) delete timers[event.timer];
      if (out.level !== here.level) (leaves.get(here.level) ?? leaves.set(here.level, new Set()).get(here.level)!).add(out.level);
      if (event.type === TASK_COMPLETED || event.timer || out.state !== here.state) moved = true;
      push({ snapshot: out.snapshot, timers }, out.state);
    }
    if (!moved && !isFinal(machine.machine.root, node.snapshot.value)) stuck.add(here.state);
    partialGates.visit(leafPaths(node.snapshot.value), node.snapshot, raisedNext);
  }

  if (stats) stats.states = seen.size;
  if (seen.size >= LIMIT) issues.push({ path: ['machine'], message: `more than ${LIMIT} distinct states: the walk stopped early, results are partial` });

  // Every state in the file is reached from the initial level.
  const walk = (states: Record<string, StateConfig>, prefix: string) => {
    for (const [k, s] of Object.entries(states)) {
      const dotted = prefix ? `${prefix}.${k}` : k;
      if (!reachedPaths.has(dotted)) issues.push({ path: statePath(dotted), message: `unreachable: no sequence of events from "${playbook.machine.initial}" leads here` });
      if (s.states) walk(s.states, dotted);
    }
  };
  walk(playbook.machine.states, '');

  for (const [level, s] of Object.entries(playbook.machine.states)) {
    if ((s as { type?: string }).type === 'final' || !reachedPaths.has(level)) continue;
    if (!leaves.get(level)?.size) issues.push({ path: statePath(level), message: 'this level cannot be left: no event or completed task leads to another level' });
  }
  for (const state of stuck) issues.push({ path: statePath(state.split(',')[0]), message: `no way out of ${state}: no event, task or timer moves it, and it is not final` });

  const { templates: used, events: usedEvents } = collectReferences(playbook);
  playbook.tasks.forEach((t, i) => {
    if (!used.has(t.key)) issues.push({ path: ['tasks', i], message: `task template "${t.key}" is never raised` });
  });
  playbook.events.forEach((e, i) => {
    if (!usedEvents.has(e.type) && playbook.expires?.event !== e.type) issues.push({ path: ['events', i], message: `event "${e.type}" is declared but no state handles it` });
  });
  for (const [path, templates] of gates(playbook.machine.states, ['machine', 'states'])) {
    for (const t of templates) if (!raised.has(t)) issues.push({ path, message: `gate waits for "${t}" to be done, but no reachable state raises it` });
  }
  issues.push(...partialGates.issues(raised));
  return issues;
}

function isFinal(root: AnyStateNode, value: unknown): boolean {
  return leafPaths(value).every((p) => {
    let node: AnyStateNode | undefined = root;
    for (const k of p.split('.')) node = node?.states[k];
    return node?.type === 'final';
  });
}

function gates(states: Record<string, StateConfig>, path: (string | number)[]): [(string | number)[], string[]][] {
  const out: [(string | number)[], string[]][] = [];
  for (const [k, s] of Object.entries(states)) {
    const here = [...path, k];
    const all = [s.always, ...Object.values((s.on as Record<string, unknown>) ?? {})];
    for (const t of all) {
      for (const tr of transitionsOf(t)) {
        const g = tr.guard as { type?: string; params?: { templates?: string[] } } | undefined;
        if (g?.type === 'tasksDone' && g.params?.templates) out.push([here, g.params.templates]);
        if (isCondition(g) && conditionTemplates(g).length) out.push([here, conditionTemplates(g)]);
      }
    }
    if (s.states) out.push(...gates(s.states, [...here, 'states']));
  }
  return out;
}

/** The condition guards on the transitions of one event, wherever in the machine it is handled. */
function conditionsOn(playbook: Playbook, type: string): Condition[] {
  const out: Condition[] = [];
  const visit = (s: StateConfig) => {
    for (const tr of transitionsOf((s.on as Record<string, unknown> | undefined)?.[type])) if (isCondition(tr.guard)) out.push(tr.guard);
    for (const child of Object.values(s.states ?? {})) visit(child);
  };
  visit(playbook.machine as unknown as StateConfig);
  return out;
}
