import { seedDirectory, type Directory, type Who } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
});

type Caller = Who | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'admin', 'duty', 'provinceDuty', 'director', 'chief', 'head', 'monitoring', 'viewer', 'otherDuty', 'nobody'];
const auth = (who: Caller) => (who === 'anonymous' ? {} : d.as(who));

interface Fixture {
  incident: string;
  /** An open task assigned to the Chief of Office (reportsTo director). */
  chiefTask: string;
  token: string;
  assignment: string;
}

/** A fresh incident at suspected_case in `dept`, so every mutating cell of the table starts from the same place. */
async function fixture(): Promise<Fixture> {
  const inc = (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
  const up = (await t.http.post(`/incidents/${inc.id}/events`).set(d.as('duty')).send({ type: 'SUSPECTED_CASE_REPORTED' }).expect(200)).body;
  const chiefTask = up.raised.find((x: { template: string }) => x.template === 'wipe_surfaces_chlorine');
  expect(chiefTask.assignees).toEqual([d.ids.chief]);
  const token = (await d.directory.createToken(null, { personId: d.ids.nobody, name: 'to revoke' })).id;
  const assignment = (await d.directory.assign(null, { unitId: 'other', role: 'viewer', personId: d.ids.nobody })).id;
  return { incident: inc.id, chiefTask: chiefTask.id, token, assignment };
}

type Row = [string, 'get' | 'post' | 'patch' | 'delete', (f: Fixture) => string, ((f: Fixture) => object) | null, Partial<Record<Caller, number>> & { rest: number }];

const readDept = { admin: 200, duty: 200, provinceDuty: 200, director: 200, chief: 200, head: 200, monitoring: 200, viewer: 200, otherDuty: 404, nobody: 404 };
const adminOnly = (ok: number) => ({ anonymous: 401, admin: ok, rest: 403 });
let n = 0;

const TABLE: Row[] = [
  ['health', 'get', () => '/health', null, { anonymous: 200, rest: 200 }],
  ['me', 'get', () => '/me', null, { anonymous: 401, rest: 200 }],
  ['list playbooks', 'get', () => '/playbooks', null, { anonymous: 401, rest: 200 }],
  ['one playbook', 'get', () => '/playbooks/covid19-office', null, { anonymous: 401, rest: 200 }],
  ['list incidents', 'get', () => '/incidents', null, { anonymous: 401, rest: 200 }],
  ['one incident', 'get', (f) => `/incidents/${f.incident}`, null, { anonymous: 401, ...readDept, rest: 0 }],
  ['timeline', 'get', (f) => `/incidents/${f.incident}/timeline`, null, { anonymous: 401, ...readDept, rest: 0 }],
  ['list tasks', 'get', () => '/tasks', null, { anonymous: 401, rest: 200 }],
  ['playbook diagram', 'get', () => '/playbooks/covid19-office/diagram', null, { anonymous: 401, rest: 200 }],
  ['playbook versions', 'get', () => '/playbooks/covid19-office/versions', null, { anonymous: 401, rest: 200 }],
  ['notifications', 'get', () => '/notifications', null, { anonymous: 401, rest: 200 }],
  ['move to another version', 'post', (f) => `/incidents/${f.incident}/migrate`, () => ({ version: 99, state: 'no_case' }), { anonymous: 401, admin: 400, duty: 400, provinceDuty: 400, otherDuty: 404, nobody: 404, rest: 403 }],
  ['one task', 'get', (f) => `/tasks/${f.chiefTask}`, null, { anonymous: 401, ...readDept, rest: 0 }],
  // Those who cannot see the unit are told it is unknown (400), as for a unit that does not exist.
  ['open incident', 'post', () => '/incidents', () => ({ playbook: 'covid19-office', unit: 'dept' }), { anonymous: 401, admin: 201, duty: 201, provinceDuty: 201, otherDuty: 400, nobody: 400, rest: 403 }],
  ['send event', 'post', (f) => `/incidents/${f.incident}/events`, () => ({ type: 'CASE_CONFIRMED' }), { anonymous: 401, admin: 200, duty: 200, provinceDuty: 200, otherDuty: 404, nobody: 404, rest: 403 }],
  ['complete task', 'post', (f) => `/tasks/${f.chiefTask}/complete`, () => ({}), { anonymous: 401, admin: 200, chief: 200, director: 200, otherDuty: 404, nobody: 404, rest: 403 }],
  ['acknowledge task', 'post', (f) => `/tasks/${f.chiefTask}/acknowledge`, null, { anonymous: 401, admin: 200, chief: 200, otherDuty: 404, nobody: 404, rest: 403 }],
  ['reassign task', 'post', (f) => `/tasks/${f.chiefTask}/reassign`, () => ({ role: 'head_of_division' }), { anonymous: 401, admin: 200, director: 200, otherDuty: 404, nobody: 404, rest: 403 }],
  ['list units', 'get', () => '/units', null, adminOnly(200)],
  ['one unit', 'get', () => '/units/dept', null, adminOnly(200)],
  ['create unit', 'post', () => '/units', () => ({ id: `unit-${++n}`, name: 'New unit', parentId: 'province' }), adminOnly(201)],
  ['update unit', 'patch', () => '/units/other', () => ({ timeZone: 'Asia/Bangkok' }), adminOnly(200)],
  ['list people', 'get', () => '/people', null, adminOnly(200)],
  ['create person', 'post', () => '/people', () => ({ name: `person ${++n}` }), adminOnly(201)],
  ['update person', 'patch', () => `/people/${d.ids.nobody}`, () => ({ name: 'nobody' }), adminOnly(200)],
  ['list role assignments', 'get', () => '/role-assignments?unit=dept', null, adminOnly(200)],
  ['assign role', 'post', () => '/role-assignments', () => ({ unitId: 'other', role: 'viewer', personId: d.ids.nobody }), adminOnly(201)],
  ['remove role', 'delete', (f) => `/role-assignments/${f.assignment}`, null, adminOnly(200)],
  ['list tokens', 'get', () => '/tokens', null, adminOnly(200)],
  ['issue token', 'post', () => '/tokens', () => ({ personId: d.ids.nobody, name: 'new' }), adminOnly(201)],
  ['revoke token', 'post', (f) => `/tokens/${f.token}/revoke`, null, adminOnly(200)],
  ['audit log', 'get', () => '/audit', null, adminOnly(200)],
  ['make a sign-in link', 'post', () => `/people/${d.ids.nobody}/sign-in-links`, () => ({ kind: 'invite' }), adminOnly(201)],
];

describe('every endpoint × every caller', () => {
  it.each(TABLE)('%s', async (_name, method, path, body, expected) => {
    const failures: string[] = [];
    for (const who of CALLERS) {
      const f = await fixture();
      const req = t.http[method](path(f)).set(auth(who));
      const res = body ? await req.send(body(f)) : await req;
      const want = expected[who] ?? expected.rest;
      if (res.status !== want) failures.push(`${who}: got ${res.status}, expected ${want} (${JSON.stringify(res.body).slice(0, 160)})`);
      if (res.status === 403) expect(res.body.permission).toEqual(expect.any(String));
    }
    expect(failures).toEqual([]);
  });
});

describe('deputies', () => {
  it('a deputy receives the role’s tasks while the window is open, and the timeline says for whom they acted', async () => {
    const now = t.clock.now().getTime();
    const deputy = await d.directory.createPerson(null, { name: 'deputy chief' });
    await d.directory.assign(null, { unitId: 'dept', role: 'chief_of_office', personId: deputy.id, deputyFor: d.ids.chief, validFrom: new Date(now - 3600_000), validUntil: new Date(now + 86_400_000) });
    const token = (await d.directory.createToken(null, { personId: deputy.id, name: 'deputy' })).token;
    const inc = (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
    const task = inc.openTasks.find((x: { template: string }) => x.template === 'inspect_5k');
    expect(task.assignees).toEqual([deputy.id]);
    const me = (await t.http.get('/me').set({ Authorization: `Bearer ${token}` }).expect(200)).body;
    const chiefName = (await t.http.get(`/people/${d.ids.chief}`).set(d.as('admin'))).body.name;
    expect(me.assignments).toEqual([{ unitId: 'dept', role: 'chief_of_office', deputyFor: d.ids.chief, deputyForName: chiefName }]);
    // The absent chief is no longer an assignee, so cannot complete it; the deputy can, for the chief.
    await t.http.post(`/tasks/${task.id}/complete`).set(d.as('chief')).send({}).expect(403);
    const done = (await t.http.post(`/tasks/${task.id}/complete`).set({ Authorization: `Bearer ${token}` }).send({}).expect(200)).body;
    expect(done).toMatchObject({ completedBy: { id: deputy.id }, completedFor: d.ids.chief });
    // Read by the duty officer, who may not list people: the entry names the chief all the same.
    const timeline = (await t.http.get(`/incidents/${inc.id}/timeline`).set(d.as('duty'))).body;
    const chief = (await t.http.get(`/people/${d.ids.chief}`).set(d.as('admin'))).body;
    expect(timeline.at(-1)).toMatchObject({ type: 'TASK_COMPLETED', actorId: deputy.id, onBehalfOf: d.ids.chief, onBehalfOfName: chief.name });

    // Once the window has closed, new tasks go back to the chief.
    t.clock.advance(2 * 86_400_000);
    const later = (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
    expect(later.openTasks.find((x: { template: string }) => x.template === 'inspect_5k').assignees).toEqual([d.ids.chief]);
    await t.http.get('/me').set({ Authorization: `Bearer ${token}` }).expect(200);
    expect((await t.http.get('/me').set({ Authorization: `Bearer ${token}` })).body.assignments).toEqual([]);
  });
});

describe('fallback roles', () => {
  it('a role with nobody in it sends its tasks up the reportsTo chain, flagged', async () => {
    await d.directory.createUnit(null, { id: 'dept2', name: 'Small office', parentId: 'province' });
    await d.directory.assign(null, { unitId: 'dept2', role: 'chief_of_office', personId: d.ids.chief });
    const inc = (await t.http.post('/incidents').set(d.as('provinceDuty')).send({ playbook: 'covid19-office', unit: 'dept2' }).expect(201)).body;
    const communicate = inc.openTasks.find((x: { template: string }) => x.template === 'communicate_prevention');
    expect(communicate).toMatchObject({ role: 'head_of_division', assignedRole: 'chief_of_office', unassignedRole: true, assignees: [d.ids.chief] });
    const up = (await t.http.post(`/incidents/${inc.id}/events`).set(d.as('provinceDuty')).send({ type: 'CASE_CONFIRMED' }).expect(200)).body;
    // Nobody holds director (the top of the chain) in dept2: the task is raised unassigned and flagged.
    const close = up.raised.find((x: { template: string }) => x.template === 'close_premises');
    expect(close).toMatchObject({ assignedRole: 'director', unassignedRole: true, assignees: [] });
    const flagged = (await t.http.get(`/tasks?incident=${inc.id}&status=open&limit=500`).set(d.as('chief'))).body.filter((x: { unassignedRole: boolean }) => x.unassignedRole);
    expect(flagged.length).toBeGreaterThan(1);
  });
});

describe('reassignment', () => {
  it('a superior reassigns; the former assignee can no longer complete; the timeline records it', async () => {
    const f = await fixture();
    const res = await t.http.post(`/tasks/${f.chiefTask}/reassign`).set(d.as('director')).send({ personId: d.ids.head, note: 'chief is at the clinic' }).expect(200);
    expect(res.body.assignees).toEqual([d.ids.head]);
    const refused = await t.http.post(`/tasks/${f.chiefTask}/complete`).set(d.as('chief')).send({}).expect(403);
    expect(refused.body).toMatchObject({ permission: 'tasks.complete', assignees: [d.ids.head] });
    await t.http.post(`/tasks/${f.chiefTask}/complete`).set(d.as('head')).send({}).expect(200);
    const timeline = (await t.http.get(`/incidents/${f.incident}/timeline`).set(d.as('admin'))).body;
    expect(timeline.map((e: { type: string }) => e.type).slice(-2)).toEqual(['TASK_REASSIGNED', 'TASK_COMPLETED']);
    expect(timeline.at(-2)).toMatchObject({ actorId: d.ids.director, data: { from: [d.ids.chief], to: [d.ids.head] } });
    await t.http.post(`/tasks/${f.chiefTask}/reassign`).set(d.as('director')).send({ personId: d.ids.head, role: 'director' }).expect(400);
  });

  it('acknowledging records who saw the task, once', async () => {
    const f = await fixture();
    t.clock.advance(1000);
    const a = (await t.http.post(`/tasks/${f.chiefTask}/acknowledge`).set(d.as('chief')).expect(200)).body;
    expect(a).toMatchObject({ acknowledgedBy: { id: d.ids.chief, name: 'chief' }, acknowledgedAt: t.clock.now().toISOString(), status: 'open' });
    t.clock.advance(1000);
    expect((await t.http.post(`/tasks/${f.chiefTask}/acknowledge`).set(d.as('chief')).expect(200)).body.acknowledgedAt).toBe(a.acknowledgedAt);
  });

  it('lists my own open tasks', async () => {
    await fixture();
    const mine = (await t.http.get('/tasks?assignee=me&status=open&limit=500').set(d.as('monitoring')).expect(200)).body;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x: { assignees: string[] }) => x.assignees.includes(d.ids.monitoring))).toBe(true);
  });
});

