import { Duration } from 'luxon';

/** Parses an ISO 8601 duration (`PT30M`, `P1D`) into milliseconds, or returns null when it is not one. */
export function isoDurationToMs(iso: string): number | null {
  const d = Duration.fromISO(iso);
  if (!d.isValid) return null;
  const ms = d.toMillis();
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
