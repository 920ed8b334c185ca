import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Playbook } from './playbook.js';

const id = (node: AnyStateNode) => node.path.join('__') || 'root';
const quote = (s: string) => s.replace(/"/g, "'");

function guardLabel(guard: unknown): string {
  const g = guard as { type?: string; params?: { templates?: string[] } } | undefined;
  if (!g?.type) return '';
  return g.params?.templates ? ` [${g.type}: ${g.params.templates.join(', ')}]` : ` [${g.type}]`;
}

/**
 * A Mermaid state diagram of a playbook's machine, drawn from XState's own resolved state nodes: the
 * levels with their titles, the steps inside them, and every transition with its event, delay and guard.
 */
export function mermaidDiagram(playbook: Playbook, machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2', `  %% ${playbook.key}: ${quote(playbook.title.en)}`];
  const edges: string[] = [];

  // Declarations nest (steps inside their level); edges are listed after them, flat.
  const root = machine.root;
  const declare = (node: AnyStateNode, indent: string) => {
    for (const [i, child] of (Object.values(node.states) as AnyStateNode[]).entries()) {
      // Regions of a parallel state run side by side: Mermaid draws them split by `--`.
      if (node.type === 'parallel' && i > 0) lines.push(`${indent}--`);
      const title = (child.meta as { title?: { vi: string; en: string } } | undefined)?.title;
      lines.push(`${indent}state "${quote(title ? `${title.vi} / ${title.en}` : child.key)}" as ${id(child)}`);
      if (Object.keys(child.states).length) {
        lines.push(`${indent}state ${id(child)} {`);
        declare(child, `${indent}  `);
        lines.push(`${indent}}`);
      }
      if (child.type === 'final') lines.push(`${indent}${id(child)} --> [*]`);
    }
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (initial) lines.push(`${indent}[*] --> ${id(initial)}`);
  };
  const transitions = (node: AnyStateNode) => {
    for (const [event, defs] of node.transitions) {
      if (event === 'TASK_COMPLETED' || event === 'RECUR') continue;
      for (const t of defs) {
        const label = event.startsWith('xstate.after.') ? `after ${event.split('.')[2]}` : event;
        // An event with actions but no target (e.g. "report at once" while in the level) loops back.
        const targets = (t.target?.length ? t.target : [node]) as AnyStateNode[];
        for (const target of targets) edges.push(`  ${id(node)} --> ${id(target)} : ${label}${guardLabel(t.guard)}`);
      }
    }
    for (const t of node.always ?? []) {
      for (const target of (t.target ?? []) as AnyStateNode[]) edges.push(`  ${id(node)} --> ${id(target)} : when${guardLabel(t.guard)}`);
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) transitions(child);
  };
  declare(root, '  ');
  for (const child of Object.values(root.states) as AnyStateNode[]) transitions(child);
  return [...lines, ...edges].join('\n') + '\n';
}
