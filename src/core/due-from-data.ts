import { DateTime } from 'luxon';
import { isoDurationToMs } from './duration.js';
import type { Playbook } from './playbook/playbook.js';

/**
 * A due time taken from the data of the event that raises the task: "by the time given in the order"
 * (`due: { data: deadline, otherwise: PT4H }`) or "6 hours before the forecast peak"
 * (`due: { data: forecastPeakAt, before: PT6H, otherwise: PT2H }`). `otherwise` applies when the task
 * is raised without that field (another path into the state, a timer, the field left out).
 */
export interface DataDue {
  /** A timestamp field of the event's declared data. */
  data: string;
  before?: string;
  otherwise: string;
}

export type TemplateDue = string | DataDue;

export function isDataDue(d: unknown): d is DataDue {
  return typeof d === 'object' && d !== null && 'data' in d;
}

/** The instant the event's data sets, or null when the data does not carry that field. */
export function dueFromData(spec: DataDue, data: Record<string, unknown> | undefined): Date | null {
  const v = data?.[spec.data];
  if (typeof v !== 'string') return null;
  const at = DateTime.fromISO(v, { setZone: true });
  if (!at.isValid) return null;
  return new Date(at.toMillis() - (spec.before ? (isoDurationToMs(spec.before) ?? 0) : 0));
}

/** A data due time names a timestamp field some event of the playbook declares. */
export function checkDataDues(p: Playbook): { path: (string | number)[]; message: string }[] {
  const timestamps = new Set(p.events.flatMap((e) => Object.entries(e.data ?? {}).filter(([, f]) => f.type === 'timestamp').map(([k]) => k)));
  const issues: { path: (string | number)[]; message: string }[] = [];
  p.tasks.forEach((t, i) => {
    if (!isDataDue(t.due)) return;
    if (!timestamps.has(t.due.data)) {
      issues.push({
        path: ['tasks', i, 'due', 'data'],
        message: `no event declares a timestamp field "${t.due.data}"; ${timestamps.size ? `expected one of ${[...timestamps].join(', ')}` : 'declare it under an event\'s data with type: timestamp'}`,
      });
    }
    if (t.recurs) issues.push({ path: ['tasks', i, 'due'], message: 'a recurring duty is due at each occurrence; a due time from data is for a task raised once' });
  });
  return issues;
}
