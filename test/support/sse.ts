import { get, type IncomingMessage } from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * A Server-Sent Events client over plain http.get, as a browser's EventSource reads the stream: events,
 * comment lines and the retry field, kept in arrival order. `next` waits for an event (never a sleep).
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  ended = false;
  private buffer = '';
  private readonly checks = new Set<() => void>();

  constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let cut: number;
      while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
        this.parse(this.buffer.slice(0, cut));
        this.buffer = this.buffer.slice(cut + 2);
      }
      this.wake();
    });
    response.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  /** Resolves with the first event (from the start of the stream) that matches; rejects after `timeoutMs`. */
  next(match: (e: SseEvent) => boolean, timeoutMs = 15_000): Promise<SseEvent> {
    return this.until(() => this.events.find(match), `an event matching ${match}`, timeoutMs);
  }

  /** Resolves once `ready()` answers something; rejects after `timeoutMs`. */
  until<T>(ready: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = ready();
        if (!found) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms; received ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      this.checks.add(check);
      check();
    });
  }

  /** The `change` events received, parsed. */
  changes(): { kind: string; incidentId: string; unitId: string }[] {
    return this.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data));
  }

  close(): void {
    this.response.destroy();
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      else if (line.startsWith('retry:')) this.retry = Number(line.slice(6).trim());
    }
    if (data.length) this.events.push({ event, data: data.join('\n') });
  }

  private wake(): void {
    for (const check of [...this.checks]) check();
  }
}

/** Opens GET `path` as an event stream; resolves once the response headers arrived. */
export function openStream(baseUrl: string, path: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = get(`${baseUrl}${path}`, { headers: { Accept: 'text/event-stream', ...headers }, agent: false }, (res) => resolve(new SseClient(res)));
    req.on('error', reject);
  });
}
