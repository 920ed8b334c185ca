import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { systemClock } from './common/clock.js';
import { loadConfig } from './config/app-config.js';
import { directoryStore } from './directory/directory-store.js';
import { loadDirectoryFile } from './directory/directory-file.js';
import { DirectoryService } from './directory/directory.service.js';
import { openFoundations } from './foundations.js';

const USAGE = `usage: npm run cli -- <command> [options]
  token:create --person <email|id> --name <label> [--expires <ISO date>]   issue a token (shown once)
  token:list [--person <email|id>]                                         list tokens (never the tokens themselves)
  token:revoke <token id>                                                  revoke a token
  directory:load <file.yaml>                                               load units, people and roles
On the embedded database, stop the service first (it holds the data folder).`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { person: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const f = await openFoundations(loadConfig(process.env));
  const directory = new DirectoryService(f.db, f.registry, systemClock);
  try {
    const personId = async (ref: string) => {
      const p = ref.includes('@') ? await f.db.read((sql) => directoryStore.personByEmail(sql, ref)) : { id: ref };
      if (!p) throw new Error(`no person with email ${ref}`);
      return p.id;
    };
    switch (command) {
      case 'token:create': {
        if (!values.person || !values.name) throw new Error('token:create needs --person and --name');
        const expiresAt = values.expires ? new Date(values.expires) : undefined;
        if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new Error(`--expires: not a date: ${values.expires}`);
        const t = await directory.createToken(null, { personId: await personId(values.person), name: values.name, expiresAt });
        console.log(`token ${t.id} for ${values.person} (shown once):\n${t.token}`);
        return 0;
      }
      case 'token:list': {
        const tokens = await directory.tokens(values.person ? await personId(values.person) : undefined);
        for (const t of tokens) console.log([t.id, t.prefix + '…', t.personId, t.name, t.revokedAt ? `revoked ${t.revokedAt}` : 'active'].join('  '));
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
