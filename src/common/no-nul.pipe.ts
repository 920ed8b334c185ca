import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { BadRequest } from './errors.js';

function findNul(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (depth > 32 || v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    if (k.includes('\u0000')) return `${path}.${k}`;
    const hit = findNul(x, path ? `${path}.${k}` : k, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** PostgreSQL text cannot hold NUL; refuse it at the door with a 400 rather than fail in the database. */
@Injectable()
export class NoNulPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom') return value;
    const hit = findNul(value, meta.type === 'body' ? '' : (meta.data ?? ''));
    if (hit !== null) {
      const field = hit || meta.type;
      throw new BadRequest(`invalid ${meta.type}: NUL characters are not allowed`, [{ field, problems: ['must not contain NUL (\\u0000) characters'] }]);
    }
    return value;
  }
}
