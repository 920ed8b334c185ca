import type { Sql } from '../database/database.js';
import { filtered } from '../database/filter.js';
import type { Text } from '../core/text.js';
import type { AssignMode, SignOff } from '../core/completion.js';

export interface TaskRow {
  id: string;
  incident_id: string;
  template: string;
  title: Text;
  instructions: Text;
  kind: string;
  role: string;
  level: string;
  status: 'open' | 'done' | 'cancelled';
  due_at: Date;
  created_at: Date;
  raised_seq: number;
  completed_at: Date | null;
  completed_by: string | null;
  note: string | null;
  cancelled_at: Date | null;
  cancel_reason: Text | null;
  assignees: string[];
  assigned_role: string | null;
  unassigned_role: boolean;
  completed_by_id: string | null;
  completed_for: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  occurrence: Date | null;
  late: boolean;
  escalation_step: number;
  /** Each escalation step as it fired: to a role (`notified`: its holders) or, with role null, to an outside party. */
  escalations: { step: number; role: string | null; party?: string; at: string; notified: string[] }[];
  assign: AssignMode;
  /** For `assign: each`: whose copy this is. */
  holder: string | null;
  /** The key of a keyed template's task (task-instances.ts). */
  instance: string | null;
  sign_offs: SignOff[];
}

export type NewTask = Pick<
  TaskRow,
  | 'incident_id' | 'template' | 'title' | 'instructions' | 'kind' | 'role' | 'level' | 'due_at' | 'created_at' | 'raised_seq' | 'assignees' | 'assigned_role'
  | 'unassigned_role' | 'occurrence' | 'late' | 'assign' | 'holder' | 'instance'
>;

export interface TaskFilter {
  incident?: string;
  status?: string;
  role?: string;
  kind?: string;
  assignee?: string;
  /** Open tasks whose due time is before this instant. */
  overdueAt?: Date;
  /** Only tasks of incidents in these units; undefined means every unit (admins). */
  units?: string[];
  limit: number;
  offset: number;
}

const COLUMNS = [
  'incident_id', 'template', 'title', 'instructions', 'kind', 'role', 'level', 'due_at', 'created_at', 'raised_seq',
  'assignees', 'assigned_role', 'unassigned_role', 'occurrence', 'late', 'assign', 'holder', 'instance',
] as const;

