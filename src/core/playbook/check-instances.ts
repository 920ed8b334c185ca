import type { Playbook } from './playbook.js';
import type { IssuePath, PlaybookIssue } from './check-playbook.js';

const KEY_TYPES = ['string', 'number', 'enum'];

/** `keyedBy` names a field that some event declares, of a type that can key a task; a recurring duty is never keyed. */
export function checkKeyedTemplates(p: Playbook): PlaybookIssue[] {
  const keyFields = new Set(p.events.flatMap((e) => Object.entries(e.data ?? {}).filter(([, f]) => KEY_TYPES.includes(f.type)).map(([k]) => k)));
  const issues: PlaybookIssue[] = [];
  p.tasks.forEach((t, i) => {
    if (t.keyedBy === undefined) return;
    if (!keyFields.has(t.keyedBy)) {
      issues.push({
        path: ['tasks', i, 'keyedBy'],
        message: `no event declares a string, number or enum field "${t.keyedBy}"; ${keyFields.size ? `expected one of ${[...keyFields].join(', ')}` : "declare it under an event's data"}`,
      });
    }
    if (t.recurs) issues.push({ path: ['tasks', i, 'keyedBy'], message: 'a recurring duty runs once per incident and cannot be keyed; raise a keyed task from an event instead' });
  });
  return issues;
}

/**
 * A keyed template is raised only by an event that must carry its key: in `on.<EVENT>` of an event whose
 * data declares the field as required. From an entry, exit, `always` or timer there is no key to take.
 */
export function keyedRaiseIssues(p: Playbook, templates: string[], event: string | null, path: IssuePath): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  for (const key of templates) {
    const field = p.tasks.find((t) => t.key === key)?.keyedBy;
    if (field === undefined) continue;
    if (event === null) {
      issues.push({ path, message: `"${key}" is keyed by ${field}: raise it in an event handler (on: EVENT) whose data carries ${field}, not on entry, exit, always or after` });
      continue;
    }
    const f = p.events.find((e) => e.type === event)?.data?.[field];
    if (!f?.required) {
      issues.push({ path, message: `"${key}" is keyed by ${field}, so event ${event} must declare ${field} as a required field of its data` });
    }
  }
  return issues;
}
