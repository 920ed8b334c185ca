import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One field of a refused request and everything wrong with it (validation, NUL characters, depth). */
export class FieldProblem {
  @ApiProperty({ example: 'unit', description: 'the field, dotted for nested ones; `body`, `query` or `header Idempotency-Key` for the whole' })
  field: string;

  @ApiProperty({ type: [String], example: ['no unit with this id that you can see'] })
  problems: string[];
}

/**
 * What every error answer carries, as HttpErrorFilter, the JSON-body check (415) and the rate limit (429)
 * write it: `{ statusCode, error, message, path, ...details }`. The details depend on the error; the ones
 * listed are those the service sends today, and others may appear.
 */
export class ErrorBody {
  @ApiProperty({ type: 'integer', example: 404, description: 'the HTTP status again' })
  statusCode: number;

  @ApiProperty({
    example: 'not_found',
    description:
      'a stable code: bad_request, unauthorized, forbidden, not_found, method_not_allowed, conflict, payload_too_large, ' +
      'unsupported_media_type, unprocessable, too_many_requests, unavailable, not_ready, internal; from signing in: ' +
      'invalid_credentials, csrf_token_invalid, too_many_attempts, link_not_found, link_used, link_expired, link_deactivated',
  })
  error: string;

  @ApiProperty({ example: 'no incident with id "…"', description: 'what was wrong, for people' })
  message: string;

  @ApiProperty({ example: '/incidents/…', description: 'the request path' })
  path: string;

  @ApiPropertyOptional({ type: [FieldProblem], description: '400: each field that was wrong and why' })
  problems?: FieldProblem[];

  @ApiPropertyOptional({ example: 'incidents.event', description: '403: the permission that was missing' })
  permission?: string;

  @ApiPropertyOptional({ type: [String], description: '409 on an incident event: the events the incident accepts now' })
  allowedEvents?: string[];

  @ApiPropertyOptional({ description: '409 on an incident event: its level now' })
  level?: string;

  @ApiPropertyOptional({ description: '409 on an incident event: its state now' })
  state?: string;

  @ApiPropertyOptional({ type: 'integer', description: '413: the largest body accepted, in bytes' })
  limitBytes?: number;

  @ApiPropertyOptional({ description: '503 from /health/ready or while starting: starting, draining, database or migrations' })
  reason?: string;

  @ApiPropertyOptional({ type: 'integer', description: '429 from signing in: seconds to wait (also the Retry-After header)' })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ format: 'date-time', description: '429 from signing in: when to try again' })
  retryAt?: string;
}

/** Statuses an endpoint may answer with an ErrorBody, and what each means in this API. */
const MEANING = {
  400: 'Bad input (body, query, path or header); `problems` names each field. Nothing changed.',
  401: 'No credentials, or unknown, revoked or expired ones.',
  403: 'Signed in, but not allowed: `permission` names what was missing.',
  404: 'No such thing, or one in a unit the caller cannot read (answered alike).',
  409: 'Refused in the current state (details say what is allowed now). Nothing changed.',
  413: 'The request body is larger than the service accepts (`limitBytes`).',
  415: 'The request body is not JSON (`Content-Type: application/json`).',
  422: 'The Idempotency-Key was already used for a different request.',
  429: 'Too many requests from this address this minute; retry after the `RateLimit` header says.',
  503: 'The service is starting or draining, or its database is unreachable; retry shortly.',
} as const;

export type ErrorStatus = keyof typeof MEANING;

/** Documents the error answers an endpoint can give, each an ErrorBody. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: MEANING[status], content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } })),
  );
}
