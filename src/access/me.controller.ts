import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from './current-principal.decorator.js';
import type { Principal } from './principal.js';

@ApiTags('access')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  /** Who the token belongs to and the roles in force now: what a phone app shows first. */
  @Get()
  me(@CurrentPrincipal() me: Principal) {
    return me;
  }
}
