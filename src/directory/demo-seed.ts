import type { Database } from '../database/database.js';
import type { PlaybookRegistry } from '../playbooks/playbook-registry.js';
import { directoryStore } from './directory-store.js';
import type { DirectoryService } from './directory.service.js';

export interface DemoTokens {
  unit: string;
  tokens: { who: string; email: string; token: string }[];
}

/** Roles or parties of every playbook, each key once (the first playbook that names it gives the title). */
function unique<T extends { key: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const x of lists.flat()) if (!seen.has(x.key)) seen.set(x.key, x);
  return [...seen.values()];
}

/**
 * First run on an empty database: a demo unit with one person for each role of every playbook,
 * a duty officer and an admin, and tokens for the duty officer, the Chief of Office (an assignee) and
 * the admin, so the README walkthrough works at once. Returns null when there are people already.
 */
export async function seedDemo(db: Database, registry: PlaybookRegistry, directory: DirectoryService): Promise<DemoTokens | null> {
  if ((await db.read((sql) => directoryStore.countPeople(sql))) > 0) return null;
  const playbooks = registry.list().map((v) => v.machine.playbook);
  const roles = unique(playbooks.map((p) => p.roles));
  const unit = 'demo';
  // In the demo every outside party is "reached" through the service log.
  const contacts = Object.fromEntries(unique(playbooks.map((p) => p.parties)).map((p) => [p.key, { name: p.title.vi, log: true }]));
  await directory.createUnit(null, { id: unit, name: 'Văn phòng Sở (demo) — Demo department office', timeZone: 'Asia/Ho_Chi_Minh', contacts });
  const person = async (name: string, email: string, roles: string[], admin = false) => {
    const p = await directory.createPerson(null, { name, email, admin });
    for (const role of roles) await directory.assign(null, { unitId: unit, role, personId: p.id });
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
    token: (await directory.createToken(null, { personId, name: 'first-run demo token' })).token,
  });
  return {
    unit,
    tokens: [
      await token(officer.id, 'duty officer', 'duty.officer@demo'),
      await token(people.get(assigneeRole)!, `assignee (${assigneeRole})`, `${assigneeRole.replace(/_/g, '.')}@demo`),
      await token(admin.id, 'admin', 'admin@demo'),
    ],
  };
}
