import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Playbook } from '../core/playbook/playbook.js';
import { parseLibrary, parsePlaybook, PlaybookError, type Library } from '../core/playbook/parse-playbook.js';

/** Every problem in every playbook file, so one start-up shows them all. */
export class PlaybookLoadError extends Error {
  constructor(readonly errors: Error[]) {
    super(`cannot load playbooks:\n${errors.map((e) => e.message).join('\n')}`);
    this.name = 'PlaybookLoadError';
  }
}

/**
 * Reads PLAYBOOKS_DIR: each `*.yaml`/`*.yml` file is a playbook, and so is each folder holding a
 * `playbook.yaml`; `_library/*.yaml` holds shared entries that playbooks `use`. Every file is
 * validated before any is used.
 */
export async function readPlaybookFiles(dir: string): Promise<Playbook[]> {
  return (await readPlaybookSources(dir)).playbooks.map((x) => x.playbook);
}

/** The shared files in `dir/_library`; a file that does not parse goes to `errors`. */
async function readLibraries(dir: string, errors: Error[]): Promise<Library[]> {
  const out: Library[] = [];
  const libDir = join(dir, '_library');
  if (!existsSync(libDir)) return out;
  for (const entry of (await readdir(libDir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const path = join(libDir, entry);
    const shown = relative(process.cwd(), path) || path;
    try {
      out.push(parseLibrary(await readFile(path, 'utf8'), shown, entry));
    } catch (e) {
      errors.push(e as Error);
    }
  }
  return out;
}

/** Every playbook with the file it came from, and the libraries they were built from. */
export async function readPlaybookSources(dir: string): Promise<{ playbooks: { playbook: Playbook; file: string }[]; libraries: Library[] }> {
  if (!existsSync(dir)) throw new PlaybookLoadError([new Error(`${dir}: playbooks folder not found (PLAYBOOKS_DIR)`)]);
  const errors: Error[] = [];
  const libraryList = await readLibraries(dir, errors);
  const libraries = new Map(libraryList.map((l) => [l.name.replace(/\.ya?ml$/, ''), l]));
  const files: string[] = [];
  for (const entry of (await readdir(dir)).sort()) {
    if (entry.startsWith('_') || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) {
      for (const name of ['playbook.yaml', 'playbook.yml']) if (existsSync(join(path, name))) files.push(join(path, name));
    } else if (/\.ya?ml$/.test(entry)) {
      files.push(path);
    }
  }
  const playbooks: { playbook: Playbook; file: string }[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    try {
      const p = parsePlaybook(await readFile(file, 'utf8'), shown, libraries);
      const other = seen.get(p.key);
      if (other) throw new PlaybookError(shown, [{ path: ['key'], message: `key "${p.key}" is already used by ${other}` }]);
      seen.set(p.key, shown);
      playbooks.push({ playbook: p, file: shown });
    } catch (e) {
      errors.push(e as Error);
    }
  }
  if (errors.length) throw new PlaybookLoadError(errors);
  if (!playbooks.length) throw new PlaybookLoadError([new Error(`${dir}: no playbook files (*.yaml) found`)]);
  return { playbooks, libraries: libraryList };
}
