import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor.decorator.js';
import { IncidentEngine } from '../incidents/incident-engine.js';
import { CompleteTaskDto, TaskQuery } from './task.dto.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly engine: IncidentEngine,
  ) {}

  @Get()
  list(@Query() q: TaskQuery) {
    return this.tasks.list(q);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.tasks.get(id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task; again on a done task answers it unchanged; a cancelled task is 409' })
  @ApiHeader({ name: 'X-Actor', required: true })
  complete(@Param('id') id: string, @Body() body: CompleteTaskDto, @Actor() actor: string) {
    return this.engine.completeTask(id, actor, body.note);
  }
}
