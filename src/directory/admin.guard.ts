import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Forbidden } from '../access/forbidden.js';
import type { Principal } from '../access/principal.js';

/** Units, people, roles, tokens and the audit log are for admins only. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const p = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!p?.admin) throw new Forbidden('admin', 'this endpoint is for admins');
    return true;
  }
}
