import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiSignedIn } from '../access/api-auth.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { ApiErrors } from '../common/error-body.js';
import type { Principal } from '../access/principal.js';
import { Database } from '../database/database.js';
import { PageQuery } from '../incidents/incident.dto.js';
import { readableUnits } from '../incidents/incidents.service.js';
import { notificationStore, type NotificationRow } from './notification-store.js';
import { NotificationView } from './notification-responses.js';

class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() incident?: string;
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'dead'] }) @IsOptional() @IsIn(['pending', 'delivered', 'dead']) status?: string;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const view = (n: NotificationRow) => ({
  id: n.id,
  incidentId: n.incident_id,
  taskId: n.task_id,
  kind: n.kind,
  audience: n.audience,
  channel: n.channel,
  address: n.address,
  payload: n.payload,
  status: n.status,
  attempts: n.attempts,
  nextAttemptAt: n.status === 'pending' ? iso(n.next_attempt_at) : null,
  lastError: n.last_error,
  createdAt: iso(n.created_at),
  deliveredAt: iso(n.delivered_at),
});

@ApiTags('notifications')
@ApiSignedIn()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: Database) {}

  /** Each message the engine sent or is sending, with its delivery state, in the units you can read. */
  @Get()
  @ApiOperation({ operationId: 'listNotifications', summary: 'Messages sent or being sent about incidents in the units you can read, newest first' })
  @ApiOkResponse({ type: [NotificationView] })
  @ApiErrors(400)
  list(@Query() q: NotificationQuery, @CurrentPrincipal() me: Principal) {
    return this.db.read(async (sql) => (await notificationStore.list(sql, { ...q, units: await readableUnits(sql, me) })).map(view));
  }
}
