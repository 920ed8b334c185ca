import type { EventData, EventField } from './playbook/event-data.js';
import { fitsField } from './playbook/event-data.js';
import type { TaskMark } from './machine/incident-context.js';
import { templateStatus } from './task-instances.js';

/**
 * Conditions a transition may be guarded by, written as YAML objects (never a string language, never
 * eval):
 *   { tasksDone: [a, b] }             every listed task done
 *   { atLeast: 3, of: [a, b, c, d] }  at least that many of them done
 *   { noneOpen: [a] }                 no task from them is open (none raised counts: "every search ended")
 *   { data: waterLevelCm, gte: 350 }  a comparison on the event's declared data
 *   { all: [..] }, { any: [..] }, { not: {..} }
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { tasksDone: string[] }
  | { atLeast: number; of: string[] }
  | { noneOpen: string[] }
  | ({ data: string } & Partial<Record<Operator, unknown>>);

export const OPERATORS = ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];
const ORDERING: Operator[] = ['gt', 'gte', 'lt', 'lte'];
const FORMS = 'all, any, not, tasksDone, atLeast (with of), noneOpen or data (with one of equals, notEquals, gt, gte, lt, lte, in)';

/** A guard written as a condition (an object without `type`), as opposed to a named guard. */
export function isCondition(g: unknown): g is Condition {
  return typeof g === 'object' && g !== null && !Array.isArray(g) && !('type' in g);
}

export interface Facts {
  tasks: Record<string, TaskMark>;
  /** Undefined when the event is only asked about (which events are allowed now?), not sent. */
  data?: Record<string, unknown>;
}

/**
 * True, false, or undefined when it depends on data not given yet: "is this event allowed now?" asks
 * without data, and an event whose answer depends on its data is allowed (its data then decides).
 */
export function evaluate(c: Condition, facts: Facts): boolean | undefined {
  if ('all' in c) {
    const rs = c.all.map((x) => evaluate(x, facts));
    return rs.includes(false) ? false : rs.includes(undefined) ? undefined : true;
  }
  if ('any' in c) {
    const rs = c.any.map((x) => evaluate(x, facts));
    return rs.includes(true) ? true : rs.includes(undefined) ? undefined : false;
  }
  if ('not' in c) {
    const r = evaluate(c.not, facts);
    return r === undefined ? undefined : !r;
  }
  const done = (t: string) => templateStatus(facts.tasks, t) === 'done';
  if ('tasksDone' in c) return c.tasksDone.every(done);
  if ('atLeast' in c) return c.of.filter(done).length >= c.atLeast;
  if ('noneOpen' in c) return c.noneOpen.every((t) => templateStatus(facts.tasks, t) !== 'open');
  if (facts.data === undefined) return undefined;
  return compare(c, facts.data[c.data]);
}

function compare(c: { data: string } & Partial<Record<Operator, unknown>>, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if ('equals' in c) return v === c.equals;
  if ('notEquals' in c) return v !== c.notEquals;
  if ('in' in c) return (c.in as unknown[]).includes(v);
  if (typeof v !== 'number') return false;
  if ('gt' in c) return v > (c.gt as number);
  if ('gte' in c) return v >= (c.gte as number);
  if ('lt' in c) return v < (c.lt as number);
  return v <= (c.lte as number);
}

export interface ConditionIssue {
  path: (string | number)[];
  message: string;
}

/**
 * What is wrong with a condition as written. `fields` is the data of the event the transition handles,
 * or null where there is no event data (always, after, a transition handling several events).
 */
