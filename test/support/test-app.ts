import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { CLOCK } from '../../src/common/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { openFoundations, type Foundations } from '../../src/foundations.js';
import { configureHttp } from '../../src/http-app.js';
import { createLogger } from '../../src/logging/logger.js';
import { REQUEST_LOGGER } from '../../src/logging/logging.module.js';
import { requestLogger } from '../../src/logging/request-logging.js';
import { Lifecycle } from '../../src/lifecycle/lifecycle.js';
import { FakeClock } from './fake-clock.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: FakeClock;
  foundations: Foundations;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real application on a fresh database, through @nestjs/testing, with a clock the test drives. */
/**
 * `opts.database`: reuse a database (a restart); it is then not dropped on close. `opts.log`: where
 * request logs, and the lines written while a request is handled, go, and from which level (the
 * app's other lines keep LOG_LEVEL, default error, on stdout).
 */
export async function startApp(env: Record<string, string> = {}, opts: { now?: string; database?: TestDatabase; log?: { to: DestinationStream; level: AppConfig['LOG_LEVEL'] } } = {}): Promise<TestApp> {
  const database = opts.database ?? (await freshDatabase());
  // No background scheduler in tests: they drive the poller and the dispatcher with the fake clock.
  // Logs: errors only, as JSON (never pino-pretty's worker thread, even when Jest runs on a terminal).
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '100000', SEED_DEMO: 'false', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'error', LOG_FORMAT: 'json', ...database.env, ...env });
  const foundations = await openFoundations(config);
  const clock = new FakeClock(opts.now);
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(foundations)] })
    .overrideProvider(CLOCK)
    .useValue(clock);
  if (opts.log) builder.overrideProvider(REQUEST_LOGGER).useValue(requestLogger(createLogger({ ...config, LOG_LEVEL: opts.log.level }, opts.log.to)));
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureHttp(app, config);
  await app.init();
  // What main.ts does once it listens (and has seeded): tests seed nothing.
  app.get(Lifecycle).markReady();
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    foundations,
    database,
    close: async () => {
      await app.close();
      await foundations.close();
      if (!opts.database) await database.drop();
    },
  };
}

