import { DateTime } from 'luxon';
import { z } from 'zod';
import { bilingual } from './bilingual.js';
import type { Text } from '../text.js';

/**
 * The `data` an event carries, as its playbook declares it: each field's type and whether it must be
 * given. The engine refuses an event whose data does not fit, naming the field; the console builds its
 * form from the same declaration (GET /playbooks/:key).
 */
export const FIELD_TYPES = ['number', 'string', 'boolean', 'timestamp', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface EventField {
  type: FieldType;
  /** Default false: a field left out is simply absent, and conditions on it are false. */
  required?: boolean;
  /** The choices of an `enum` field. */
  values?: string[];
  title?: Text;
}

export type EventData = Record<string, EventField>;

export const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'expected a field name in lowerCamelCase, such as waterLevelCm');
export const eventFieldSchema = z
  .strictObject({
    type: z.enum(FIELD_TYPES),
    required: z.boolean().optional(),
    values: z.array(z.string().min(1)).min(1).optional(),
    title: bilingual.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'enum' && !f.values) ctx.addIssue({ code: 'custom', path: ['values'], message: 'an enum field lists its values' });
    if (f.type !== 'enum' && f.values) ctx.addIssue({ code: 'custom', path: ['values'], message: `values belong to an enum field, not a ${f.type}` });
    if (f.values && new Set(f.values).size !== f.values.length) ctx.addIssue({ code: 'custom', path: ['values'], message: 'an enum value is listed twice' });
  });
export const eventDataSchema = z.record(fieldName, eventFieldSchema);

/** The longest string a `string` field takes: the note of an event has the same bound. */
export const MAX_STRING = 2000;

// A moment, with its offset: "2026-03-02T14:00:00+07:00" or "...Z". A time without one is ambiguous.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface FieldProblem {
  field: string;
  problem: string;
}

/** What is wrong with `data` for an event that declares `fields`; empty when it fits. */
export function eventDataProblems(fields: EventData, data: unknown): FieldProblem[] {
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return [{ field: '', problem: 'expected an object of fields' }];
  const given = data as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(given)) {
    if (!(name in fields)) problems.push({ field: name, problem: `not a field of this event; expected ${Object.keys(fields).join(', ') || 'no data'}` });
  }
  for (const [name, f] of Object.entries(fields)) {
    const v = given[name];
    if (v === undefined || v === null) {
      if (f.required) problems.push({ field: name, problem: `required (${f.type})` });
      continue;
    }
    const problem = valueProblem(f, v);
    if (problem) problems.push({ field: name, problem });
  }
  return problems;
}

function valueProblem(f: EventField, v: unknown): string | null {
  switch (f.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'expected a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'expected true or false';
    case 'string':
      if (typeof v !== 'string') return 'expected a string';
      return v.length <= MAX_STRING ? null : `expected at most ${MAX_STRING} characters`;
    case 'enum':
      return typeof v === 'string' && f.values!.includes(v) ? null : `expected one of ${f.values!.join(', ')}`;
    case 'timestamp':
      return typeof v === 'string' && TIMESTAMP.test(v) && DateTime.fromISO(v, { setZone: true }).isValid
        ? null
        : 'expected an ISO 8601 date-time with its offset, such as 2026-03-02T14:00:00+07:00';
  }
}

/** Whether `v` is a value a field of this type may hold (for constants in guards). */
export function fitsField(f: EventField, v: unknown): boolean {
  return valueProblem(f, v) === null;
}
