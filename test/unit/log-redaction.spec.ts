import { createServer } from 'node:http';
import request from 'supertest';
import { createLogger, wantsPretty } from '../../src/logging/logger.js';
import { requestIdOf, requestLogger, scrubUrl } from '../../src/logging/request-logging.js';

/** The request logger over a logger that writes into an array, in front of a tiny Express app. */
function appWithLog(level: 'info' | 'error' = 'info') {
  const written: string[] = [];
  const http = requestLogger(createLogger({ LOG_LEVEL: level, LOG_FORMAT: 'json' }, { write: (s: string) => void written.push(s) }));
  const app = createServer((req, res) => {
    http(req, res);
    // What the engine's lines look like inside a request: the request's logger, with their own fields.
    req.log.info({ incidentId: /^\/incidents\/([^?]+)/.exec(req.url!)?.[1], actor: { id: 'p1', name: 'duty' } }, 'event applied');
    res.setHeader('Content-Type', 'application/json');
    res.end('{"ok":true}');
  });
  const lines = () => written.map((l) => JSON.parse(l) as Record<string, any>);
  return { app, written, lines };
}

const TOKEN = 'pbe_s3cr3t-token-value-0123456789';

describe('request logs', () => {
  it('never write the bearer token, cookies or credential query parameters', async () => {
    const { app, written, lines } = appWithLog();
    await request(app)
      .get('/incidents/abc?token=qs-secret-value&limit=5')
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('Cookie', 'session=cookie-secret-value')
      .set('Idempotency-Key', 'retry-7')
      .expect(200);
    const out = written.join('');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain('cookie-secret-value');
    expect(out).not.toContain('qs-secret-value');
    const line = lines().find((l) => l.req)!;
    expect(line.req.headers.authorization).toBe('[redacted]');
    expect(line.req.headers.cookie).toBe('[redacted]');
    // The idempotency key is the caller's retry handle, not a credential: kept to find retries by.
    expect(line.req.headers['idempotency-key']).toBe('retry-7');
    expect(line.req.url).toBe('/incidents/abc?token=%5Bredacted%5D&limit=5');
    expect(line).toMatchObject({ level: 'info', res: { statusCode: 200 }, msg: 'GET /incidents/abc 200' });
  });

  it('carry the caller\'s X-Request-Id when it is sane, echo it, and put it on the lines written meanwhile', async () => {
    const { app, lines } = appWithLog();
    const res = await request(app).get('/incidents/42').set('X-Request-Id', 'lb-7f3a.9:trace=1').expect(200);
    expect(res.headers['x-request-id']).toBe('lb-7f3a.9:trace=1');
    const [engine, done] = lines();
    expect(engine).toMatchObject({ reqId: 'lb-7f3a.9:trace=1', incidentId: '42', actor: { id: 'p1', name: 'duty' }, msg: 'event applied' });
    expect(engine.req).toBeUndefined(); // the request itself is on its own line only
    expect(done).toMatchObject({ reqId: 'lb-7f3a.9:trace=1', req: { id: 'lb-7f3a.9:trace=1', method: 'GET' } });
    expect(typeof done.responseTime).toBe('number');
  });

  it('replace a request id that is not sane with a new UUID', async () => {
    const { app, lines } = appWithLog();
    const res = await request(app).get('/incidents/1').set('X-Request-Id', '"}{"level":"fatal').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lines().every((l) => l.reqId === id)).toBe(true);
    const fresh = await request(app).get('/incidents/1').expect(200);
    expect(fresh.headers['x-request-id']).not.toBe(id);
  });

  it('honour LOG_LEVEL: at error, a successful request writes nothing', async () => {
    const { app, written } = appWithLog('error');
    await request(app).get('/incidents/1').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(written).toEqual([]);
  });
});

describe('request ids and URLs', () => {
  it('keeps ids of one plain token up to 128 characters, and nothing else', () => {
    expect(requestIdOf('0190f3c2-7b1e-7cc0-a1b2-0123456789ab')).toBe('0190f3c2-7b1e-7cc0-a1b2-0123456789ab');
    expect(requestIdOf('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8')).toBe('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8');
    for (const bad of ['', ' ', 'a b', 'a'.repeat(129), 'x\ny', 'one, two', ['a', 'b'], undefined]) {
      expect(requestIdOf(bad as string)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('cuts credential-like query values out of a URL', () => {
    expect(scrubUrl('/tasks?status=open')).toBe('/tasks?status=open');
    expect(scrubUrl('/x?access_token=a&api_key=b&password=c&n=1')).toBe('/x?access_token=%5Bredacted%5D&api_key=%5Bredacted%5D&password=%5Bredacted%5D&n=1');
  });

  it('is pretty only when asked, or on a terminal outside production and tests', () => {
    expect(wantsPretty({ LOG_FORMAT: 'json' }, {}, true)).toBe(false);
    expect(wantsPretty({ LOG_FORMAT: 'pretty' }, { NODE_ENV: 'production' }, false)).toBe(true);
    expect(wantsPretty({ LOG_FORMAT: 'auto' }, {}, true)).toBe(true);
    expect(wantsPretty({ LOG_FORMAT: 'auto' }, {}, false)).toBe(false);
    expect(wantsPretty({ LOG_FORMAT: 'auto' }, { NODE_ENV: 'production' }, true)).toBe(false);
  });
});
