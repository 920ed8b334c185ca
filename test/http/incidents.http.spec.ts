import { readPlaybookFiles } from '../../src/playbooks/playbook-files.js';
import { seedDirectory, type Directory, type Who } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
});
const get = (path: string, who: Who = 'duty') => t.http.get(path).set(d.as(who));
afterAll(async () => {
  await t?.close();
});

async function open(unit = 'dept', who: Who = 'duty') {
  const res = await t.http.post('/incidents').set(d.as(who)).send({ playbook: 'covid19-office', unit }).expect(201);
  return res.body;
}
const send = (id: string, type: string, headers: Record<string, string> = {}) =>
  t.http.post(`/incidents/${id}/events`).set({ ...d.as('duty'), ...headers }).send({ type });
const tasksOf = async (id: string, query = '') => (await get(`/tasks?incident=${id}&limit=500${query}`).expect(200)).body;
/** Completes the open task from a template as the person who holds its role. */
async function complete(incidentId: string, template: string) {
  const [task] = (await tasksOf(incidentId, '&status=open')).filter((x: { template: string }) => x.template === template);
  expect(task).toBeDefined();
  const res = await t.http.post(`/tasks/${task.id}/complete`).set(d.as(d.holderOf(task.assignedRole))).send({ note: 'done' });
  expect(res.status).toBe(200);
  return res;
}

