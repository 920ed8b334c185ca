import { Controller, Get } from '@nestjs/common';
import { Public } from '../access/public.decorator.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/error-body.js';
import { HealthStatus, Liveness, Readiness } from './health-responses.js';
import { Database } from '../database/database.js';
import { DomainError } from '../common/errors.js';
import { ReadinessCheck } from './readiness.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly readiness: ReadinessCheck,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'health', summary: 'Whether this replica and its database answer' })
  @ApiOkResponse({ type: HealthStatus })
  @ApiErrors(503)
  async check() {
    try {
      await this.db.read((sql) => sql.rows('SELECT 1'));
    } catch {
      // Whatever the cause, a database that cannot answer SELECT 1 makes this replica unhealthy.
      throw new DomainError(503, 'unavailable', 'the database is unreachable', { database: this.db.kind });
    }
    return { status: 'ok', database: this.db.kind };
  }

  /** Liveness: the process answers. No database: a restart would not mend a database that is down. */
  @Get('live')
  @ApiOperation({ operationId: 'liveness', summary: 'Whether the process answers (no database check)' })
  @ApiOkResponse({ type: Liveness })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: send traffic here. 503 with the reason (starting, draining, database, migrations) otherwise. */
  @Get('ready')
  @ApiOperation({ operationId: 'readiness', summary: 'Whether to send traffic here; 503 names the reason otherwise' })
  @ApiOkResponse({ type: Readiness })
  @ApiErrors(503)
  async ready() {
    const r = await this.readiness.check();
    if (!r.ready) throw new DomainError(503, 'not_ready', r.message, { reason: r.reason, database: this.db.kind });
    return { status: 'ready', database: this.db.kind };
  }
}
