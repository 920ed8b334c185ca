import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorBody } from '../common/error-body.js';

/** The names the security schemes go by in the document (see api-auth.ts). */
export const BEARER_SCHEME = 'bearer';
export const SESSION_SCHEME = 'session';
export const SESSION_COOKIE = 'session';

/**
 * The service's OpenAPI document. One function for the served /docs, the generator (scripts/openapi.ts)
 * and the drift test, so the console's typed client is built from exactly what the service serves.
 * It reads only the controllers' decorators, so an application created with `{ preview: true }` (no
 * provider instantiated, no database, no port) is enough.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tiered response playbook engine')
    .setDescription(
      'Incidents, levels and tasks from response playbooks. Every request but /health and these docs needs ' +
        '`Authorization: Bearer <token>` or a signed-in `session` cookie (with `X-CSRF-Token` on unsafe methods). ' +
        'Every error has one JSON shape, `ErrorBody`; any endpoint may also answer 503 (`unavailable`) while the ' +
        'service starts or when its database is unreachable.',
    )
    .setVersion('0.1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'pbe_ token or JWT', description: 'an API token (pbe_…) or, when configured, a JWT from the trusted issuer' }, BEARER_SCHEME)
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the HttpOnly session cookie set by signing in' }, SESSION_SCHEME)
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
  // Details beyond the listed ones may appear (a DomainError carries its own), so clients must not refuse them.
  const errorBody = doc.components?.schemas?.[ErrorBody.name];
  if (errorBody && !('$ref' in errorBody)) errorBody.additionalProperties = true;
  return doc;
}
