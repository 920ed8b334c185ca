import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { buildMachine } from '../machine/build-machine.js';
import { checkReferences, checkTargets, machineIssue, type PlaybookIssue } from './check-playbook.js';
import { checkTargetNames } from './check-targets.js';
import type { Playbook } from './playbook.js';
import { librarySchema, playbookSchema } from './playbook-schema.js';
import { collectReferences } from './references.js';
import { withLibraryKinds } from './task-kinds.js';

export interface LocatedIssue extends PlaybookIssue {
  line?: number;
}

/** A playbook file that cannot be loaded: every problem found, each with its place in the file. */
export class PlaybookError extends Error {
  constructor(
    readonly file: string,
    readonly issues: LocatedIssue[],
  ) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'PlaybookError';
  }
}

export function formatIssue(file: string, i: LocatedIssue): string {
  const where = i.line ? `${file}:${i.line}` : file;
  const path = i.path.length ? i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${p}` : p)).join('') : '(top)';
  return `${where} ${path}: ${i.message}`;
}

/** A file of shared roles, parties, task templates and escalation chains that playbooks `use`. */
export interface Library {
  name: string;
  file: string;
  data: Record<string, unknown>;
}

const SHARED = ['roles', 'parties', 'tasks'] as const;

interface Located {
  data: unknown;
  locate(issues: PlaybookIssue[]): LocatedIssue[];
}

function parseYaml(source: string, file: string): Located {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  if (doc.errors.length) {
    // A tab in the indentation sets off several follow-on errors; the one thing to fix is the tab.
    const tabs = source.split('\n').flatMap((l, i) => (/^ *\t/.test(l) ? [i + 1] : []));
    throw new PlaybookError(
      file,
      tabs.length
        ? tabs.map((line) => ({ path: [], message: 'a tab in the indentation: YAML indents with spaces only (replace the tab with spaces)', line }))
        : doc.errors.map((e) => ({ path: [], message: e.message.split('\n')[0], line: e.linePos?.[0]?.line })),
    );
  }
  return {
    data: doc.toJS(),
    locate: (issues) =>
      issues.map((i) => {
        // Point at the deepest part of the path that exists in the file.
        for (let n = i.path.length; n >= 0; n--) {
          const node = doc.getIn(i.path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          if (node && typeof node === 'object' && node.range) return { ...i, line: lineCounter.linePos(node.range[0]).line };
        }
        return i;
      }),
  };
}

/** Parses a library file: it may hold roles, parties, tasks and escalations, shaped as in a playbook. */
export function parseLibrary(source: string, file: string, name: string): Library {
  const { data, locate } = parseYaml(source, file);
  const parsed = librarySchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new PlaybookError(file, locate(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }))));
  }
  return { name, file, data: data as Record<string, unknown> };
}

/**
 * Parses and validates one playbook file's text, merging the libraries it `uses` (their entries come
 * after the playbook's own; a key defined twice is an error). Throws PlaybookError listing every problem,
 * each at its place in the playbook file or in the library file it comes from.
 */
export function parsePlaybook(source: string, file: string, libraries: ReadonlyMap<string, Library> = new Map()): Playbook {
  const { data, locate: locateOwn } = parseYaml(source, file);
  const raw = (data && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : data) as Record<string, unknown>;
  const own: Record<string, number> = {};
  const origin: Record<string, { lib: Library; index: number }[]> = {};
  const useIssues: PlaybookIssue[] = [];
  if (raw && typeof raw === 'object' && raw.uses !== undefined) {
    const uses = Array.isArray(raw.uses) ? raw.uses : [];
    if (!Array.isArray(raw.uses)) useIssues.push({ path: ['uses'], message: 'expected a list of library names' });
    for (const field of SHARED) {
      own[field] = Array.isArray(raw[field]) ? (raw[field] as unknown[]).length : 0;
      origin[field] = [];
    }
    const merged: Record<string, unknown[]> = Object.fromEntries(SHARED.map((f) => [f, Array.isArray(raw[f]) ? [...(raw[f] as unknown[])] : []]));
    const escalations: Record<string, unknown> = { ...((raw.escalations as Record<string, unknown>) ?? {}) };
    uses.forEach((name: unknown, i: number) => {
      const lib = libraries.get(String(name));
      if (!lib) {
        useIssues.push({ path: ['uses', i], message: `unknown library "${String(name)}"; expected one of ${[...libraries.keys()].join(', ') || '(none in _library/)'}` });
        return;
      }
      for (const field of SHARED) {
        ((lib.data[field] as unknown[]) ?? []).forEach((item, index) => {
          merged[field].push(item);
          origin[field].push({ lib, index });
        });
      }
      for (const [chainName, chain] of Object.entries((lib.data.escalations as Record<string, unknown>) ?? {})) {
        // Like a role or template defined twice: a silent override would change a chain nobody looked at.
        if (chainName in escalations) useIssues.push({ path: ['uses', i], message: `escalation chain "${chainName}" from library "${String(name)}" is already defined` });
        escalations[chainName] = chain;
      }
    });
    Object.assign(raw, merged, { escalations });
    withLibraryKinds(raw, uses.map((name: unknown) => libraries.get(String(name))).filter((l): l is Library => Boolean(l)));
    delete raw.uses;
  }
  if (useIssues.length) throw new PlaybookError(file, locateOwn(useIssues));

  // An issue inside an entry that came from a library is reported against the library file.
  const locate = (issues: PlaybookIssue[]): LocatedIssue[] =>
    issues.map((i) => {
      const [field, index] = i.path;
      if (typeof field === 'string' && typeof index === 'number' && field in own && index >= own[field]) {
        const from = origin[field][index - own[field]];
        const where = `${from.lib.file} ${field}[${from.index}]`;
        return { ...i, path: i.path, message: `${i.message} (in ${where}, used by this playbook)` };
      }
      return locateOwn([i])[0];
    });

  const parsed = playbookSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PlaybookError(file, locate(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }))));
  }
  const playbook = parsed.data as unknown as Playbook;
  const refIssues = [...checkReferences(playbook), ...checkTargetNames(playbook)];
  if (refIssues.length) throw new PlaybookError(file, locate(refIssues));
  let targetIssues: PlaybookIssue[];
  try {
    targetIssues = checkTargets(buildMachine(playbook));
  } catch (e) {
    // XState resolves some transitions (delayed ones) while building the machine.
    targetIssues = [machineIssue(e as Error)];
  }
  if (targetIssues.length) throw new PlaybookError(file, locate(targetIssues));
  // A library is a shelf, not a checklist: a playbook takes the library templates its machine raises
  // and leaves the rest, so its own list (and "every template used") covers only what it runs.
  if ('tasks' in own) {
    const { templates } = collectReferences(playbook);
    playbook.tasks = playbook.tasks.filter((t, i) => i < own.tasks || templates.has(t.key));
  }
  return playbook;
}

/** Content hash of the validated definition: formatting and comments do not make a new version. */
export function contentHash(playbook: Playbook): string {
  return createHash('sha256').update(canonicalJson(playbook)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
