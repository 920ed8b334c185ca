import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { DirectoryService } from './directory.service.js';
import { Database } from '../database/database.js';
import { directoryStore } from './directory-store.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'expected a unit id (lower-case letters, digits, ".", "_", "-")');
const roleRef = z.strictObject({
  unit: id,
  role: z.string().min(1),
  deputyFor: z.string().email().optional(),
  validFrom: z.coerce.date().optional(),
  validUntil: z.coerce.date().optional(),
});
export const directoryFileSchema = z.strictObject({
  units: z
    .array(
      z.strictObject({
        id,
        name: z.string().min(1),
        parentId: id.optional(),
        timeZone: z.string().optional(),
        contacts: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
  people: z
    .array(
      z.strictObject({
        email: z.string().email(),
        name: z.string().min(1),
        kind: z.enum(['person', 'service']).optional(),
        admin: z.boolean().optional(),
        externalId: z.string().optional(),
        roles: z.array(roleRef).default([]),
      }),
    )
    .default([]),
});
export type DirectoryFile = z.infer<typeof directoryFileSchema>;

/**
 * Loads units, people and role assignments from a YAML file for a first set-up. What already exists
 * (same unit id, same email, same assignment) is left as it is, so loading twice changes nothing.
 */
export async function loadDirectoryFile(path: string, directory: DirectoryService, db: Database): Promise<{ units: number; people: number; roles: number }> {
  const parsed = directoryFileSchema.safeParse(parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n')}`);
  }
  const file = parsed.data;
  const counts = { units: 0, people: 0, roles: 0 };
  const existingUnits = new Set((await directory.units()).map((u) => u.id));
  for (const u of file.units) {
    if (existingUnits.has(u.id)) continue;
    await directory.createUnit(null, u);
    counts.units++;
  }
  const byEmail = new Map((await directory.people()).filter((p) => p.email).map((p) => [p.email!, p.id]));
  for (const p of file.people) {
    if (byEmail.has(p.email)) continue;
    const created = await directory.createPerson(null, { name: p.name, email: p.email, kind: p.kind, admin: p.admin, externalId: p.externalId });
    byEmail.set(p.email, created.id);
    counts.people++;
  }
  for (const p of file.people) {
    const personId = byEmail.get(p.email)!;
    const existing = await db.read((sql) => directoryStore.assignments(sql, { person: personId }));
    for (const r of p.roles) {
      const deputyFor = r.deputyFor ? byEmail.get(r.deputyFor) : undefined;
      if (r.deputyFor && !deputyFor) throw new Error(`${path}: ${p.email} is deputy for unknown person ${r.deputyFor}`);
      if (existing.some((a) => a.unit_id === r.unit && a.role === r.role && a.deputy_for === (deputyFor ?? null))) continue;
      await directory.assign(null, { unitId: r.unit, role: r.role, personId, deputyFor, validFrom: r.validFrom, validUntil: r.validUntil });
      counts.roles++;
    }
  }
  return counts;
}
