import { roleChain, type Playbook, type TaskTemplate } from './playbook/playbook.js';

/**
 * One step of an overdue task's escalation: a role of the unit (its holders are told) or an outside party
 * (the unit's contact for it, e.g. the provincial command). `after` counts from the step before, the
 * first from the due time.
 */
export type ChainStep = { role: string; after: string; party?: undefined } | { party: string; after: string; role?: undefined };

/**
 * The steps of a task's escalation chain (issue 11, point 6): with `reportsTo: PT30M`, first one step per
 * superior of the task's own role, up its reportsTo line, 30 minutes apart (so a plan need not repeat its
 * org chart), then the chain's own `steps`. No chain, no steps.
 */
export function chainSteps(playbook: Playbook, template: TaskTemplate): ChainStep[] {
  const chain = template.escalation ? playbook.escalations[template.escalation] : undefined;
  if (!chain) return [];
  const up = chain.reportsTo ? roleChain(playbook, template.role).slice(1).map((role): ChainStep => ({ role, after: chain.reportsTo! })) : [];
  return [...up, ...(chain.steps ?? [])];
}
