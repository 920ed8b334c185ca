import type { Text } from '../text.js';

export type TaskStatus = 'open' | 'done' | 'cancelled';

/** What the machine itself remembers of a task: enough for guards to decide, nothing the database must agree with. */
export interface TaskMark {
  status: TaskStatus;
  level: string;
}

/**
 * Effects the machine's actions ask for during one transition. Actions only append here (pure `assign`);
 * the engine drains the list after `transition()` and never persists it.
 */
export type MachineEffect =
  /** `instance`: the key of a keyed template's instance (task-instances.ts). */
  | { type: 'raiseTask'; template: string; level: string; instance?: string }
  /** The next occurrence of a recurring duty whose timer fired; `scheduled` is when it was due. */
  | { type: 'raiseOccurrence'; template: string; level: string; scheduled: string }
  /** `templates`: mark ids, a template or a keyed instance ("search_person[p7]"). */
  | { type: 'cancelTasks'; templates: string[]; stoppedSeries: string[]; reason: Text }
  | { type: 'notify'; party: string; message: Text };

export interface IncidentContext {
  /** Latest state of each task template raised in this incident, keyed by template (or `template[key]`, task-instances.ts). */
  tasks: Record<string, TaskMark>;
  /** Recurring duties in force, keyed by template, with the level that started them. */
  series: Record<string, { level: string }>;
  effects: MachineEffect[];
  /** The level the incident is at (set on entering a level; restored from the state value, never stored). */
  level?: string;
  /** How the current level was entered: from below (rising) or back down from a higher one (returning). */
  direction?: 'rising' | 'returning';
}

/** Events the engine itself sends; a playbook may not declare them. */
export const TASK_COMPLETED = 'TASK_COMPLETED';
/** Sent by the recurring duty's timer. */
export const RECUR = 'RECUR';
export const RESERVED_EVENTS = [TASK_COMPLETED, RECUR] as const;

export interface IncidentEvent {
  type: string;
  note?: string;
  data?: Record<string, unknown>;
  /** Set on TASK_COMPLETED and RECUR. */
  template?: string;
  /** Set on TASK_COMPLETED of a keyed template's instance. */
  instance?: string;
  /** Set on RECUR: the occurrence that was due when the timer fired. */
  scheduled?: string;
}
