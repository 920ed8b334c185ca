import type { Database } from '../database/database.js';

/** How long the tree is trusted before it is read again (a unit moved under another parent). */
const FRESH_MS = 60_000;

/**
 * The unit tree as parent links, for deciding who may see a change (access-rules.ts wants the unit's
 * chain up to the top). Read once and again when a change names a unit it does not know (created since)
 * or when it is a minute old; the units table is small.
 */
export class UnitTree {
  private parents = new Map<string, string | null>();
  private readAt = -Infinity;

  constructor(private readonly db: Database) {}

  /** The unit, its parent, and so on up to the top. */
  async chain(unitId: string): Promise<string[]> {
    if (!this.parents.has(unitId) || performance.now() - this.readAt > FRESH_MS) await this.read();
    const out: string[] = [];
    for (let id: string | null | undefined = unitId; id && !out.includes(id); id = this.parents.get(id)) out.push(id);
    return out;
  }

  private async read(): Promise<void> {
    const rows = await this.db.read((sql) => sql.rows<{ id: string; parent_id: string | null }>('SELECT id, parent_id FROM units'));
    this.parents = new Map(rows.map((r) => [r.id, r.parent_id]));
    this.readAt = performance.now();
  }
}
