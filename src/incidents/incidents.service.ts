import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database } from '../database/database.js';
import { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { taskStore } from '../tasks/task-store.js';
import { incidentStore, type IncidentFilter } from './incident-store.js';
import { incidentView, timelineEntry, type IncidentView, type TimelineEntry } from './incident-view.js';

/** Reads of incidents and their timelines; every change goes through IncidentEngine. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: Database,
    private readonly registry: PlaybookRegistry,
  ) {}

  list(filter: IncidentFilter): Promise<IncidentView[]> {
    return this.db.read(async (sql) => {
      const rows = await incidentStore.list(sql, filter);
      const open = await taskStore.openOf(sql, rows.map((r) => r.id));
      return Promise.all(
        rows.map(async (r) =>
          incidentView(r, await this.registry.version(r.playbook_version_id, sql), open.filter((t) => t.incident_id === r.id)),
        ),
      );
    });
  }

  get(id: string): Promise<IncidentView> {
    if (!isUuid(id)) throw new NotFound('incident', id);
    return this.db.read(async (sql) => {
      const row = await incidentStore.get(sql, id);
      if (!row) throw new NotFound('incident', id);
      return incidentView(row, await this.registry.version(row.playbook_version_id, sql), await taskStore.openOf(sql, [id]));
    });
  }

  timeline(id: string): Promise<TimelineEntry[]> {
    if (!isUuid(id)) throw new NotFound('incident', id);
    return this.db.read(async (sql) => {
      if (!(await incidentStore.get(sql, id))) throw new NotFound('incident', id);
      return (await incidentStore.events(sql, id)).map(timelineEntry);
    });
  }
}
