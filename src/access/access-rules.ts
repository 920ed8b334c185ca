import type { ActiveAssignment, Principal } from './principal.js';

/**
 * Who may do what, as pure functions of the principal's roles and the unit chain (the unit, then its
 * parent, up to the top). Holding a role in a unit reaches every unit below it.
 */
export type Permission =
  | 'incidents.read'
  | 'incidents.open'
  | 'incidents.event'
  | 'tasks.complete'
  | 'tasks.acknowledge'
  | 'tasks.reassign'
  | 'admin';

export const DUTY_OFFICER = 'duty_officer';

function holding(p: Principal, unitChain: string[], roles?: string[]): ActiveAssignment | undefined {
  return p.assignments.find((a) => unitChain.includes(a.unitId) && (!roles || roles.includes(a.role)));
}

/** Any role in the unit or above it lets one read the unit's incidents and tasks. */
export function canRead(p: Principal, unitChain: string[]): boolean {
  return p.admin || holding(p, unitChain) !== undefined;
}

/** Duty officers open incidents and change levels in their unit and the units below it. */
export function dutyAssignment(p: Principal, unitChain: string[]): ActiveAssignment | 'admin' | undefined {
  if (p.admin) return 'admin';
  return holding(p, unitChain, [DUTY_OFFICER]);
}

export interface TaskAccessFacts {
  assignees: string[];
  /** The task's role and its superiors, in order (see roleChain). */
  roleChain: string[];
  unitChain: string[];
}

export type TaskActor =
  | { as: 'assignee'; onBehalfOf: string | null }
  | { as: 'superior'; onBehalfOf: null }
  | { as: 'admin'; onBehalfOf: null };

/** Assignees act on their own tasks (a deputy on behalf of the person they stand in for). */
export function asAssignee(p: Principal, t: TaskAccessFacts): TaskActor | undefined {
  if (!t.assignees.includes(p.id)) return undefined;
  const deputy = holding(p, t.unitChain, [t.roleChain[0]]);
  return { as: 'assignee', onBehalfOf: deputy?.deputyFor ?? null };
}

/** Holders of a superior role in the unit (or above) may complete or reassign the task. */
export function asSuperior(p: Principal, t: TaskAccessFacts): TaskActor | undefined {
  if (holding(p, t.unitChain, t.roleChain.slice(1))) return { as: 'superior', onBehalfOf: null };
  if (p.admin) return { as: 'admin', onBehalfOf: null };
  return undefined;
}
