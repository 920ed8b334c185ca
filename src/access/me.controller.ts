import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Database } from '../database/database.js';
import { ApiSignedIn } from './api-auth.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { PrincipalView } from './me-responses.js';
import type { Principal } from './principal.js';

@ApiTags('access')
@ApiSignedIn()
@Controller('me')
export class MeController {
  constructor(private readonly db: Database) {}

  /**
   * Who the token belongs to and the roles in force now: what a phone app shows first. A deputy's
   * assignment names the person stood in for, since a deputy may not list people.
   */
  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'Who the caller is and the roles they hold now' })
  @ApiOkResponse({ type: PrincipalView })
  async me(@CurrentPrincipal() me: Principal): Promise<PrincipalView> {
    const ids = [...new Set(me.assignments.map((a) => a.deputyFor).filter((id): id is string => id !== null))];
    const names = new Map<string, string>();
    if (ids.length) {
      const rows = await this.db.read((sql) => sql.rows<{ id: string; name: string }>('SELECT id, name FROM people WHERE id = ANY($1)', [ids]));
      for (const r of rows) names.set(r.id, r.name);
    }
    return { ...me, assignments: me.assignments.map((a) => ({ ...a, deputyForName: a.deputyFor === null ? null : (names.get(a.deputyFor) ?? null) })) };
  }
}
