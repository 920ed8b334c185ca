import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PgBouncer of our own in front of the PostgreSQL server that `serverUrl` names, for tests: its own
 * port and folder, transaction pooling with few server connections (so that clients share them, as in
 * production), gone on stop(). Needs the `pgbouncer` binary (Debian: apt-get install pgbouncer); run as
 * root, it drops to the `postgres` user (PgBouncer refuses to run as root).
 */

const CANDIDATES = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'];

/** The binary's path, or null when PgBouncer is not installed. */
export function pgbouncerBinary(): string | null {
  const onPath = (process.env.PATH ?? '').split(':').map((d) => join(d, 'pgbouncer'));
  for (const p of [...onPath, ...CANDIDATES]) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // Not there; try the next.
    }
  }
  return null;
}

export interface Bouncer {
  /** `serverUrl` with host and port replaced by the bouncer's, for database `name`. */
  url(name: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export async function startPgbouncer(serverUrl: string, opts: { poolSize: number }): Promise<Bouncer> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error('pgbouncer is not installed');
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username) || 'postgres';
  const password = decodeURIComponent(server.password);
  const dir = mkdtempSync(join(tmpdir(), 'playbook-engine-pgbouncer-'));
  const port = await freePort();
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  // The server's password (if any) is what PgBouncer logs in with; clients are trusted (loopback only).
  writeFileSync(join(dir, 'userlist.txt'), `${q(user)} ${q(password)}\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname || '127.0.0.1'} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${opts.poolSize}`,
      'max_client_conn = 500',
      // node-postgres sends none of these today; a driver that does must not be refused.
      'ignore_startup_parameters = extra_float_digits,options',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    for (const f of ['userlist.txt', 'pgbouncer.ini']) chmodSync(join(dir, f), 0o644);
  }
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    // Ready when it says so (it logs to stderr); an early exit says why.
    await new Promise<void>((resolve, reject) => {
      const look = (d: Buffer) => {
        said += d;
        if (/process up/.test(said)) resolve();
      };
      child.stdout!.on('data', look);
      child.stderr!.on('data', look);
      void exited.then(() => reject(new Error(`pgbouncer exited before it was up:\n${said}`)));
    });
  } catch (e) {
    cleanUp();
    throw e;
  }
  return {
    url: (name) => {
      const u = new URL(serverUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: async () => {
      // Our clients are closed by then, so SIGTERM stops it at once (before 1.23 it does so anyway).
      child.kill('SIGTERM');
      await exited;
      cleanUp();
    },
  };
}
