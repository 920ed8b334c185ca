import { sameJson, type Api } from './http.js';
import type { Ack } from './load.js';

/**
 * Sends every acknowledged request again, exactly as first sent. An event with its Idempotency-Key
 * must answer what it answered the first time; completing a done task answers it unchanged; opening
 * with a used key answers the incident it opened (as it is now, by design: compared by id).
 */
export async function replayAll(api: Api, acks: Ack[], concurrency: number): Promise<string[]> {
  const mismatches: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < acks.length; i = next++) {
      const a = acks[i];
      const r = await api.call(a.call);
      const what = a.kind === 'complete' ? `completion of task ${a.taskId}` : `${a.kind} ${a.call.key}`;
      if (!r) {
        mismatches.push(`${what}: no answer to the replay`);
        continue;
      }
      const expected = a.kind === 'open' ? 201 : 200;
      const same = a.kind === 'open' ? r.body?.id === a.answer.id : sameJson(r.body, a.answer);
      if (r.status !== expected || !same) {
        mismatches.push(`${what}: first answered ${summary(a.answer)}, replay answered ${r.status} ${summary(r.body)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return mismatches;
}

function summary(body: any): string {
  if (body?.incident) return `incident ${body.incident.id} v${body.incident.version} ${body.incident.state} (+${body.raised?.length ?? 0} -${body.cancelled?.length ?? 0} tasks)`;
  if (body?.status && body?.template) return `task ${body.id} ${body.status} at ${body.completedAt}`;
  if (body?.id) return `incident ${body.id} v${body.version}`;
  return JSON.stringify(body).slice(0, 300);
}