export function conditionIssues(c: unknown, path: (string | number)[], templates: Set<string>, fields: { event: string; data?: EventData } | null): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const at = (p: (string | number)[], message: string) => issues.push({ path: [...path, ...p], message });
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return [{ path, message: `expected a condition: ${FORMS}` }];
  const o = c as Record<string, unknown>;
  const keys = Object.keys(o);
  const knownTemplates = (list: unknown, p: (string | number)[]) => {
    if (!Array.isArray(list) || list.length === 0) return at(p, 'expected a list of task templates');
    list.forEach((t, i) => {
      if (!templates.has(String(t))) at([...p, i], `unknown task template "${String(t)}"`);
    });
  };
  const only = (...allowed: string[]) => {
    for (const k of keys) if (!allowed.includes(k)) at([k], `unexpected "${k}" beside ${allowed[0]}`);
  };
  if ('all' in o || 'any' in o) {
    const k = 'all' in o ? 'all' : 'any';
    only(k);
    const list = o[k];
    if (!Array.isArray(list) || list.length === 0) at([k], 'expected a non-empty list of conditions');
    else list.forEach((x, i) => issues.push(...conditionIssues(x, [...path, k, i], templates, fields)));
  } else if ('not' in o) {
    only('not');
    issues.push(...conditionIssues(o.not, [...path, 'not'], templates, fields));
  } else if ('tasksDone' in o) {
    only('tasksDone');
    knownTemplates(o.tasksDone, ['tasksDone']);
  } else if ('noneOpen' in o) {
    only('noneOpen');
    knownTemplates(o.noneOpen, ['noneOpen']);
  } else if ('atLeast' in o) {
    only('atLeast', 'of');
    knownTemplates(o.of, ['of']);
    const n = o.atLeast;
    const of = Array.isArray(o.of) ? o.of.length : 0;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) at(['atLeast'], 'expected a whole number of tasks, at least 1');
    else if (of && n > of) at(['atLeast'], `${n} of ${of} tasks can never be done`);
  } else if ('data' in o) {
    issues.push(...comparisonIssues(o, path, fields));
  } else {
    at([], `expected a condition: ${FORMS}`);
  }
  return issues;
}

function comparisonIssues(o: Record<string, unknown>, path: (string | number)[], fields: { event: string; data?: EventData } | null): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const at = (p: (string | number)[], message: string) => issues.push({ path: [...path, ...p], message });
  const ops = Object.keys(o).filter((k) => k !== 'data');
  for (const k of ops) if (!(OPERATORS as readonly string[]).includes(k)) at([k], `unknown comparison "${k}"; expected one of ${OPERATORS.join(', ')}`);
  const known = ops.filter((k) => (OPERATORS as readonly string[]).includes(k)) as Operator[];
  if (known.length !== 1 || ops.length !== 1) {
    if (!issues.length) at([], `expected exactly one comparison beside data: one of ${OPERATORS.join(', ')}`);
    return issues;
  }
  if (!fields) return [{ path: [...path, 'data'], message: 'event data can only be tested on a transition of one event (under `on`), not in always or after' }];
  const name = String(o.data);
  const field: EventField | undefined = fields.data?.[name];
  if (!field) {
    const declared = Object.keys(fields.data ?? {});
    return [{ path: [...path, 'data'], message: `event ${fields.event} declares no data field "${name}"; ${declared.length ? `expected one of ${declared.join(', ')}` : 'declare it under the event\'s data'}` }];
  }
  const op = known[0];
  const value = o[op];
  if (field.type === 'timestamp') at([op], 'a timestamp field cannot be compared in a guard');
  else if (ORDERING.includes(op)) {
    if (field.type !== 'number') at([op], `${op} compares numbers; "${name}" is a ${field.type}`);
    else if (typeof value !== 'number') at([op], 'expected a number');
  } else if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) at([op], 'expected a non-empty list of values');
    else value.forEach((v, i) => fitsField(field, v) || at([op, i], `${JSON.stringify(v)} is not a ${describe(field)}`));
  } else if (!fitsField(field, value)) at([op], `${JSON.stringify(value)} is not a ${describe(field)}`);
  return issues;
}

function describe(f: EventField): string {
  return f.type === 'enum' ? `value of ${f.values!.join(', ')}` : f.type;
}

/** The task templates a condition waits on (for the checker's "gate waits on a task nothing raises"). */
export function conditionTemplates(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionTemplates);
  if ('any' in c) return c.any.flatMap(conditionTemplates);
  if ('not' in c) return conditionTemplates(c.not);
  if ('tasksDone' in c) return c.tasksDone;
  if ('atLeast' in c) return c.of;
  if ('noneOpen' in c) return c.noneOpen;
  return [];
}

