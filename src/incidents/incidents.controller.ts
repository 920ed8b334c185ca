import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSignedIn } from '../access/api-auth.js';
import { ApiErrors } from '../common/error-body.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { IncidentEngine } from './incident-engine.js';
import { EventResult, IncidentView, TimelineEntry } from './incident-responses.js';
import { IncidentEventDto, IncidentQuery, MigrateIncidentDto, OpenIncidentDto } from './incident.dto.js';
import { IncidentsService } from './incidents.service.js';

const keyHeader = { name: 'Idempotency-Key', required: false, description: 'a retry with the same key returns the first answer' };

@ApiTags('incidents')
@ApiSignedIn()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly engine: IncidentEngine,
    private readonly incidents: IncidentsService,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'openIncident', summary: 'Open an incident on a playbook for a unit; it starts at the lowest level' })
  @ApiHeader(keyHeader)
  @ApiCreatedResponse({ type: IncidentView, description: 'the incident opened (with a reused Idempotency-Key: the one opened then)' })
  @ApiErrors(400, 403, 404, 409, 413, 415, 422)
  async open(@Body() body: OpenIncidentDto, @CurrentPrincipal() actor: Principal, @IdempotencyKey() key?: string) {
    return (await this.engine.open(body, actor, key)).incident;
  }

  @Get()
  @ApiOperation({ operationId: 'listIncidents', summary: 'Incidents in the units you can read, newest first' })
  @ApiOkResponse({ type: [IncidentView] })
  @ApiErrors(400)
  list(@Query() q: IncidentQuery, @CurrentPrincipal() me: Principal) {
    return this.incidents.list(q, me);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getIncident', summary: 'One incident with its open tasks and the events it accepts now' })
  @ApiOkResponse({ type: IncidentView })
  @ApiErrors(404)
  get(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.incidents.get(id, me);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ operationId: 'sendIncidentEvent', summary: 'Send an event (raise or lower the level); 409 lists the events accepted now' })
  @ApiHeader(keyHeader)
  @ApiOkResponse({ type: EventResult })
  @ApiErrors(400, 403, 404, 409, 413, 415, 422)
  event(@Param('id') id: string, @Body() body: IncidentEventDto, @CurrentPrincipal() actor: Principal, @IdempotencyKey() key?: string) {
    return this.engine.apply(id, body, actor, key);
  }

  @Post(':id/migrate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'migrateIncident', summary: 'Move the incident onto a newer version of its playbook, at a state of that version you name' })
  @ApiOkResponse({ type: EventResult, description: 'the incident on its new version; `raised` is empty, `cancelled` holds tasks whose template the version dropped' })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  migrate(@Param('id') id: string, @Body() body: MigrateIncidentDto, @CurrentPrincipal() actor: Principal) {
    return this.engine.migrate(id, body, actor);
  }

  @Get(':id/timeline')
  @ApiOperation({ operationId: 'getIncidentTimeline', summary: 'Everything that happened to the incident, in order, and who did it' })
  @ApiOkResponse({ type: [TimelineEntry] })
  @ApiErrors(404)
  timeline(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.incidents.timeline(id, me);
  }
}