/** SQL for the tasks table; the rules about when a task may change live in the engine and services. */
export const taskStore = {
  async insert(sql: Sql, tasks: NewTask[]): Promise<TaskRow[]> {
    if (!tasks.length) return [];
    const params: unknown[] = [];
    const tuples = tasks.map((t) => {
      const slots = COLUMNS.map((c) => {
        const v = t[c];
        params.push(c === 'title' || c === 'instructions' ? JSON.stringify(v) : v);
        return `$${params.length}`;
      });
      return `(${slots.join(', ')}, 'open')`;
    });
    return sql.rows<TaskRow>(
      `INSERT INTO tasks (${COLUMNS.join(', ')}, status) VALUES ${tuples.join(', ')} RETURNING *`,
      params,
    );
  },

  /** `ids`: templates, or keyed instances as `template[key]` (task-instances.ts); every holder's copy goes. */
  cancelOpen(sql: Sql, incidentId: string, ids: string[], reason: Text, at: Date): Promise<TaskRow[]> {
    return sql.rows<TaskRow>(
      `UPDATE tasks SET status = 'cancelled', cancelled_at = $4, cancel_reason = $3
        WHERE incident_id = $1 AND status = 'open'
          AND (CASE WHEN instance IS NULL THEN template ELSE template || '[' || instance || ']' END) = ANY($2)
        RETURNING *`,
      [incidentId, ids, JSON.stringify(reason), at],
    );
  },

  /** Records one signature on an `all` task that others must still sign. */
  signOff(sql: Sql, id: string, entry: SignOff): Promise<TaskRow[]> {
    return sql.rows<TaskRow>(
      `UPDATE tasks SET sign_offs = sign_offs || jsonb_build_array($2::jsonb) WHERE id = $1 AND status = 'open' RETURNING *`,
      [id, JSON.stringify(entry)],
    );
  },

  /** How many other holders' copies of the same task (template, instance, occurrence) are still open. */
  async otherCopiesOpen(sql: Sql, t: TaskRow): Promise<number> {
    const [row] = await sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks
        WHERE incident_id = $1 AND template = $2 AND status = 'open' AND id <> $3
          AND instance IS NOT DISTINCT FROM $4 AND occurrence IS NOT DISTINCT FROM $5`,
      [t.incident_id, t.template, t.id, t.instance, t.occurrence],
    );
    return row.n;
  },

  complete(sql: Sql, id: string, actor: { id: string; name: string }, onBehalfOf: string | null, note: string | null, at: Date): Promise<TaskRow[]> {
    return sql.rows<TaskRow>(
      `UPDATE tasks SET status = 'done', completed_at = $2, completed_by = $3, completed_by_id = $4, completed_for = $5, note = $6
        WHERE id = $1 AND status = 'open' RETURNING *`,
      [id, at, actor.name, actor.id, onBehalfOf, note],
    );
  },

  acknowledge(sql: Sql, id: string, actor: { id: string; name: string }, at: Date): Promise<TaskRow[]> {
    return sql.rows<TaskRow>(
      'UPDATE tasks SET acknowledged_at = $2, acknowledged_by = $3, acknowledged_by_name = $4 WHERE id = $1 RETURNING *',
      [id, at, actor.id, actor.name],
    );
  },

  /** Records one escalation step on each of several tasks in one statement. */
  async escalatedMany(sql: Sql, entries: ({ id: string } & TaskRow['escalations'][number])[]): Promise<void> {
    if (!entries.length) return;
    await sql.rows(
      `UPDATE tasks t SET escalation_step = x.step, escalations = t.escalations || jsonb_build_array(x.entry)
         FROM (SELECT e.id, e.step, e.entry FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, step int, entry jsonb)) x
        WHERE t.id = x.id`,
      [JSON.stringify(entries.map(({ id, ...entry }) => ({ id, step: entry.step, entry })))],
    );
  },

  reassign(sql: Sql, id: string, assignees: string[], role: string, unassigned: boolean): Promise<TaskRow[]> {
    return sql.rows<TaskRow>(
      'UPDATE tasks SET assignees = $2, assigned_role = $3, unassigned_role = $4 WHERE id = $1 RETURNING *',
      [id, assignees, role, unassigned],
    );
  },

  many(sql: Sql, ids: string[]): Promise<TaskRow[]> {
    return ids.length ? sql.rows<TaskRow>('SELECT * FROM tasks WHERE id = ANY($1::uuid[])', [ids]) : Promise.resolve([]);
  },

  async get(sql: Sql, id: string): Promise<TaskRow | undefined> {
    const [row] = await sql.rows<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
    return row;
  },

  openOf(sql: Sql, incidentIds: string[]): Promise<TaskRow[]> {
    if (!incidentIds.length) return Promise.resolve([]);
    return sql.rows<TaskRow>(
      `SELECT * FROM tasks WHERE incident_id = ANY($1) AND status = 'open' ORDER BY created_at, template`,
      [incidentIds],
    );
  },

  list(sql: Sql, f: TaskFilter): Promise<TaskRow[]> {
    const { tail, params } = filtered(
      [
        ['incident_id = ?', f.incident],
        ['status = ?', f.status],
        ['role = ?', f.role],
        ['kind = ?', f.kind],
        ['? = ANY(assignees)', f.assignee],
        [`status = 'open' AND due_at < ?`, f.overdueAt],
        ['incident_id IN (SELECT id FROM incidents WHERE unit = ANY(?))', f.units],
      ],
      f,
      'created_at DESC, id',
    );
    return sql.rows<TaskRow>(`SELECT * FROM tasks ${tail}`, params);
  },

};
