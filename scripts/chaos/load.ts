import type { Api, Call } from './http.js';

export interface Tokens {
  duty: string;
  admin: string;
  /** A task assignee (the demo's Chief of Office): completes their own tasks; an admin completes the rest. */
  assignee?: { token: string; personId: string };
}

/** A request the service acknowledged (2xx), with what it answered: replayed and checked at the end. */
export interface Ack {
  kind: 'open' | 'event' | 'complete';
  call: Call;
  incidentId: string;
  taskId?: string;
  answer: any;
  resent: boolean;
  firstSentAt: number;
}

/** Everything the clients saw, for the checks and the report. */
export class Ledger {
  readonly acks: Ack[] = [];
  /** Answers no correct service gives here (each client owns its incidents, so nobody races it). */
  readonly oddities: { what: string; status: number; body: unknown }[] = [];
  /** Requests still unanswered when their patience ran out: outcome unknown, not acknowledged. */
  abandoned = 0;
  requests = 0;
}

export function random(seed: number): () => number {
  // mulberry32: small and seedable, so a run's choices can be repeated with --seed.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INCIDENTS_PER_CLIENT = 3;
/** Actions before a client retires an incident and opens another, so opens keep happening under kills. */
const ACTIONS_PER_INCIDENT = 20;
/** Completing these advances the steps of a confirmed case (step 1 → step 2 → contained → all clear). */
const GATING = /^(notify_|disinfect_patient_room$|spray_premises$)/;

interface Owned {
  id: string;
  actions: number;
}

/**
 * One client: owns a few incidents of unit `demo` on covid19-office and drives them, reading each
 * incident's allowedEvents and open tasks before acting. Owning them means no other client changes them,
 * so a 409 or a 422 is never a lost race but a sign the service did something wrong.
 */
export async function runClient(w: number, run: string, api: Api, tokens: Tokens, ledger: Ledger, rnd: () => number, stopping: () => boolean): Promise<void> {
  const pool: Owned[] = [];
  let n = 0;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const send = async (c: Call) => {
    ledger.requests++;
    const a = await api.call(c);
    if (!a) ledger.abandoned++;
    return a;
  };
  const odd = (what: string, a: { status: number; body: unknown }) => ledger.oddities.push({ what, status: a.status, body: a.body });

  while (!stopping()) {
    if (pool.length < INCIDENTS_PER_CLIENT) {
      const key = `${run}-c${w}-open-${n++}`;
      const call: Call = { method: 'POST', path: '/incidents', token: tokens.duty, key, body: { playbook: 'covid19-office', unit: 'demo', title: key } };
      const a = await send(call);
      if (a?.status === 201) {
        pool.push({ id: a.body.id, actions: 0 });
        ledger.acks.push({ kind: 'open', call, incidentId: a.body.id, answer: a.body, resent: a.resent, firstSentAt: a.firstSentAt });
      } else if (a) odd(`open ${key}`, a);
      continue;
    }
    const inc = pick(pool);
    if (inc.actions++ >= ACTIONS_PER_INCIDENT) {
      pool.splice(pool.indexOf(inc), 1);
      continue;
    }
    const view = await send({ method: 'GET', path: `/incidents/${inc.id}`, token: tokens.duty });
    if (!view) continue;
    if (view.status !== 200) {
      odd(`get incident ${inc.id}`, view);
      continue;
    }
    const tasks: { id: string; template: string; assignees: string[] }[] = view.body.openTasks;
    const events: string[] = view.body.allowedEvents;
    // A confirmed case mostly works through its tasks, or it would be ruled out before any step advances.
    const eventChance = view.body.level === 'confirmed_case' ? 0.15 : 0.5;
    if (tasks.length && (rnd() >= eventChance || !events.length)) {
      const gating = tasks.filter((t) => GATING.test(t.template));
      const task = gating.length && rnd() < 0.7 ? pick(gating) : pick(tasks);
      const mine = tokens.assignee && task.assignees.includes(tokens.assignee.personId);
      const call: Call = { method: 'POST', path: `/tasks/${task.id}/complete`, token: mine ? tokens.assignee!.token : tokens.admin, body: { note: `${run}-c${w}-done-${n++}` } };
      const a = await send(call);
      if (a?.status === 200) ledger.acks.push({ kind: 'complete', call, incidentId: inc.id, taskId: task.id, answer: a.body, resent: a.resent, firstSentAt: a.firstSentAt });
      else if (a) odd(`complete task ${task.id} (${task.template})`, a);
    } else if (events.length) {
      const type = events.includes('ALL_CLEAR') && rnd() < 0.7 ? 'ALL_CLEAR' : pick(events);
      const key = `${run}-c${w}-event-${n++}`;
      // The note carries the key too, so an event applied twice under two keys would still show.
      const call: Call = { method: 'POST', path: `/incidents/${inc.id}/events`, token: tokens.duty, key, body: { type, note: key } };
      const a = await send(call);
      if (a?.status === 200) ledger.acks.push({ kind: 'event', call, incidentId: inc.id, answer: a.body, resent: a.resent, firstSentAt: a.firstSentAt });
      else if (a) odd(`event ${type} ${key} on ${inc.id}`, a);
    }
  }
}
