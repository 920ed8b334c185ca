import { DomainError } from '../common/errors.js';
import type { Permission } from './access-rules.js';

/** 403 naming the permission that was missing and where. */
export class Forbidden extends DomainError {
  constructor(permission: Permission, message: string, where: Record<string, unknown> = {}) {
    super(403, 'forbidden', message, { permission, ...where });
  }
}
