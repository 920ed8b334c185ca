import type { Effect } from './effects.js';

export type Raise = Extract<Effect, { type: 'task.raise' }>;
export type Cancel = Extract<Effect, { type: 'task.cancel' }>;

/**
 * The task writes of one step, in the order the machine asked for them. Order matters: a lowering
 * transition may cancel a template on exit and raise it again on entry, and the database allows one
 * open task per template (per occurrence), so the cancel must reach the table before the raise.
 * Consecutive raises stay one batch, so the common case is still one INSERT.
 */
export function taskWrites(effects: Effect[]): ({ raise: Raise[] } | { cancel: Cancel })[] {
  const out: ({ raise: Raise[] } | { cancel: Cancel })[] = [];
  for (const e of effects) {
    if (e.type === 'task.cancel') out.push({ cancel: e });
    else if (e.type === 'task.raise') {
      const last = out[out.length - 1];
      if (last && 'raise' in last) last.raise.push(e);
      else out.push({ raise: [e] });
    }
  }
  return out;
}

/**
 * The net timer writes of one step: for each key, the last thing the machine asked (a series stopped on
 * exit and restarted on entry is started; started then stopped is stopped).
 */
export function timerWrites(effects: Effect[]): { cancel: string[]; start: { key: string; event: { type: string }; fireAt: string }[] } {
  const last = new Map<string, Extract<Effect, { type: 'timer.start' }> | null>();
  for (const e of effects) {
    if (e.type === 'timer.start') last.set(e.key, e);
    else if (e.type === 'timer.cancel') last.set(e.key, null);
  }
  const cancel = [...last].filter(([, e]) => e === null).map(([k]) => k);
  const start = [...last.values()].filter((e): e is Extract<Effect, { type: 'timer.start' }> => e !== null);
  return { cancel, start };
}
