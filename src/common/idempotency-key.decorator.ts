import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { BadRequest } from './errors.js';

const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The optional `Idempotency-Key` header: a retry with the same key returns the first answer. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const raw = header(ctx.switchToHttp().getRequest<Request>(), 'idempotency-key');
  if (raw === undefined) return undefined;
  const key = raw.trim();
  if (!key || key.length > 200 || !PRINTABLE.test(key)) {
    throw new BadRequest('invalid Idempotency-Key header', [
      { field: 'header Idempotency-Key', problems: ['must be 1 to 200 printable characters'] },
    ]);
  }
  return key;
});
