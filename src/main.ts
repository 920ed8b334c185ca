import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirLocked } from './database/connect.js';
import { openFoundations } from './foundations.js';
import { configureHttp } from './http-app.js';
import { PlaybookLoadError } from './playbooks/playbook-files.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const foundations = await openFoundations(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(foundations), { bufferLogs: false });
  app.useBodyParser('json', { limit: '256kb' });
  configureHttp(app);
  app.enableShutdownHooks();
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await foundations.close();
  };
  await app.listen(config.PORT);
  const log = new Logger('Engine');
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.DATA_DIR}`;
  if (foundations.migrated.length) log.log(`applied migrations: ${foundations.migrated.join(', ')}`);
  log.log(`playbooks: ${foundations.registry.list().map((v) => `${v.key} v${v.version}`).join(', ')}`);
  log.log(`listening on http://localhost:${config.PORT} (API docs at /docs), ${where}`);
}

main().catch((e) => {
  const known = e instanceof ConfigError || e instanceof PlaybookLoadError || e instanceof DataDirLocked;
  console.error(known ? `cannot start: ${e.message}` : e);
  process.exit(1);
});