describe('health, docs and playbooks', () => {
  it('reports health with the database kind', async () => {
    const res = await t.http.get('/health').expect(200); // no token needed
    expect(res.body).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('serves the OpenAPI UI at /docs', async () => {
    await t.http.get('/docs/').expect(200);
  });

  it('lists playbooks and describes one with levels in order, roles and templates', async () => {
    const list = (await get('/playbooks').expect(200)).body;
    const shipped = (await readPlaybookFiles('playbooks')).map((p) => p.key).sort();
    expect(shipped).toContain('covid19-office');
    expect(list.map((p: { key: string }) => p.key)).toEqual(shipped);
    const p = (await get('/playbooks/covid19-office').expect(200)).body;
    expect(p.version).toBe(1);
    expect(p.levels.map((l: { id: string }) => l.id)).toEqual(['no_case', 'suspected_case', 'confirmed_case']);
    expect(p.title.vi).toMatch(/COVID-19/);
    expect(p.roles.map((r: { key: string }) => r.key)).toContain('chief_of_office');
    expect(p.taskTemplates.find((x: { key: string }) => x.key === 'wipe_surfaces_chlorine').kind).toBe('disinfection');
    await get('/playbooks/nope').expect(404);
  });
});

describe('incidents', () => {
  it('opens an incident at the lowest level with its routine tasks', async () => {
    const inc = await open();
    expect(inc).toMatchObject({ playbook: 'covid19-office', playbookVersion: 1, level: 'no_case', state: 'no_case', version: 1 });
    expect(inc.allowedEvents).toEqual(['CASE_CONFIRMED', 'SUSPECTED_CASE_REPORTED']);
    expect(inc.openTasks.map((x: { template: string }) => x.template).sort()).toEqual(['communicate_prevention', 'inspect_5k']);
    const prevention = inc.openTasks.find((x: { template: string }) => x.template === 'communicate_prevention');
    expect(prevention.dueAt).toBe(new Date(t.clock.now().getTime() + 86_400_000).toISOString()); // due: P1D
    expect((await get(`/incidents/${inc.id}`).expect(200)).body).toEqual(inc);
  });

  it('raises the level, gates step 2 on step 1 and lowers with a recorded reason', async () => {
    const inc = await open();
    const up = await send(inc.id, 'SUSPECTED_CASE_REPORTED').expect(200);
    expect(up.body.incident.level).toBe('suspected_case');
    expect(up.body.raised).toHaveLength(11);
    expect(up.body.raised.find((x: { template: string }) => x.template === 'notify_monitoring_team')).toMatchObject({
      kind: 'notification',
      role: 'head_of_division',
      level: 'suspected_case',
      status: 'open',
    });

    const conf = await send(inc.id, 'CASE_CONFIRMED').expect(200);
    expect(conf.body.incident.state).toBe('confirmed_case.step1_notify');
    expect(conf.body.cancelled).toEqual([]);
    const raised = conf.body.raised.map((x: { template: string }) => x.template);
    expect(raised).toEqual(expect.arrayContaining(['close_premises', 'isolate_people', 'notify_department_of_health', 'notify_patient_family']));
    expect(raised).not.toContain('disinfect_patient_room');
    expect(conf.body.raised.find((x: { template: string }) => x.template === 'close_premises').kind).toBe('closure');
    expect(conf.body.raised.find((x: { template: string }) => x.template === 'isolate_people').kind).toBe('isolation');

    for (const step1 of ['notify_department_of_health', 'notify_provincial_cdc', 'notify_local_authority', 'notify_parent_unit']) {
      await complete(inc.id, step1);
    }
    expect((await get(`/incidents/${inc.id}`)).body.state).toBe('confirmed_case.step1_notify');
    await complete(inc.id, 'notify_patient_family');
    const afterStep1 = (await get(`/incidents/${inc.id}`)).body;
    expect(afterStep1.state).toBe('confirmed_case.step2_disinfect_room');
    expect(afterStep1.openTasks.map((x: { template: string }) => x.template)).toContain('disinfect_patient_room');

    // All clear is refused until the premises are disinfected, and says what is allowed instead.
    const refused = await send(inc.id, 'ALL_CLEAR').expect(409);
    expect(refused.body.allowedEvents).toEqual(['CASE_RULED_OUT']);
    expect(refused.body.state).toBe('confirmed_case.step2_disinfect_room');

    await complete(inc.id, 'disinfect_patient_room');
    await complete(inc.id, 'spray_premises');
    const clear = await send(inc.id, 'ALL_CLEAR').expect(200);
    expect(clear.body.incident.level).toBe('no_case');
    const cancelled = clear.body.cancelled.map((x: { template: string }) => x.template);
    expect(cancelled).toEqual(expect.arrayContaining(['wipe_surfaces_chlorine', 'close_premises', 'reopen_patient_room']));
    expect(cancelled).not.toContain('communicate_prevention');
    expect(clear.body.cancelled[0].cancelReason).toEqual({ vi: 'Hết nguy cơ, trụ sở hoạt động trở lại', en: 'All clear, the premises reopen' });
    expect(clear.body.incident.openTasks.every((x: { level: string }) => x.level === 'no_case')).toBe(true);

    const timeline = (await get(`/incidents/${inc.id}/timeline`).expect(200)).body;
    expect(timeline.map((e: { seq: number }) => e.seq)).toEqual(timeline.map((_: unknown, i: number) => i + 1));
    expect(timeline[0]).toMatchObject({ type: 'INCIDENT_OPENED', from: null, to: { level: 'no_case' } });
    const last = timeline.at(-1);
    expect(last).toMatchObject({ type: 'ALL_CLEAR', actor: 'duty', actorId: d.ids.duty, onBehalfOf: null, onBehalfOfName: null, from: { level: 'confirmed_case', state: 'confirmed_case.contained' }, to: { level: 'no_case' } });
    expect(last.effects.find((e: { type: string }) => e.type === 'task.cancel').reason.en).toBe('All clear, the premises reopen');
    const completion = timeline.find((e: { type: string }) => e.type === 'TASK_COMPLETED');
    expect(completion).toMatchObject({ actor: 'chief', actorId: d.ids.chief, data: { template: 'notify_department_of_health', as: 'assignee' } });
  });

  it('answers 409 with the allowed events for an event the level does not accept, changing nothing', async () => {
    const inc = await open();
    const res = await send(inc.id, 'ALL_CLEAR').expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'conflict', level: 'no_case', allowedEvents: ['CASE_CONFIRMED', 'SUSPECTED_CASE_REPORTED'] });
    const after = (await get(`/incidents/${inc.id}`)).body;
    expect(after.version).toBe(1);
    expect((await get(`/incidents/${inc.id}/timeline`)).body).toHaveLength(1);
  });

  it('rejects an event the playbook does not know with 400 listing the known ones', async () => {
    const inc = await open();
    const res = await send(inc.id, 'ALIENS_LANDED').expect(400);
    expect(res.body.problems[0].field).toBe('type');
    expect(res.body.problems[0].problems[0]).toMatch(/SUSPECTED_CASE_REPORTED/);
    await send(inc.id, 'TASK_COMPLETED').expect(400);
  });

  it('returns the first answer for a replayed Idempotency-Key and applies the event once', async () => {
    const inc = await open();
    const first = await send(inc.id, 'SUSPECTED_CASE_REPORTED', { 'Idempotency-Key': 'k-1' }).expect(200);
    const again = await send(inc.id, 'SUSPECTED_CASE_REPORTED', { 'Idempotency-Key': 'k-1' }).expect(200);
    expect(again.body).toEqual(first.body);
    expect((await get(`/incidents/${inc.id}`)).body.version).toBe(2);
    const other = await send(inc.id, 'CASE_CONFIRMED', { 'Idempotency-Key': 'k-1' }).expect(422);
    expect(other.body.message).toMatch(/different event/);
  });

  it('opens once for a replayed Idempotency-Key on POST /incidents', async () => {
    const before = (await get('/incidents?unit=dept&limit=500')).body.length;
    const a = await t.http.post('/incidents').set({ ...d.as('duty'), 'Idempotency-Key': 'open-1' }).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201);
    const b = await t.http.post('/incidents').set({ ...d.as('duty'), 'Idempotency-Key': 'open-1' }).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await get('/incidents?unit=dept&limit=500')).body).toHaveLength(before + 1);
  });

  it('filters incidents by unit, playbook and level', async () => {
    const a = await open('dept');
    const b = await open('other', 'otherDuty');
    await send(a.id, 'CASE_CONFIRMED').expect(200);
    const byUnit = (await get('/incidents?unit=other', 'admin').expect(200)).body;
    expect(byUnit.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const confirmed = (await get('/incidents?level=confirmed_case&playbook=covid19-office').expect(200)).body;
    expect(confirmed.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(confirmed.every((i: { level: string }) => i.level === 'confirmed_case')).toBe(true);
    expect(byUnit[0].openTasks.length).toBeGreaterThan(0);
  });
});

