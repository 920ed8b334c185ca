import type { Text } from '../core/text.js';
import type { PlaybookVersion } from '../playbooks/playbook-registry.js';
import { taskView, type TaskView } from '../tasks/task-view.js';
import type { TaskRow } from '../tasks/task-store.js';
import type { EventRow, IncidentRow } from './incident-store.js';

export interface IncidentView {
  id: string;
  playbook: string;
  playbookVersion: number;
  /** The newest version of the playbook; an incident stays on the version it started with until moved. */
  latestPlaybookVersion: number;
  unit: string;
  title: string | null;
  level: string;
  levelTitle: Text;
  /** Set when the top-level state is a phase (recovery, closed), not a risk level. */
  phase: { key: string; title: Text } | null;
  state: string;
  version: number;
  allowedEvents: string[];
  openTasks: TaskView[];
  openedBy: string;
  createdAt: string;
  updatedAt: string;
}

function phaseOf(pv: PlaybookVersion, key: string): IncidentView['phase'] {
  const stage = pv.machine.levels.find((l) => l.id === key);
  return stage?.kind === 'phase' ? { key, title: stage.title } : null;
}

export interface EventResult {
  incident: IncidentView;
  raised: TaskView[];
  cancelled: TaskView[];
}

export function incidentView(row: IncidentRow, pv: PlaybookVersion, open: TaskRow[], latest: number = pv.version): IncidentView {
  const { allowedEvents } = pv.machine.describe(row.snapshot);
  return {
    id: row.id,
    playbook: row.playbook_key,
    playbookVersion: pv.version,
    latestPlaybookVersion: latest,
    unit: row.unit,
    title: row.title,
    level: row.level,
    levelTitle: pv.machine.levels.find((l) => l.id === row.level)?.title ?? { vi: row.level, en: row.level },
    phase: phaseOf(pv, row.level),
    state: row.state,
    version: row.version,
    allowedEvents,
    openTasks: open.map(taskView),
    openedBy: row.opened_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface TimelineEntry {
  seq: number;
  type: string;
  actor: string;
  actorId: string | null;
  /** Set when a deputy acted for the person they stand in for. */
  onBehalfOf: string | null;
  /** That person's name, so a reader who may not list people still sees who it was. */
  onBehalfOfName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  from: { level: string; state: string } | null;
  to: { level: string; state: string };
  effects: EventRow['effects'];
  at: string;
}

export function timelineEntry(e: EventRow & { on_behalf_of_name?: string | null }): TimelineEntry {
  return {
    seq: e.seq,
    type: e.type,
    actor: e.actor,
    actorId: e.actor_id,
    onBehalfOf: e.on_behalf_of,
    onBehalfOfName: e.on_behalf_of_name ?? null,
    note: e.note,
    data: e.data,
    from: e.from_level === null ? null : { level: e.from_level, state: e.from_state! },
    to: { level: e.to_level, state: e.to_state },
    effects: e.effects,
    at: new Date(e.occurred_at).toISOString(),
  };
}
