import type { Ack } from './load.js';
import type { Sql } from './targets.js';

export interface Findings {
  lost: string[];
  duplicated: string[];
  halfApplied: string[];
  timersDouble: string[];
  totals: { incidents: number; events: number; tasks: number; escalations: number; timerEvents: number };
}

interface IncidentRow {
  id: string;
  version: number;
  level: string;
  state: string;
  title: string | null;
  open_key: string | null;
  snapshot: { context: { tasks: Record<string, { status: string }> } };
}
interface EventRow {
  incident_id: string;
  seq: number;
  type: string;
  actor: string;
  idempotency_key: string | null;
  note: string | null;
  data: Record<string, any> | null;
  to_level: string;
  to_state: string;
}
interface TaskRow {
  id: string;
  incident_id: string;
  template: string;
  status: string;
  occurrence: Date | null;
  raised_seq: number;
  escalation_step: number;
  escalations: number;
  completed_at: Date | null;
}

const SCHEDULER = 'scheduler';

function group<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

function repeated<T>(xs: T[], key: (x: T) => string | null, say: (k: string, n: number) => string): string[] {
  return [...group(xs, key)].filter(([k, v]) => k !== null && v.length > 1).map(([k, v]) => say(k!, v.length));
}

/**
 * The invariants, read straight from the tables with the service stopped: acknowledged work is there
 * exactly once, no incident is half-written, and no timer fired twice.
 */
