import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

// Each bad input gets a clear 4xx that says what was wrong and where, and changes nothing.
let t: TestApp;
let d: Directory;
beforeAll(async () => {
  t = await startApp({}, { now: '2026-06-01T02:00:00.000Z' });
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
});

const open = (who: Parameters<Directory['as']>[0], body: unknown, key?: string) => {
  const req = t.http.post('/incidents').set(d.as(who));
  return (key ? req.set('Idempotency-Key', key) : req).send(body as object);
};
const incidentCount = async () => (await t.http.get('/incidents?limit=500').set(d.as('admin')).expect(200)).body.length;

describe('request shape', () => {
  it('refuses JSON nested deeper than 32 levels with 400, before validation, on any endpoint', async () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const before = await incidentCount();
    for (const [path, n] of [['/incidents', 1500], ['/people', 40], ['/units', 33]] as const) {
      const res = await t.http.post(path).set(d.as('admin')).set('Content-Type', 'application/json').send(deep(n));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'bad_request', problems: [{ field: 'body', problems: ['nest objects and arrays at most 32 levels deep'] }] });
    }
    const arrays = await t.http.post('/incidents').set(d.as('duty')).set('Content-Type', 'application/json').send(`{"playbook":"covid19-office","unit":"dept","x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(arrays.status).toBe(400);
    expect(await incidentCount()).toBe(before);
  });

  it('bounds offset and limit on every list (400 naming the field, never 500)', async () => {
    for (const path of ['/incidents', '/tasks', '/notifications', '/audit']) {
      for (const q of ['offset=99999999999999999999', 'limit=99999999999999999999', 'offset=-1', 'limit=0', 'offset=1e400', 'limit=abc']) {
        const res = await t.http.get(`${path}?${q}`).set(d.as('admin'));
        expect([path, q, res.status]).toEqual([path, q, 400]);
        expect(res.body.problems[0].field).toBe(q.split('=')[0]);
      }
      expect((await t.http.get(`${path}?offset=10000000&limit=500`).set(d.as('admin'))).status).toBe(200);
    }
  });

  it('answers 415 naming application/json for a body in another format, and changes nothing', async () => {
    const before = await incidentCount();
    const res = await t.http.post('/incidents').set(d.as('duty')).set('Content-Type', 'text/plain').send('playbook=covid19-office&unit=dept');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'unsupported_media_type' });
    expect(res.body.message).toContain('application/json');
    const form = await t.http.post('/incidents').set(d.as('duty')).type('form').send({ playbook: 'covid19-office', unit: 'dept' });
    expect(form.status).toBe(415);
    expect(await incidentCount()).toBe(before);
    // A command without a body needs no Content-Type.
    const opened = await open('duty', { playbook: 'covid19-office', unit: 'dept' }).expect(201);
    const task = opened.body.openTasks[0];
    expect((await t.http.post(`/tasks/${task.id}/acknowledge`).set(d.as(d.holderOf(task.assignedRole) ?? 'admin'))).status).toBe(200);
  });

  it('a body that is not valid JSON says so', async () => {
    const res = await t.http.post('/incidents').set(d.as('duty')).set('Content-Type', 'application/json').send('{"playbook": "covid19-office",');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^request body is not valid JSON: /);
  });

  it('an empty body names the missing fields only', async () => {
    const res = await open('duty', {});
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('invalid request: missing playbook, unit');
    expect(res.body.problems).toEqual([
      { field: 'playbook', problems: ['is required'] },
      { field: 'unit', problems: ['is required'] },
    ]);
  });

  it('a 413 says the limit', async () => {
    const res = await open('duty', { playbook: 'covid19-office', unit: 'dept', title: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large', limitBytes: 262144 });
    expect(res.body.message).toContain('256 kB');
  });
});

describe('tokens and people', () => {
  it('refuses a token that would be born expired, and says the date format', async () => {
    const past = await t.http.post('/tokens').set(d.as('admin')).send({ personId: d.ids.chief, name: 'old', expiresAt: '2026-05-31T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.problems).toEqual([{ field: 'expiresAt', problems: ['must be later than now (2026-06-01T02:00:00.000Z)'] }]);
    const words = await t.http.post('/tokens').set(d.as('admin')).send({ personId: d.ids.chief, name: 'x', expiresAt: 'tomorrow' });
    expect(words.status).toBe(400);
    expect(words.body.problems[0].problems[0]).toContain('ISO 8601');
    const ok = await t.http.post('/tokens').set(d.as('admin')).send({ personId: d.ids.chief, name: 'x', expiresAt: '2026-06-02T00:00:00+07:00' });
    expect(ok.status).toBe(201);
  });

  it('accepts addresses without a top-level domain, as the demo uses', async () => {
    const res = await t.http.post('/people').set(d.as('admin')).send({ name: 'Trực ban', email: 'truc.ban@demo' });
    expect(res.status).toBe(201);
    expect((await t.http.post('/people').set(d.as('admin')).send({ name: 'x', email: 'not an address' })).status).toBe(400);
  });
});

describe('people who would clash', () => {
  it("moving a person onto another's email or external id is a 409 naming the field, and changes nothing", async () => {
    const admin = d.as('admin');
    const a = (await t.http.post('/people').set(admin).send({ name: 'A', email: 'a.clash@test', externalId: 'ext-a' }).expect(201)).body;
    const b = (await t.http.post('/people').set(admin).send({ name: 'B', email: 'b.clash@test', externalId: 'ext-b' }).expect(201)).body;
    const email = await t.http.patch(`/people/${b.id}`).set(admin).send({ email: 'a.clash@test' });
    expect([email.status, email.body.error, email.body.field]).toEqual([409, 'conflict', 'email']);
    const external = await t.http.patch(`/people/${b.id}`).set(admin).send({ externalId: 'ext-a' });
    expect([external.status, external.body.field]).toEqual([409, 'externalId']);
    const created = await t.http.post('/people').set(admin).send({ name: 'C', externalId: 'ext-a' });
    expect([created.status, created.body.field]).toEqual([409, 'externalId']);
    // Keeping one's own email is no clash.
    await t.http.patch(`/people/${a.id}`).set(admin).send({ email: 'a.clash@test', name: 'A2' }).expect(200);
    expect((await t.http.get(`/people/${b.id}`).set(admin)).body).toMatchObject({ email: 'b.clash@test', externalId: 'ext-b' });
  });
});

describe('what a caller can learn', () => {
  it('an Idempotency-Key of POST /incidents belongs to its caller: another unit reusing it opens its own incident', async () => {
    const mine = await open('duty', { playbook: 'covid19-office', unit: 'dept' }, 'shared-key').expect(201);
    const theirs = await open('otherDuty', { playbook: 'covid19-office', unit: 'other' }, 'shared-key');
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    // The same caller replaying the key gets the same incident.
    expect((await open('duty', { playbook: 'covid19-office', unit: 'dept' }, 'shared-key').expect(201)).body.id).toBe(mine.body.id);
  });

  it('a unit the caller cannot see is answered exactly like a unit that does not exist', async () => {
    const missing = await open('duty', { playbook: 'covid19-office', unit: 'no-such' });
    const hidden = await open('duty', { playbook: 'covid19-office', unit: 'other' });
    expect(missing.status).toBe(400);
    expect(hidden.status).toBe(400);
    expect(hidden.body.message.replace('other', 'X')).toBe(missing.body.message.replace('no-such', 'X'));
    expect(hidden.body.problems).toEqual(missing.body.problems);
    // Someone who can see the unit but is no duty officer there still learns why.
    expect((await open('viewer', { playbook: 'covid19-office', unit: 'dept' })).status).toBe(403);
  });

  it('a task is reassigned only to someone who can see its incident', async () => {
    const incident = (await open('duty', { playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
    const task = incident.openTasks[0];
    const outsider = await t.http.post(`/tasks/${task.id}/reassign`).set(d.as('admin')).send({ personId: d.ids.otherDuty });
    expect(outsider.status).toBe(400);
    expect(outsider.body.problems[0].field).toBe('personId');
    expect((await t.http.get(`/tasks/${task.id}`).set(d.as('admin')).expect(200)).body.assignees).toEqual(task.assignees);
    const insider = await t.http.post(`/tasks/${task.id}/reassign`).set(d.as('admin')).send({ personId: d.ids.head });
    expect(insider.status).toBe(200);
    expect(insider.body.assignees).toEqual([d.ids.head]);
    // Someone at the province (above the unit) sees the incident, so may hold its task.
    expect((await t.http.post(`/tasks/${task.id}/reassign`).set(d.as('admin')).send({ personId: d.ids.provinceDuty })).status).toBe(200);
  });
});
