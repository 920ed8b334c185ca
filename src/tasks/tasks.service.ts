import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Database } from '../database/database.js';
import { taskStore, type TaskFilter } from './task-store.js';
import { taskView, type TaskView } from './task-view.js';

/** Reads of tasks; completing one is an event and goes through IncidentEngine. */
@Injectable()
export class TasksService {
  constructor(private readonly db: Database) {}

  list(filter: TaskFilter): Promise<TaskView[]> {
    return this.db.read(async (sql) => (await taskStore.list(sql, filter)).map(taskView));
  }

  get(id: string): Promise<TaskView> {
    if (!isUuid(id)) throw new NotFound('task', id);
    return this.db.read(async (sql) => {
      const row = await taskStore.get(sql, id);
      if (!row) throw new NotFound('task', id);
      return taskView(row);
    });
  }
}
