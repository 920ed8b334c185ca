import type { Text } from '../core/text.js';
import type { TaskRow } from './task-store.js';

/** A person as a task records them: the id, and the name at the time they acted. */
export interface PersonRef {
  id: string | null;
  name: string;
}

export interface TaskView {
  id: string;
  incidentId: string;
  template: string;
  title: Text;
  instructions: Text;
  kind: string;
  role: string;
  /** Who the task went to, and under which role (a superior role when its own role had nobody). */
  assignees: string[];
  assignedRole: string;
  unassignedRole: boolean;
  level: string;
  status: TaskRow['status'];
  dueAt: string;
  createdAt: string;
  completedAt: string | null;
  /** Who completed it, by id and by the name they had then (the timeline's wording). */
  completedBy: PersonRef | null;
  /** Set when a deputy completed it for the person they stand in for (that person's id). */
  completedFor: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  note: string | null;
  cancelledAt: string | null;
  cancelReason: Text | null;
  /** For a recurring duty: the occurrence this task is for. */
  occurrence: string | null;
  /** Raised after its occurrence was already due (the service was down). */
  late: boolean;
  escalationStep: number;
  escalations: TaskRow['escalations'];
  /** shared, each (this row is one holder's copy) or all (every assignee signs it off): completion.ts. */
  assign: TaskRow['assign'];
  /** For `each`: whose copy this is. */
  holder: string | null;
  /** The key of a keyed template's task, e.g. the missing person's id. */
  instance: string | null;
  /** For `all`: who has signed it off so far. */
  signOffs: TaskRow['sign_offs'];
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function taskView(r: TaskRow): TaskView {
  return {
    id: r.id,
    incidentId: r.incident_id,
    template: r.template,
    title: r.title,
    instructions: r.instructions,
    kind: r.kind,
    role: r.role,
    assignees: r.assignees,
    assignedRole: r.assigned_role ?? r.role,
    unassignedRole: r.unassigned_role,
    level: r.level,
    status: r.status,
    dueAt: iso(r.due_at)!,
    createdAt: iso(r.created_at)!,
    completedAt: iso(r.completed_at),
    completedBy: r.completed_by_id || r.completed_by ? { id: r.completed_by_id, name: r.completed_by ?? '' } : null,
    completedFor: r.completed_for,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: r.acknowledged_by_name ?? '' } : null,
    note: r.note,
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    occurrence: iso(r.occurrence),
    late: r.late,
    escalationStep: r.escalation_step,
    escalations: r.escalations,
    assign: r.assign,
    holder: r.holder,
    instance: r.instance,
    signOffs: r.sign_offs,
  };
}
