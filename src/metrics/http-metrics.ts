import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/**
 * The route a request was answered by, as its template (`/incidents/:id/events`): Express leaves the
 * matched route on the request. Requests answered before routing (an unknown path, or a 413, 415 or
 * 429 from the middleware in front of the router) have none: "unmatched", never the raw path, whose
 * ids would make a new series per request.
 */
export function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // Nest answers unknown paths from a catch-all route (`{/*splat}`); no route of the API has a wildcard.
  if (typeof path === 'string' && !path.includes('*')) return `${req.baseUrl ?? ''}${path}`;
  // The API UI is served by a static handler, not a route.
  if (req.originalUrl === '/docs' || req.originalUrl.startsWith('/docs/') || req.originalUrl.startsWith('/docs-json')) return '/docs';
  return 'unmatched';
}

/** Counts and times every request once it is answered (or the client went away). Mounted before everything else. */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpSeconds.startTimer();
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      const route = routeOf(req);
      // A client that hung up before an answer was sent: 499, as nginx records it.
      const status = res.writableFinished || res.headersSent ? String(res.statusCode) : '499';
      metrics.httpRequests.inc({ method: req.method, route, status });
      end({ method: req.method, route });
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
