import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSignedIn } from '../access/api-auth.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { ApiErrors } from '../common/error-body.js';
import { PageQuery } from '../incidents/incident.dto.js';
import { AdminGuard } from './admin.guard.js';
import { AssignmentQuery, PersonDto, RoleAssignmentDto, TokenDto, TokenQuery, UnitDto, UpdatePersonDto, UpdateUnitDto } from './directory.dto.js';
import { AuditEntry, IssuedToken, PersonView, RoleAssignmentView, TokenView, UnitView } from './directory-responses.js';
import { DirectoryService } from './directory.service.js';

@ApiTags('admin')
@ApiSignedIn()
@ApiErrors(403)
@UseGuards(AdminGuard)
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('units')
  @ApiOperation({ operationId: 'listUnits', summary: 'Every unit, by id' })
  @ApiOkResponse({ type: [UnitView] })
  units() {
    return this.directory.units();
  }
  @Get('units/:id')
  @ApiOperation({ operationId: 'getUnit', summary: 'One unit' })
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(404)
  unit(@Param('id') id: string) {
    return this.directory.unit(id);
  }
  @Post('units')
  @ApiOperation({ operationId: 'createUnit', summary: 'Create a unit, under a parent or as a root' })
  @ApiCreatedResponse({ type: UnitView })
  @ApiErrors(400, 409, 413, 415)
  createUnit(@Body() b: UnitDto, @CurrentPrincipal() me: Principal) {
    return this.directory.createUnit(me, b);
  }
  @Patch('units/:id')
  @ApiOperation({ operationId: 'updateUnit', summary: 'Rename, move, re-zone a unit or replace its contacts' })
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(400, 404, 413, 415)
  updateUnit(@Param('id') id: string, @Body() b: UpdateUnitDto, @CurrentPrincipal() me: Principal) {
    return this.directory.updateUnit(me, id, b);
  }

  @Get('people')
  @ApiOperation({ operationId: 'listPeople', summary: 'Every person and service account, by name' })
  @ApiOkResponse({ type: [PersonView] })
  people() {
    return this.directory.people();
  }
  @Get('people/:id')
  @ApiOperation({ operationId: 'getPerson', summary: 'One person' })
  @ApiOkResponse({ type: PersonView })
  @ApiErrors(404)
  person(@Param('id') id: string) {
    return this.directory.person(id);
  }
  @Post('people')
  @ApiOperation({ operationId: 'createPerson', summary: 'Add a person or service account' })
  @ApiCreatedResponse({ type: PersonView })
  @ApiErrors(400, 409, 413, 415)
  createPerson(@Body() b: PersonDto, @CurrentPrincipal() me: Principal) {
    return this.directory.createPerson(me, b);
  }
  @Patch('people/:id')
  @ApiOperation({ operationId: 'updatePerson', summary: 'Change a person’s name, email, external id, admin flag, or deactivate them' })
  @ApiOkResponse({ type: PersonView })
  @ApiErrors(400, 404, 409, 413, 415)
  updatePerson(@Param('id') id: string, @Body() b: UpdatePersonDto, @CurrentPrincipal() me: Principal) {
    return this.directory.updatePerson(me, id, b);
  }

  @Get('role-assignments')
  @ApiOperation({ operationId: 'listRoleAssignments', summary: 'Role assignments (any window, deputies included), by unit and person' })
  @ApiOkResponse({ type: [RoleAssignmentView] })
  @ApiErrors(400)
  assignments(@Query() q: AssignmentQuery) {
    return this.directory.assignments(q);
  }
  @Post('role-assignments')
  @ApiOperation({ operationId: 'assignRole', summary: 'Give a person a role in a unit, optionally as a deputy for someone during a window' })
  @ApiCreatedResponse({ type: RoleAssignmentView })
  @ApiErrors(400, 413, 415)
  assign(@Body() b: RoleAssignmentDto, @CurrentPrincipal() me: Principal) {
    return this.directory.assign(me, b);
  }
  @Delete('role-assignments/:id')
  @ApiOperation({ operationId: 'unassignRole', summary: 'Remove a role assignment; the answer is the assignment removed' })
  @ApiOkResponse({ type: RoleAssignmentView })
  @ApiErrors(404)
  unassign(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.directory.unassign(me, id);
  }

  @Get('tokens')
  @ApiOperation({ operationId: 'listTokens', summary: 'Tokens (never the token itself), newest first' })
  @ApiOkResponse({ type: [TokenView] })
  @ApiErrors(400)
  tokens(@Query() q: TokenQuery) {
    return this.directory.tokens(q.person);
  }
  @Post('tokens')
  @ApiOperation({ operationId: 'createToken', summary: 'Issue a token; the answer shows it once, only its hash is kept' })
  @ApiCreatedResponse({ type: IssuedToken })
  @ApiErrors(400, 413, 415)
  createToken(@Body() b: TokenDto, @CurrentPrincipal() me: Principal) {
    return this.directory.createToken(me, b);
  }
  @Post('tokens/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeToken', summary: 'Revoke a token: it stops working on every replica within a second' })
  @ApiOkResponse({ type: TokenView })
  @ApiErrors(404)
  revoke(@Param('id') id: string, @CurrentPrincipal() me: Principal) {
    return this.directory.revokeToken(me, id);
  }

  @Get('audit')
  @ApiOperation({ operationId: 'listAudit', summary: 'The audit log of admin changes and sign-ins, newest first' })
  @ApiOkResponse({ type: [AuditEntry] })
  @ApiErrors(400)
  audit(@Query() q: PageQuery) {
    return this.directory.auditLog(q.limit, q.offset);
  }
}
