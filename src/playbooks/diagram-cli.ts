import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncidentMachine } from '../core/engine/incident-machine.js';
import { mermaidDiagram } from '../core/playbook/diagram.js';
import { readPlaybookFiles } from './playbook-files.js';

/** `npm run playbooks:diagram [dir] [outDir]`: one Mermaid `.mmd` file per playbook (default diagrams/). */
const dir = process.argv[2] ?? process.env.PLAYBOOKS_DIR ?? './playbooks';
const out = process.argv[3] ?? './diagrams';
readPlaybookFiles(dir).then(
  (playbooks) => {
    mkdirSync(out, { recursive: true });
    for (const p of playbooks) {
      const file = join(out, `${p.key}.mmd`);
      writeFileSync(file, mermaidDiagram(p, new IncidentMachine(p).machine));
      console.log(`wrote ${file}`);
    }
  },
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
