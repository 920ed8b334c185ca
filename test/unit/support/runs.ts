/**
 * How many runs a property test makes. `npm run test:mutation` sets PROPERTY_RUNS_DIVISOR: against each of
 * thousands of mutants a property only needs to reach the code paths, and a tenth of the runs still does
 * (the full count runs in `npm test`). Never fewer than 10.
 */
export function runs(n: number): number {
  const divisor = Number(process.env.PROPERTY_RUNS_DIVISOR ?? 1);
  return divisor > 1 ? Math.max(10, Math.ceil(n / divisor)) : n;
}