describe('tokens', () => {
  it('a revoked or expired token is refused; tokens are never shown again', async () => {
    const issued = (await t.http.post('/tokens').set(d.as('admin')).send({ personId: d.ids.viewer, name: 'phone' }).expect(201)).body;
    expect(issued.token).toMatch(/^pbe_/);
    await t.http.get('/me').set({ Authorization: `Bearer ${issued.token}` }).expect(200);
    const listed = (await t.http.get(`/tokens?person=${d.ids.viewer}`).set(d.as('admin'))).body;
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect(listed.find((x: { id: string }) => x.id === issued.id)).toMatchObject({ prefix: issued.token.slice(0, 10), lastUsedAt: expect.any(String) });
    await t.http.post(`/tokens/${issued.id}/revoke`).set(d.as('admin')).expect(200);
    const res = await t.http.get('/me').set({ Authorization: `Bearer ${issued.token}` }).expect(401);
    expect(res.body.message).toMatch(/revoked/);

    const expiring = (await t.http.post('/tokens').set(d.as('admin')).send({ personId: d.ids.viewer, name: 'short', expiresAt: new Date(t.clock.now().getTime() + 60_000) }).expect(201)).body;
    await t.http.get('/me').set({ Authorization: `Bearer ${expiring.token}` }).expect(200);
    t.clock.advance(61_000);
    await t.http.get('/me').set({ Authorization: `Bearer ${expiring.token}` }).expect(401);
  });

  it('a deactivated person’s tokens stop working at once', async () => {
    const p = (await t.http.post('/people').set(d.as('admin')).send({ name: 'leaver' }).expect(201)).body;
    const tok = (await t.http.post('/tokens').set(d.as('admin')).send({ personId: p.id, name: 'x' }).expect(201)).body.token;
    await t.http.get('/me').set({ Authorization: `Bearer ${tok}` }).expect(200);
    await t.http.patch(`/people/${p.id}`).set(d.as('admin')).send({ active: false }).expect(200);
    await t.http.get('/me').set({ Authorization: `Bearer ${tok}` }).expect(401);
  });
});

