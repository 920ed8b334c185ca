/**
 * Who a task goes to, and so when it is done (issue 11, point 4):
 * - `shared` (default): one task for the role; any holder completes it for everyone.
 * - `each`: one task per holder ("every village head sends their own evacuee list"); the plan's step
 *   counts it done when the last holder's copy is done.
 * - `all`: one task that every holder signs off; it is done with the last signature.
 * A superior or an admin completing an `all` task closes it for everyone (the head of the command says
 * "enough"); the timeline records that it was closed that way.
 */
export const ASSIGN_MODES = ['shared', 'each', 'all'] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];

export interface SignOff {
  personId: string;
  name: string;
  at: string;
  note?: string;
}

export interface CompletionInput {
  mode: AssignMode;
  /** The task's assignees now. */
  assignees: string[];
  signOffs: SignOff[];
  /** The assignee signing (a deputy is an assignee in their own right: the task went to them). */
  signer: string;
  /** How the actor may complete it (access-rules.ts). */
  as: 'assignee' | 'superior' | 'admin';
}

export type Completion =
  /** The task is done now. */
  | { done: true }
  /** One signature of an `all` task recorded; the others are still awaited. */
  | { done: false; waitingFor: string[] }
  /** This person has already signed; nothing changes. */
  | { done: false; alreadySigned: true; waitingFor: string[] };

export function completionOf(c: CompletionInput): Completion {
  if (c.mode !== 'all' || c.as !== 'assignee') return { done: true };
  const signed = new Set(c.signOffs.map((s) => s.personId));
  const waitingFor = (extra: string | null) => c.assignees.filter((p) => !signed.has(p) && p !== extra);
  if (signed.has(c.signer)) return { done: false, alreadySigned: true, waitingFor: waitingFor(null) };
  const rest = waitingFor(c.signer);
  return rest.length === 0 ? { done: true } : { done: false, waitingFor: rest };
}

/**
 * Whether the machine hears that a task's template (or keyed instance) is done: for `each`, only when no
 * other holder's copy of the same task is still open.
 */
export function groupDone(mode: AssignMode, otherCopiesOpen: number): boolean {
  return mode !== 'each' || otherCopiesOpen === 0;
}

/**
 * The rows an `each` task is raised as: one per person the task went to, or a single unassigned row when
 * nobody holds the role (its superiors then see it as today).
 */
export function copiesFor(mode: AssignMode, assignees: string[]): { holder: string | null; assignees: string[] }[] {
  if (mode !== 'each' || assignees.length === 0) return [{ holder: null, assignees }];
  return assignees.map((p) => ({ holder: p, assignees: [p] }));
}
