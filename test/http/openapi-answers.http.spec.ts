import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { previewDocument } from '../../scripts/openapi-files.js';
import { answerProblems } from '../support/openapi-conformance.js';
import { seedDirectory, type Directory, type Who } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

// The OpenAPI document describes what the service really answers: a walk through every endpoint (and
// the errors a console meets), each answer checked against the document — its status must be listed
// and its body must fit the schema, with no undocumented field.

let t: TestApp;
let d: Directory;
let doc: OpenAPIObject;
beforeAll(async () => {
  doc = await previewDocument();
  t = await startApp({}, { now: '2026-06-01T02:00:00.000Z' });
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
});

/** Sends a request as `who` (null: without credentials) and expects the answer to fit the document. */
async function call(who: Who | null, method: 'get' | 'post' | 'patch' | 'delete', template: string, args: Record<string, string> = {}, body?: object): Promise<Response> {
  const url = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(args[k]));
  const query = args.query ? `?${args.query}` : '';
  let req = t.http[method](url + query);
  if (who) req = req.set(d.as(who));
  const res = body === undefined ? await req : await req.send(body);
  expect(answerProblems(doc, method, template, res)).toEqual([]);
  return res;
}

describe('answers fit the document', () => {
  it('health, the caller and the playbooks', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) expect((await call(null, 'get', path)).status).toBe(200);
    await call('chief', 'get', '/me');
    await call(null, 'get', '/me');
    expect((await call('duty', 'get', '/playbooks')).body.length).toBeGreaterThan(0);
    // commune-flood uses the newer template fields (raise, survive, assign, keyedBy, due from data).
    for (const key of ['covid19-office', 'commune-flood', 'no-such-playbook']) {
      await call('duty', 'get', '/playbooks/{key}', { key });
      await call('duty', 'get', '/playbooks/{key}/versions', { key });
      await call('duty', 'get', '/playbooks/{key}/diagram', { key });
    }
  });

  it('signing in (the errors a console meets before it has a session)', async () => {
    expect((await call(null, 'post', '/auth/sign-in', {}, { email: 'duty@test', password: 'not the password' })).status).toBe(401);
    expect((await call(null, 'post', '/auth/sign-in', {}, { email: 'not an email', password: 'x' })).status).toBe(400);
    expect((await call(null, 'get', '/auth/session')).status).toBe(401);
    expect((await call(null, 'get', '/auth/links/{token}', { token: 'no-such-link' })).status).toBe(404);
    expect((await call('admin', 'post', '/people/{id}/sign-in-links', { id: d.ids.chief }, { kind: 'invite' })).status).toBe(201);
  });

  it('an incident from opening to completed and reassigned tasks, with its timeline and notifications', async () => {
    const opened = await call('duty', 'post', '/incidents', {}, { playbook: 'covid19-office', unit: 'dept', title: 'Ca nghi ngờ' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await call('duty', 'post', '/incidents/{id}/events', { id }, { type: 'SUSPECTED_CASE_REPORTED', note: 'fever' });
    const confirmed = await call('duty', 'post', '/incidents/{id}/events', { id }, { type: 'CASE_CONFIRMED', data: { room: '204' } });
    expect(confirmed.body.raised.length).toBeGreaterThan(0);
    const [first, second] = confirmed.body.raised as { id: string; assignedRole: string }[];
    await call(d.holderOf(first.assignedRole), 'post', '/tasks/{id}/acknowledge', { id: first.id });
    await call(d.holderOf(first.assignedRole), 'post', '/tasks/{id}/complete', { id: first.id }, { note: 'called at 09:10' });
    await call('admin', 'post', '/tasks/{id}/reassign', { id: second.id }, { role: 'director', note: 'cover' });
    await call('duty', 'get', '/incidents', { query: 'limit=10' });
    await call('duty', 'get', '/incidents/{id}', { id });
    expect((await call('duty', 'get', '/incidents/{id}/timeline', { id })).body.length).toBeGreaterThan(3);
    await call('duty', 'get', '/tasks', { query: `incident=${id}` });
    await call('duty', 'get', '/tasks/{id}', { id: first.id });
    await call('admin', 'get', '/notifications', { query: `incident=${id}` });
    await call('duty', 'get', '/board');
    await call('provinceDuty', 'get', '/board', { query: 'unitId=dept&hasOverdue=false' });
    await call('duty', 'get', '/board', { query: 'unitId=other' });
    // The errors a console meets on these endpoints.
    expect((await call('duty', 'post', '/incidents/{id}/events', { id }, { type: 'ALL_CLEAR' })).status).toBe(409);
    expect((await call('chief', 'post', '/incidents/{id}/events', { id }, { type: 'ALL_CLEAR' })).status).toBe(403);
    expect((await call('duty', 'post', '/incidents/{id}/events', { id }, { type: 'lower case' })).status).toBe(400);
    expect((await call('duty', 'post', '/incidents/{id}/migrate', { id }, { version: 7, state: 'no_case' })).status).toBe(400);
    expect((await call('otherDuty', 'get', '/incidents/{id}', { id })).status).toBe(404);
    expect((await call('duty', 'get', '/tasks', { query: 'limit=0' })).status).toBe(400);
    expect((await call('duty', 'post', '/tasks/{id}/complete', { id: second.id }, {})).status).toBe(403);
    expect((await call(null, 'get', '/incidents')).status).toBe(401);
    const keyed = (unit: string) => t.http.post('/incidents').set(d.as('provinceDuty')).set('Idempotency-Key', 'k1').send({ playbook: 'covid19-office', unit });
    await keyed('dept');
    const reused = await keyed('province');
    expect([reused.status, answerProblems(doc, 'post', '/incidents', reused)]).toEqual([422, []]);
    const notJson = await t.http.post('/incidents').set(d.as('duty')).set('Content-Type', 'text/plain').send('x');
    expect([notJson.status, answerProblems(doc, 'post', '/incidents', notJson)]).toEqual([415, []]);
    const tooLarge = await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'x'.repeat(300 * 1024), unit: 'dept' });
    expect([tooLarge.status, answerProblems(doc, 'post', '/incidents', tooLarge)]).toEqual([413, []]);
  });

  it('the admin endpoints', async () => {
    const unit = await call('admin', 'post', '/units', {}, { id: 'kho', name: 'Kho', parentId: 'dept', contacts: { department_of_health: { name: 'Sở Y tế', log: true } } });
    expect(unit.status).toBe(201);
    await call('admin', 'post', '/units', {}, { id: 'kho', name: 'Kho' });
    await call('admin', 'patch', '/units/{id}', { id: 'kho' }, { name: 'Kho vật tư' });
    await call('admin', 'get', '/units');
    await call('admin', 'get', '/units/{id}', { id: 'kho' });
    await call('admin', 'get', '/units/{id}', { id: 'nowhere' });
    const person = await call('admin', 'post', '/people', {}, { name: 'Trần Thị B', email: 'b@kho' });
    await call('admin', 'patch', '/people/{id}', { id: person.body.id }, { active: true });
    await call('admin', 'get', '/people');
    await call('admin', 'get', '/people/{id}', { id: person.body.id });
    const assigned = await call('admin', 'post', '/role-assignments', {}, { unitId: 'kho', role: 'viewer', personId: person.body.id, validUntil: '2027-01-01T00:00:00Z' });
    await call('admin', 'get', '/role-assignments', { query: 'unit=kho' });
    await call('admin', 'delete', '/role-assignments/{id}', { id: assigned.body.id });
    const token = await call('admin', 'post', '/tokens', {}, { personId: person.body.id, name: 'phone' });
    await call('admin', 'get', '/tokens', { query: `person=${person.body.id}` });
    await call('admin', 'post', '/tokens/{id}/revoke', { id: token.body.id });
    await call('admin', 'get', '/audit', { query: 'limit=5' });
    expect((await call('duty', 'get', '/units')).status).toBe(403);
    const metrics = await call('admin', 'get', '/metrics');
    expect(metrics.text).toContain('# HELP');
  });
});
