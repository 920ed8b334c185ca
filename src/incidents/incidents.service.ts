import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { canRead } from '../access/access-rules.js';
import type { Principal } from '../access/principal.js';
import { Database, type Sql } from '../database/database.js';
import { directoryStore } from '../directory/directory-store.js';
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

  list(filter: IncidentFilter, me: Principal): Promise<IncidentView[]> {
    return this.db.read(async (sql) => {
      const rows = await incidentStore.list(sql, { ...filter, units: await readableUnits(sql, me) });
      const open = await taskStore.openOf(sql, rows.map((r) => r.id));
      return Promise.all(
        rows.map(async (r) => {
          const pv = await this.registry.version(r.playbook_version_id, sql);
          return incidentView(r, pv, open.filter((t) => t.incident_id === r.id), this.registry.latestNumber(pv.key, pv.version));
        }),
      );
    });
  }

  get(id: string, me: Principal): Promise<IncidentView> {
    if (!isUuid(id)) throw new NotFound('incident', id);
    return this.db.read(async (sql) => {
      const row = await incidentStore.get(sql, id);
      // Another unit's incident is answered exactly like a missing one.
      if (!row || !canRead(me, await directoryStore.unitChain(sql, row.unit))) throw new NotFound('incident', id);
      const pv = await this.registry.version(row.playbook_version_id, sql);
      return incidentView(row, pv, await taskStore.openOf(sql, [id]), this.registry.latestNumber(pv.key, pv.version));
    });
  }

  timeline(id: string, me: Principal): Promise<TimelineEntry[]> {
    if (!isUuid(id)) throw new NotFound('incident', id);
    return this.db.read(async (sql) => {
      const row = await incidentStore.get(sql, id);
      if (!row || !canRead(me, await directoryStore.unitChain(sql, row.unit))) throw new NotFound('incident', id);
      return (await incidentStore.events(sql, id)).map(timelineEntry);
    });
  }
}

/** The units whose incidents and tasks the principal may read; undefined for admins (all of them). */
export async function readableUnits(sql: Sql, me: Principal): Promise<string[] | undefined> {
  if (me.admin) return undefined;
  return directoryStore.unitsBelow(sql, [...new Set(me.assignments.map((a) => a.unitId))]);
}
