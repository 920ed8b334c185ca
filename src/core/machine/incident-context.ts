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
  | { type: 'raiseTask'; template: string; level: string }
  | { type: 'cancelTasks'; templates: string[]; reason: Text }
  | { type: 'notify'; party: string; message: Text };

export interface IncidentContext {
  /** Latest state of each task template raised in this incident, keyed by template. */
  tasks: Record<string, TaskMark>;
  effects: MachineEffect[];
}

/** Events the engine itself sends; a playbook may not declare them. */
export const TASK_COMPLETED = 'TASK_COMPLETED';
export const RESERVED_EVENTS = [TASK_COMPLETED] as const;

export interface IncidentEvent {
  type: string;
  note?: string;
  data?: Record<string, unknown>;
  /** Set on TASK_COMPLETED. */
  template?: string;
}
