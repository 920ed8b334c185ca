// Reads the Mermaid state diagram the service draws for a playbook (GET /playbooks/:key/diagram) into
// states and transitions, so the console can name steps in both languages, highlight where an incident is,
// tell which event leads to which level, and say which tasks a step waits on. No drawing library needed.
import type { Text } from '../api/types';

export interface DiagramState {
  id: string;
  title: Text;
  parent: string | null;
  final: boolean;
  children: string[];
  /** Events handled here without leaving (the service draws them as a note, not as a loop). */
  stays: string[];
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** The event name; 'when' for an automatic move, 'after …' for a delay. */
  event: string;
  guard: string | null;
  /** Task templates that must be done first (a tasksDone guard). */
  tasks: string[];
}

export interface Diagram {
  source: string;
  states: Map<string, DiagramState>;
  roots: string[];
  edges: DiagramEdge[];
}

function splitTitle(label: string): Text {
  const i = label.indexOf(' / ');
  return i < 0 ? { vi: label, en: label } : { vi: label.slice(0, i), en: label.slice(i + 3) };
}

export function parseDiagram(source: string): Diagram {
  const states = new Map<string, DiagramState>();
  const roots: string[] = [];
  const edges: DiagramEdge[] = [];
  const stack: string[] = [];
  const ensure = (id: string) => {
    let s = states.get(id);
    if (!s) {
      const parent = stack[stack.length - 1] ?? null;
      s = { id, title: { vi: id, en: id }, parent, final: false, children: [], stays: [] };
      states.set(id, s);
      if (parent) states.get(parent)?.children.push(id);
      else roots.push(id);
    }
    return s;
  };
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('%%') || line.startsWith('stateDiagram') || line === '--') continue;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^state "(.*)" as (\S+)$/))) ensure(m[2]).title = splitTitle(m[1]);
    else if ((m = line.match(/^state (\S+) \{$/))) {
      ensure(m[1]);
      stack.push(m[1]);
    } else if (line === '}') stack.pop();
    else if ((m = line.match(/^(\S+) --> \[\*\]$/))) ensure(m[1]).final = true;
    else if ((m = line.match(/^note right of (\S+) : handled here without leaving: (.*)$/))) {
      // Event names (UPPER_CASE) and delays start the items; a guard's own commas are lower-case names.
      ensure(m[1]).stays.push(...[...m[2].matchAll(/(?:^|, )([A-Z][A-Z0-9_]*|after P\S+)/g)].map((x) => x[1]));
    } else if (line.startsWith('note ')) continue;
    else if ((m = line.match(/^(\S+) --> (\S+)(?: : (.*))?$/)) && m[1] !== '[*]') {
      const label = m[3] ?? '';
      const g = label.match(/^(.*?)(?: \[(.*)\])?$/);
      const guard = g?.[2] ?? null;
      const tasks = guard?.startsWith('tasksDone:') ? guard.slice('tasksDone:'.length).split(',').map((s) => s.trim()).filter(Boolean) : [];
      edges.push({ from: m[1], to: m[2], event: (g?.[1] ?? label).trim(), guard, tasks });
    }
  }
  return { source, states, roots, edges };
}

/** The diagram's id of an incident's state path ('confirmed_case.step1_notify' → 'confirmed_case__step1_notify'). */
export const stateId = (state: string) => state.replace(/\./g, '__');

/** The state and each state above it, innermost first. */
export function chain(d: Diagram, id: string): string[] {
  const out: string[] = [];
  for (let s = d.states.get(id); s; s = s.parent ? d.states.get(s.parent) : undefined) out.push(s.id);
  return out;
}

export const levelOf = (d: Diagram, id: string) => chain(d, id).at(-1) ?? id;

/** Where `event` leads from the incident's current state: the target state, or null. */
export function targetOf(d: Diagram, current: string, event: string): string | null {
  for (const id of chain(d, stateId(current))) {
    const e = d.edges.find((x) => x.from === id && x.event === event);
    if (e) return e.to;
  }
  return null;
}

/** The most serious level: the last declared level that is not an end state. */
export function topLevel(d: Diagram, levelIds: string[]): string | null {
  const open = levelIds.filter((l) => !d.states.get(l)?.final);
  return open.at(-1) ?? null;
}

/** The automatic moves that wait on this task template being done: what completing it unblocks. */
export function gatesOf(d: Diagram, template: string): DiagramEdge[] {
  return d.edges.filter((e) => e.tasks.includes(template));
}
