import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/error-body.js';
import { BEARER_SCHEME, SESSION_SCHEME } from '../openapi/openapi-document.js';

/**
 * For the OpenAPI document: the endpoint needs a bearer token or a signed-in session cookie (either
 * one), so it may answer 401, and like every endpoint but /health it is rate-limited (429).
 */
export function ApiSignedIn(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiCookieAuth(SESSION_SCHEME), ApiErrors(401, 429));
}
