import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IdempotencyKey } from '../common/actor.decorator.js';
import { IncidentEngine } from './incident-engine.js';
import { IncidentEventDto, IncidentQuery, OpenIncidentDto } from './incident.dto.js';
import { IncidentsService } from './incidents.service.js';

const actorHeader = { name: 'X-Actor', required: true, description: 'who is acting (recorded on the timeline)' };
const keyHeader = { name: 'Idempotency-Key', required: false, description: 'a retry with the same key returns the first answer' };

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly engine: IncidentEngine,
    private readonly incidents: IncidentsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open an incident on a playbook for a unit; it starts at the lowest level' })
  @ApiHeader(actorHeader)
  @ApiHeader(keyHeader)
  async open(@Body() body: OpenIncidentDto, @Actor() actor: string, @IdempotencyKey() key?: string) {
    return (await this.engine.open(body, actor, key)).incident;
  }

  @Get()
  list(@Query() q: IncidentQuery) {
    return this.incidents.list(q);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.incidents.get(id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an event (raise or lower the level); 409 lists the events accepted now' })
  @ApiHeader(actorHeader)
  @ApiHeader(keyHeader)
  event(@Param('id') id: string, @Body() body: IncidentEventDto, @Actor() actor: string, @IdempotencyKey() key?: string) {
    return this.engine.apply(id, body, actor, key);
  }

  @Get(':id/timeline')
  timeline(@Param('id') id: string) {
    return this.incidents.timeline(id);
  }
}
