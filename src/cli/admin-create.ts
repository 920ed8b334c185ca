import { isEmail } from 'class-validator';
import type { Database } from '../database/database.js';
import { directoryStore } from '../directory/directory-store.js';
import type { DirectoryService } from '../directory/directory.service.js';
import { systemClock } from '../common/clock.js';
import { Sessions } from '../sign-in/sessions.js';
import { SignInLinks } from '../sign-in/sign-in-links.js';

export const ADMIN_TOKEN_NAME = 'admin:create';

export interface AdminCreated {
  personId: string;
  /** What was done to the person: created, or made an admin (and active) again, or nothing. */
  change: 'created' | 'made admin' | 'none';
  tokenId: string;
  token: string;
  /** A one-time invitation to set a password and sign in to the console. */
  link: { url: string; expiresAt: Date };
}

/**
 * The first admin on a fresh PostgreSQL database (where no demo is seeded), or a new token for an
 * admin who lost theirs: the person with this email becomes an active admin (created when absent), and
 * gets a token. One transaction: a failure leaves neither a person without a token nor the reverse.
 * Whoever runs the CLI holds the database's credentials already, so making an existing person an admin
 * gives them nothing they could not take; it is said in the output and in the audit log. An invitation
 * link comes with the token, so the admin can set a password and use the web console too.
 */
export async function createAdmin(db: Database, directory: DirectoryService, opts: { email: string; name?: string; linkBase: string }): Promise<AdminCreated> {
  if (!isEmail(opts.email, { require_tld: false })) throw new Error(`--email: not an email address: ${opts.email}`);
  return db.transaction(async (sql) => {
    const d = directory.within(sql);
    const existing = await directoryStore.personByEmail(sql, opts.email);
    let personId: string;
    let change: AdminCreated['change'] = 'none';
    if (!existing) {
      if (!opts.name?.trim()) throw new Error('admin:create needs --name <name> for a person who does not exist yet');
      personId = (await d.createPerson(null, { name: opts.name.trim(), email: opts.email, admin: true })).id;
      change = 'created';
    } else {
      personId = existing.id;
      if (!existing.admin || !existing.active) {
        await d.updatePerson(null, personId, { admin: true, active: true });
        change = 'made admin';
      }
    }
    const t = await d.createToken(null, { personId, name: ADMIN_TOKEN_NAME });
    const person = (await directoryStore.person(sql, personId))!;
    const link = await new SignInLinks(db, systemClock, new Sessions(systemClock)).createWithin(sql, null, person, 'invite', opts.linkBase);
    return { personId, change, tokenId: t.id, token: t.token, link };
  });
}

/** What the operator reads: who, what changed, the token once, and how to use it. */
export function adminCreatedMessage(email: string, r: AdminCreated): string {
  const what = { created: 'created admin', 'made admin': 'made admin (the person existed)', none: 'already an admin' }[r.change];
  return [
    `${email}: ${what} (person ${r.personId})`,
    `token ${r.tokenId} "${ADMIN_TOKEN_NAME}" (shown once; keep it):`,
    r.token,
    'Use it as "Authorization: Bearer <token>" with the API (OpenAPI UI at /docs), e.g. to create units, people and their tokens.',
    `Sign in to the console: ${r.link.url}`,
    `(works once, until ${r.link.expiresAt.toISOString()}: it sets the admin's password; later ones: npm run cli -- person:reset-password ${email})`,
  ].join('\n');
}
