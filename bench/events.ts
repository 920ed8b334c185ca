/**
 * npm run bench:events — events applied through the engine against PostgreSQL, at 1 and 8 concurrent
 * clients, and in the same run a hand-written SQL transaction doing the same reads and writes (no
 * XState, no TypeORM), so the ratio shows what the engine's own work costs.
 */
import 'reflect-metadata';
import pg from 'pg';
import type { Principal } from '../src/access/principal.js';
import { systemClock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { DirectoryService } from '../src/directory/directory.service.js';
import { openFoundations } from '../src/foundations.js';
import { IncidentEngine } from '../src/incidents/incident-engine.js';
import { machineInfo, measure, table, withFreshDatabase, type Run } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const INCIDENTS_PER_CLIENT = 25;
const CONCURRENCY = [1, 8];
const CYCLE = ['SUSPECTED_CASE_REPORTED', 'CASE_RULED_OUT'];

await withFreshDatabase('bench_events', async (url) => {
  console.log(await machineInfo(url));
  const f = await openFoundations(loadConfig({ ...process.env, DATABASE_URL: url, SCHEDULER_ENABLED: 'false' }));
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  try {
    const directory = new DirectoryService(f.db, f.registry, systemClock);
    await directory.createUnit(null, { id: 'bench', name: 'Bench unit' });
    const admin = await directory.createPerson(null, { name: 'bench', admin: true });
    for (const role of ['director', 'chief_of_office', 'head_of_division', 'monitoring_team']) {
      const p = await directory.createPerson(null, { name: role });
      await directory.assign(null, { unitId: 'bench', role, personId: p.id });
    }
    const actor: Principal = { id: admin.id, name: 'bench', kind: 'person', admin: true, assignments: [] };
    const engine = new IncidentEngine(f.db, f.registry, systemClock);
    const open = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await engine.open({ playbook: 'covid19-office', unit: 'bench' }, actor)).incident.id);
      return ids;
    };

    // What one SUSPECTED_CASE_REPORTED writes, captured from the engine so the raw baseline writes the same.
    const [probe] = await open(1);
    const up = await engine.apply(probe, { type: 'SUSPECTED_CASE_REPORTED' }, actor);
    const raisedTasks = up.raised;
    const upSnapshot = (await pool.query('SELECT snapshot FROM incidents WHERE id = $1', [probe])).rows[0].snapshot;
    await engine.apply(probe, { type: 'CASE_RULED_OUT' }, actor);
    const downSnapshot = (await pool.query('SELECT snapshot FROM incidents WHERE id = $1', [probe])).rows[0].snapshot;

    const runs: Run[] = [];
    for (const c of CONCURRENCY) {
      // Engine: each client owns its incidents, so clients never wait on each other's locks.
      const mine = await Promise.all(Array.from({ length: c }, () => open(INCIDENTS_PER_CLIENT)));
      const step = Array(c).fill(0);
      const warm = Math.min(200, EVENTS / 10);
      const engineWork = async (w: number) => {
        const k = step[w]++;
        const incident = mine[w][Math.floor(k / 2) % INCIDENTS_PER_CLIENT];
        await engine.apply(incident, { type: CYCLE[k % 2] }, actor);
      };
      await measure('warm-up', c, warm, engineWork);
      runs.push(await measure('engine', c, EVENTS, engineWork));

      // Raw SQL: the same statements the engine runs for these two events, with precomputed payloads.
      const rawMine = await Promise.all(Array.from({ length: c }, () => open(INCIDENTS_PER_CLIENT)));
      const rawStep = Array(c).fill(0);
      const rawWork = async (w: number) => {
        const k = rawStep[w]++;
        const incident = rawMine[w][Math.floor(k / 2) % INCIDENTS_PER_CLIENT];
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query('SELECT * FROM incidents WHERE id = $1 FOR UPDATE', [incident]);
          const seq = rows[0].version + 1;
          await client.query(
            `WITH RECURSIVE up AS (SELECT units.*, 0 AS depth FROM units WHERE id = $1
               UNION ALL SELECT u.*, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)
             SELECT * FROM up ORDER BY depth`,
            [rows[0].unit],
          );
          let effects: unknown[];
          if (k % 2 === 0) {
            await client.query(
              `SELECT ra.* FROM role_assignments ra JOIN people p ON p.id = ra.person_id
                WHERE ra.unit_id = $1 AND p.active AND (ra.valid_from IS NULL OR ra.valid_from <= $2) AND (ra.valid_until IS NULL OR ra.valid_until > $2)`,
              ['bench', new Date()],
            );
            const params: unknown[] = [];
            const tuples = raisedTasks.map((t) => {
              const vals = [incident, t.template, JSON.stringify(t.title), JSON.stringify(t.instructions), t.kind, t.role, t.level, t.dueAt, new Date(), seq, t.assignees, t.assignedRole, false, t.occurrence, false];
              const slots = vals.map((v) => (params.push(v), `$${params.length}`));
              return `(${slots.join(', ')}, 'open')`;
            });
            const inserted = await client.query(
              `INSERT INTO tasks (incident_id, template, title, instructions, kind, role, level, due_at, created_at, raised_seq, assignees, assigned_role, unassigned_role, occurrence, late, status)
               VALUES ${tuples.join(', ')} RETURNING *`,
              params,
            );
            const timers = inserted.rows.map((t) => ({ key: `escalate:${t.id}`, event: { type: 'ESCALATE', taskId: t.id, step: 0 }, fire_at: t.due_at }));
            timers.push({ key: 'recur:daily_report', event: { type: 'RECUR' } as never, fire_at: new Date() });
            await client.query(
              `INSERT INTO timers (incident_id, key, event, fire_at, created_at)
               SELECT $1, t.key, t.event, t.fire_at, $2 FROM jsonb_to_recordset($3::jsonb) AS t(key text, event jsonb, fire_at timestamptz)
               ON CONFLICT (incident_id, key) DO UPDATE SET event = EXCLUDED.event, fire_at = EXCLUDED.fire_at, locked_until = NULL, attempts = 0, created_at = EXCLUDED.created_at`,
              [incident, new Date(), JSON.stringify(timers)],
            );
            await client.query('UPDATE incidents SET level = $2, state = $3, snapshot = $4, version = $5, updated_at = $6 WHERE id = $1', [incident, 'suspected_case', 'suspected_case', upSnapshot, seq, new Date()]);
            effects = raisedTasks.map((t) => ({ type: 'task.raise', template: t.template }));
          } else {
            const cancelled = await client.query(
              `UPDATE tasks SET status = 'cancelled', cancelled_at = $4, cancel_reason = $3 WHERE incident_id = $1 AND template = ANY($2) AND status = 'open' RETURNING *`,
              [incident, raisedTasks.map((t) => t.template), JSON.stringify({ vi: 'x', en: 'x' }), new Date()],
            );
            await client.query('DELETE FROM timers WHERE incident_id = $1 AND key = ANY($2)', [incident, ['recur:daily_report', ...cancelled.rows.map((t) => `escalate:${t.id}`)]]);
            await client.query('UPDATE incidents SET level = $2, state = $3, snapshot = $4, version = $5, updated_at = $6 WHERE id = $1', [incident, 'no_case', 'no_case', downSnapshot, seq, new Date()]);
            effects = [{ type: 'task.cancel' }];
          }
          await client.query(`SELECT * FROM tasks WHERE incident_id = ANY($1) AND status = 'open' ORDER BY created_at, template`, [[incident]]);
          await client.query(
            `INSERT INTO incident_events (incident_id, seq, type, actor, note, data, from_level, from_state, to_level, to_state, effects, idempotency_key, request_hash, response, occurred_at, actor_id, on_behalf_of)
             VALUES ($1, $2, $3, $4, NULL, NULL, $5, $5, $6, $6, $7, NULL, NULL, NULL, $8, $9, NULL)`,
            [incident, seq, CYCLE[k % 2], 'bench', rows[0].level, k % 2 === 0 ? 'suspected_case' : 'no_case', JSON.stringify(effects), new Date(), admin.id],
          );
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        } finally {
          client.release();
        }
      };
      await measure('warm-up', c, warm, rawWork);
      runs.push(await measure('raw SQL', c, EVENTS, rawWork));
    }

    console.log(`\nevents per run: ${EVENTS} (alternating SUSPECTED_CASE_REPORTED, which raises ${raisedTasks.length} tasks and ${raisedTasks.length + 1} timers, and CASE_RULED_OUT, which cancels them)\n`);
    console.log(table(runs));
    for (const c of CONCURRENCY) {
      const e = runs.find((r) => r.mode === 'engine' && r.concurrency === c)!;
      const r = runs.find((x) => x.mode === 'raw SQL' && x.concurrency === c)!;
      console.log(`ratio engine / raw SQL at ${c} client(s): ${(e.perSecond / r.perSecond).toFixed(2)} (goal ≥ 0.6)`);
    }
  } finally {
    await pool.end();
    await f.close();
  }
});
