import { previewDocument } from '../../scripts/openapi-files.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { answerProblems } from '../support/openapi-conformance.js';
import { seedDirectory, type Directory, type Who } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const MIN = 60_000;

interface BoardIncident {
  id: string;
  unitId: string;
  title: string | null;
  playbook: { key: string; version: number; title: { vi: string; en: string } };
  level: { key: string; title: { vi: string; en: string }; rank: number; kind: 'level' | 'phase' };
  step: string;
  openTasks: number;
  overdueTasks: number;
  escalatedTasks: number;
  openedAt: string;
  levelChangedAt: string;
}

describe(`GET /board on ${onPostgres ? 'PostgreSQL' : 'the embedded database'}`, () => {
  let t: TestApp;
  let d: Directory;
  const board = async (who: Who, query = '') => {
    const res = await t.http.get(`/board${query}`).set(d.as(who));
    expect(res.status).toBe(200);
    return res.body as { generatedAt: string; units: { id: string; name: string; parentId: string | null; timeZone: string }[]; incidents: BoardIncident[] };
  };
  const open = async (who: Who, unit: string, title?: string) =>
    (await t.http.post('/incidents').set(d.as(who)).send({ playbook: 'covid19-office', unit, title }).expect(201)).body.id as string;
  const send = (who: Who, id: string, type: string) => t.http.post(`/incidents/${id}/events`).set(d.as(who)).send({ type }).expect(200);
  const tasksOf = async (id: string) =>
    (await t.http.get(`/tasks?incident=${id}&status=open&limit=500`).set(d.as('admin')).expect(200)).body as { dueAt: string; escalationStep: number }[];

  let inDept: string;
  let inProvince: string;
  let inOther: string;
  let raisedAt: string;

  beforeAll(async () => {
    t = await startApp();
    d = await seedDirectory(t);
    inDept = await open('duty', 'dept', 'Ca nghi ngờ tại phòng 204');
    inProvince = await open('provinceDuty', 'province');
    inOther = await open('otherDuty', 'other');
    t.clock.advance(5 * MIN);
    raisedAt = t.clock.now().toISOString();
    await send('duty', inDept, 'SUSPECTED_CASE_REPORTED');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('needs a token like every route', async () => {
    expect((await t.http.get('/board')).status).toBe(401);
  });

  it('shows each open incident with its playbook, level, step and task counts, as the incident and its tasks say', async () => {
    const b = await board('admin');
    expect(b.generatedAt).toBe(t.clock.now().toISOString());
    const row = b.incidents.find((i) => i.id === inDept)!;
    const incident = (await t.http.get(`/incidents/${inDept}`).set(d.as('duty')).expect(200)).body;
    expect(row).toEqual({
      id: inDept,
      unitId: 'dept',
      title: 'Ca nghi ngờ tại phòng 204',
      playbook: { key: 'covid19-office', version: incident.playbookVersion, title: expect.objectContaining({ vi: expect.any(String), en: expect.any(String) }) },
      level: { key: 'suspected_case', title: incident.levelTitle, rank: 1, kind: 'level' },
      step: incident.state,
      openTasks: incident.openTasks.length,
      overdueTasks: 0,
      escalatedTasks: 0,
      openedAt: incident.createdAt,
      levelChangedAt: raisedAt,
    });
    expect(row.openTasks).toBeGreaterThan(2);
    const first = b.incidents.find((i) => i.id === inProvince)!;
    expect(first.level).toMatchObject({ key: 'no_case', rank: 0 });
    expect(first.levelChangedAt).toBe(first.openedAt);
  });

  it('counts overdue tasks by the clock and escalated ones once their chain has moved; the level change time stays', async () => {
    // "immediately" is PT15M after the raise: past it, those tasks are overdue and their escalation fires.
    t.clock.advance(16 * MIN);
    await t.app.get(TimerPoller).drain();
    const tasks = await tasksOf(inDept);
    const now = t.clock.now().getTime();
    const overdue = tasks.filter((x) => Date.parse(x.dueAt) < now).length;
    const escalated = tasks.filter((x) => x.escalationStep > 0).length;
    expect(overdue).toBeGreaterThan(0);
    expect(escalated).toBeGreaterThan(0);
    const row = (await board('duty')).incidents.find((i) => i.id === inDept)!;
    expect(row).toMatchObject({ openTasks: tasks.length, overdueTasks: overdue, escalatedTasks: escalated, levelChangedAt: raisedAt });
  });

  it('filters by unit (and the units below), playbook, level and overdue', async () => {
    const ids = async (query: string) => (await board('admin', query)).incidents.map((i) => i.id).sort();
    expect(await ids('?unitId=province')).toEqual([inDept, inProvince].sort());
    expect(await ids('?unitId=dept')).toEqual([inDept]);
    expect(await ids('?playbook=covid19-office')).toEqual([inDept, inOther, inProvince].sort());
    expect(await ids('?level=suspected_case')).toEqual([inDept]);
    expect(await ids('?level=no_case&unitId=province')).toEqual([inProvince]);
    expect(await ids('?hasOverdue=true')).toEqual([inDept]);
    expect(await ids('?hasOverdue=false&unitId=province')).toEqual([inProvince]);
  });

  it('shows only the incidents of the caller\'s units and those below, with the units to group them by', async () => {
    const dept = await board('duty');
    expect(dept.incidents.map((i) => i.id)).toEqual([inDept]);
    // The province is above what the dept's duty officer sees: dept is the top of their board.
    expect(dept.units).toEqual([{ id: 'dept', name: 'Sở Công Thương', parentId: null, timeZone: 'Asia/Ho_Chi_Minh' }]);
    const province = await board('provinceDuty');
    expect(province.incidents.map((i) => i.id).sort()).toEqual([inDept, inProvince].sort());
    expect(province.units.map((u) => [u.id, u.parentId])).toEqual([['dept', 'province'], ['province', null]]);
    expect((await board('otherDuty')).incidents.map((i) => i.id)).toEqual([inOther]);
    expect((await board('admin')).units.map((u) => u.id)).toEqual(['dept', 'other', 'province']);
    expect(await board('nobody')).toMatchObject({ units: [], incidents: [] });
  });

  it('answers as the OpenAPI document says (200, 400, 404; no undocumented field)', async () => {
    const doc = await previewDocument();
    for (const [who, query] of [['provinceDuty', ''], ['admin', '?level=nope'], ['duty', '?unitId=other']] as const) {
      const res = await t.http.get(`/board${query}`).set(d.as(who));
      expect(answerProblems(doc, 'get', '/board', res)).toEqual([]);
    }
  });

  it('leaves out incidents whose machine has ended', async () => {
    await t.foundations.db.transaction((sql) =>
      sql.rows(
        `INSERT INTO incidents (playbook_version_id, playbook_key, unit, level, state, snapshot, version, opened_by, created_at, updated_at)
         SELECT id, key, 'dept', 'ended', 'ended', '{"value": "ended", "context": {"tasks": {}}}', 1, 'test', now(), now()
           FROM playbook_versions WHERE key = 'cao-bang-natural-resources-283'`,
      ),
    );
    expect((await board('duty')).incidents.map((i) => i.id)).toEqual([inDept]);
  });

  it('refuses a bad filter naming the parameter, and a unit the caller cannot see like a missing one', async () => {
    const bad = async (who: Who, query: string, status: number) => {
      const res = await t.http.get(`/board${query}`).set(d.as(who));
      expect(res.status).toBe(status);
      return res.body;
    };
    expect((await bad('admin', '?level=nope', 400)).problems).toEqual([{ field: 'level', problems: [expect.stringContaining('suspected_case')] }]);
    expect((await bad('admin', '?level=%3Bdrop', 400)).problems[0].field).toBe('level');
    expect((await bad('admin', '?hasOverdue=yes', 400)).problems).toEqual([{ field: 'hasOverdue', problems: ['hasOverdue must be true or false'] }]);
    expect((await bad('admin', '?playbook=nope', 400)).problems[0].field).toBe('playbook');
    expect((await bad('admin', '?playbook=drill&level=suspected_case', 400)).problems[0].field).toBe('playbook');
    expect((await bad('admin', '?colour=red', 400)).problems[0].field).toBe('colour');
    expect(await bad('admin', '?unitId=nowhere', 404)).toMatchObject({ error: 'not_found', message: 'no unit with id "nowhere"' });
    expect(await bad('duty', '?unitId=other', 404)).toMatchObject({ error: 'not_found', message: 'no unit with id "other"' });
    expect(await bad('duty', '?unitId=province', 404)).toMatchObject({ error: 'not_found' });
  });
});

(onPostgres ? describe : describe.skip)('GET /board with 1,000 open incidents and 20,000 tasks', () => {
  let t: TestApp;
  let d: Directory;

  beforeAll(async () => {
    t = await startApp();
    d = await seedDirectory(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers from set-based SQL (the time is printed, not asserted)', async () => {
    // Built directly in SQL: 10 divisions under dept, 1,000 incidents, 20 tasks each (a third overdue,
    // a tenth escalated), and an opening and a level-change event for each.
    await t.foundations.db.transaction(async (sql) => {
      await sql.rows(`INSERT INTO units (id, name, parent_id) SELECT 'div' || g, 'Phòng ' || g, 'dept' FROM generate_series(1, 10) g`);
      await sql.rows(
        `INSERT INTO incidents (playbook_version_id, playbook_key, unit, title, level, state, snapshot, version, opened_by, created_at, updated_at)
         SELECT v.id, v.key, 'div' || (g % 10 + 1), 'Sự cố ' || g, 'suspected_case', 'suspected_case',
                '{"value": "suspected_case", "context": {"tasks": {}}}', 2, 'bench', $1::timestamptz - interval '1 hour', $1
           FROM playbook_versions v, generate_series(1, 1000) g WHERE v.key = 'covid19-office'`,
        [t.clock.now()],
      );
      await sql.rows(
        `INSERT INTO incident_events (incident_id, seq, type, actor, from_level, from_state, to_level, to_state, effects, occurred_at)
         SELECT id, 1, 'INCIDENT_OPENED', 'bench', NULL, NULL, 'no_case', 'no_case', '[]'::jsonb, created_at FROM incidents
         UNION ALL
         SELECT id, 2, 'SUSPECTED_CASE_REPORTED', 'bench', 'no_case', 'no_case', 'suspected_case', 'suspected_case', '[]'::jsonb, updated_at FROM incidents`,
      );
      await sql.rows(
        `INSERT INTO tasks (incident_id, template, title, instructions, kind, role, level, status, due_at, created_at, raised_seq, escalation_step)
         SELECT i.id, 'bench_' || g, '{"vi": "Việc", "en": "Task"}', '{"vi": "", "en": ""}', 'action', 'chief_of_office', 'suspected_case', 'open',
                $1::timestamptz + (CASE WHEN g % 3 = 0 THEN -1 ELSE 1 END) * interval '10 minutes', i.created_at, 2,
                CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END
           FROM incidents i, generate_series(1, 20) g`,
        [t.clock.now()],
      );
      await sql.rows('ANALYZE incidents; ANALYZE tasks; ANALYZE incident_events');
    });
    const timed = async () => {
      const t0 = performance.now();
      const res = await t.http.get('/board').set(d.as('duty'));
      return { res, ms: performance.now() - t0 };
    };
    const first = await timed();
    const { res, ms } = await timed();
    expect(res.status).toBe(200);
    expect(res.body.incidents).toHaveLength(1000);
    expect(res.body.incidents[0]).toMatchObject({ openTasks: 20, overdueTasks: 6, escalatedTasks: 2 });
    expect(res.body.units).toHaveLength(11);
    process.stdout.write(`GET /board, 1,000 open incidents and 20,000 open tasks on PostgreSQL: ${first.ms.toFixed(0)} ms the first time, ${ms.toFixed(0)} ms the second; ${(JSON.stringify(res.body).length / 1024).toFixed(0)} kB\n`);
  });
});
