import type { Text } from '../text.js';
import { stagesOf, type RaiseMode, type Stage } from './levels.js';
import type { EventData } from './event-data.js';
import type { Recurrence } from '../recurrence.js';
import type { TemplateDue } from '../due-from-data.js';
import type { TaskKindDef } from './task-kinds.js';
import type { AssignMode } from '../completion.js';

export const TASK_KINDS = [
  'notification',
  'disinfection',
  'closure',
  'isolation',
  'testing',
  'listing',
  'reporting',
  'communication',
  'procurement',
  'duty',
  'inspection',
  'other',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface Role {
  key: string;
  title: Text;
  /**
   * The superior role: it receives this role's tasks when nobody holds this role, and its holders may
   * complete or reassign this role's tasks.
   */
  reportsTo?: string;
}

/** Roles that grant access rather than tasks; any unit may have them whatever its playbooks. */
export const ACCESS_ROLES = ['duty_officer', 'viewer'] as const;

/** The role itself, then its superiors in order (reportsTo chain). */
export function roleChain(playbook: Playbook, role: string): string[] {
  const byKey = new Map(playbook.roles.map((r) => [r.key, r]));
  const chain: string[] = [];
  for (let cur: string | undefined = role; cur && !chain.includes(cur); cur = byKey.get(cur)?.reportsTo) chain.push(cur);
  return chain;
}

/** An outside party the plan tells the unit to inform (Department of Health, CDC, family …). */
export interface Party {
  key: string;
  title: Text;
}

export interface TaskTemplate {
  key: string;
  title: Text;
  instructions: Text;
  /** A built-in kind (TASK_KINDS) or one the playbook or its library declares (task-kinds.ts). */
  kind: string;
  role: string;
  /**
   * ISO 8601 duration from when it is raised, a local time in the unit's zone ("14:00"), or "immediately".
   * Not needed on a recurring duty: each occurrence is due at its own time. Or a time from the raising
   * event's data (due-from-data.ts).
   */
  due?: TemplateDue;
  /** A duty raised again while its level is active: at local times, at an interval or on a cron rule (recurrence.ts). */
  recurs?: Recurrence;
  /** Key of the escalation chain that runs when the task is not done by its due time. */
  escalation?: string;
  /** Where in the seed document this measure comes from, e.g. "003 III.2 Bước 1". */
  source?: string;
  /** When it is raised again (levels.ts): on entry but not on a return from above (default), once per incident, or always. */
  raise?: RaiseMode;
  /** `on-exit`: leaving the state whose entry raised it cancels it if still open. */
  retire?: 'on-exit';
  /** `lowering`: leaving or lowering its level does not cancel it (a report still owed). */
  survive?: 'lowering';
  /** One shared task (default), one per holder of the role, or one that every holder signs off (completion.ts). */
  assign?: AssignMode;
  /** A field of the raising event's data: one task per value of it (task-instances.ts). */
  keyedBy?: string;
}

/**
 * Who hears about an overdue task, step by step: each step's delay counts from the one before (the first
 * from the due time). `reportsTo` first goes up the task's role's reportsTo line (escalation-chain.ts).
 */
export interface EscalationChain {
  reportsTo?: string;
  steps?: ({ role: string; after: string } | { party: string; after: string })[];
}

export interface EventDefinition {
  type: string;
  title: Text;
  /** The fields its `data` may carry (event-data.ts); without it the data is free-form. */
  data?: EventData;
}

/** A JSON-compatible XState machine config restricted to the engine's vocabulary (see machine/vocabulary.ts). */
export type MachineConfig = Record<string, unknown> & { initial: string; states: Record<string, StateConfig> };
export interface StateConfig {
  meta?: { title?: Text };
  description?: string;
  initial?: string;
  states?: Record<string, StateConfig>;
  [k: string]: unknown;
}

export interface Playbook {
  key: string;
  title: Text;
  description?: Text;
  /** The directive ends at the end of this local date: the engine sends `event` then. */
  expires?: { on: string; event: string };
  roles: Role[];
  /** Task kinds of the playbook's own (task-kinds.ts). */
  kinds?: TaskKindDef[];
  parties: Party[];
  events: EventDefinition[];
  immediately: string;
  escalations: Record<string, EscalationChain>;
  tasks: TaskTemplate[];
  machine: MachineConfig;
  /** Which top-level states are risk levels, lowest first (levels.ts); the others are phases. */
  levels?: { order: string[]; cumulative?: boolean };
  phases?: string[];
}

export type Level = Stage;

/**
 * The top-level states of the machine: the declared levels lowest first, then the phases (levels.ts);
 * without `levels:` every top-level state is a level, in the order the file lists them.
 */
export function levelsOf(playbook: Playbook): Level[] {
  return stagesOf(playbook);
}
