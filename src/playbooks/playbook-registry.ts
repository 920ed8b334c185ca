import { IncidentMachine } from '../core/engine/incident-machine.js';
import type { Playbook } from '../core/playbook/playbook.js';
import { contentHash } from '../core/playbook/parse-playbook.js';
import type { Database, Sql } from '../database/database.js';
import { NotFound } from '../common/errors.js';

export interface PlaybookVersion {
  id: string;
  key: string;
  version: number;
  hash: string;
  loadedAt: Date;
  machine: IncidentMachine;
}

interface VersionRow {
  id: string;
  key: string;
  version: number;
  content_hash: string;
  definition: Playbook;
  loaded_at: Date;
}

/**
 * Registers the playbook files as versions (one per distinct content hash) and hands out compiled
 * machines. Versions are immutable, so caching them in memory is safe with any number of replicas.
 */
export class PlaybookRegistry {
  private readonly latest = new Map<string, PlaybookVersion>();
  private readonly byId = new Map<string, PlaybookVersion>();

  constructor(private readonly db: Database) {}

  async register(playbooks: Playbook[]): Promise<void> {
    const rows = await this.db.transaction(async (sql) => {
      // Two replicas starting together must not both create version N+1.
      await sql.rows(`SELECT pg_advisory_xact_lock(hashtext('playbook_versions'))`);
      const out: VersionRow[] = [];
      for (const p of playbooks) out.push(await this.upsert(sql, p));
      return out;
    });
    for (const row of rows) this.latest.set(row.key, this.remember(row));
  }

  list(): PlaybookVersion[] {
    return [...this.latest.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  current(key: string): PlaybookVersion {
    const v = this.latest.get(key);
    if (!v) throw new NotFound('playbook', key);
    return v;
  }

  /** The newest version number of a playbook this process loaded (a removed playbook: the given one). */
  latestNumber(key: string, fallback: number): number {
    return this.latest.get(key)?.version ?? fallback;
  }

  /** The version an incident started on, loaded from the database if this process has not seen it. */
  async version(id: string, sql?: Sql): Promise<PlaybookVersion> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    // Inside a transaction use its connection: on the embedded database a second one would wait forever.
    const load = (s: Sql) => s.rows<VersionRow>('SELECT * FROM playbook_versions WHERE id = $1', [id]);
    const [row] = sql ? await load(sql) : await this.db.read(load);
    if (!row) throw new Error(`playbook version ${id} is missing from the database`);
    return this.remember(row);
  }

  /** Every registered version of a playbook, newest first, with how many incidents run on each. */
  versions(key: string) {
    return this.db.read((sql) =>
      sql.rows<{ id: string; version: number; content_hash: string; loaded_at: Date; incidents: number }>(
        `SELECT v.id, v.version, v.content_hash, v.loaded_at,
                (SELECT count(*)::int FROM incidents i WHERE i.playbook_version_id = v.id) AS incidents
           FROM playbook_versions v WHERE v.key = $1 ORDER BY v.version DESC`,
        [key],
      ),
    );
  }

  /** A given version of a playbook, by number. */
  async byNumber(key: string, version: number, sql: Sql): Promise<PlaybookVersion | undefined> {
    const [row] = await sql.rows<VersionRow>('SELECT * FROM playbook_versions WHERE key = $1 AND version = $2', [key, version]);
    return row ? this.remember(row) : undefined;
  }

  private async upsert(sql: Sql, p: Playbook): Promise<VersionRow> {
    const hash = contentHash(p);
    const [existing] = await sql.rows<VersionRow>(
      'SELECT * FROM playbook_versions WHERE key = $1 AND content_hash = $2',
      [p.key, hash],
    );
    if (existing) return existing;
    const [row] = await sql.rows<VersionRow>(
      `INSERT INTO playbook_versions (key, version, content_hash, definition)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM playbook_versions WHERE key = $1
       RETURNING *`,
      [p.key, hash, JSON.stringify(p)],
    );
    return row;
  }

  private remember(row: VersionRow): PlaybookVersion {
    const known = this.byId.get(row.id);
    if (known) return known;
    const v: PlaybookVersion = {
      id: row.id,
      key: row.key,
      version: row.version,
      hash: row.content_hash,
      loadedAt: row.loaded_at,
      machine: new IncidentMachine(row.definition),
    };
    this.byId.set(row.id, v);
    return v;
  }
}
