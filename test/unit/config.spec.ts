import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { connect, DatabaseUnreachable, describeConnectFailure } from '../../src/database/connect.js';

describe('configuration', () => {
  it('has defaults that run on the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', PLAYBOOKS_DIR: './playbooks' });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ PORT: "70000" }, /PORT="70000"/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL="mysql:\/\/x": DATABASE_URL must be a postgres/],
  ])('names the bad variable %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('a bad value that holds a secret', () => {
  const messageOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('is named but never echoed (WEBHOOK_SECRET)', () => {
    const message = messageOf({ WEBHOOK_SECRET: 'hunter2-short' });
    expect(message).toContain('WEBHOOK_SECRET=(hidden, 13 characters): WEBHOOK_SECRET must be at least 16 characters');
    expect(message).not.toContain('hunter2');
  });

  it.each([
    ['DATABASE_URL', 'mysql://engine:db-pass-1@db.internal/engine', 'mysql://engine:***@db.internal/engine'],
    ['MIGRATION_DATABASE_URL', 'pg://owner:db-pass-1@db.internal/engine', 'pg://owner:***@db.internal/engine'],
    ['DATABASE_URL', 'mysql://db.internal/engine?password=db-pass-1&sslmode=require', 'mysql://db.internal/engine?password=***&sslmode=require'],
    ['SMTP_URL', 'http://mailer:db-pass-1@smtp.internal:587', 'http://mailer:***@smtp.internal:587/'],
    ['DATABASE_URL', 'not a url at all db-pass-1', '(not a URL; value hidden)'],
  ])('has its password cut out of the URL (%s)', (name, value, shown) => {
    const message = messageOf({ DATABASE_URL: 'postgres://ok@h/db', [name]: value });
    expect(message).toContain(`${name}=${JSON.stringify(shown)}`);
    expect(message).not.toContain('db-pass-1');
  });

  it('MIGRATION_DATABASE_URL needs DATABASE_URL', () => {
    expect(messageOf({ MIGRATION_DATABASE_URL: 'postgres://owner@h/db' })).toMatch(/MIGRATION_DATABASE_URL: only with DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://rt@h/db', MIGRATION_DATABASE_URL: 'postgres://owner@h/db' }).MIGRATION_DATABASE_URL).toBe('postgres://owner@h/db');
  });
});

describe('a database that cannot be reached', () => {
  it('is described by host, port, database and user, never the password', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6543'), { code: 'ECONNREFUSED' });
    expect(describeConnectFailure('postgres://engine:pa%3Ass@10.0.0.5:6543/incidents', 'DATABASE_URL', refused)).toBe(
      'cannot connect to PostgreSQL (DATABASE_URL) at 10.0.0.5:6543, database "incidents", user "engine": connection refused (is PostgreSQL running there?)',
    );
    const missing = Object.assign(new Error('database "incidents" does not exist'), { code: '3D000' });
    expect(describeConnectFailure('postgres://engine@db/incidents', 'MIGRATION_DATABASE_URL', missing)).toBe(
      'cannot connect to PostgreSQL (MIGRATION_DATABASE_URL) at db:5432, database "incidents", user "engine": the database does not exist (create it first, e.g. createdb)',
    );
    // A driver message that happens to repeat the password has it cut out.
    const odd = new Error('could not use "pa:ss" for user engine');
    expect(describeConnectFailure('postgres://engine:pa%3Ass@db/incidents', 'DATABASE_URL', odd)).not.toContain('pa:ss');
  });

  it('stops connect() with DatabaseUnreachable', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://engine:s3cret@127.0.0.1:1/incidents' });
    const failure = connect(config);
    await expect(failure).rejects.toThrow(DatabaseUnreachable);
    await expect(failure).rejects.toThrow('at 127.0.0.1:1, database "incidents", user "engine": connection refused');
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
