import { z } from 'zod';
import { cronProblem, intervalPattern } from '../recurrence-rules.js';
import type { PlaybookIssue } from './check-playbook.js';
import type { Playbook } from './playbook.js';

/**
 * A task template's `recurs`: exactly one of `at` (local times), `every` (an interval on the local
 * clock, optionally `between` two local times) or `cron` (a 5-field pattern); `weekdays` with `at` or
 * `every`; `byLevel` another such rule for the levels where the frequency differs.
 */
const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time such as 16:30');
const weekdays = z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1);

const ruleShape = {
  at: z.array(wallClock).min(1).optional(),
  every: z
    .string()
    .refine((s) => intervalPattern(s) !== null, 'expected an interval that divides an hour or a day (PT5M, PT10M, PT15M, PT20M, PT30M, PT1H, PT2H, PT3H, PT4H, PT6H, PT8H, PT12H): occurrences fall on the local clock')
    .optional(),
  between: z.tuple([wallClock, wallClock]).optional(),
  cron: z
    .string()
    .superRefine((s, ctx) => {
      const problem = cronProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: `not a cron pattern: ${problem}` });
    })
    .optional(),
  /** Only on these days of the week (default: every day). */
  weekdays: weekdays.optional(),
};

type Rule = { at?: string[]; every?: string; between?: [string, string]; cron?: string; weekdays?: string[] };
function refineRule(r: Rule, ctx: z.RefinementCtx): void {
  const kinds = (['at', 'every', 'cron'] as const).filter((k) => r[k] !== undefined);
  if (kinds.length !== 1) ctx.addIssue({ code: 'custom', message: `give exactly one of at, every or cron${kinds.length ? ` (not ${kinds.join(' and ')})` : ''}` });
  if (r.between && !r.every) ctx.addIssue({ code: 'custom', path: ['between'], message: 'between goes with every' });
  if (r.between && r.between[0] >= r.between[1]) ctx.addIssue({ code: 'custom', path: ['between'], message: 'the window must start before it ends (both local times, the same day)' });
  if (r.weekdays && r.cron) ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'a cron pattern names its days itself (its fifth field)' });
}

const rule = z.strictObject(ruleShape).superRefine(refineRule);
export const recurrenceSchema = z.strictObject({ ...ruleShape, byLevel: z.record(z.string(), rule).optional() }).superRefine(refineRule);

/** `byLevel` names levels of this playbook (top-level states). */
export function checkRecurrences(p: Playbook): PlaybookIssue[] {
  const levels = Object.keys(p.machine.states);
  const issues: PlaybookIssue[] = [];
  p.tasks.forEach((t, i) => {
    if (t.due === undefined && !t.recurs) issues.push({ path: ['tasks', i, 'due'], message: 'a task that does not recur needs a due time' });
    for (const level of Object.keys(t.recurs?.byLevel ?? {})) {
      if (!levels.includes(level)) issues.push({ path: ['tasks', i, 'recurs', 'byLevel', level], message: `unknown level "${level}"; expected one of ${levels.join(', ')}` });
    }
  });
  return issues;
}
