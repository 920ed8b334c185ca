import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build` puts the console (web/vite.config.ts): dist/web, next to dist/src. */
export function consoleDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
}

/**
 * The web console is static files served by the service itself, at /app/ (same origin, so the session
 * cookie and the API need no CORS): hashed assets cached for a year, index.html never (a new build must
 * reach the next page load), and every other path under /app/ answered with index.html so that a reload
 * or a shared link to /app/incidents/… opens the right page (the router in the page reads the path).
 * `/` redirects to /app/. Plain Express middleware, in front of Nest's guards: the files are public; the
 * data they ask for is not.
 *
 * Without a build (a test run that never built the console) nothing is mounted and /app/ is a 404.
 */
export function serveConsole(app: NestExpressApplication, dir = consoleDir()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/app/assets/', immutable: true, maxAge: '365d', fallthrough: false });
  app.useStaticAssets(dir, { prefix: '/app/', index: false, maxAge: 0 });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/') return res.redirect(302, '/app/');
    if (req.path === '/app' || req.path.startsWith('/app/')) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index);
    }
    next();
  });
  return true;
}
