import { z } from 'zod';
import { bilingual } from './bilingual.js';
import { isoDurationToMs } from '../duration.js';
import { isDueSpec } from '../due.js';
import { announceField, levelsFields, lifecycleFields } from './levels.js';
import { eventDataSchema, fieldName } from './event-data.js';
import { recurrenceSchema } from './recurrence-schema.js';
import { kindsSchema, refineKinds } from './task-kinds.js';
import { ASSIGN_MODES } from '../completion.js';

/** The shape of a playbook file. Cross-references (roles, templates, actions) are checked in check-playbook.ts. */
const key = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case key (a-z, 0-9, _ or -)');
const eventType = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an event name in UPPER_SNAKE_CASE');
const dueSpec = z
  .string()
  .refine(isDueSpec, 'expected an ISO 8601 duration (PT30M), a local time (14:00), "immediately" or a local date (2021-09-30, 2021-01-29T14:00)');
const isoDuration = z
  .string()
  .refine((s) => isoDurationToMs(s) !== null, 'expected an ISO 8601 duration such as PT30M or P1D');

const actionRef = z.union([z.string(), z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() })]);
const actions = z.union([actionRef, z.array(actionRef)]);
// A named guard, or a condition object (all/any/not/tasksDone/atLeast/data) that the checker reads (guards.ts).
const guardRef = z.union([
  z.string(),
  z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  z.record(z.string(), z.unknown()).refine((g) => !('type' in g), 'expected a named guard {type, params} or a condition'),
]);
const transitionObject = z.strictObject({
  target: z.string().optional(),
  guard: guardRef.optional(),
  actions: actions.optional(),
  description: z.string().optional(),
  reenter: z.boolean().optional(),
});
const transition = z.union([z.string(), transitionObject, z.array(z.union([z.string(), transitionObject]))]);

// A record's key schema would only say "Invalid key in record"; each key is checked here to say why.
const delays = z.record(z.string(), transition).superRefine((m, ctx) => {
  for (const k of Object.keys(m)) {
    if (isoDurationToMs(k) === null) ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" is not a delay: expected an ISO 8601 duration such as PT30M or P1D` });
  }
});

export interface StateNodeShape {
  type?: 'compound' | 'parallel' | 'final';
  initial?: string;
  meta?: { title?: { vi: string; en: string } };
  description?: string;
  entry?: unknown;
  exit?: unknown;
  on?: Record<string, unknown>;
  always?: unknown;
  after?: Record<string, unknown>;
  states?: Record<string, StateNodeShape>;
  announce?: { party: string; message: { vi: string; en: string } }[];
}

const stateNode: z.ZodType<StateNodeShape> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['compound', 'parallel', 'final']).optional(),
    initial: z.string().optional(),
    meta: z.strictObject({ title: bilingual.optional() }).optional(),
    description: z.string().optional(),
    entry: actions.optional(),
    exit: actions.optional(),
    on: z.record(eventType, transition).optional(),
    always: transition.optional(),
    after: delays.optional(),
    states: z.record(key, stateNode).optional(),
    announce: announceField,
  }),
);

const role = z.strictObject({ key, title: bilingual, reportsTo: key.optional() });
const party = z.strictObject({ key, title: bilingual });
// A step tells a role of the unit or an outside party; a chain may first go up the task role's reportsTo line.
const escalationStep = z
  .strictObject({ role: key.optional(), party: key.optional(), after: isoDuration })
  .refine((s) => (s.role === undefined) !== (s.party === undefined), 'a step names a role or a party (one of them)');
const escalations = z.record(
  key,
  z
    .strictObject({ reportsTo: isoDuration.optional(), steps: z.array(escalationStep).min(1).optional() })
    .refine((c) => c.reportsTo !== undefined || c.steps !== undefined, "give reportsTo (a step per superior of the task's role, this long apart), steps, or both"),
);
const taskTemplate = z.strictObject({
  key,
  title: bilingual,
  instructions: bilingual,
  /** A built-in kind or one declared under `kinds` (task-kinds.ts, checked with the references). */
  kind: key,
  role: key,
  /** Not needed on a recurring task: each occurrence is due at its own time (the next occurrence when raised). */
  due: z.union([dueSpec, z.strictObject({ data: fieldName, before: isoDuration.optional(), otherwise: dueSpec })]).optional(),
  recurs: recurrenceSchema.optional(),
  escalation: key.optional(),
  source: z.string().optional(),
  ...lifecycleFields,
  /** shared (one task for the role), each (one per holder) or all (every holder signs it off): completion.ts. */
  assign: z.enum(ASSIGN_MODES).optional(),
  /** One task per value of this field of the raising event's data (task-instances.ts). */
  keyedBy: fieldName.optional(),
});

/** A library file: shared entries that playbooks pull in with `uses`. */
export const librarySchema = z.strictObject({
  description: z.string().optional(),
  roles: z.array(role).optional(),
  kinds: kindsSchema.optional(),
  parties: z.array(party).optional(),
  tasks: z.array(taskTemplate).optional(),
  escalations: escalations.optional(),
});

export const playbookSchema = z.strictObject({
  key,
  title: bilingual,
  description: bilingual.optional(),
  /** The directive's own end: on that local date's end the engine sends `event` (e.g. "in force until 15 Oct 2021"). */
  expires: z.strictObject({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'), event: eventType }).optional(),
  roles: z.array(role).min(1),
  kinds: kindsSchema.optional(),
  parties: z.array(party).default([]),
  events: z.array(z.strictObject({ type: eventType, title: bilingual, data: eventDataSchema.optional() })).min(1),
  /** What "immediately" means for a due time in this playbook. */
  immediately: isoDuration.default('PT15M'),
  escalations: escalations.default({}),
  tasks: z.array(taskTemplate).min(1),
  ...levelsFields,
  machine: z.strictObject({
    initial: key,
    description: z.string().optional(),
    on: z.record(eventType, transition).optional(),
    states: z.record(key, stateNode),
  }),
}).superRefine(refineKinds);
