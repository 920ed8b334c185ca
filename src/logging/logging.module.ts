import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { HttpLogger } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { createLogger } from './logger.js';
import { requestLogger } from './request-logging.js';

/** The app instance's pino-http middleware (its `.logger` is the root logger). */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/**
 * Structured logs through nestjs-pino. The request logger is mounted by configureHttp in front of every
 * other middleware (so a 413, 415 or 429 is logged and carries a request id too), which is why
 * nestjs-pino runs with `useExisting`: it only binds each request's logger for the log lines made
 * while handling it, instead of mounting a pino-http of its own behind the app's middleware.
 *
 * nestjs-pino keeps its logger for lines made outside a request (the scheduler's) once per process:
 * with two app instances in one process (tests), those lines go to the first one's logger.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): DynamicModule {
    const http = requestLogger(createLogger(config));
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: http.logger }, useExisting: true })],
      providers: [{ provide: REQUEST_LOGGER, useValue: http }],
      exports: [REQUEST_LOGGER],
    };
  }
}

/** Nest's own log lines (and every `new Logger(context)`) through pino, and the request logger in front of everything. */
export function useStructuredLogs(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.use(app.get<HttpLogger>(REQUEST_LOGGER));
}
