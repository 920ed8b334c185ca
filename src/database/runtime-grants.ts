/** Runs one statement on the owner's connection. */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface TableGrant {
  table: string;
  rights: string[];
}

/** The tables only ever appended to: their `refuse_rewrite` trigger marks them, so a new one is found the same way. */
const APPEND_ONLY = `EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                              WHERE t.tgrelid = c.oid AND p.proname = 'refuse_rewrite' AND NOT t.tgisinternal)`;

/**
 * Gives `role` exactly the rights the running service needs on the tables the current role owns in
 * the current schema, and nothing else: read and write the working tables, only read and append the
 * append-only ones (incident_events, audit_log), read the migration record, take ids from sequences.
 * No TRUNCATE, REFERENCES or TRIGGER, and no ownership: DDL (ALTER TABLE … DISABLE TRIGGER, DROP) needs
 * the owner. Earlier grants are revoked first, so running it again (after each migration) makes the
 * rights exact, new tables included. Runs as the owner, in the caller's transaction.
 */
export async function grantRuntime(query: Query, role: string): Promise<TableGrant[]> {
  const [who] = await query(
    `SELECT r.rolsuper AS superuser, r.rolname = current_user AS owner, pg_has_role(r.oid, current_user, 'MEMBER') AS member
       FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  if (!who) throw new Error(`there is no role "${role}" (create it first: CREATE ROLE ${ident(role)} LOGIN PASSWORD '…')`);
  if (who.owner) throw new Error(`"${role}" owns the tables; the runtime role must be another role`);
  if (who.superuser) throw new Error(`"${role}" is a superuser, which bypasses every grant; the runtime role must be an ordinary role`);
  if (who.member) throw new Error(`"${role}" is a member of the owner's role and would act as the owner; the runtime role must not be`);

  const relations = (await query(
    `SELECT c.relname AS name, c.relkind AS kind, ${APPEND_ONLY} AS append_only
       FROM pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
        AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        AND c.relkind IN ('r', 'p', 'S')
      ORDER BY c.relname`,
  )) as { name: string; kind: string; append_only: boolean }[];

  const grants: TableGrant[] = [];
  await query(`GRANT USAGE ON SCHEMA ${ident(await currentSchema(query))} TO ${ident(role)}`);
  for (const r of relations) {
    const sequence = r.kind === 'S';
    const rights = sequence
      ? ['USAGE']
      : r.name === 'schema_migrations'
        ? ['SELECT']
        : r.append_only
          ? ['SELECT', 'INSERT']
          : ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
    const what = `${sequence ? 'SEQUENCE' : 'TABLE'} ${ident(r.name)}`;
    await query(`REVOKE ALL ON ${what} FROM ${ident(role)}`);
    await query(`GRANT ${rights.join(', ')} ON ${what} TO ${ident(role)}`);
    grants.push({ table: r.name, rights });
  }
  return grants;
}

async function currentSchema(query: Query): Promise<string> {
  const [row] = await query('SELECT current_schema() AS name');
  return row.name as string;
}

/** A quoted SQL identifier (role and table names cannot be bind parameters). */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
