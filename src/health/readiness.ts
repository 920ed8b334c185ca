import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Database } from '../database/database.js';
import { readMigrations } from '../database/migrator.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';

export type NotReadyReason = 'starting' | 'draining' | 'database' | 'migrations';

export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason; message: string };

/**
 * Whether this replica should get traffic: started, not draining, its database answering, and every
 * migration this build knows applied (a database restored from an older backup, or rolled back, is
 * not). The phase is looked at first and costs no query, so a draining replica answers at once even
 * when its database is busy.
 */
@Injectable()
export class ReadinessCheck {
  private known: Promise<string[]> | null = null;

  constructor(
    private readonly lifecycle: Lifecycle,
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<Readiness> {
    const phase = this.lifecycle.phase;
    if (phase === 'draining') return { ready: false, reason: 'draining', message: 'shutting down: finishing the requests in flight' };
    if (phase === 'starting') return { ready: false, reason: 'starting', message: 'starting' };
    let applied: Set<string>;
    try {
      applied = new Set((await this.db.read((sql) => sql.rows<{ name: string }>('SELECT name FROM schema_migrations'))).map((r) => r.name));
    } catch {
      return { ready: false, reason: 'database', message: 'the database is unreachable' };
    }
    // The files are read once: they cannot change under a running build that already migrated with them.
    this.known ??= readMigrations(this.config.MIGRATIONS_DIR).then((files) => files.map((f) => f.name));
    const pending = (await this.known).filter((name) => !applied.has(name));
    if (pending.length) return { ready: false, reason: 'migrations', message: `migrations not applied: ${pending.join(', ')}` };
    return { ready: true };
  }
}
