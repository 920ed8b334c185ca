import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { BadRequest } from './errors.js';

/** The largest JSON body accepted; the 413 answer names it. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** Deeper than any request of this API needs; class-transformer would recurse without limit. */
export const MAX_DEPTH = 32;

/** How deeply a parsed JSON value nests (a scalar is 0), counted without recursion so no input can overflow the stack. */
export function depthOf(value: unknown, stopAfter = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const level = d + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAfter) return deepest;
    for (const x of Object.values(v)) stack.push([x, level]);
  }
  return deepest;
}

/** Refuses a body or query nested deeper than MAX_DEPTH, before validation runs. */
@Injectable()
export class DepthPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' && meta.type !== 'query') return value;
    const depth = depthOf(value, MAX_DEPTH);
    if (depth > MAX_DEPTH) {
      throw new BadRequest(`request ${meta.type} is nested more than ${MAX_DEPTH} levels deep`, [
        { field: meta.type, problems: [`nest objects and arrays at most ${MAX_DEPTH} levels deep`] },
      ]);
    }
    return value;
  }
}

/**
 * A body in another format would reach validation as an empty object and fail with a confusing message
 * about properties; say what the API takes instead. Requests without a body pass.
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return next();
  if (req.is(['application/json', 'application/*+json'])) return next();
  res.status(415).json({
    statusCode: 415,
    error: 'unsupported_media_type',
    message: `request bodies must be JSON: send Content-Type: application/json (got ${req.headers['content-type'] ?? 'no Content-Type'})`,
    path: req.path,
  });
}
