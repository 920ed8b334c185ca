import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

/** The real application's request logs and engine lines, read from the stream the test hands it. */
let t: TestApp;
let d: Directory;
const written: string[] = [];
const lines = () => written.map((l) => JSON.parse(l) as Record<string, any>);
const waiters = new Set<() => void>();
/**
 * The line with this message, once written: a request's line is written when its response has
 * finished, which the client may see a moment before.
 */
function line(msg: string): Promise<Record<string, any>> {
  return new Promise((resolve) => {
    const check = () => {
      const found = lines().find((l) => l.msg === msg);
      if (found) {
        waiters.delete(check);
        resolve(found);
      }
    };
    waiters.add(check);
    check();
  });
}

beforeAll(async () => {
  const to = { write: (s: string) => void (written.push(s), waiters.forEach((w) => w())) };
  t = await startApp({}, { log: { to, level: 'info' } });
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
});

describe('logs', () => {
  it('a request line per request with its request id; engine lines with the incident, the actor and the same id; no token anywhere', async () => {
    const opened = await t.http.post('/incidents').set(d.as('duty')).set('X-Request-Id', 'open-1').send({ playbook: 'covid19-office', unit: 'dept' }).expect(201);
    expect(opened.headers['x-request-id']).toBe('open-1');
    const id = opened.body.id as string;
    const refused = await t.http.post(`/incidents/${id}/events`).set(d.as('duty')).send({ type: 'ALL_CLEAR' }).expect(409);
    const reqId = refused.headers['x-request-id'];
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);

    const all = lines();
    const applied = all.find((l) => l.msg === 'event applied' && l.event === 'INCIDENT_OPENED');
    expect(applied).toMatchObject({ level: 'info', context: 'Engine', reqId: 'open-1', incidentId: id, actor: { id: d.ids.duty, name: 'duty' }, outcome: 'accepted' });
    expect(typeof applied!.ms).toBe('number');
    const refusal = all.find((l) => l.msg === 'event refused');
    expect(refusal).toMatchObject({ reqId, incidentId: id, event: 'ALL_CLEAR', outcome: 'refused', actor: { id: d.ids.duty } });
    expect(refusal!.reason).toMatch(/not accepted/);

    const request = await line('POST /incidents 201');
    expect(request).toMatchObject({ level: 'info', reqId: 'open-1', req: { id: 'open-1', method: 'POST', url: '/incidents' }, res: { statusCode: 201 } });
    expect(request!.req.headers.authorization).toBe('[redacted]');
    expect(await line(`POST /incidents/${id}/events 409`)).toMatchObject({ reqId, res: { statusCode: 409 } });

    const out = written.join('');
    for (const token of Object.values(d.tokens)) expect(out).not.toContain(token);
  });

  it('a request refused before routing (415) is logged with a request id too', async () => {
    const res = await t.http.post('/incidents').set(d.as('duty')).set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(await line('POST /incidents 415')).toMatchObject({ reqId: res.headers['x-request-id'] });
  });
});
