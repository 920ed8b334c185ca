import type { Sql } from '../database/database.js';
import type { PersonRow } from '../directory/directory-store.js';

export type LinkKind = 'invite' | 'reset' | 'sign-in';

export interface SessionRow {
  id: string;
  person_id: string;
  hash: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface LinkRow {
  id: string;
  person_id: string;
  kind: LinkKind;
  hash: string;
  created_at: Date;
  created_by: string | null;
  expires_at: Date;
  used_at: Date | null;
}

export interface FailureRow {
  key: string;
  failures: number;
  last_failure_at: Date;
  blocked_until: Date | null;
}

/** A person with their password hash, which only this module reads. */
export type PersonWithPassword = PersonRow & { password_hash: string | null };

/** SQL for passwords, sessions, one-time links and failure counters. Holds no rules. */
export const signInStore = {
  async personByEmail(sql: Sql, email: string): Promise<PersonWithPassword | undefined> {
    // Emails are stored as given; people type them in any case.
    const [row] = await sql.rows<PersonWithPassword>('SELECT * FROM people WHERE lower(email) = lower($1) ORDER BY created_at LIMIT 1', [email]);
    return row;
  },

  async setPassword(sql: Sql, personId: string, hash: string, at: Date): Promise<void> {
    await sql.rows('UPDATE people SET password_hash = $2, password_set_at = $3 WHERE id = $1', [personId, hash, at]);
  },

  async insertSession(sql: Sql, s: Pick<SessionRow, 'person_id' | 'hash' | 'csrf_token' | 'created_at' | 'expires_at'>): Promise<SessionRow> {
    const [row] = await sql.rows<SessionRow>(
      `INSERT INTO sessions (person_id, hash, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5) RETURNING *`,
      [s.person_id, s.hash, s.csrf_token, s.created_at, s.expires_at],
    );
    return row;
  },

  /** The session with this hash if it is in force at `at` (not revoked, not past either expiry) and its person is active. */
  async liveSession(sql: Sql, hash: string, at: Date, idleMs: number): Promise<(SessionRow & { person: PersonRow }) | undefined> {
    const [row] = await sql.rows<SessionRow & { person: PersonRow }>(
      `SELECT s.*, row_to_json(p.*) AS person FROM sessions s JOIN people p ON p.id = s.person_id
        WHERE s.hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
          AND s.last_seen_at > $2::timestamptz - make_interval(secs => $3::double precision / 1000) AND p.active`,
      [hash, at, idleMs],
    );
    return row;
  },

  async touchSession(sql: Sql, id: string, at: Date): Promise<void> {
    await sql.rows(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2::timestamptz - interval '1 minute'`, [id, at]);
  },

  async revokeSession(sql: Sql, hash: string, at: Date): Promise<SessionRow | undefined> {
    const [row] = await sql.rows<SessionRow>('UPDATE sessions SET revoked_at = $2 WHERE hash = $1 AND revoked_at IS NULL RETURNING *', [hash, at]);
    return row;
  },

  async revokeSessionsOf(sql: Sql, personId: string, at: Date): Promise<number> {
    const rows = await sql.rows('UPDATE sessions SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL RETURNING id', [personId, at]);
    return rows.length;
  },

  async insertLink(sql: Sql, l: Pick<LinkRow, 'person_id' | 'kind' | 'hash' | 'created_at' | 'created_by' | 'expires_at'>): Promise<LinkRow> {
    const [row] = await sql.rows<LinkRow>(
      `INSERT INTO sign_in_links (person_id, kind, hash, created_at, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [l.person_id, l.kind, l.hash, l.created_at, l.created_by, l.expires_at],
    );
    return row;
  },

  /** The link and its person; `lock` takes the row for the redeeming transaction, so a link is used once. */
  async link(sql: Sql, hash: string, lock = false): Promise<(LinkRow & { person: PersonRow }) | undefined> {
    const [row] = await sql.rows<LinkRow & { person: PersonRow }>(
      `SELECT l.*, row_to_json(p.*) AS person FROM sign_in_links l JOIN people p ON p.id = l.person_id WHERE l.hash = $1${lock ? ' FOR UPDATE OF l' : ''}`,
      [hash],
    );
    return row;
  },

  async useLink(sql: Sql, id: string, at: Date): Promise<boolean> {
    const rows = await sql.rows('UPDATE sign_in_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id', [id, at]);
    return rows.length === 1;
  },

  failures(sql: Sql, keys: string[]): Promise<FailureRow[]> {
    return sql.rows<FailureRow>('SELECT * FROM sign_in_failures WHERE key = ANY($1)', [keys]);
  },

  /**
   * The row for `key` (created empty when absent) locked for update, so that concurrent failures on one
   * key count one after the other, on every replica.
   */
  async failureForUpdate(sql: Sql, key: string, at: Date): Promise<FailureRow> {
    await sql.rows('INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES ($1, 0, $2) ON CONFLICT (key) DO NOTHING', [key, at]);
    const [row] = await sql.rows<FailureRow>('SELECT * FROM sign_in_failures WHERE key = $1 FOR UPDATE', [key]);
    return row;
  },

  async saveFailure(sql: Sql, f: FailureRow): Promise<void> {
    await sql.rows(
      `INSERT INTO sign_in_failures (key, failures, last_failure_at, blocked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at, blocked_until = EXCLUDED.blocked_until`,
      [f.key, f.failures, f.last_failure_at, f.blocked_until],
    );
  },

  /** Forgets series that ended before `before` (nothing to slow down any more), so guesses at random emails leave no lasting rows. */
  async forgetEndedFailures(sql: Sql, before: Date): Promise<void> {
    // Rows another failure holds are left for later (SKIP LOCKED): no waiting, and no deadlock between two of these.
    await sql.rows(
      `DELETE FROM sign_in_failures WHERE key IN (
         SELECT key FROM sign_in_failures WHERE greatest(last_failure_at, blocked_until) < $1 FOR UPDATE SKIP LOCKED)`,
      [before],
    );
  },

  async clearFailures(sql: Sql, key: string): Promise<void> {
    await sql.rows('DELETE FROM sign_in_failures WHERE key = $1', [key]);
  },
};
