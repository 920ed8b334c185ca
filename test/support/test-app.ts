import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { CLOCK } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { openFoundations, type Foundations } from '../../src/foundations.js';
import { configureHttp } from '../../src/http-app.js';
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
 * `opts.database`: reuse a database (a restart); it is then not dropped on close.
 */
export async function startApp(env: Record<string, string> = {}, opts: { now?: string; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = opts.database ?? (await freshDatabase());
  // No background scheduler in tests: they drive the poller and the dispatcher with the fake clock.
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '100000', SEED_DEMO: 'false', SCHEDULER_ENABLED: 'false', ...database.env, ...env });
  const foundations = await openFoundations(config);
  const clock = new FakeClock(opts.now);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(foundations)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
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

