import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { buildMachine } from '../machine/build-machine.js';
import { checkReferences, checkTargets, machineIssue, type PlaybookIssue } from './check-playbook.js';
import type { Playbook } from './playbook.js';
import { playbookSchema } from './playbook-schema.js';

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

/** Parses and validates one playbook file's text. Throws PlaybookError listing every problem. */
export function parsePlaybook(source: string, file: string): Playbook {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  if (doc.errors.length) {
    throw new PlaybookError(
      file,
      doc.errors.map((e) => ({ path: [], message: e.message.split('\n')[0], line: e.linePos?.[0]?.line })),
    );
  }
  const locate = (issues: PlaybookIssue[]): LocatedIssue[] =>
    issues.map((i) => {
      // Point at the deepest part of the path that exists in the file.
      for (let n = i.path.length; n >= 0; n--) {
        const node = doc.getIn(i.path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return { ...i, line: lineCounter.linePos(node.range[0]).line };
      }
      return i;
    });

  const parsed = playbookSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new PlaybookError(
      file,
      locate(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }))),
    );
  }
  const playbook = parsed.data as unknown as Playbook;
  const refIssues = checkReferences(playbook);
  if (refIssues.length) throw new PlaybookError(file, locate(refIssues));
  let targetIssues: PlaybookIssue[];
  try {
    targetIssues = checkTargets(buildMachine(playbook));
  } catch (e) {
    // XState resolves some transitions (delayed ones) while building the machine.
    targetIssues = [machineIssue(e as Error)];
  }
  if (targetIssues.length) throw new PlaybookError(file, locate(targetIssues));
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
