import { readPlaybookFiles } from '../../src/playbooks/playbook-files.js';
import type { Playbook } from '../../src/core/playbook/playbook.js';

/** A shipped playbook as the service loads it (with its libraries merged). */
export async function shippedPlaybook(key: string): Promise<Playbook> {
  const p = (await readPlaybookFiles('playbooks')).find((x) => x.key === key);
  if (!p) throw new Error(`no shipped playbook ${key}`);
  return p;
}