export async function checkInvariants(sql: Sql, acks: Ack[], run: string): Promise<Findings> {
  const incidents = await sql.query<IncidentRow>('SELECT id, version, level, state, title, open_key, snapshot FROM incidents');
  const events = await sql.query<EventRow>(
    'SELECT incident_id, seq, type, actor, idempotency_key, note, data, to_level, to_state FROM incident_events ORDER BY incident_id, seq',
  );
  const tasks = await sql.query<TaskRow>(
    `SELECT id, incident_id, template, status, occurrence, raised_seq, escalation_step, jsonb_array_length(escalations) AS escalations, completed_at
       FROM tasks ORDER BY incident_id, created_at, raised_seq`,
  );
  const eventsOf = group(events, (e) => e.incident_id);
  const tasksOf = group(tasks, (t) => t.incident_id);
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const completions = group(events.filter((e) => e.type === 'TASK_COMPLETED'), (e) => e.data?.taskId as string);
  const escalations = events.filter((e) => e.type === 'TASK_ESCALATED');
  const escalationsOf = group(escalations, (e) => e.data?.taskId as string);
  const lost: string[] = [];
  const duplicated: string[] = [];
  const halfApplied: string[] = [];

  const byOpenKey = new Map(incidents.filter((i) => i.open_key).map((i) => [i.open_key!, i]));
  for (const a of acks) {
    if (a.kind === 'open') {
      const found = byOpenKey.get(a.call.key!);
      if (found?.id !== a.incidentId) lost.push(`open ${a.call.key} acknowledged as incident ${a.incidentId}; stored: ${found?.id ?? 'nothing'}`);
    } else if (a.kind === 'event') {
      const rows = (eventsOf.get(a.incidentId) ?? []).filter((e) => e.idempotency_key === a.call.key);
      const seq = a.answer.incident.version;
      if (!rows.length) lost.push(`event ${a.call.key} acknowledged at seq ${seq} of ${a.incidentId}; not in its timeline`);
      else if (rows.length > 1) duplicated.push(`event ${a.call.key}: ${rows.length} timeline rows`);
      else if (rows[0].seq !== seq) lost.push(`event ${a.call.key} acknowledged at seq ${seq} of ${a.incidentId}; stored at seq ${rows[0].seq}`);
      for (const t of a.answer.raised as { id: string }[]) {
        const row = taskById.get(t.id);
        if (!row || row.raised_seq !== seq || row.incident_id !== a.incidentId) lost.push(`event ${a.call.key} answered with task ${t.id} raised; stored: ${row ? `raised at seq ${row.raised_seq}` : 'no such task'}`);
      }
    } else {
      const task = taskById.get(a.taskId!);
      const n = completions.get(a.taskId!)?.length ?? 0;
      if (task?.status !== 'done' || n === 0) lost.push(`completion of task ${a.taskId} acknowledged; task ${task?.status ?? 'missing'}, ${n} TASK_COMPLETED events`);
      // Completed again later would show as a different completion time from the one acknowledged.
      else if (new Date(task.completed_at!).toISOString() !== a.answer.completedAt) {
        duplicated.push(`task ${a.taskId} acknowledged as completed at ${a.answer.completedAt}; stored ${new Date(task.completed_at!).toISOString()}`);
      }
    }
  }
  duplicated.push(
    ...repeated([...completions.values()].flat(), (e) => e.data?.taskId ?? null, (k, n) => `task ${k} completed ${n} times in the timeline`),
    // Every request of this run names itself in its note or title: a request applied twice shows twice.
    ...repeated(events.filter((e) => e.note?.startsWith(run)), (e) => e.note, (k, n) => `event with note ${k} applied ${n} times`),
    ...repeated(incidents.filter((i) => i.title?.startsWith(run)), (i) => i.title, (k, n) => `${n} incidents opened by ${k}`),
  );

  for (const inc of incidents) {
    const evs = eventsOf.get(inc.id) ?? [];
    const where = `incident ${inc.id}`;
    if (evs.length !== inc.version || evs.some((e, i) => e.seq !== i + 1)) {
      halfApplied.push(`${where}: version ${inc.version} but timeline seqs [${evs.map((e) => e.seq).join(',')}]`);
    }
    if (evs[0]?.type !== 'INCIDENT_OPENED') halfApplied.push(`${where}: timeline does not start with INCIDENT_OPENED`);
    const last = evs.at(-1);
    if (last && (last.to_state !== inc.state || last.to_level !== inc.level)) {
      halfApplied.push(`${where}: at ${inc.level}/${inc.state} but its last event left it at ${last.to_level}/${last.to_state}`);
    }
    const rows = tasksOf.get(inc.id) ?? [];
    const marks = inc.snapshot.context.tasks ?? {};
    for (const template of new Set([...Object.keys(marks), ...rows.map((t) => t.template)])) {
      const mine = rows.filter((t) => t.template === template);
      const open = mine.filter((t) => t.status === 'open').length;
      const mark = marks[template]?.status;
      // A recurring duty has one task per occurrence under one mark, and completing one occurrence marks it done.
      const recurring = mine.some((t) => t.occurrence !== null);
      if (!mark && mine.length) halfApplied.push(`${where}: ${mine.length} ${template} task(s) the machine never raised`);
      if (mark === 'open' && open === 0) halfApplied.push(`${where}: machine has ${template} open, no open task`);
      if (!recurring && mark !== 'open' && open > 0) halfApplied.push(`${where}: ${open} open ${template} task(s), machine says ${mark ?? 'never raised'}`);
      if (!recurring && open > 1) halfApplied.push(`${where}: ${open} open ${template} tasks`);
    }
    for (const t of rows) {
      const done = completions.get(t.id)?.length ?? 0;
      const escalated = escalationsOf.get(t.id)?.length ?? 0;
      if ((t.status === 'done') !== done > 0) halfApplied.push(`${where}: task ${t.id} (${t.template}) is ${t.status} with ${done} TASK_COMPLETED events`);
      if (t.escalation_step !== t.escalations || t.escalations !== escalated) {
        halfApplied.push(`${where}: task ${t.id} escalation step ${t.escalation_step}, ${t.escalations} escalations recorded, ${escalated} TASK_ESCALATED events`);
      }
      if (t.raised_seq < 1 || t.raised_seq > inc.version) halfApplied.push(`${where}: task ${t.id} raised at seq ${t.raised_seq} of ${inc.version}`);
    }
  }

  const timerEvents = events.filter((e) => e.actor === SCHEDULER && e.data?.timer);
  const timersDouble = [
    ...repeated(escalations, (e) => `${e.data?.taskId} step ${e.data?.step}`, (k, n) => `escalation of task ${k} recorded ${n} times`),
    ...repeated(timerEvents, (e) => `${e.incident_id} ${e.data!.timer} due ${e.data!.dueAt}`, (k, n) => `timer ${k} fired ${n} times`),
  ];
  return {
    lost,
    duplicated,
    halfApplied,
    timersDouble,
    totals: { incidents: incidents.length, events: events.length, tasks: tasks.length, escalations: escalations.length, timerEvents: timerEvents.length },
  };
}

/** What a replay must not add to: events and tasks not caused by the scheduler (a timer may fire meanwhile). */
export async function effectCounts(sql: Sql): Promise<{ events: number; tasks: number }> {
  const [e] = await sql.query('SELECT count(*) AS n FROM incident_events WHERE actor <> $1', [SCHEDULER]);
  const [t] = await sql.query(
    `SELECT count(*) AS n FROM tasks t JOIN incident_events e ON e.incident_id = t.incident_id AND e.seq = t.raised_seq WHERE e.actor <> $1`,
    [SCHEDULER],
  );
  return { events: Number(e.n), tasks: Number(t.n) };
}
