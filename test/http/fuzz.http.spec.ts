import fc from 'fast-check';
import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
let incident: string;
let task: string;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
  const inc = (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
  incident = inc.id;
  task = inc.openTasks[0].id;
});
afterAll(async () => {
  await t?.close();
});

const ENDPOINTS: ['get' | 'post' | 'patch' | 'delete', string, string[]][] = [
  ['get', '/incidents', ['unit', 'playbook', 'level', 'limit', 'offset']],
  ['get', '/incidents/:id', []],
  ['get', '/incidents/:id/timeline', []],
  ['post', '/incidents', []],
  ['post', '/incidents/:id/events', []],
  ['post', '/incidents/:id/migrate', []],
  ['get', '/playbooks/:key/diagram', []],
  ['get', '/playbooks/:key/versions', []],
  ['get', '/notifications', ['incident', 'status', 'limit', 'offset']],
  ['get', '/tasks', ['incident', 'status', 'role', 'kind', 'assignee', 'limit', 'offset']],
  ['get', '/tasks/:task', []],
  ['post', '/tasks/:task/complete', []],
  ['post', '/tasks/:task/acknowledge', []],
  ['post', '/tasks/:task/reassign', []],
  ['get', '/playbooks/:key', []],
  ['post', '/units', []],
  ['patch', '/units/:unit', []],
  ['post', '/people', []],
  ['patch', '/people/:person', []],
  ['get', '/role-assignments', ['unit', 'person']],
  ['post', '/role-assignments', []],
  ['delete', '/role-assignments/:id', []],
  ['get', '/tokens', ['person']],
  ['post', '/tokens', []],
  ['post', '/tokens/:id/revoke', []],
  ['get', '/audit', ['limit', 'offset']],
];

const FIELDS = ['version', 'state', 'type', 'note', 'data', 'playbook', 'unit', 'title', 'id', 'name', 'parentId', 'timeZone', 'contacts', 'email', 'kind', 'admin', 'active', 'externalId', 'role', 'personId', 'unitId', 'deputyFor', 'validFrom', 'validUntil', 'expiresAt'];
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '\u0000', '../..', "' OR 1=1 --", 'CASE_CONFIRMED', 'covid19-office', 'dept', '9999999999999', '-1', 'NaN', '2026-13-45', 'Asia/Ho_Chi_Minh', '{}', '[]'),
  fc.uuid(),
);
const value = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }), fc.dictionary(nasty, nasty, { maxKeys: 3 }));
const body = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value, { maxKeys: 6 }),
  fc.jsonValue(),
);
const pathParam = fc.oneof(fc.constant('KNOWN'), nasty.filter((s) => s.length > 0));

describe('fuzzing every endpoint', () => {
  it.each(ENDPOINTS)('%s %s never answers 5xx', async (method, template, queryKeys) => {
    await fc.assert(
      fc.asyncProperty(
        pathParam,
        body,
        fc.dictionary(fc.oneof(fc.constantFrom(...queryKeys, 'x'), fc.string({ minLength: 1 })), nasty, { maxKeys: 4 }),
        fc.constantFrom('admin', 'duty', 'chief', 'viewer', 'nobody', 'garbage', 'none'),
        fc.option(nasty.filter((s) => /^[\x20-\x7e]*$/.test(s)), { nil: undefined }),
        async (param, payload, query, who, idempotencyKey) => {
          const known: Record<string, string> = { ':id': template.includes('incidents') ? incident : template.includes('tokens') ? d.ids.nobody : incident, ':task': task, ':key': 'covid19-office', ':unit': 'other', ':person': d.ids.nobody };
          const path = template.replace(/:[a-z]+/g, (k) => (param === 'KNOWN' ? known[k] : encodeURIComponent(param)));
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const headers: Record<string, string> =
            who === 'none' ? {} : who === 'garbage' ? { Authorization: 'Bearer pbe_garbage' } : d.as(who as never);
          if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
          let req = t.http[method](`${path}${qs ? `?${qs}` : ''}`).set(headers);
          if (method !== 'get' && method !== 'delete') req = req.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          const res = await req;
          if (res.status >= 500) throw new Error(`${method.toUpperCase()} ${path}?${qs} as ${who} → ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(payload)}`);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
    );
  });
});
