import { systemClock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { Database } from '../database/database.js';
import { firstRunLinkBase } from '../directory/demo-seed.js';
import { directoryStore } from '../directory/directory-store.js';
import { Sessions } from '../sign-in/sessions.js';
import { LINK_LIFETIME_MS, SignInLinks } from '../sign-in/sign-in-links.js';

/**
 * person:invite and person:reset-password: a one-time link for a person, made by whoever runs the CLI
 * (audited as "system", like the CLI's other changes). The link points at PUBLIC_URL, else at this
 * machine's HOST and PORT, which is right for a first admin on the machine itself.
 */
export async function personLinkCommand(db: Database, config: AppConfig, kind: 'invite' | 'reset', email: string | undefined): Promise<string> {
  const command = kind === 'invite' ? 'person:invite' : 'person:reset-password';
  if (!email) throw new Error(`${command} needs the person's email`);
  const person = await db.read((sql) => directoryStore.personByEmail(sql, email));
  if (!person) throw new Error(`no person with email ${email} (create them first: POST /people, or directory:load)`);
  const links = new SignInLinks(db, systemClock, new Sessions(systemClock));
  const link = await links.create(null, person.id, kind, firstRunLinkBase(config, config.PORT));
  const hours = LINK_LIFETIME_MS[kind] / 3600_000;
  const lasts = hours >= 24 ? `${hours / 24} days` : `${hours} hour${hours === 1 ? '' : 's'}`;
  return [
    `${kind === 'invite' ? 'invitation' : 'password reset'} for ${person.name} <${email}> (works once, for ${lasts}, until ${link.expiresAt.toISOString()}):`,
    link.url,
    `Send it to them privately: whoever opens it sets the password of this account.`,
  ].join('\n');
}
