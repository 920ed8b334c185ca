import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSignedIn } from './api-auth.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { PrincipalView } from './me-responses.js';
import type { Principal } from './principal.js';

@ApiTags('access')
@ApiSignedIn()
@Controller('me')
export class MeController {
  /** Who the token belongs to and the roles in force now: what a phone app shows first. */
  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'Who the caller is and the roles they hold now' })
  @ApiOkResponse({ type: PrincipalView })
  me(@CurrentPrincipal() me: Principal) {
    return me;
  }
}
