import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A caller's request id is kept when it is one token of at most 128 plain characters (a UUID, a ULID,
 * a load balancer's trace id); anything else (spaces, quotes, control characters, a list of several
 * joined by a proxy) could forge or break log lines, and is replaced by a fresh UUID.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:;=@+/-]{0,127}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Query parameters whose value is a credential; a URL is logged with these values cut out. */
const SECRET_PARAM = /pass|secret|token|key|auth|session|sig/i;

export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of [...new Set(params.keys())]) {
    if (SECRET_PARAM.test(key)) {
      params.set(key, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** Health checks and metric scrapes come every few seconds: logged at debug while they succeed. */
const ROUTINE = /^\/(health|metrics)(\/|\?|$)/;

type Req = IncomingMessage & { originalUrl?: string; id?: unknown };

/**
 * pino-http over the root logger: one line per request when it is answered, with its request id
 * (the caller's X-Request-Id when sane, else a new UUID, echoed in the response header), method, URL,
 * headers (credentials redacted by the root logger), status and time. Log lines made while the
 * request is handled carry only `reqId`, so they can be joined to it without repeating it.
 */
export function requestLogger(root: Logger): HttpLogger {
  return pinoHttp({
    logger: root,
    quietReqLogger: true,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: scrubUrl(req.url),
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
      // Response headers are the service's own (helmet's, the rate limit's): nothing to learn from them per line.
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req: Req, res: ServerResponse, err?: Error) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode < 400 && ROUTINE.test(req.originalUrl ?? req.url ?? '')) return 'debug';
      return 'info';
    },
    customSuccessMessage: (req: Req, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req: Req, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  });
}

function pathOf(req: Req): string {
  const url = req.originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
