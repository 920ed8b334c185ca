import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { canRead } from '../access/access-rules.js';
import type { Principal } from '../access/principal.js';
import { Database } from '../database/database.js';
import { ChangeFeed, type FeedMessage } from './change-feed.js';
import { UnitTree } from './unit-tree.js';

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
export const RECONNECT_MS = 3_000;

/** A client this far behind (unread bytes buffered for it) is dropped; it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 1 << 20;

interface Stream {
  res: ServerResponse;
  /** Who is watching, with the roles they held when the stream opened. */
  principal: Principal;
  heartbeat: NodeJS.Timeout;
  expiry: NodeJS.Timeout;
}

/**
 * The open Server-Sent Event streams of this replica, each fed the changes of the units its client may
 * read (access-rules.ts canRead, on the unit's chain). A comment line every `heartbeatMs` keeps
 * proxies from closing an idle stream. A client that goes away is forgotten at once; a graceful
 * shutdown ends every stream (closeAll) so the HTTP drain does not wait for them.
 *
 * A stream sees with the roles its caller held when it opened. So that a revoked token, an ended
 * session or a role taken away also ends what a stream shows (within `maxAgeMs`, where every other
 * request feels it within a second), a stream ends at that age: the browser reconnects after `retry`,
 * through the guard again, and refetches as after any drop. Notices carry ids only, never content.
 */
@Injectable()
export class LiveStreams implements OnApplicationShutdown {
  /** 15 s by default; tests shorten it. */
  heartbeatMs = 15_000;
  /** 10 minutes by default; tests shorten it. */
  maxAgeMs = 10 * 60_000;
  /** Emits `count` with the number of open streams whenever it changes (tests wait on it). */
  readonly events = new EventEmitter();
  private readonly streams = new Set<Stream>();
  private closing = false;
  private readonly unsubscribe: () => void;
  private readonly log = new Logger('LiveStreams');
  private readonly tree: UnitTree;
  /** Changes are sent in the order they were committed, even when one waits for the unit tree. */
  private sending: Promise<void> = Promise.resolve();

  constructor(feed: ChangeFeed, db: Database) {
    this.tree = new UnitTree(db);
    this.unsubscribe = feed.subscribe((m) => {
      this.sending = this.sending.then(() => this.fanOut(m)).catch((e: Error) => this.log.error(`live: a change could not be sent: ${e.message}`));
    });
  }

  get count(): number {
    return this.streams.size;
  }

  /** False once the replica drains: a new stream would only hold the stop back. */
  get accepting(): boolean {
    return !this.closing;
  }

  open(res: ServerResponse, principal: Principal): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // nginx buffers responses unless told not to; a buffered stream is no stream.
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RECONNECT_MS}\n\n`);
    const stream: Stream = {
      res,
      principal,
      heartbeat: setInterval(() => this.write(stream, ': heartbeat\n\n'), this.heartbeatMs),
      expiry: setTimeout(() => this.end(stream), this.maxAgeMs),
    };
    this.streams.add(stream);
    res.once('close', () => this.forget(stream));
    this.counted();
  }

  /** Ends every stream (a graceful shutdown): browsers reconnect to another replica after `retry`. */
  closeAll(): void {
    this.closing = true;
    for (const s of [...this.streams]) this.end(s);
  }

  onApplicationShutdown(): void {
    this.unsubscribe();
    this.closeAll();
  }

  private async fanOut(m: FeedMessage): Promise<void> {
    if (m.type === 'resync') {
      for (const s of [...this.streams]) this.write(s, 'event: resync\ndata: {}\n\n');
      return;
    }
    if (!this.streams.size) return;
    const chain = await this.tree.chain(m.change.unitId);
    const frame = `event: change\ndata: ${JSON.stringify(m.change)}\n\n`;
    for (const s of [...this.streams]) if (canRead(s.principal, chain)) this.write(s, frame);
  }

  private write(s: Stream, frame: string): void {
    // A client that does not read would make us buffer without bound.
    if (s.res.writableLength > MAX_BUFFERED_BYTES) this.end(s);
    else s.res.write(frame);
  }

  private end(s: Stream): void {
    this.forget(s);
    s.res.end();
  }

  private forget(s: Stream): void {
    if (!this.streams.delete(s)) return;
    clearInterval(s.heartbeat);
    clearTimeout(s.expiry);
    this.counted();
  }

  private counted(): void {
    this.events.emit('count', this.streams.size);
  }
}
