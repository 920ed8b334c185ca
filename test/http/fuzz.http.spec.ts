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
  ['get', '/me', []],
  ['get', '/health', []],
  ['get', '/playbooks', []],
  ['get', '/units', []],
  ['get', '/units/:unit', []],
  ['get', '/people', []],
  ['get', '/people/:person', []],
];

const FIELDS = ['version', 'state', 'type', 'note', 'data', 'playbook', 'unit', 'title', 'id', 'name', 'parentId', 'timeZone', 'contacts', 'email', 'kind', 'admin', 'active', 'externalId', 'role', 'personId', 'unitId', 'deputyFor', 'validFrom', 'validUntil', 'expiresAt'];
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '\u0000', '../..', "' OR 1=1 --", 'CASE_CONFIRMED', 'covid19-office', 'dept', '9999999999999', '-1', 'NaN', '2026-13-45', 'Asia/Ho_Chi_Minh', '{}', '[]'),
  // Huge and odd numbers, as strings (query values, ids).
  fc.constantFrom('99999999999999999999', '1e400', '-0', '0x10', '1.5', '2147483648', '-9223372036854775809', 'Infinity'),
  // Odd Unicode: a lone surrogate, right-to-left override, zero-width space, ZWJ emoji, combining marks, Vietnamese.
  fc.constantFrom('\uD800', 'a\uDC00b', '\u202Egnp.exe', '\u200B', '👩‍🚒', 'e\u0301\u0323', 'Ủy ban nhân dân tỉnh', '\uFEFF', '\uFFFF'),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.uuid(),
);
/** An object or array nested `n` levels deep (deeper than the API's limit of 32 for most n). */
const deep = fc.integer({ min: 20, max: 3000 }).chain((n) => fc.constantFrom(
  JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown,
  JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown,
));
const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 1024, 2 ** 31, -(2 ** 63), 5e-324, 0.1);
const value = fc.oneof(nasty, fc.integer(), fc.double(), hugeNumber, fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }), fc.dictionary(nasty, nasty, { maxKeys: 3 }), deep);
const body = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value, { maxKeys: 6 }),
  fc.jsonValue(),
  deep,
);
// Mostly JSON; sometimes another type or none, which must be a 415 or a validation error, never a 500.
const contentType = fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json', ''));
let requests = 0;
const pathParam = fc.oneof(fc.constant('KNOWN'), nasty.filter((s) => s.length > 0), fc.constantFrom('RAW:%E0%A4%A', 'RAW:%', 'RAW:%ZZ', 'RAW:%ED%A0%80', 'RAW:..%2F..'));
/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD, as on the wire); RAW: segments go as they are. */
const segment = (s: string) => (s.startsWith('RAW:') ? s.slice(4) : [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

// 33 endpoints × 64 runs: over two thousand requests per database.
const RUNS = Number(process.env.FUZZ_RUNS ?? 64);

describe('fuzzing every endpoint', () => {
  it.each(ENDPOINTS)('%s %s never answers 5xx', async (method, template, queryKeys) => {
    await fc.assert(
      fc.asyncProperty(
        pathParam,
        body,
        fc.dictionary(fc.oneof(fc.constantFrom(...queryKeys, 'x'), fc.string({ minLength: 1 })), nasty, { maxKeys: 4 }),
        fc.constantFrom('admin', 'duty', 'chief', 'viewer', 'nobody', 'garbage', 'none'),
        fc.option(nasty.filter((s) => /^[\x20-\x7e]*$/.test(s)), { nil: undefined }),
        contentType,
        async (param, payload, query, who, idempotencyKey, type) => {
          const known: Record<string, string> = { ':id': template.includes('incidents') ? incident : template.includes('tokens') ? d.ids.nobody : incident, ':task': task, ':key': 'covid19-office', ':unit': 'other', ':person': d.ids.nobody };
          const path = template.replace(/:[a-z]+/g, (k) => (param === 'KNOWN' ? known[k] : segment(param)));
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const headers: Record<string, string> =
            who === 'none' ? {} : who === 'garbage' ? { Authorization: 'Bearer pbe_garbage' } : d.as(who as never);
          if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
          let req = t.http[method](`${path}${qs ? `?${qs}` : ''}`).set(headers);
          if (method !== 'get' && method !== 'delete') req = (type ? req.set('Content-Type', type) : req).send(JSON.stringify(payload));
          const res = await req;
          requests++;
          if (res.status >= 500) throw new Error(`${method.toUpperCase()} ${path}?${qs} as ${who} → ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(payload)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('sent thousands of requests, none answered 5xx', () => {
    expect(requests).toBe(ENDPOINTS.length * RUNS);
  });
});
