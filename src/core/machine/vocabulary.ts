import { z } from 'zod';
import { bilingual } from '../playbook/bilingual.js';

/**
 * The named actions and guards a playbook may use, with the shape of their params. The loader validates
 * every use against these schemas; machine/build-machine.ts supplies the implementations through `setup()`.
 */
const keyList = z.array(z.string().min(1)).min(1);

export const ACTION_PARAMS = {
  /** Raise one task from a template (skipped when one is already open: it carries over). */
  raiseTask: z.strictObject({ template: z.string().min(1) }),
  /** Raise several templates at once, in order. */
  raiseTasks: z.strictObject({ templates: keyList }),
  /** Cancel the open tasks raised in the given levels and/or from the given templates, saying why. */
  cancelTasks: z
    .strictObject({ levels: keyList.optional(), templates: keyList.optional(), reason: bilingual })
    .refine((p) => p.levels || p.templates, { message: 'give levels or templates (or both)' }),
  /** Send a message to an outside party. */
  notify: z.strictObject({ party: z.string().min(1), message: bilingual }),
} as const;

export const GUARD_PARAMS = {
  /** True when every listed template has been raised and its latest task is done. */
  tasksDone: z.strictObject({ templates: keyList }),
} as const;

export type ActionType = keyof typeof ACTION_PARAMS;
export type GuardType = keyof typeof GUARD_PARAMS;
export const ACTION_TYPES = Object.keys(ACTION_PARAMS) as ActionType[];
export const GUARD_TYPES = Object.keys(GUARD_PARAMS) as GuardType[];
