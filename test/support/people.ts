import { DirectoryService } from '../../src/directory/directory.service.js';
import type { TestApp } from './test-app.js';

/**
 * A small directory for tests: province ▸ dept, and an unrelated unit. One person for each role of
 * covid19-office in `dept`, a duty officer there and one at the province, a viewer, a duty officer of
 * the other unit, and an admin; each with a token.
 */
export const PEOPLE = {
  admin: { roles: [] as [string, string][], admin: true },
  duty: { roles: [['dept', 'duty_officer']] as [string, string][] },
  provinceDuty: { roles: [['province', 'duty_officer']] as [string, string][] },
  director: { roles: [['dept', 'director']] as [string, string][] },
  chief: { roles: [['dept', 'chief_of_office']] as [string, string][] },
  head: { roles: [['dept', 'head_of_division']] as [string, string][] },
  monitoring: { roles: [['dept', 'monitoring_team']] as [string, string][] },
  viewer: { roles: [['dept', 'viewer']] as [string, string][] },
  otherDuty: { roles: [['other', 'duty_officer']] as [string, string][] },
  nobody: { roles: [] as [string, string][] },
};
export type Who = keyof typeof PEOPLE;

export interface Directory {
  ids: Record<Who, string>;
  tokens: Record<Who, string>;
  /** Authorization header for a person. */
  as(who: Who): { Authorization: string };
  /** The person who holds a covid19-office role in `dept`. */
  holderOf(role: string): Who;
  directory: DirectoryService;
}

export async function seedDirectory(t: TestApp): Promise<Directory> {
  const directory = t.app.get(DirectoryService);
  await directory.createUnit(null, { id: 'province', name: 'UBND tỉnh' });
  await directory.createUnit(null, { id: 'dept', name: 'Sở Công Thương', parentId: 'province' });
  await directory.createUnit(null, { id: 'other', name: 'Sở Tài nguyên và Môi trường' });
  const ids = {} as Record<Who, string>;
  const tokens = {} as Record<Who, string>;
  for (const [who, spec] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    const p = await directory.createPerson(null, { name: who, email: `${who}@test`, admin: 'admin' in spec && spec.admin });
    ids[who] = p.id;
    for (const [unitId, role] of spec.roles) await directory.assign(null, { unitId, role, personId: p.id });
    tokens[who] = (await directory.createToken(null, { personId: p.id, name: 'test' })).token;
  }
  const byRole: Record<string, Who> = { director: 'director', chief_of_office: 'chief', head_of_division: 'head', monitoring_team: 'monitoring' };
  return {
    ids,
    tokens,
    as: (who) => ({ Authorization: `Bearer ${tokens[who]}` }),
    holderOf: (role) => byRole[role],
    directory,
  };
}
