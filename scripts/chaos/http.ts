export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Closed while the service is down: clients wait here instead of hammering a dead port. */
export class Gate {
  private open = true;
  private waiters: (() => void)[] = [];

  get isUp(): boolean {
    return this.open;
  }

  down(): void {
    this.open = false;
  }

  up(): void {
    this.open = true;
    for (const w of this.waiters.splice(0)) w();
  }

  wait(): Promise<void> {
    return this.open ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
}

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  key?: string;
  body?: unknown;
}

export interface Answer {
  status: number;
  // Parsed JSON answer as the service sent it.
  body: any;
  /** The request failed at least once in transport (the process died under it) and was sent again. */
  resent: boolean;
  /** Wall-clock time the request was first sent (the service stamps its work with the same clock). */
  firstSentAt: number;
}

/**
 * HTTP to the service, resent on transport failure with the very same method, body and
 * Idempotency-Key once the service is back: the retry the service's idempotency must make harmless.
 */
export class Api {
  inFlight = 0;
  /** Changes in flight (POSTs), and how long one usually takes: the kills aim inside that window. */
  postsInFlight = 0;
  postMs = 50;
  transportFailures = 0;
  /** Transport failures while no kill was under way: not expected on loopback. */
  failuresWhileUp = 0;
  resentAndAnswered = 0;

  constructor(
    private readonly base: () => string,
    private readonly gate: Gate,
    private readonly patienceMs: number,
  ) {}

  /** null: no answer within the patience (the request's outcome is unknown, so it is not acknowledged). */
  async call(c: Call): Promise<Answer | null> {
    const deadline = performance.now() + this.patienceMs;
    const firstSentAt = Date.now();
    let resent = false;
    while (performance.now() < deadline) {
      await this.gate.wait();
      this.inFlight++;
      const post = c.method === 'POST';
      if (post) this.postsInFlight++;
      const sent = performance.now();
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${c.token}` };
        if (c.key) headers['idempotency-key'] = c.key;
        if (c.body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(this.base() + c.path, {
          method: c.method,
          headers,
          body: c.body === undefined ? undefined : JSON.stringify(c.body),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await res.text();
        if (post) this.postMs = 0.9 * this.postMs + 0.1 * (performance.now() - sent);
        // 503: the database is not answering (yet); 429 should not happen with the raised limit.
        if (res.status === 503 || res.status === 429) {
          await sleep(100);
          continue;
        }
        if (resent) this.resentAndAnswered++;
        return { status: res.status, body: parse(text), resent, firstSentAt };
      } catch {
        this.transportFailures++;
        resent = true;
        if (this.gate.isUp) {
          this.failuresWhileUp++;
          await sleep(100);
        }
      } finally {
        this.inFlight--;
        if (post) this.postsInFlight--;
      }
    }
    return null;
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** Structural equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
