import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { canRead } from '../access/access-rules.js';
import type { Principal } from '../access/principal.js';
import { NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database } from '../database/database.js';
import { directoryStore } from '../directory/directory-store.js';
import { incidentStore } from '../incidents/incident-store.js';
import { readableUnits } from '../incidents/incidents.service.js';
import type { TaskQuery } from './task.dto.js';
import { taskStore } from './task-store.js';
import { taskView, type TaskView } from './task-view.js';

/** Reads of tasks; completing, acknowledging and reassigning go through TaskCommands. */
@Injectable()
export class TasksService {
  constructor(
    private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(q: TaskQuery, me: Principal): Promise<TaskView[]> {
    return this.db.read(async (sql) => {
      const assignee = q.assignee === 'me' ? me.id : q.assignee;
      const overdueAt = q.overdue === 'true' ? this.clock.now() : undefined;
      const rows = await taskStore.list(sql, { ...q, assignee, overdueAt, units: await readableUnits(sql, me) });
      return rows.map(taskView);
    });
  }

  get(id: string, me: Principal): Promise<TaskView> {
    if (!isUuid(id)) throw new NotFound('task', id);
    return this.db.read(async (sql) => {
      const row = await taskStore.get(sql, id);
      if (!row) throw new NotFound('task', id);
      const incident = (await incidentStore.get(sql, row.incident_id))!;
      if (!row.assignees.includes(me.id) && !canRead(me, await directoryStore.unitChain(sql, incident.unit))) {
        throw new NotFound('task', id);
      }
      return taskView(row);
    });
  }
}
