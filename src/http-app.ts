import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AppConfig } from './config/app-config.js';
import { trustProxySetting } from './config/trust-proxy.js';
import { serveConsole } from './console/console-assets.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { NoNulPipe } from './common/no-nul.pipe.js';
import { BODY_LIMIT_BYTES, DepthPipe, requireJsonBody } from './common/request-shape.js';
import { validationPipe } from './common/validation.js';
import { useStructuredLogs } from './logging/logging.module.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { Metrics } from './metrics/metrics.js';
import { openApiDocument } from './openapi/openapi-document.js';

/** Everything about the HTTP surface that main.ts and the tests must share. */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  // First of all, so that every answer (a 413, 415 or 429 from the middleware below included) is logged
  // with its request id and counted.
  useStructuredLogs(app);
  app.use(httpMetrics(app.get(Metrics)));
  // Swagger UI runs an inline initialiser, so the content security policy allows inline scripts on /docs only.
  // No upgrade-insecure-requests: an office that serves the console over plain HTTP on its LAN
  // (http://192.168.1.10:3000) would otherwise have every script and API call rewritten to https and fail.
  const strict = helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } });
  const docs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } });
  app.use((req: { path: string }, res: unknown, next: () => void) =>
    (req.path.startsWith('/docs') ? docs : strict)(req as never, res as never, next),
  );
  // The console's files, before the rate limit: a page load is a handful of requests that are not API use.
  serveConsole(app as NestExpressApplication);
  // Who the client is behind a reverse proxy (req.ip, the rate limit's key): see TRUST_PROXY.
  (app as NestExpressApplication).set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // Per client address and per replica; /health stays exempt so load balancers never get 429.
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.RATE_LIMIT_PER_MINUTE,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skip: (req) => req.path === '/health' || req.path === '/health/live' || req.path === '/health/ready',
      handler: (req, res) => {
        res.status(429).json({ statusCode: 429, error: 'too_many_requests', message: `more than ${config.RATE_LIMIT_PER_MINUTE} requests a minute from this address; slow down`, path: req.path });
      },
    }),
  );
  app.use(requireJsonBody);
  (app as NestExpressApplication).useBodyParser('json', { limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  app.useGlobalPipes(new DepthPipe(), new NoNulPipe(), validationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  const doc = openApiDocument(app);
  SwaggerModule.setup('docs', app, doc);
}
