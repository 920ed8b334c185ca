import { z } from 'zod';
import { bilingual } from './bilingual.js';
import type { Text } from '../text.js';
import { TASK_KINDS, type Playbook } from './playbook.js';

/**
 * Task kinds are the playbook's own words (evacuation, rescue, medical, logistics …), declared under
 * `kinds` in the playbook or a library it uses; the engine's built-in kinds (TASK_KINDS, from the COVID
 * plans) stay usable without declaring them.
 */
export interface TaskKindDef {
  key: string;
  title: Text;
}

export const kindsSchema = z.array(
  z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case key (a-z, 0-9, _ or -)'), title: bilingual }),
);

/** The kinds a template of this playbook may name. */
export function usableKinds(p: Pick<Playbook, 'kinds'>): string[] {
  return [...new Set([...TASK_KINDS, ...(p.kinds ?? []).map((k) => k.key)])];
}

export function checkKinds(p: Playbook): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  (p.kinds ?? []).forEach((k, i) => {
    if (seen.has(k.key)) issues.push({ path: ['kinds', i, 'key'], message: `duplicate task kind "${k.key}"` });
    seen.add(k.key);
  });
  return issues;
}

/** Part of the file's shape (so it is reported with the other shape problems): each template's kind is usable. */
export function refineKinds(p: { kinds?: TaskKindDef[]; tasks: { kind: string }[] }, ctx: z.RefinementCtx): void {
  const usable = new Set(usableKinds(p));
  p.tasks.forEach((t, i) => {
    if (!usable.has(t.kind)) {
      ctx.addIssue({ code: 'custom', path: ['tasks', i, 'kind'], message: `unknown task kind "${t.kind}"; declare it under kinds (in the playbook or a library it uses), or use one of ${[...usable].join(', ')}` });
    }
  });
}

/** A library's kinds follow the playbook's own, like its roles and templates. */
export function withLibraryKinds(raw: Record<string, unknown>, libraries: { data: Record<string, unknown> }[]): void {
  const fromLibraries = libraries.flatMap((l) => (Array.isArray(l.data.kinds) ? l.data.kinds : []));
  // Left out when nothing declares kinds, so playbooks without them keep their content hash.
  if (fromLibraries.length) raw.kinds = [...(Array.isArray(raw.kinds) ? raw.kinds : []), ...fromLibraries];
}