describe('audit', () => {
  it('records admin changes with the actor', async () => {
    await t.http.post('/units').set(d.as('admin')).send({ id: 'audited', name: 'Audited unit' }).expect(201);
    const log = (await t.http.get('/audit?limit=5').set(d.as('admin'))).body;
    expect(log[0]).toMatchObject({ action: 'unit.create', subject: 'unit:audited', actor_id: d.ids.admin, actor: 'admin' });
    // A number on both databases (PostgreSQL's driver hands a bigserial over as a string).
    expect(typeof log[0].id).toBe('number');
  });

  it('cannot be altered through the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await fixture();
    const db = t.foundations.db;
    for (const sql of [
      `UPDATE incident_events SET actor = 'someone else'`,
      'DELETE FROM incident_events',
      'TRUNCATE incident_events CASCADE',
      `UPDATE audit_log SET actor = 'someone else'`,
      'DELETE FROM audit_log',
    ]) {
      await expect(db.transaction((q) => q.rows(sql))).rejects.toThrow(/append-only/);
    }
    const [{ n }] = await db.read((q) => q.rows<{ n: number }>('SELECT count(*)::int AS n FROM incident_events'));
    expect(n).toBeGreaterThan(0);
  });
});

describe('bad input in the directory', () => {
  it('lists every problem and changes nothing', async () => {
    const res = await t.http.post('/units').set(d.as('admin')).send({ id: 'Bad Id', name: '', timeZone: 'Mars/Olympus' }).expect(400);
    expect(res.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['id', 'name', 'timeZone']);
    const unknownRole = await t.http.post('/role-assignments').set(d.as('admin')).send({ unitId: 'dept', role: 'janitor', personId: d.ids.nobody }).expect(400);
    expect(unknownRole.body.problems[0].problems[0]).toMatch(/chief_of_office/);
    await t.http.post('/units').set(d.as('admin')).send({ id: 'dept', name: 'again' }).expect(409);
    await t.http.patch('/units/province').set(d.as('admin')).send({ parentId: 'dept' }).expect(400);
    await t.http.post('/units').set(d.as('admin')).send({ id: 'orphan', name: 'x', parentId: 'missing' }).expect(400);
  });
});
