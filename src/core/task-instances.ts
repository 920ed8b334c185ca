import type { TaskMark, TaskStatus } from './machine/incident-context.js';

/**
 * Several tasks from one template in one incident (issue 11, point 4): a template with `keyedBy: personId`
 * is raised once per value of that field of the raising event's data (`PERSON_MISSING {personId: "p7"}`
 * raises "search_person[p7]"). The machine keeps one mark per instance under that id; a gate that names
 * the template waits for every instance raised so far.
 */
export function instanceId(template: string, key: string | undefined): string {
  return key === undefined ? template : `${template}[${key}]`;
}

/** The template of a mark's id ("search_person[p7]" → "search_person"); template keys never contain "[". */
export function templateOf(id: string): string {
  const at = id.indexOf('[');
  // Stryker disable next-line EqualityOperator: an id never starts with "[" (a template key starts with a letter)
  return at < 0 ? id : id.slice(0, at);
}

/** The instance key of a mark's id, or undefined for a template's only task. */
export function instanceOf(id: string): string | undefined {
  const at = id.indexOf('[');
  // Stryker disable next-line EqualityOperator: an id never starts with "[" (a template key starts with a letter)
  return at < 0 ? undefined : id.slice(at + 1, -1);
}

/**
 * The key of the instance an event raises: the field's value as text. Undefined when the data does not
 * carry it; the checker makes the field required on every event that raises a keyed template.
 */
export function instanceKeyFrom(keyedBy: string | undefined, data: Record<string, unknown> | undefined): string | undefined {
  // Stryker disable next-line ConditionalExpression: without it `data[undefined]` is undefined too; it says what an unkeyed template means
  if (keyedBy === undefined) return undefined;
  const v = data?.[keyedBy];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * Where a template stands, for gates: its own mark, or for a keyed template, open while any instance is
 * open, done when none is open and one is done, cancelled when every instance was cancelled.
 */
export function templateStatus(tasks: Record<string, TaskMark>, template: string): TaskStatus | undefined {
  const own = tasks[template];
  if (own) return own.status;
  const prefix = `${template}[`;
  let status: TaskStatus | undefined;
  for (const [id, mark] of Object.entries(tasks)) {
    if (!id.startsWith(prefix)) continue;
    if (mark.status === 'open') return 'open';
    if (mark.status === 'done' || status === undefined) status = mark.status;
  }
  return status;
}
