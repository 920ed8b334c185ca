import type { DataSource, QueryRunner } from 'typeorm';
import { SerialQueue } from './serial-queue.js';

/** The only way the adapters talk to the database: parameterised SQL, returning rows. */
export interface Sql {
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export type DatabaseKind = 'postgres' | 'embedded';

export class Database {
  private readonly queue: SerialQueue | null;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
  ) {
    this.queue = kind === 'embedded' ? new SerialQueue() : null;
  }

  /**
   * Requests waiting for the database: on PostgreSQL, callers waiting for a pooled connection; on the
   * embedded database, jobs queued behind the running one. For /metrics.
   */
  pool(): { total: number; idle: number; waiting: number } | { waiting: number } {
    if (this.queue) return { waiting: this.queue.waiting };
    // TypeORM's postgres driver keeps its pg.Pool as `master` (no replication configured here).
    const pool = (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : { waiting: 0 };
  }

  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.connect();
        await runner.startTransaction();
        try {
          const result = await work(sqlOf(runner));
          await runner.commitTransaction();
          return result;
        } catch (e) {
          if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
          throw e;
        }
      } finally {
        await runner.release();
      }
    });
  }

  /** Read-only work outside a transaction (on the embedded driver, still never inside someone else's). */
  read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await work(sqlOf(runner));
      } finally {
        await runner.release();
      }
    });
  }

  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.queue ? this.queue.run(job) : job();
  }
}

function sqlOf(runner: QueryRunner): Sql {
  return {
    rows: async <T>(sql: string, params?: unknown[]) => {
      const result = await runner.query(sql, params, true);
      return (result.records ?? []) as T[];
    },
  };
}
