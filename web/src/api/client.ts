// The console's one way to the service: an openapi-fetch client typed from the service's own OpenAPI
// document (schema.d.ts, written by `npm run openapi`), so a change to the API that breaks the console
// fails `npm run typecheck` instead of a page.
//
//   import { client, ApiError } from './api/client';
//   const { data } = await client.GET('/incidents/{id}', { params: { path: { id } } });
//
// Every answer that is not 2xx is thrown as an ApiError (so `data` is always set after an await that
// returned; 204s give `data: undefined`), and so is a request that never reached the service (status 0).
import createClient, { type Middleware } from 'openapi-fetch';
// '.js' so the service's type-check (NodeNext), which runs the client's test, resolves it too.
import type { components, paths } from './schema.js';

/** The JSON every error of the service carries: `{ statusCode, error, message, path, ...details }`. */
export type ErrorBody = components['schemas']['ErrorBody'];

/** A refused or failed request: the HTTP status (0: no answer), the service's error code, its message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    /** ErrorBody's `error`: bad_request, unauthorized, forbidden, not_found, conflict… ('network' when unreachable). */
    readonly code: string,
    message: string,
    /** The whole error body, for its details (`problems`, `permission`, `allowedEvents`…), when there was one. */
    readonly body?: ErrorBody,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/**
 * The session's CSRF token, sent as `X-CSRF-Token` on every unsafe request. Set by the sign-in code
 * when a session starts or is read back; `null` after signing out.
 */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

async function errorOf(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON: a proxy's error page, or an empty body.
  }
  const wellFormed = body && typeof body === 'object' && typeof body.error === 'string';
  if (!wellFormed) return new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
  // Nest's own exceptions may carry a list of messages; people read one line.
  const message = Array.isArray(body!.message) ? body!.message.join('; ') : String(body!.message ?? response.statusText);
  return new ApiError(response.status, body!.error!, message, body as ErrorBody);
}

/** Adds the CSRF header to unsafe methods; turns non-2xx answers and unreachable service into ApiErrors. */
export const sessionAndErrors: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !SAFE_METHODS.has(request.method.toUpperCase())) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await errorOf(response);
    return undefined;
  },
  onError({ error }) {
    return new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  },
};

/** Same origin as the console (it is served by the service at /app/), with the session cookie. */
export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
client.use(sessionAndErrors);
