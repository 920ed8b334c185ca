import { systemClock, type Clock } from '../common/clock.js';
import type { Database } from '../database/database.js';
import { Sessions } from '../sign-in/sessions.js';
import { SignInLinks } from '../sign-in/sign-in-links.js';
import type { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { directoryStore } from './directory-store.js';
import type { DirectoryService } from './directory.service.js';

export interface DemoTokens {
  unit: string;
  tokens: { who: string; email: string; token: string }[];
  /** One-time console sign-in links (24 hours) for the duty officer and the admin. */
  links: { who: string; email: string; url: string }[];
}

/**
 * Where the first run's sign-in links point: PUBLIC_URL, else this machine at the port the service
 * listens on (127.0.0.1 when it listens on every interface).
 */
export function firstRunLinkBase(config: { PUBLIC_URL?: string; HOST: string }, port: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Roles or parties of every playbook, each key once (the first playbook that names it gives the title). */
function unique<T extends { key: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const x of lists.flat()) if (!seen.has(x.key)) seen.set(x.key, x);
  return [...seen.values()];
}

/** Only one seeder at a time, across replicas: whoever comes second sees the first one's people. */
export const SEED_LOCK_KEY = 'playbook-engine demo seed';

/**
 * First run on an empty database: a demo unit with one person for each role of every playbook,
 * a duty officer and an admin, and tokens for the duty officer, the Chief of Office (an assignee) and
 * the admin, so the README walkthrough works at once. Returns null when there are people already (or a
 * demo unit).
 *
 * All of it, audit entries included, is one transaction: a crash or an error half-way leaves nothing,
 * and the next start seeds again, instead of finding people and never seeding the rest.
 */
export async function seedDemo(
  db: Database,
  registry: PlaybookRegistry,
  directory: DirectoryService,
  opts: { linkBase: string; clock?: Clock } = { linkBase: 'http://127.0.0.1:3000' },
): Promise<DemoTokens | null> {
  const clock = opts.clock ?? systemClock;
  const links = new SignInLinks(db, clock, new Sessions(clock));
  return db.transaction(async (sql) => {
    await sql.rows('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    const unit = 'demo';
    if ((await directoryStore.countPeople(sql)) > 0 || (await directoryStore.unit(sql, unit))) return null;
    const d = directory.within(sql);
    const playbooks = registry.list().map((v) => v.machine.playbook);
    const roles = unique(playbooks.map((p) => p.roles));
    // In the demo every outside party is "reached" through the service log.
    const contacts = Object.fromEntries(unique(playbooks.map((p) => p.parties)).map((p) => [p.key, { name: p.title.vi, log: true }]));
    await d.createUnit(null, { id: unit, name: 'Văn phòng Sở (demo) — Demo department office', timeZone: 'Asia/Ho_Chi_Minh', contacts });
    const person = async (name: string, email: string, roles: string[], admin = false) => {
      const p = await d.createPerson(null, { name, email, admin });
      for (const role of roles) await d.assign(null, { unitId: unit, role, personId: p.id });
      return p;
    };
    const admin = await person('Quản trị (demo admin)', 'admin@demo', [], true);
    const officer = await person('Cán bộ trực (duty officer)', 'duty.officer@demo', ['duty_officer']);
    const people = new Map<string, string>();
    for (const r of roles) {
      const p = await person(`${r.title.vi} (${r.title.en})`, `${r.key.replace(/_/g, '.')}@demo`, [r.key]);
      people.set(r.key, p.id);
    }
    const assigneeRole = people.has('chief_of_office') ? 'chief_of_office' : roles[0].key;
    const token = async (personId: string, who: string, email: string) => ({
      who,
      email,
      token: (await d.createToken(null, { personId, name: 'first-run demo token' })).token,
    });
    const link = async (personId: string, who: string, email: string) => {
      const person = (await directoryStore.person(sql, personId))!;
      return { who, email, url: (await links.createWithin(sql, null, person, 'sign-in', opts.linkBase)).url };
    };
    return {
      unit,
      links: [await link(officer.id, 'duty officer', 'duty.officer@demo'), await link(admin.id, 'admin', 'admin@demo')],
      tokens: [
        await token(officer.id, 'duty officer', 'duty.officer@demo'),
        await token(people.get(assigneeRole)!, `assignee (${assigneeRole})`, `${assigneeRole.replace(/_/g, '.')}@demo`),
        await token(admin.id, 'admin', 'admin@demo'),
      ],
    };
  });
}

/** What the first start prints, once: the only copies of the tokens. */
export function firstRunMessage(demo: DemoTokens): string {
  return (
    `\nFirst run: created the demo unit "${demo.unit}" with a person for each role.\n` +
    `These tokens are shown once; keep them (or issue new ones: npm run cli -- token:create --person <email> --name <label>):\n` +
    demo.tokens.map((t) => `  ${t.who.padEnd(28)} ${t.email.padEnd(26)} ${t.token}`).join('\n') +
    `\nOne-time links to the web console (each works once, for 24 hours; later: npm run cli -- person:invite <email>):\n` +
    demo.links.map((l) => `  ${l.who.padEnd(28)} ${l.email.padEnd(26)} Sign in to the console: ${l.url}`).join('\n') +
    '\n'
  );
}
