import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, Validate, validateSync } from 'class-validator';
import { IsTrustProxy } from './trust-proxy.js';

/** Everything the service reads from its environment, validated once at boot. */
export class AppConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address to listen on; the default 0.0.0.0 is every IPv4 interface (127.0.0.1: this machine only). */
  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /**
   * Express's `trust proxy`: whose X-Forwarded-For to believe for the client address (the rate limit's
   * key). `false` (none), `true` (anyone: only behind a proxy that overwrites the header), a number of
   * hops, or a comma-separated list of addresses, subnets and loopback/linklocal/uniquelocal.
   */
  @Validate(IsTrustProxy)
  TRUST_PROXY = 'false';

  /**
   * On SIGTERM or SIGINT, how long requests in flight (and the timer poller and the dispatcher) get to
   * finish before their connections are cut and the database closes.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_GRACE_MS = 10_000;

  /** PostgreSQL connection string; when absent the embedded database (PGlite) in DATA_DIR is used. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * The tables' owner, used only to run the migrations at start (then closed), so that DATABASE_URL can
   * name a role without DDL rights (README, "Least privilege"). Default: DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /**
   * Where each replica holds its one LISTEN connection for the live updates: straight to PostgreSQL or
   * through a session-mode pool, since PgBouncer in transaction mode drops a LISTEN silently. Default:
   * DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'LISTEN_DATABASE_URL must be a postgres:// or postgresql:// URL' })
  LISTEN_DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsString()
  @MinLength(1)
  PLAYBOOKS_DIR = './playbooks';

  @IsString()
  @MinLength(1)
  MIGRATIONS_DIR = './migrations';

  /**
   * Where people reach the service (e.g. https://console.example.gov.vn), for the links the service
   * hands out (invitations, password resets, first-run sign-in). Unset: the origin of the request that
   * made the link, or http://HOST:PORT for the first run and the CLI.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL such as https://console.example.gov.vn' })
  PUBLIC_URL?: string;

  /** Requests per minute per client address before 429 (per replica). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /**
   * Create a demo unit, people and tokens on a database that has no people yet. `auto` does it on the
   * embedded database only; PostgreSQL needs `true`.
   */
  @IsIn(['auto', 'true', 'false'])
  SEED_DEMO: 'auto' | 'true' | 'false' = 'auto';

  /** Run the timer poller and the notification dispatcher in this replica (false: serve the API only). */
  @IsIn(['true', 'false'])
  SCHEDULER_ENABLED: 'true' | 'false' = 'true';

  /** How often the poller looks for due timers and the dispatcher for messages to send. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  SCHEDULER_INTERVAL_MS = 1000;

  /** Timers claimed per poll, and how long a claim holds before another replica may take the timer. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  TIMER_BATCH = 200;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  TIMER_LEASE_MS = 30_000;

  /** Timers fired in one transaction (one commit); a failing timer makes its batch retry one by one. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  TIMER_TX_BATCH = 25;

  /** Transactions one poller runs in parallel. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  TIMER_CONCURRENCY = 8;

  /** SMTP server for email notifications, e.g. smtp://user:pass@host:587. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'playbook-engine@localhost';

  /** Secret for the HMAC signature (X-Signature) on webhook notifications. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  WEBHOOK_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_MAX_ATTEMPTS = 8;

  /** First retry delay; each further retry doubles it (capped at an hour). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_BACKOFF_MS = 5000;

  /** Accept JWTs from this issuer (with JWT_JWKS_URL); their `sub` names a person's external id. */
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** The least severe level written (pino's levels); `silent` writes nothing. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** `json`: one JSON object a line; `pretty`: pino-pretty, for people; `auto`: pretty on a terminal outside production. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // Empty variables count as unset, so `DATABASE_URL= npm start` means "embedded".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, present, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}=${shown(e.property, present[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  // Keep only the variables this class declares; the rest of the environment is not config.
  const clean = new AppConfig();
  for (const k of Object.keys(clean) as (keyof AppConfig)[]) (clean as unknown as Record<string, unknown>)[k] = config[k];
  for (const k of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'LISTEN_DATABASE_URL', 'JWT_ISSUER', 'JWT_JWKS_URL', 'JWT_AUDIENCE', 'SMTP_URL', 'WEBHOOK_SECRET', 'PUBLIC_URL'] as const) clean[k] = config[k];
  if (Boolean(clean.JWT_ISSUER) !== Boolean(clean.JWT_JWKS_URL)) {
    throw new ConfigError('invalid configuration:\n  JWT_ISSUER and JWT_JWKS_URL: set both to accept JWTs, or neither');
  }
  if (clean.MIGRATION_DATABASE_URL && !clean.DATABASE_URL) {
    throw new ConfigError('invalid configuration:\n  MIGRATION_DATABASE_URL: only with DATABASE_URL (the embedded database has no roles)');
  }
  if (clean.LISTEN_DATABASE_URL && !clean.DATABASE_URL) {
    throw new ConfigError('invalid configuration:\n  LISTEN_DATABASE_URL: only with DATABASE_URL (the embedded database delivers changes in process)');
  }
  return clean;
}

/** Values never echoed: the whole value is the secret. */
const SECRETS = new Set(['WEBHOOK_SECRET']);
/** URLs that may carry a password (in the user part or as a query parameter). */
const URLS_WITH_CREDENTIALS = new Set(['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'LISTEN_DATABASE_URL', 'SMTP_URL', 'JWT_JWKS_URL']);

/**
 * How a bad value is shown in the error: as given, except that secrets are never echoed (the message
 * ends up in logs and supervisors' mail) and passwords are cut out of URLs.
 */
function shown(name: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (SECRETS.has(name)) return `(hidden, ${value.length} characters)`;
  if (URLS_WITH_CREDENTIALS.has(name)) return JSON.stringify(withoutPassword(value));
  return JSON.stringify(value);
}

/** The URL with its password and any password-like query parameter replaced by ***; unparseable: hidden. */
export function withoutPassword(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not a URL at all, so there is no telling which part is the password.
    return '(not a URL; value hidden)';
  }
  if (u.password) u.password = '***';
  for (const key of [...u.searchParams.keys()]) if (/pass|secret|token|key/i.test(key)) u.searchParams.set(key, '***');
  return u.toString();
}
