import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 10. 07:00 in Hồ Chí Minh City on 2 March 2026.
const NOW = '2026-03-02T00:00:00.000Z';
const at = (local: string) => new Date(`2026-03-02T${local}:00.000+07:00`).toISOString();

let r: PlaybookRun;
let id: string;
beforeEach(async () => {
  r = await playbookRun('storm', { now: NOW, playbooksDir: 'test/fixtures/due-from-data' });
  id = (await r.open()).id;
});
afterEach(async () => {
  await r?.close();
});

const post = (body: Record<string, unknown>) => r.t.http.post(`/incidents/${id}/events`).set(r.dutyHeader()).send(body).expect(200);

describe('due times from event data', () => {
  it('"6 hours before the forecast peak": the peak at 20:00 makes the boats due at 14:00', async () => {
    const res = await post({ type: 'STORM_FORECAST', data: { forecastPeakAt: '2026-03-02T13:00:00Z' } });
    expect(res.body.raised.map((t: { template: string; dueAt: string }) => [t.template, t.dueAt])).toEqual([['secure_boats', at('14:00')]]);
  });

  it('"by the time given in the order", and the fallback when the order gives none', async () => {
    await post({ type: 'STORM_FORECAST', data: { forecastPeakAt: '2026-03-02T20:00:00+07:00' } });
    const ordered = await post({ type: 'EVACUATION_ORDERED', data: { deadline: '2026-03-02T18:30:00+07:00' } });
    expect(ordered.body.raised.map((t: { dueAt: string }) => t.dueAt)).toEqual([at('18:30')]);
  });

  it('falls back to `otherwise` when the event does not carry the field', async () => {
    await post({ type: 'STORM_FORECAST', data: { forecastPeakAt: '2026-03-02T20:00:00+07:00' } });
    const ordered = await post({ type: 'EVACUATION_ORDERED' });
    expect(ordered.body.raised.map((t: { dueAt: string }) => t.dueAt)).toEqual([at('11:00')]);
  });

  it('publishes the rule with the template', async () => {
    const p = await r.get('/playbooks/storm');
    expect(p.taskTemplates.find((t: { key: string }) => t.key === 'secure_boats').due).toEqual({ data: 'forecastPeakAt', before: 'PT6H', otherwise: 'PT2H' });
  });
});
