import { explorePlaybook } from '../core/playbook/explore-playbook.js';
import { formatIssue } from '../core/playbook/parse-playbook.js';
import { PlaybookLoadError, readPlaybookSources } from './playbook-files.js';

export interface CheckReport {
  checked: string[];
  problems: string[];
}

/** Loads every playbook in `dir` and explores each machine; one line per problem. */
export async function checkPlaybooks(dir: string): Promise<CheckReport> {
  let loaded;
  try {
    loaded = await readPlaybookSources(dir);
  } catch (e) {
    if (e instanceof PlaybookLoadError) return { checked: [], problems: e.errors.flatMap((x) => x.message.split('\n')) };
    throw e;
  }
  const { playbooks, libraries } = loaded;
  const problems: string[] = [];
  for (const { playbook, file } of playbooks) {
    for (const issue of explorePlaybook(playbook)) problems.push(formatIssue(file, issue));
  }
  // A playbook keeps only the library templates it raises, so one no playbook keeps is dead weight.
  const kept = new Set(playbooks.flatMap(({ playbook }) => playbook.tasks.map((t) => t.key)));
  for (const lib of libraries) {
    ((lib.data.tasks as { key: string }[] | undefined) ?? []).forEach((t, i) => {
      if (!kept.has(t.key)) problems.push(formatIssue(lib.file, { path: ['tasks', i], message: `task template "${t.key}" is raised by no playbook` }));
    });
  }
  return { checked: playbooks.map((p) => p.playbook.key), problems };
}
