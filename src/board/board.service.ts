import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { BadRequest, NotFound } from '../common/errors.js';
import { Database, type Sql } from '../database/database.js';
import { PlaybookRegistry, type PlaybookVersion } from '../playbooks/playbook-registry.js';
import type { Board, BoardQuery, BoardUnit } from './board.dto.js';

interface UnitRow {
  id: string;
  name: string;
  parent_id: string | null;
  time_zone: string;
}

interface BoardRow {
  id: string;
  unit: string;
  title: string | null;
  playbook_version_id: string;
  level: string;
  state: string;
  created_at: Date;
  level_changed_at: Date;
  open_tasks: number;
  overdue_tasks: number;
  escalated_tasks: number;
}

/**
 * The duty officers' board: every open incident in the caller's units and the units below, with its
 * task counts, as one read model computed by set-based SQL (one query for the units, one for the
 * incidents with their counts), never incident by incident. An incident is open until its machine
 * reaches a final level (`type: final`, e.g. `ended`).
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  board(q: BoardQuery, me: Principal): Promise<Board> {
    const now = this.clock.now();
    return this.db.read(async (sql) => {
      const visible = await visibleUnits(sql, me);
      const byId = new Map(visible.map((u) => [u.id, u]));
      // A unit you cannot see is answered like one that does not exist, so unit ids cannot be probed.
      if (q.unitId !== undefined && !byId.has(q.unitId)) throw new NotFound('unit', q.unitId);
      const scope = q.unitId === undefined ? visible.map((u) => u.id) : subtree(visible, q.unitId);
      const versions = await this.versions(sql);
      checkFilters(q, versions);
      const ended = versions.flatMap((pv) => endedLevels(pv).map((level) => `${pv.id}:${level}`));
      const rows = await sql.rows<BoardRow>(
        `SELECT i.id, i.unit, i.title, i.playbook_version_id, i.level, i.state, i.created_at,
                count(t.id)::int AS open_tasks,
                count(t.id) FILTER (WHERE t.due_at < $2)::int AS overdue_tasks,
                count(t.id) FILTER (WHERE t.escalation_step > 0)::int AS escalated_tasks,
                (SELECT e.occurred_at FROM incident_events e
                  WHERE e.incident_id = i.id AND e.from_level IS DISTINCT FROM e.to_level
                  ORDER BY e.seq DESC LIMIT 1) AS level_changed_at
           FROM incidents i
           LEFT JOIN tasks t ON t.incident_id = i.id AND t.status = 'open'
          WHERE i.unit = ANY($1::text[])
            AND NOT (i.playbook_version_id::text || ':' || i.level = ANY($3::text[]))
            AND ($4::text IS NULL OR i.playbook_key = $4)
            AND ($5::text IS NULL OR i.level = $5)
          GROUP BY i.id
         HAVING $6::boolean IS NULL OR (count(t.id) FILTER (WHERE t.due_at < $2) > 0) = $6
          ORDER BY i.unit, i.created_at DESC, i.id`,
        [scope, now, ended, q.playbook ?? null, q.level ?? null, q.hasOverdue === undefined ? null : q.hasOverdue === 'true'],
      );
      const pvById = new Map(versions.map((pv) => [pv.id, pv]));
      return {
        generatedAt: now.toISOString(),
        units: unitsToGroup(byId, [...rows.map((r) => r.unit), ...(q.unitId ? [q.unitId] : [])]),
        incidents: rows.map((r) => {
          const pv = pvById.get(r.playbook_version_id)!;
          const stage = pv.machine.levels.find((l) => l.id === r.level);
          return {
            id: r.id,
            unitId: r.unit,
            title: r.title,
            playbook: { key: pv.key, version: pv.version, title: pv.machine.playbook.title },
            level: { key: r.level, title: stage?.title ?? { vi: r.level, en: r.level }, rank: stage?.rank ?? -1, kind: stage?.kind ?? 'level' },
            step: r.state,
            openTasks: r.open_tasks,
            overdueTasks: r.overdue_tasks,
            escalatedTasks: r.escalated_tasks,
            openedAt: new Date(r.created_at).toISOString(),
            levelChangedAt: new Date(r.level_changed_at ?? r.created_at).toISOString(),
          };
        }),
      };
    });
  }

  /** Every stored playbook version (a handful; compiled once per process by the registry). */
  private async versions(sql: Sql): Promise<PlaybookVersion[]> {
    const ids = await sql.rows<{ id: string }>('SELECT id FROM playbook_versions ORDER BY key, version');
    return Promise.all(ids.map((r) => this.registry.version(r.id, sql)));
  }
}

/** The units whose incidents the caller may read, with what the board shows of them: all of them for admins. */
function visibleUnits(sql: Sql, me: Principal): Promise<UnitRow[]> {
  if (me.admin) return sql.rows<UnitRow>('SELECT id, name, parent_id, time_zone FROM units ORDER BY id');
  return sql.rows<UnitRow>(
    `WITH RECURSIVE down AS (
       SELECT id, name, parent_id, time_zone FROM units WHERE id = ANY($1::text[])
       UNION
       SELECT u.id, u.name, u.parent_id, u.time_zone FROM units u JOIN down d ON u.parent_id = d.id)
     SELECT * FROM down ORDER BY id`,
    [[...new Set(me.assignments.map((a) => a.unitId))]],
  );
}

/** `root` and every unit below it, among the visible ones (which hold every unit below a visible one). */
function subtree(visible: UnitRow[], root: string): string[] {
  const children = new Map<string, string[]>();
  for (const u of visible) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
  const out: string[] = [];
  const queue = [root];
  while (queue.length) {
    const id = queue.pop()!;
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The given units and the visible units above them: what the console needs to draw the tree. */
function unitsToGroup(byId: Map<string, UnitRow>, ids: string[]): BoardUnit[] {
  const keep = new Set<string>();
  for (const start of ids) {
    // Up the tree until the top of what the caller sees, or a unit already kept (its ancestors are too).
    for (let id: string | null = start; id && byId.has(id) && !keep.has(id); id = byId.get(id)!.parent_id) keep.add(id);
  }
  return [...keep].sort().map((id) => {
    const u = byId.get(id)!;
    // A parent the caller cannot see is not named: the unit is a root of their board.
    return { id: u.id, name: u.name, parentId: u.parent_id && byId.has(u.parent_id) ? u.parent_id : null, timeZone: u.time_zone };
  });
}

/** The levels at which an incident is over: the machine's final states. */
function endedLevels(pv: PlaybookVersion): string[] {
  const states = pv.machine.playbook.machine.states;
  return Object.keys(states).filter((level) => (states[level] as { type?: string }).type === 'final');
}

/** A playbook or level that no stored playbook has is a mistake, not an empty board. */
function checkFilters(q: BoardQuery, versions: PlaybookVersion[]): void {
  if (q.playbook !== undefined && !versions.some((pv) => pv.key === q.playbook)) {
    const keys = [...new Set(versions.map((pv) => pv.key))];
    throw new BadRequest(`unknown playbook "${q.playbook}"`, [{ field: 'playbook', problems: [`expected one of ${keys.join(', ')}`] }]);
  }
  if (q.level !== undefined) {
    const levels = new Set(versions.filter((pv) => q.playbook === undefined || pv.key === q.playbook).flatMap((pv) => pv.machine.levels.map((l) => l.id)));
    if (!levels.has(q.level)) {
      throw new BadRequest(`unknown level "${q.level}"${q.playbook ? ` for playbook ${q.playbook}` : ''}`, [{ field: 'level', problems: [`expected one of ${[...levels].join(', ')}`] }]);
    }
  }
}
