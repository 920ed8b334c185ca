import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSignedIn } from '../access/api-auth.js';
import { ApiErrors } from '../common/error-body.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { TaskCommands } from './task-commands.js';
import { CompleteTaskDto, ReassignTaskDto, TaskQuery } from './task.dto.js';
import { TaskView } from './task-responses.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@ApiSignedIn()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly commands: TaskCommands,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listTasks', summary: 'Tasks in the units you can read; `assignee=me` for your own' })
  @ApiOkResponse({ type: [TaskView] })
  @ApiErrors(400)
  list(@Query() q: TaskQuery, @CurrentPrincipal() me: Principal) {
    return this.tasks.list(q, me);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTask', summary: 'One task, if you can read its incident or it is yours' })
  @ApiOkResponse({ type: TaskView })
  @ApiErrors(404)
  get(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.tasks.get(id, me);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ operationId: 'completeTask', summary: 'Complete a task (its assignees, a superior of its role, or an admin); again on a done task answers it unchanged; a cancelled task is 409' })
  @ApiOkResponse({ type: TaskView, description: 'the task as completed' })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  complete(@Param('id') id: string, @Body() body: CompleteTaskDto, @CurrentPrincipal() me: Principal) {
    return this.commands.complete(id, me, body.note);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ operationId: 'acknowledgeTask', summary: 'Record that an assignee has seen the task; again answers it unchanged' })
  @ApiOkResponse({ type: TaskView })
  @ApiErrors(403, 404, 409)
  acknowledge(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.commands.acknowledge(id, me);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ operationId: 'reassignTask', summary: "Give the task to a person or to a role's current holders (the assignee's superiors, or an admin)" })
  @ApiOkResponse({ type: TaskView, description: 'the task with its new assignees' })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  reassign(@Param('id') id: string, @Body() body: ReassignTaskDto, @CurrentPrincipal() me: Principal) {
    return this.commands.reassign(id, me, body, body.note);
  }
}
