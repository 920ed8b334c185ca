import type { Logger } from '@nestjs/common';
import pg from 'pg';
import { CHANGES_CHANNEL, parseNotice, type Change } from './changes.js';

export interface ListenerEvents {
  changes(changes: Change[]): void;
  /** The connection was lost and is back: notices sent meanwhile were missed. */
  resync(): void;
}

/** Waits between reconnection attempts: 100 ms, doubling, at most 5 s, with jitter so replicas spread out. */
export function reconnectDelay(attempt: number, firstMs = 100, maxMs = 5_000): number {
  const base = Math.min(maxMs, firstMs * 2 ** attempt);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * One dedicated PostgreSQL connection per replica that LISTENs for changes. Pooled connections cannot
 * LISTEN (a pool hands a connection to someone else between queries, and PgBouncer in transaction mode
 * drops the registration), so this one is opened with pg directly and kept. When it drops (PostgreSQL
 * restarted, the backend was terminated, the network failed) it reconnects with backoff until it is
 * back, then says `resync`.
 */
export class PostgresListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly events: ListenerEvents,
    private readonly log: Logger,
  ) {}

  /** The server process of the LISTEN connection, while connected (tests terminate it). */
  get backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  /** Connects once; if that fails, keeps trying in the background (the service starts all the same). */
  start(): Promise<void> {
    return this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(reconnecting: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'playbook-engine live feed', keepAlive: true });
    let gone = false;
    // 'error' and 'end' both come when a connection dies: react once.
    const lost = (e?: Error) => {
      if (gone) return;
      gone = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = reconnectDelay(this.attempt++);
      this.log.warn(`live feed: the LISTEN connection is ${e ? `lost (${e.message})` : 'closed'}; reconnecting in ${delay} ms`);
      this.retry = setTimeout(() => void this.connect(true), delay);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) this.events.changes(parseNotice(n.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (e) {
      lost(e as Error);
      return;
    }
    if (gone) return;
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    if (reconnecting) {
      this.log.log('live feed: the LISTEN connection is back; clients were told to resync');
      this.events.resync();
    }
  }
}