describe('tasks', () => {
  it('completes a task once; again is a no-op answering the done task', async () => {
    const inc = await open();
    const task = inc.openTasks.find((x: { template: string }) => x.template === 'inspect_5k');
    expect(task.assignees).toEqual([d.ids.chief]);
    t.clock.advance(60_000);
    const done = await t.http.post(`/tasks/${task.id}/complete`).set(d.as('chief')).send({ note: 'posted on Zalo' }).expect(200);
    expect(done.body).toMatchObject({ id: task.id, status: 'done', completedBy: { id: d.ids.chief, name: 'chief' }, note: 'posted on Zalo', completedAt: t.clock.now().toISOString() });
    const again = await t.http.post(`/tasks/${task.id}/complete`).set(d.as('chief')).send({}).expect(200);
    expect(again.body).toEqual(done.body);
    expect((await get(`/tasks/${task.id}`).expect(200)).body).toEqual(done.body);
  });

  it('refuses to complete a cancelled task with 409', async () => {
    const inc = await open();
    const up = await send(inc.id, 'SUSPECTED_CASE_REPORTED').expect(200);
    await send(inc.id, 'CASE_RULED_OUT').expect(200);
    const task = up.body.raised[0];
    const res = await t.http.post(`/tasks/${task.id}/complete`).set(d.as(d.holderOf(task.assignedRole))).send({}).expect(409);
    expect(res.body.message).toMatch(/cancelled/);
    expect(res.body.cancelReason.en).toBe('The suspected case was ruled out');
  });

  it('filters tasks by incident, status, role and kind', async () => {
    const inc = await open();
    await send(inc.id, 'SUSPECTED_CASE_REPORTED').expect(200);
    const disinfection = await tasksOf(inc.id, '&kind=disinfection&status=open');
    expect(disinfection.map((x: { template: string }) => x.template).sort()).toEqual(['request_spraying', 'wipe_surfaces_chlorine']);
    const monitoring = await tasksOf(inc.id, '&role=monitoring_team');
    expect(monitoring.map((x: { template: string }) => x.template)).toEqual(['follow_local_situation']);
  });
});

describe('bad input', () => {
  it('lists every problem of a bad body, with the field', async () => {
    const res = await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 42, extra: true }).expect(400);
    const fields = res.body.problems.map((p: { field: string }) => p.field).sort();
    expect(fields).toEqual(['extra', 'playbook', 'unit']);
  });

  it('requires a bearer token on every request but /health, changing nothing without one', async () => {
    const inc = await open();
    const res = await t.http.post(`/incidents/${inc.id}/events`).send({ type: 'CASE_CONFIRMED' }).expect(401);
    expect(res.body.message).toMatch(/Authorization/);
    await t.http.post('/incidents').send({ playbook: 'covid19-office', unit: 'dept' }).expect(401);
    await t.http.post(`/tasks/${inc.openTasks[0].id}/complete`).send({}).expect(401);
    await t.http.get(`/incidents/${inc.id}`).set({ Authorization: 'Bearer pbe_not-a-real-token' }).expect(401);
    await t.http.get(`/incidents/${inc.id}`).set({ Authorization: 'Basic dXNlcjpwYXNz' }).expect(401);
    expect((await get(`/incidents/${inc.id}`)).body.version).toBe(1);
  });

  it('answers 404 for unknown or malformed ids and unknown playbooks', async () => {
    await get('/incidents/00000000-0000-4000-8000-000000000000').expect(404);
    await get('/incidents/not-a-uuid').expect(404);
    await get('/incidents/not-a-uuid/timeline').expect(404);
    await get('/tasks/12').expect(404);
    await send('00000000-0000-4000-8000-000000000000', 'CASE_CONFIRMED').expect(404);
    await t.http.post('/tasks/00000000-0000-4000-8000-000000000000/complete').set(d.as('duty')).send({}).expect(404);
    const res = await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'nope', unit: 'dept' }).expect(404);
    expect(res.body.message).toMatch(/playbook/);
  });

  it('answers 400 for malformed JSON and bad query parameters', async () => {
    await t.http.post('/incidents').set({ ...d.as('duty'), 'Content-Type': 'application/json' }).send('{"playbook":').expect(400);
    const q = await get('/tasks?status=maybe&limit=0').expect(400);
    expect(q.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['limit', 'status']);
  });
});
