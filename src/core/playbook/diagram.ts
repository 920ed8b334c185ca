import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Playbook } from './playbook.js';
import { conditionText } from '../condition-text.js';
import type { Condition } from '../guards.js';
import { stateDetails } from './diagram-details.js';

const id = (node: AnyStateNode) => node.path.join('__') || 'root';
const quote = (s: string) => s.replace(/"/g, "'");

function guardLabel(guard: unknown): string {
  const g = guard as { type?: string; params?: { templates?: string[]; when?: Condition } } | undefined;
  if (!g?.type) return '';
  // A condition written in the playbook is drawn as what it tests, not as the word "condition".
  if (g.type === 'condition' && g.params?.when) return ` [${conditionText(g.params.when)}]`;
  return g.params?.templates ? ` [${g.type}: ${g.params.templates.join(', ')}]` : ` [${g.type}]`;
}

export interface DiagramOptions {
  /** Notes beside each state: the tasks its entry raises (role, escalation chain) and the messages it sends. */
  details?: boolean;
}

/**
 * A Mermaid state diagram of a playbook's machine, drawn from XState's own resolved state nodes: the
 * levels with their titles, the steps inside them, and every transition with its event, delay and guard.
 */
export function mermaidDiagram(playbook: Playbook, machine: AnyStateMachine, options: DiagramOptions = {}): string {
  const lines = ['stateDiagram-v2', `  %% ${playbook.key}: ${quote(playbook.title.en)}`];
  const edges: string[] = [];
  const stays = stayingEvents(machine.root);

  // Declarations nest (steps inside their level); edges are listed after them, flat.
  const root = machine.root;
  const declare = (node: AnyStateNode, indent: string) => {
    for (const [i, child] of (Object.values(node.states) as AnyStateNode[]).entries()) {
      // Regions of a parallel state run side by side: Mermaid draws them split by `--`.
      if (node.type === 'parallel' && i > 0) lines.push(`${indent}--`);
      const title = (child.meta as { title?: { vi: string; en: string } } | undefined)?.title;
      lines.push(`${indent}state "${quote(title ? `${title.vi} / ${title.en}` : child.key)}" as ${id(child)}`);
      // Notes sit beside their state's declaration, inside the same block: one line each, never an arrow.
      const notes = [...(stays.get(child) ?? []), ...(options.details ? stateDetails(playbook, child.path) : [])];
      for (const n of notes) lines.push(`${indent}note right of ${id(child)} : ${n.replace(/-->/g, '→').replace(/\s+/g, ' ')}`);
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
        // An event with actions but no target does not leave the state: it is a note, not a loop (stayingEvents).
        if (!t.target?.length) continue;
        for (const target of t.target as AnyStateNode[]) edges.push(`  ${id(node)} --> ${id(target)} : ${eventLabel(event)}${guardLabel(t.guard)}`);
      }
    }
    for (const t of node.always ?? []) {
      for (const target of (t.target ?? []) as AnyStateNode[]) edges.push(`  ${id(node)} --> ${id(target)} : when${guardLabel(t.guard)}`);
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) transitions(child);
  };
  declare(root, '  ');
  // The machine's own handlers (any level) have no state to sit beside.
  for (const n of [...(stays.get(root) ?? []), ...(options.details ? stateDetails(playbook, []) : [])]) lines.push(`  %% at every level, ${n}`);
  for (const child of Object.values(root.states) as AnyStateNode[]) transitions(child);
  return [...lines, ...edges].join('\n') + '\n';
}

const eventLabel = (event: string) => (event.startsWith('xstate.after.') ? `after ${event.split('.')[2]}` : event);

/**
 * The events each state handles without leaving it ("report a sighting while at alert"): drawn as a loop
 * they would read as leaving and re-entering the state, which they do not.
 */
function stayingEvents(root: AnyStateNode): Map<AnyStateNode, string[]> {
  const out = new Map<AnyStateNode, string[]>();
  const visit = (node: AnyStateNode) => {
    const here: string[] = [];
    for (const [event, defs] of node.transitions) {
      if (event === 'TASK_COMPLETED' || event === 'RECUR') continue;
      for (const t of defs) if (!t.target?.length) here.push(`${eventLabel(event)}${guardLabel(t.guard)}`);
    }
    if (here.length) out.set(node, [`handled here without leaving: ${here.join(', ')}`]);
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(root);
  return out;
}
