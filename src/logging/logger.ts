import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * Where secrets would sit in a log line, censored whatever else is logged. Request lines carry the
 * request's headers: the bearer token and any session cookie must never reach a log store, whose
 * readers are not the token's owners. (Idempotency-Key is kept: it is the caller's retry handle,
 * not a credential, and finding a retried request by it is what it is for.)
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
];

/** pino-pretty's entry point when it is installed (a devDependency: absent in a production install). */
export function prettyTarget(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('pino-pretty');
  } catch {
    return undefined;
  }
}

/** Pretty when asked for, or by default on a terminal outside production; never when it is not installed. */
export function wantsPretty(config: Pick<AppConfig, 'LOG_FORMAT'>, env: NodeJS.ProcessEnv = process.env, tty = Boolean(process.stdout.isTTY)): boolean {
  if (config.LOG_FORMAT === 'json') return false;
  if (config.LOG_FORMAT === 'pretty') return true;
  return tty && env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test';
}

/**
 * The service's root logger: JSON lines on stdout (level as a word, ISO time), or pino-pretty through a
 * worker thread. `destination` is for tests, which read what was written.
 */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>, destination?: DestinationStream): Logger {
  const base: LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const pretty = !destination && wantsPretty(config) ? prettyTarget() : undefined;
  if (pretty) {
    return pino({ ...base, transport: { target: pretty, options: { colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  const logger = pino({ ...base, formatters: { level: (label) => ({ level: label }) } }, destination ?? pino.destination({ dest: 1, sync: true }));
  if (config.LOG_FORMAT === 'pretty') logger.warn('LOG_FORMAT=pretty but pino-pretty is not installed (a development dependency); logging JSON');
  return logger;
}
