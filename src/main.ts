import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirLocked, DatabaseUnreachable } from './database/connect.js';
import { MigrationError } from './database/migrator.js';
import { openFoundations } from './foundations.js';
import { configureHttp } from './http-app.js';
import { Lifecycle } from './lifecycle/lifecycle.js';
import { stopOnSignals } from './lifecycle/signals.js';
import { PlaybookLoadError } from './playbooks/playbook-files.js';
import { firstRunLinkBase, firstRunMessage, seedDemo } from './directory/demo-seed.js';
import { DirectoryService } from './directory/directory.service.js';

/** A start-up failure whose message says it all: printed as one line, without a stack. */
class StartError extends Error {}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const foundations = await openFoundations(config);
  let app: NestExpressApplication | undefined;
  try {
    // abortOnError: false, so that a failure here reaches the handler below instead of process.abort().
    // bufferLogs: Nest's own start-up lines wait for the JSON logger (configureHttp), so stdout holds one format.
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(foundations), { bufferLogs: true, abortOnError: false });
    // The port is taken before the demo is seeded; until it is seeded and its tokens printed, every
    // request (/health included, /health/live not: the process is up) answers 503, so whoever waits
    // for /health finds the tokens printed.
    const lifecycle = app.get(Lifecycle);
    app.use((req: Request, res: Response, next: NextFunction) =>
      lifecycle.phase !== 'starting' || req.path === '/health/live'
        ? next()
        : res.status(503).setHeader('Retry-After', '1').json({ statusCode: 503, error: 'unavailable', message: 'starting', reason: 'starting', path: req.path }),
    );
    configureHttp(app, config);
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      await foundations.close();
    };
    // Our own hooks rather than enableShutdownHooks(): Nest's run the shutdown hooks but never
    // app.close(), so the database would not be closed nor its data folder released. They drain first
    // (src/lifecycle/signals.ts); a second signal kills at once.
    stopOnSignals(app, config.SHUTDOWN_GRACE_MS);
    await app.init();
    // The port first: a start that cannot listen must fail before any demo token exists, since a token
    // that was created but never printed is lost for good.
    const port = await listen(app.getHttpServer(), config.PORT, config.HOST);
    const log = new Logger('Engine');
    const seed = config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && foundations.db.kind === 'embedded');
    if (seed) log.log(`port ${port} taken; seeding the demo if the database has no people (requests answer 503 until done)`);
    const demo = seed ? await seedOnce(foundations, app.get(DirectoryService), firstRunLinkBase(config, port)) : null;
    // Printed once, to the console only: these are the only copies of the tokens.
    if (demo) console.log(firstRunMessage(demo));
    lifecycle.markReady();
    const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.DATA_DIR}`;
    if (foundations.migrated.length) log.log(`applied migrations: ${foundations.migrated.join(', ')}`);
    if (foundations.granted) log.log(`runtime role "${foundations.granted.role}": rights set on ${foundations.granted.grants.length} tables and sequences`);
    log.log(`playbooks: ${foundations.registry.list().map((v) => `${v.key} v${v.version}`).join(', ')}`);
    log.log(`listening on ${listeningOn(config.HOST, port)} (API docs at /docs), ${where}`);
  } catch (e) {
    await (app ? app.close() : foundations.close()).catch(() => undefined);
    throw e;
  }
}

/**
 * Listens on the port itself rather than through app.listen(), which logs a failure on its own as
 * well (two lines for one cause). Answers the port actually bound (PORT=0 picks a free one).
 */
function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => {
      const why: Record<string, string> = {
        EADDRINUSE: `port ${port} is in use (EADDRINUSE): another process listens on it; stop it or set PORT`,
        EACCES: `port ${port} needs privileges this process does not have (EACCES); set PORT above 1023`,
        EADDRNOTAVAIL: `HOST ${host} is not an address of this machine (EADDRNOTAVAIL); set HOST to one of its addresses, or 0.0.0.0`,
        ENOTFOUND: `HOST ${host}: no such host name (ENOTFOUND)`,
        EAI_AGAIN: `HOST ${host}: the name could not be resolved (EAI_AGAIN)`,
      };
      reject(e.code && why[e.code] ? new StartError(why[e.code]) : e);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Where to reach the service, for the start line: a wildcard HOST says it is every interface. */
function listeningOn(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') return `http://localhost:${port} on all interfaces (HOST=${host})`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port} only (HOST=${host})`;
}

async function seedOnce(f: Awaited<ReturnType<typeof openFoundations>>, directory: DirectoryService, linkBase: string) {
  try {
    return await seedDemo(f.db, f.registry, directory, { linkBase });
  } catch (e) {
    throw new StartError(`the demo seed failed, and nothing of it was kept (the next start tries again): ${(e as Error).message}`);
  }
}

main().catch((e) => {
  const known =
    e instanceof ConfigError ||
    e instanceof PlaybookLoadError ||
    e instanceof DataDirLocked ||
    e instanceof DatabaseUnreachable ||
    e instanceof MigrationError ||
    e instanceof StartError;
  console.error(known ? `cannot start: ${e.message}` : e);
  process.exit(1);
});
