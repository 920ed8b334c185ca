import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { ApiErrors } from '../common/error-body.js';
import { BEARER_SCHEME, SESSION_SCHEME } from '../openapi/openapi-document.js';
import { Board, BoardQuery } from './board.dto.js';
import { BoardService } from './board.service.js';

@ApiTags('board')
@ApiBearerAuth(BEARER_SCHEME)
@ApiCookieAuth(SESSION_SCHEME)
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @ApiOperation({
    operationId: 'getBoard',
    summary: 'Every open incident in your units and the units below, with its level, step and open / overdue / escalated task counts',
    description: 'A bad filter answers 400 naming the parameter (unitId, playbook, level, hasOverdue); a unitId you cannot see answers 404, like one that does not exist.',
  })
  @ApiOkResponse({ type: Board })
  @ApiErrors(400, 401, 404, 429)
  get(@Query() q: BoardQuery, @CurrentPrincipal() me: Principal): Promise<Board> {
    return this.board.board(q, me);
  }
}
