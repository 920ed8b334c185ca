import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncidentMachine } from '../core/engine/incident-machine.js';
import { mermaidDiagram } from '../core/playbook/diagram.js';
import { readPlaybookFiles } from './playbook-files.js';

/**
 * `npm run playbooks:diagram [dir] [outDir] [--details]`: one Mermaid `.mmd` file per playbook (default
 * diagrams/); `--details` adds notes with what each state raises, sends and escalates.
 */
const details = process.argv.includes('--details');
const [dir = process.env.PLAYBOOKS_DIR ?? './playbooks', out = './diagrams'] = process.argv.slice(2).filter((a) => a !== '--details');
readPlaybookFiles(dir).then(
  (playbooks) => {
    mkdirSync(out, { recursive: true });
    for (const p of playbooks) {
      const file = join(out, `${p.key}.mmd`);
      writeFileSync(file, mermaidDiagram(p, new IncidentMachine(p).machine, { details }));
      console.log(`wrote ${file}`);
    }
  },
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
