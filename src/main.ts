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
import { seedDemo } from './directory/demo-seed.js';
import { DirectoryService } from './directory/directory.service.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const foundations = await openFoundations(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(foundations), { bufferLogs: false });
  configureHttp(app, config);
  app.enableShutdownHooks();
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await foundations.close();
  };
  const log = new Logger('Engine');
  const seed = config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && foundations.db.kind === 'embedded');
  const demo = seed ? await seedDemo(foundations.db, foundations.registry, app.get(DirectoryService)) : null;
  await app.listen(config.PORT);
  if (demo) {
    // Printed once, to the console only: these are the only copies of the tokens.
    console.log(
      `\nFirst run: created the demo unit "${demo.unit}" with a person for each role.\n` +
        `These tokens are shown once; keep them (or issue new ones: npm run cli -- token:create --person <email>):\n` +
        demo.tokens.map((t) => `  ${t.who.padEnd(28)} ${t.email.padEnd(26)} ${t.token}`).join('\n') +
        '\n',
    );
  }
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
