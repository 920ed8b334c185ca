import { Dispatcher } from '../../src/notifications/dispatcher.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
  // department_of_health is reached through the log channel; parent_unit has no contact, so its message is dead at once.
  await d.directory.updateUnit(null, 'dept', { contacts: { department_of_health: { name: 'Sở Y tế', log: true } } });
});
afterAll(async () => {
  await t?.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format strictly: every line is a comment or `name{labels} value`. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    const rest = body.replace(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g, (_all, k: string, v: string) => {
      labels[k] = v.replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      return '';
    });
    if (rest !== '') throw new Error(`bad labels in ${JSON.stringify(line)}`);
    const value = Number(m[3].replace(/^\+Inf$/, 'Infinity'));
    // prom-client writes NaN as "Nan" (the event-loop lag before its first sample); Prometheus reads either.
    if (Number.isNaN(value) && !/^nan$/i.test(m[3])) throw new Error(`bad value in ${JSON.stringify(line)}`);
    samples.push({ name: m[1], labels, value });
  }
  return samples;
}

async function scrape(): Promise<Sample[]> {
  const res = await t.http.get('/metrics').set(d.as('admin')).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(res.text);
}

/** The value of the one sample with this name whose labels include `labels`; undefined when there is none. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

describe('GET /metrics', () => {
  it('needs a token (401) and an admin (403)', async () => {
    const none = await t.http.get('/metrics').expect(401);
    expect(none.body.error).toBe('unauthorized');
    const duty = await t.http.get('/metrics').set(d.as('duty')).expect(403);
    expect(duty.body).toMatchObject({ error: 'forbidden', permission: 'admin' });
  });

  it('counts events by type and outcome and requests by route template, in text that parses', async () => {
    const opened = await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201);
    const id = opened.body.id as string;
    const event = (type: string) => t.http.post(`/incidents/${id}/events`).set(d.as('duty')).send({ type });
    await event('ALL_CLEAR').expect(409); // declared, but not accepted at no_case
    await event('NOT_A_DECLARED_EVENT').expect(400);
    await event('CASE_CONFIRMED').expect(200);

    const s = await scrape();
    expect(value(s, 'engine_events_total', { type: 'INCIDENT_OPENED', outcome: 'accepted' })).toBe(1);
    expect(value(s, 'engine_events_total', { type: 'CASE_CONFIRMED', outcome: 'accepted' })).toBe(1);
    expect(value(s, 'engine_events_total', { type: 'ALL_CLEAR', outcome: 'refused' })).toBe(1);
    // A type no playbook declares is not a label of its own: callers cannot grow the series.
    expect(value(s, 'engine_events_total', { type: 'other', outcome: 'rejected' })).toBe(1);
    expect(s.some((x) => x.labels.type === 'NOT_A_DECLARED_EVENT')).toBe(false);
    expect(value(s, 'engine_event_duration_seconds_count', { outcome: 'accepted' })).toBe(2);
    expect(value(s, 'engine_event_duration_seconds_count', { outcome: 'refused' })).toBe(1);
    expect(value(s, 'engine_event_duration_seconds_bucket', { outcome: 'accepted', le: '+Inf' })).toBe(2);

    const http = (method: string, route: string, status: string) => value(s, 'http_requests_total', { method, route, status });
    expect(http('POST', '/incidents', '201')).toBe(1);
    expect(http('POST', '/incidents/:id/events', '200')).toBe(1);
    expect(http('POST', '/incidents/:id/events', '409')).toBe(1);
    expect(http('POST', '/incidents/:id/events', '400')).toBe(1);
    expect(http('GET', '/metrics', '401')).toBe(1);
    expect(http('GET', '/metrics', '403')).toBe(1);
    // Routes are templates, never raw paths with ids.
    expect(s.some((x) => Object.values(x.labels).some((v) => v.includes(id)))).toBe(false);
    expect(value(s, 'http_request_duration_seconds_count', { method: 'POST', route: '/incidents/:id/events' })).toBe(3);

    // prom-client's default process metrics, and the pool (total/idle on PostgreSQL, the queue when embedded).
    expect(value(s, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // Read before the scrape's own queries queue up: nothing else is running, so nothing waits.
    expect(value(s, 'engine_db_waiting')).toBe(0);
    if (t.database.kind === 'postgres') expect(value(s, 'engine_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    else expect(value(s, 'engine_db_pool_connections', { state: 'total' })).toBeUndefined();
  });

  it('an unknown path is counted as "unmatched", not by its path', async () => {
    await t.http.get('/no/such/path/123').set(d.as('admin')).expect(404);
    const s = await scrape();
    expect(value(s, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(s.some((x) => x.labels.route?.includes('/no/such'))).toBe(false);
  });

  it('outbox gauges follow the rows: pending, then delivered; a party without a contact is a dead letter', async () => {
    let s = await scrape();
    // CASE_CONFIRMED above notified department_of_health (log channel) and parent_unit (no contact: dead).
    expect(value(s, 'engine_notifications', { channel: 'log', state: 'pending' })).toBe(1);
    expect(value(s, 'engine_notifications', { channel: 'log', state: 'dead' })).toBe(1);
    expect(value(s, 'engine_notifications', { channel: 'log', state: 'delivered' })).toBe(0);
    expect(value(s, 'engine_notifications', { channel: 'webhook', state: 'pending' })).toBe(0);

    expect((await t.app.get(Dispatcher).tick()).delivered).toBe(1);
    s = await scrape();
    expect(value(s, 'engine_notifications', { channel: 'log', state: 'pending' })).toBe(0);
    expect(value(s, 'engine_notifications', { channel: 'log', state: 'delivered' })).toBe(1);
  });

  it('open and overdue tasks by playbook and level, due timers and the age of the oldest', async () => {
    const open = (await t.http.get('/tasks?status=open&limit=500').set(d.as('admin')).expect(200)).body as { level: string; dueAt: string }[];
    const byLevel = (tasks: { level: string }[]) => tasks.reduce<Record<string, number>>((m, x) => ({ ...m, [x.level]: (m[x.level] ?? 0) + 1 }), {});
    let s = await scrape();
    for (const [level, n] of Object.entries(byLevel(open))) expect(value(s, 'engine_tasks_open', { playbook: 'covid19-office', level })).toBe(n);
    expect(s.filter((x) => x.name === 'engine_tasks_overdue')).toEqual([]);
    expect(value(s, 'engine_timers_due')).toBe(0);
    expect(value(s, 'engine_timers_oldest_due_age_seconds')).toBe(0);

    // 90 s past the earliest due time: exactly what is due by then, the oldest waiting 90 s.
    const earliest = Math.min(...open.map((x) => Date.parse(x.dueAt)));
    t.clock.advance(earliest - t.clock.now().getTime() + 90_000);
    const now = t.clock.now().getTime();
    const overdue = open.filter((x) => Date.parse(x.dueAt) < now);
    expect(overdue.length).toBeGreaterThan(0);
    const [due] = await t.foundations.db.read((sql) => sql.rows<{ n: number; oldest: Date }>('SELECT count(*)::int AS n, min(fire_at) AS oldest FROM timers WHERE fire_at <= $1', [new Date(now)]));
    expect(due.n).toBeGreaterThan(0);
    s = await scrape();
    expect(value(s, 'engine_timers_due')).toBe(due.n);
    expect(value(s, 'engine_timers_oldest_due_age_seconds')).toBeCloseTo((now - new Date(due.oldest).getTime()) / 1000, 3);
    for (const [level, n] of Object.entries(byLevel(overdue))) expect(value(s, 'engine_tasks_overdue', { playbook: 'covid19-office', level })).toBe(n);

    // The poller fires them: nothing due any more, and the firing is counted.
    await t.app.get(TimerPoller).drain();
    s = await scrape();
    expect(value(s, 'engine_timers_due')).toBe(0);
    expect(value(s, 'engine_timers_oldest_due_age_seconds')).toBe(0);
    expect(value(s, 'engine_timers_fired_total', { outcome: 'fired' })).toBeGreaterThanOrEqual(due.n);
  });
});
