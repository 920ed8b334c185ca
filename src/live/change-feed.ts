import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getPGliteInstance } from 'typeorm-pglite';
import { AppConfig } from '../config/app-config.js';
import { Database } from '../database/database.js';
import { CHANGES_CHANNEL, parseNotice, type Change } from './changes.js';
import { PostgresListener } from './postgres-listener.js';

export type FeedMessage = { type: 'change'; change: Change } | { type: 'resync' };
export type FeedSubscriber = (m: FeedMessage) => void;

/**
 * This replica's view of the changes committed by any replica (changes.ts announces them). On
 * PostgreSQL: one dedicated LISTEN connection (postgres-listener.ts; LISTEN_DATABASE_URL, by default
 * DATABASE_URL). On the embedded database: PGlite's
 * own LISTEN, on its single session: PGlite delivers a NOTIFY when the transaction commits and drops it
 * on rollback, like PostgreSQL, so both databases share one announcing path and nothing is announced
 * that did not commit (checked in test/http/live.http.spec.ts). There is one process per embedded
 * database, so nothing is lost to other processes.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ChangeFeed');
  private readonly subscribers = new Set<FeedSubscriber>();
  private listener: PostgresListener | null = null;
  private unlistenEmbedded: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  subscribe(fn: FeedSubscriber): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  /** The server process of PostgreSQL's LISTEN connection (null on the embedded database or while reconnecting). */
  get backendPid(): number | null {
    return this.listener?.backendPid ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const events = { changes: (c: Change[]) => this.publish(c), resync: () => this.emit({ type: 'resync' }) };
    if (this.db.kind === 'postgres') {
      this.listener = new PostgresListener(this.config.LISTEN_DATABASE_URL ?? this.config.DATABASE_URL!, events, this.log);
      await this.listener.start();
      return;
    }
    const pglite = await getPGliteInstance();
    // Through the database's queue: a LISTEN run inside someone's open transaction would be undone by its rollback.
    this.unlistenEmbedded = await this.db.read(() => pglite.listen(CHANGES_CHANNEL, (payload) => events.changes(parseNotice(payload))));
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribers.clear();
    await this.listener?.stop();
    const unlisten = this.unlistenEmbedded;
    this.unlistenEmbedded = null;
    if (unlisten) await this.db.read(() => unlisten()).catch(() => undefined);
  }

  private publish(changes: Change[]): void {
    for (const change of changes) this.emit({ type: 'change', change });
  }

  private emit(m: FeedMessage): void {
    for (const fn of this.subscribers) {
      // A subscriber's failure must not stop the others, nor reach the database driver that called us.
      try {
        fn(m);
      } catch (e) {
        this.log.error(`live feed subscriber failed: ${(e as Error).message}`);
      }
    }
  }
}
