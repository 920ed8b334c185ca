import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { systemClock } from './common/clock.js';
import { loadConfig } from './config/app-config.js';
import { migrate } from './database/migrator.js';
import type { TableGrant } from './database/runtime-grants.js';
import { directoryStore } from './directory/directory-store.js';
import { loadDirectoryFile } from './directory/directory-file.js';
import { DirectoryService } from './directory/directory.service.js';
import { openFoundations, withOwner } from './foundations.js';
import { adminCreatedMessage, createAdmin } from './cli/admin-create.js';
import { backupCommand } from './cli/backup-commands.js';
import { personLinkCommand } from './cli/person-links.js';
import { firstRunLinkBase } from './directory/demo-seed.js';

const DEFAULT_TOKEN_NAME = 'cli token';

const USAGE = `usage: npm run cli -- <command> [options]
  token:create --person <email|id> [--name <label>] [--expires <ISO date>]   issue a token (shown once); name default "${DEFAULT_TOKEN_NAME}"
  token:list [--person <email|id>]                                           list tokens (never the tokens themselves)
  token:revoke <token id>                                                    revoke a token
  directory:load <file.yaml>                                                 load units, people and roles
  admin:create --email <email> --name <name>                                 make this person an admin (created when absent)
                                                                             and issue a token (shown once)
  person:invite <email>                                                      a one-time link (7 days) to set a password and sign in
  person:reset-password <email>                                              a one-time link (1 hour) to set a new password
  backup <file.tar.gz>                                                       embedded database: copy DATA_DIR to a file
  restore <file.tar.gz> [--force]                                            embedded database: restore into DATA_DIR (empty,
                                                                             or --force to replace it; the old one is kept)
  db:grant-runtime <role>                                                    PostgreSQL, as the tables' owner: give <role> the
                                                                             service's runtime rights and no more
On the embedded database, stop the service first (it holds the data folder). On PostgreSQL, back up
with pg_dump and restore with pg_restore (README, "Running in production").`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      person: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      email: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(process.env);
  if (command === 'backup' || command === 'restore') return backupCommand(command, arg, config, values.force ?? false);
  const f = await openFoundations(config);
  const directory = new DirectoryService(f.db, f.registry, systemClock);
  try {
    const personId = async (ref: string) => {
      const p = ref.includes('@') ? await f.db.read((sql) => directoryStore.personByEmail(sql, ref)) : { id: ref };
      if (!p) throw new Error(`no person with email ${ref}`);
      return p.id;
    };
    switch (command) {
      case 'token:create': {
        if (!values.person) throw new Error('token:create needs --person <email|id>');
        const expiresAt = values.expires ? new Date(values.expires) : undefined;
        if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new Error(`--expires: not a date: ${values.expires}`);
        const name = values.name ?? DEFAULT_TOKEN_NAME;
        const t = await directory.createToken(null, { personId: await personId(values.person), name, expiresAt });
        console.log(`token ${t.id} "${name}" for ${values.person} (shown once):\n${t.token}`);
        return 0;
      }
      case 'token:list': {
        const tokens = await directory.tokens(values.person ? await personId(values.person) : undefined);
        const now = Date.now();
        for (const t of tokens) console.log([t.id, t.prefix + '…', t.personId, t.name, tokenState(t, now)].join('  '));
        return 0;
      }
      case 'token:revoke': {
        if (!arg) throw new Error('token:revoke needs the token id');
        const t = await directory.revokeToken(null, arg);
        console.log(`revoked ${t.id} at ${t.revokedAt}`);
        return 0;
      }
      case 'directory:load': {
        if (!arg) throw new Error('directory:load needs a file');
        const n = await loadDirectoryFile(arg, directory, f.db);
        console.log(`loaded ${n.units} units, ${n.people} people, ${n.roles} role assignments`);
        return 0;
      }
      case 'admin:create': {
        if (!values.email) throw new Error('admin:create needs --email <email> (and --name <name> for a new person)');
        console.log(adminCreatedMessage(values.email, await createAdmin(f.db, directory, { email: values.email, name: values.name, linkBase: firstRunLinkBase(f.config, f.config.PORT) })));
        return 0;
      }
      case 'person:invite':
      case 'person:reset-password': {
        console.log(await personLinkCommand(f.db, f.config, command === 'person:invite' ? 'invite' : 'reset', arg));
        return 0;
      }
      case 'db:grant-runtime': {
        if (!arg) throw new Error('db:grant-runtime needs the role name');
        if (f.db.kind !== 'postgres') throw new Error('db:grant-runtime is for PostgreSQL (the embedded database has no roles)');
        let grants: TableGrant[] = [];
        await withOwner(f.config, f.db, (owner) => migrate(owner, f.config.MIGRATIONS_DIR, { grantTo: arg, granted: (g) => (grants = g) }));
        for (const g of grants) console.log(`  ${g.table.padEnd(24)} ${g.rights.join(', ')}`);
        console.log(`role "${arg}" has these rights and no others on the service's ${grants.length} tables and sequences`);
        return 0;
      }
      default:
        console.error(`unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await f.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  },
);

/** Revoked, expired (a token past its date no longer works, whatever it says otherwise) or active. */
function tokenState(t: { revokedAt: string | null; expiresAt: string | null }, now: number): string {
  if (t.revokedAt) return `revoked ${t.revokedAt}`;
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return `expired ${t.expiresAt}`;
  return t.expiresAt ? `active until ${t.expiresAt}` : 'active';
}
