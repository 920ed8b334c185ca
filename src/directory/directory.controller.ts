import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { PageQuery } from '../incidents/incident.dto.js';
import { AdminGuard } from './admin.guard.js';
import { AssignmentQuery, PersonDto, RoleAssignmentDto, TokenDto, TokenQuery, UnitDto, UpdatePersonDto, UpdateUnitDto } from './directory.dto.js';
import { DirectoryService } from './directory.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('units') units() {
    return this.directory.units();
  }
  @Get('units/:id') unit(@Param('id') id: string) {
    return this.directory.unit(id);
  }
  @Post('units') createUnit(@Body() b: UnitDto, @CurrentPrincipal() me: Principal) {
    return this.directory.createUnit(me, b);
  }
  @Patch('units/:id') updateUnit(@Param('id') id: string, @Body() b: UpdateUnitDto, @CurrentPrincipal() me: Principal) {
    return this.directory.updateUnit(me, id, b);
  }

  @Get('people') people() {
    return this.directory.people();
  }
  @Get('people/:id') person(@Param('id') id: string) {
    return this.directory.person(id);
  }
  @Post('people') createPerson(@Body() b: PersonDto, @CurrentPrincipal() me: Principal) {
    return this.directory.createPerson(me, b);
  }
  @Patch('people/:id') updatePerson(@Param('id') id: string, @Body() b: UpdatePersonDto, @CurrentPrincipal() me: Principal) {
    return this.directory.updatePerson(me, id, b);
  }

  @Get('role-assignments') assignments(@Query() q: AssignmentQuery) {
    return this.directory.assignments(q);
  }
  @Post('role-assignments')
  @ApiOperation({ summary: 'Give a person a role in a unit, optionally as a deputy for someone during a window' })
  assign(@Body() b: RoleAssignmentDto, @CurrentPrincipal() me: Principal) {
    return this.directory.assign(me, b);
  }
  @Delete('role-assignments/:id') unassign(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.directory.unassign(me, id);
  }

  @Get('tokens') tokens(@Query() q: TokenQuery) {
    return this.directory.tokens(q.person);
  }
  @Post('tokens')
  @ApiOperation({ summary: 'Issue a token; the answer shows it once, only its hash is kept' })
  createToken(@Body() b: TokenDto, @CurrentPrincipal() me: Principal) {
    return this.directory.createToken(me, b);
  }
  @Post('tokens/:id/revoke')
  @HttpCode(200)
  revoke(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.directory.revokeToken(me, id);
  }

  @Get('audit') audit(@Query() q: PageQuery) {
    return this.directory.auditLog(q.limit, q.offset);
  }
}