/** The named guard XState runs for a condition: `{ all: [...] }` becomes `{ type: 'condition', params: { when } }`. */
export function asNamedGuard(g: unknown): unknown {
  return isCondition(g) ? { type: 'condition', params: { when: g } } : g;
}

/** A machine config (or state) with every condition guard turned into the named guard `condition`. */
export function withConditions<T>(node: T): T {
  const s = { ...(node as Record<string, unknown>) };
  const transitions = (t: unknown): unknown => {
    if (Array.isArray(t)) return t.map(transitions);
    if (t && typeof t === 'object' && 'guard' in t) return { ...t, guard: asNamedGuard((t as { guard: unknown }).guard) };
    return t;
  };
  for (const k of ['on', 'after'] as const) {
    const map = s[k] as Record<string, unknown> | undefined;
    if (map) s[k] = Object.fromEntries(Object.entries(map).map(([e, t]) => [e, transitions(t)]));
  }
  if (s.always !== undefined) s.always = transitions(s.always);
  const states = s.states as Record<string, unknown> | undefined;
  if (states) s.states = Object.fromEntries(Object.entries(states).map(([k, child]) => [k, withConditions(child)]));
  return s as T;
}

/**
 * Data that takes each branch of the conditions on an event, for the checker's walk: for every
 * comparison on the event's data, one value that passes it and one that does not, over a base where
 * every required field holds a plain value.
 */
export function sampleData(fields: EventData, conditions: Condition[], now: Date): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(fields)) if (f.required) base[name] = plain(f, now);
  const out: Record<string, unknown>[] = [base];
  const visit = (c: Condition) => {
    if ('all' in c) return c.all.forEach(visit);
    if ('any' in c) return c.any.forEach(visit);
    if ('not' in c) return visit(c.not);
    if (!('data' in c)) return;
    const f = fields[c.data];
    if (!f) return;
    for (const v of around(c, f)) out.push({ ...base, [c.data]: v });
  };
  conditions.forEach(visit);
  // Comparisons under `all` hold together only when each field takes its passing value at once.
  for (const c of conditions) {
    for (const want of [true, false]) {
      const solved = solve(c, want, fields);
      if (solved) out.push({ ...base, ...solved });
    }
  }
  return out;
}

/** Data on which `c` comes out as `want` (fields it does not test left out), or null when none is found. */
function solve(c: Condition, want: boolean, fields: EventData): Record<string, unknown> | null {
  const merge = (parts: (Record<string, unknown> | null)[]) => {
    const out: Record<string, unknown> = {};
    for (const p of parts) {
      if (!p) return null;
      for (const [k, v] of Object.entries(p)) {
        if (k in out && out[k] !== v) return null;
        out[k] = v;
      }
    }
    return out;
  };
  const first = (list: Condition[], w: boolean) => list.map((x) => solve(x, w, fields)).find((x) => x) ?? null;
  if ('all' in c) return want ? merge(c.all.map((x) => solve(x, true, fields))) : first(c.all, false);
  if ('any' in c) return want ? first(c.any, true) : merge(c.any.map((x) => solve(x, false, fields)));
  if ('not' in c) return solve(c.not, !want, fields);
  if (!('data' in c)) return {};
  const f = fields[c.data];
  if (!f) return null;
  const v = around(c, f).find((x) => compare(c, x) === want);
  return v === undefined ? null : { [c.data]: v };
}

function plain(f: EventField, now: Date): unknown {
  return { number: 0, string: '-', boolean: false, enum: f.values?.[0], timestamp: now.toISOString() }[f.type];
}

function around(c: { data: string } & Partial<Record<Operator, unknown>>, f: EventField): unknown[] {
  const op = OPERATORS.find((k) => k in c)!;
  const v = c[op];
  if (op === 'in') return [...(v as unknown[]), ...(f.values ?? []).filter((x) => !(v as unknown[]).includes(x))];
  if (typeof v === 'number') return [v - 1, v, v + 1];
  if (typeof v === 'boolean') return [true, false];
  return [v, ...(f.values ?? []).filter((x) => x !== v), ...(f.type === 'string' ? [`${String(v)}-`] : [])];
}
