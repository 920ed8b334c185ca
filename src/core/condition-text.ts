import type { Condition } from './guards.js';

const SYMBOL: Record<string, string> = { equals: '=', notEquals: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in' };

/**
 * A condition in short words for a diagram's edge label: `tasksDone: a, b`, `at least 3 of a, b, c, d`,
 * `data.waterLevelCm ≥ 350`, `all(…; …)`, `any(…; …)`, `not …`, `none open: a`. Never brackets, which end
 * the label's guard part.
 */
export function conditionText(c: Condition): string {
  if ('all' in c) return `all(${c.all.map(conditionText).join('; ')})`;
  if ('any' in c) return `any(${c.any.map(conditionText).join('; ')})`;
  if ('not' in c) return `not ${conditionText(c.not)}`;
  if ('tasksDone' in c) return `tasksDone: ${c.tasksDone.join(', ')}`;
  if ('atLeast' in c) return `at least ${c.atLeast} of ${c.of.join(', ')}`;
  if ('noneOpen' in c) return `none open: ${c.noneOpen.join(', ')}`;
  const op = Object.keys(SYMBOL).find((k) => k in c)!;
  const value = (c as Record<string, unknown>)[op];
  return `data.${c.data} ${SYMBOL[op]} ${Array.isArray(value) ? value.join('|') : String(value)}`;
}
