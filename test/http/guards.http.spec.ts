import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 5: events declare their data; guards test counts of tasks done and the event's data.
const NOW = '2026-03-02T00:00:00.000Z';

let r: PlaybookRun;
let id: string;
beforeEach(async () => {
  r = await playbookRun('flood-guards', { now: NOW, playbooksDir: 'test/fixtures/guards' });
  id = (await r.open()).id;
});
afterEach(async () => {
  await r?.close();
});

const post = (body: Record<string, unknown>) => r.t.http.post(`/incidents/${id}/events`).set(r.dutyHeader()).send(body);

describe('event data declared by the playbook', () => {
  it('is published with the playbook, so a form can be built from it', async () => {
    const p = await r.get('/playbooks/flood-guards');
    const reading = p.events.find((e: { type: string }) => e.type === 'WATER_LEVEL_READ');
    expect(reading.data).toEqual({
      waterLevelCm: { type: 'number', required: true, title: { vi: 'Mực nước (cm)', en: 'Water level (cm)' } },
      station: { type: 'enum', values: ['upstream', 'bridge', 'town'], required: true, title: { vi: 'Trạm đo', en: 'Station' } },
      readAt: { type: 'timestamp', title: { vi: 'Thời điểm đo', en: 'Read at' } },
    });
  });

  it('is refused with 400 naming each field that does not fit, and nothing changes', async () => {
    const before = await r.incident();
    const res = await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: '400', station: 'sea', readAt: '2026-03-02 14:00', depth: 3 } });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      { field: 'data.depth', problems: ['not a field of this event; expected waterLevelCm, station, readAt'] },
      { field: 'data.waterLevelCm', problems: ['expected a number'] },
      { field: 'data.station', problems: ['expected one of upstream, bridge, town'] },
      { field: 'data.readAt', problems: ['expected an ISO 8601 date-time with its offset, such as 2026-03-02T14:00:00+07:00'] },
    ]);
    expect(res.body.message).toContain('data.waterLevelCm: expected a number');
    const missing = await post({ type: 'WATER_LEVEL_READ' });
    expect(missing.status).toBe(400);
    expect(missing.body.problems.map((p: { field: string }) => p.field)).toEqual(['data.waterLevelCm', 'data.station']);
    const after = await r.incident();
    expect(after.version).toBe(before.version);
    expect((await r.get(`/incidents/${id}/timeline`)).map((e: { type: string }) => e.type)).toEqual(['INCIDENT_OPENED']);
  });
});

describe('guards on event data', () => {
  it('a low reading is recorded and moves nothing; a high one at the bridge or in town moves to level 3', async () => {
    const low = await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 420, station: 'upstream' } });
    expect(low.status).toBe(200);
    expect(low.body.incident.level).toBe('watch');
    expect(low.body.raised).toEqual([]);
    const high = await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 350, station: 'bridge', readAt: '2026-03-02T07:30:00+07:00' } });
    expect(high.status).toBe(200);
    expect(high.body.incident.level).toBe('level3');
    expect(high.body.raised.map((t: { template: string }) => t.template)).toEqual(['evacuate']);
    const timeline = await r.get(`/incidents/${id}/timeline`);
    expect(timeline.map((e: { data: unknown }) => e.data).slice(1)).toEqual([
      { waterLevelCm: 420, station: 'upstream' },
      { waterLevelCm: 350, station: 'bridge', readAt: '2026-03-02T07:30:00+07:00' },
    ]);
  });

  it('the all-clear is allowed at level 3, refused (409) until evacuation is done unless overridden, and never while rising', async () => {
    await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 500, station: 'town' } }).expect(200);
    expect((await r.incident()).allowedEvents).toEqual(['ALL_CLEAR', 'WATER_LEVEL_READ']);
    // At level 3 a reading is only recorded (`WATER_LEVEL_READ: {}`): accepted, on the timeline, nothing moves.
    const kept = await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 520, station: 'town' } }).expect(200);
    expect(kept.body).toMatchObject({ incident: { level: 'level3' }, raised: [], cancelled: [] });
    expect((await r.get(`/incidents/${id}/timeline`)).at(-1)).toMatchObject({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 520, station: 'town' } });
    const early = await post({ type: 'ALL_CLEAR', data: { confirmedBy: 'Ông Hùng' } });
    expect(early.status).toBe(409);
    expect((await post({ type: 'ALL_CLEAR', data: { confirmedBy: 'Ông Hùng', override: true, rising: true } })).status).toBe(409);
    await r.complete('evacuate');
    const clear = await post({ type: 'ALL_CLEAR', data: { confirmedBy: 'Ông Hùng' } });
    expect(clear.status).toBe(200);
    expect(clear.body.incident.level).toBe('closed');
    expect(await r.openTemplates()).toEqual([]);
  });

  it('the override closes level 3 before the evacuation is done', async () => {
    await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 500, station: 'town' } }).expect(200);
    const clear = await post({ type: 'ALL_CLEAR', data: { confirmedBy: 'Chủ tịch xã', override: true } });
    expect(clear.status).toBe(200);
    expect(clear.body.incident.level).toBe('closed');
    expect(clear.body.cancelled.map((t: { template: string }) => t.template).sort()).toContain('evacuate');
  });
});

describe('a count of tasks done', () => {
  it('moves watch to alert when the third of five checkpoints reports, not the second', async () => {
    await r.complete('checkpoint_2');
    await r.complete('checkpoint_5');
    expect((await r.incident()).level).toBe('watch');
    await r.complete('checkpoint_1');
    expect((await r.incident()).level).toBe('alert');
  });
});
