import { chainSteps } from '../escalation-chain.js';
import type { Playbook, StateConfig, TaskTemplate } from './playbook.js';
import { raiseActions, transitionsOf } from './references.js';

/**
 * What a state does, for the diagram's optional notes: the tasks its entry raises (with their role, how
 * they are shared, and whom they escalate to), the messages it sends, and what its events do.
 */
export function stateDetails(playbook: Playbook, path: string[]): string[] {
  // The empty path is the machine itself: its `on` handles events at every level.
  let node: StateConfig | undefined = playbook.machine as unknown as StateConfig;
  for (const k of path) node = node?.states?.[k];
  if (!node) return [];
  const templates = new Map(playbook.tasks.map((t) => [t.key, t]));
  const out: string[] = [];
  const raised = raisedBy(node.entry).map((k) => taskText(playbook, templates.get(k)));
  if (raised.length) out.push(`raises: ${raised.join('; ')}`);
  const told = [...partiesOf(node.entry), ...((node.announce as { party: string }[] | undefined) ?? []).map((a) => `${a.party} (when reached from below)`)];
  if (told.length) out.push(`notifies: ${told.join(', ')}`);
  for (const [event, t] of Object.entries((node.on as Record<string, unknown>) ?? {})) {
    const does = transitionsOf(t).flatMap((tr) => [
      ...raisedBy(tr.actions).map((k) => `raises ${taskText(playbook, templates.get(k))}`),
      ...partiesOf(tr.actions).map((p) => `notifies ${p}`),
    ]);
    if (does.length) out.push(`${event}: ${does.join(', ')}`);
  }
  return out;
}

function raisedBy(actions: unknown): string[] {
  return raiseActions(actions).flatMap(({ params: p }) => [...(p?.template ? [p.template] : []), ...(p?.templates ?? [])]);
}

function partiesOf(actions: unknown): string[] {
  const list = Array.isArray(actions) ? actions : actions === undefined ? [] : [actions];
  return list.flatMap((a) => (a && typeof a === 'object' && (a as { type?: string }).type === 'notify' ? [String((a as { params?: { party?: string } }).params?.party)] : []));
}

function taskText(playbook: Playbook, t: TaskTemplate | undefined): string {
  if (!t) return '?';
  const share = t.assign && t.assign !== 'shared' ? `, ${t.assign}` : '';
  const chain = chainSteps(playbook, t).map((s) => s.role ?? s.party);
  return `${t.key} (${t.role}${share}${t.recurs ? ', recurring' : ''}${chain.length ? `, escalates to ${chain.join(' then ')}` : ''})`;
}
