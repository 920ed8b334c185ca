import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { IncidentEngine } from './incident-engine.js';
import { IncidentEventDto, IncidentQuery, MigrateIncidentDto, OpenIncidentDto } from './incident.dto.js';
import { IncidentsService } from './incidents.service.js';

const keyHeader = { name: 'Idempotency-Key', required: false, description: 'a retry with the same key returns the first answer' };

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly engine: IncidentEngine,
    private readonly incidents: IncidentsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open an incident on a playbook for a unit; it starts at the lowest level' })
  @ApiHeader(keyHeader)
  async open(@Body() body: OpenIncidentDto, @CurrentPrincipal() actor: Principal, @IdempotencyKey() key?: string) {
    return (await this.engine.open(body, actor, key)).incident;
  }

  @Get()
  list(@Query() q: IncidentQuery, @CurrentPrincipal() me: Principal) {
    return this.incidents.list(q, me);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.incidents.get(id, me);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an event (raise or lower the level); 409 lists the events accepted now' })
  @ApiHeader(keyHeader)
  event(@Param('id') id: string, @Body() body: IncidentEventDto, @CurrentPrincipal() actor: Principal, @IdempotencyKey() key?: string) {
    return this.engine.apply(id, body, actor, key);
  }

  @Post(':id/migrate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the incident onto a newer version of its playbook, at a state of that version you name' })
  migrate(@Param('id') id: string, @Body() body: MigrateIncidentDto, @CurrentPrincipal() actor: Principal) {
    return this.engine.migrate(id, body, actor);
  }

  @Get(':id/timeline')
  timeline(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.incidents.timeline(id, me);
  }
}
