import type { StateValue } from 'xstate';

// Reading XState state values as the engine stores and shows them.

/** Two state values as one (regions of a parallel state); null when they name different states of one node. */
export function mergeValues(a: StateValue, b: StateValue): StateValue | null {
  if (typeof a === 'string' || typeof b === 'string') return a === b ? a : null;
  const out: Record<string, StateValue> = { ...(a as Record<string, StateValue>) };
  for (const [k, v] of Object.entries(b as Record<string, StateValue>)) {
    const merged = k in out ? mergeValues(out[k], v) : v;
    if (merged === null) return null;
    out[k] = merged;
  }
  return out;
}

export function topLevelOf(value: StateValue): string {
  return typeof value === 'string' ? value : Object.keys(value)[0];
}

export function leafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [prefix + k] : leafPaths(v as StateValue, `${prefix}${k}.`)));
}
