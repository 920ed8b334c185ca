import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { TaskCommands } from './task-commands.js';
import { CompleteTaskDto, ReassignTaskDto, TaskQuery } from './task.dto.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly commands: TaskCommands,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Tasks in the units you can read; `assignee=me` for your own' })
  list(@Query() q: TaskQuery, @CurrentPrincipal() me: Principal) {
    return this.tasks.list(q, me);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.tasks.get(id, me);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task (its assignees, a superior of its role, or an admin); again on a done task answers it unchanged; a cancelled task is 409' })
  complete(@Param('id') id: string, @Body() body: CompleteTaskDto, @CurrentPrincipal() me: Principal) {
    return this.commands.complete(id, me, body.note);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that an assignee has seen the task' })
  acknowledge(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.commands.acknowledge(id, me);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: "Give the task to a person or to a role's current holders (the assignee's superiors, or an admin)" })
  reassign(@Param('id') id: string, @Body() body: ReassignTaskDto, @CurrentPrincipal() me: Principal) {
    return this.commands.reassign(id, me, body, body.note);
  }
}
