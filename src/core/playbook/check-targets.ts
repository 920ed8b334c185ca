import type { IssuePath, PlaybookIssue } from './check-playbook.js';
import type { Playbook, StateConfig } from './playbook.js';

interface Node {
  config: StateConfig;
  parent: Node | null;
  path: string[];
}

/**
 * Every transition target resolved the way XState resolves it, before XState does: a plain name is a
 * sibling of the state the transition leaves ("a.b" goes down from there), ".x" a child of that state,
 * "#<playbook key>.a.b" a path from the top. A target that names nothing is reported at the target
 * itself, with the names that would fit, instead of XState's "Child state … does not exist" at the
 * parent state.
 */
export function checkTargetNames(p: Playbook): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const root: Node = { config: p.machine as unknown as StateConfig, parent: null, path: [] };
  const visit = (node: Node, at: IssuePath) => {
    const s = node.config;
    for (const [event, t] of Object.entries((s.on as Record<string, unknown>) ?? {})) checkTransitions(t, [...at, 'on', event], node, p.key, issues);
    if (s.always !== undefined) checkTransitions(s.always, [...at, 'always'], node, p.key, issues);
    for (const [delay, t] of Object.entries((s.after as Record<string, unknown>) ?? {})) checkTransitions(t, [...at, 'after', delay], node, p.key, issues);
    for (const [k, child] of Object.entries(s.states ?? {})) visit({ config: child, parent: node, path: [...node.path, k] }, [...at, 'states', k]);
  };
  visit(root, ['machine']);
  return issues;
}

function checkTransitions(t: unknown, at: IssuePath, from: Node, key: string, issues: PlaybookIssue[]): void {
  const list = Array.isArray(t) ? t : [t];
  list.forEach((x, i) => {
    const here = Array.isArray(t) ? [...at, i] : at;
    const target = typeof x === 'string' ? x : x && typeof x === 'object' ? (x as { target?: unknown }).target : undefined;
    if (typeof target !== 'string') return;
    const problem = resolve(target, from, key);
    if (problem) issues.push({ path: typeof x === 'string' ? here : [...here, 'target'], message: problem });
  });
}

/** Null when `target` names a state from `from`; otherwise what is wrong, in the planner's words. */
function resolve(target: string, from: Node, key: string): string | null {
  let base: Node | null;
  let parts: string[];
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    if (id !== key) return `unknown target "${target}": a target starting with # names the playbook key ("#${key}.level.step")`;
    base = root(from);
    parts = rest;
  } else if (target.startsWith('.')) {
    base = from;
    parts = target.slice(1).split('.');
  } else {
    base = from.parent;
    parts = target.split('.');
    if (!base) return `unknown target "${target}": a transition on the whole machine names a level with a dot (".${target}") or as "#${key}.${target}"`;
  }
  let node: StateConfig = base.config;
  for (const [i, part] of parts.entries()) {
    const children = node.states ?? {};
    if (!(part in children)) {
      const names = Object.keys(children);
      const where = i === 0 ? (target.startsWith('.') ? `inside "${from.path.join('.')}"` : target.startsWith('#') ? 'at the top' : `beside "${from.path.at(-1)}"`) : `inside "${parts.slice(0, i).join('.')}"`;
      return `unknown target "${target}": no state "${part}" ${where}; expected one of ${names.join(', ') || '(no states there)'}`;
    }
    node = children[part];
  }
  return null;
}

function root(n: Node): Node {
  return n.parent ? root(n.parent) : n;
}
