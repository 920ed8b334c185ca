import { DirectoryService } from '../../src/directory/directory.service.js';
import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 6: a notify message is a template over the incident's data, rendered when it is queued.
const NOW = '2026-03-02T00:00:00.000Z';

let r: PlaybookRun;
let id: string;
beforeEach(async () => {
  r = await playbookRun('flood-messages', { now: NOW, playbooksDir: 'test/fixtures/message-templates' });
  await r.t.app.get(DirectoryService).updateUnit(null, 'unit', { contacts: { district: { name: 'Ban chỉ huy huyện', log: true } } });
  id = (await r.open()).id;
});
afterEach(async () => {
  await r?.close();
});

const post = (body: Record<string, unknown>) => r.t.http.post(`/incidents/${id}/events`).set(r.dutyHeader()).send(body);
const messages = async () =>
  ((await r.notifications()) as unknown as { createdAt: string; payload: { message: unknown } }[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((n) => n.payload.message);

describe('notify messages as templates', () => {
  it('fill in the event data and note, the unit, the level in each language and the local time; plain ones are sent as written', async () => {
    expect((await post({ type: 'WATER_LEVEL_READ', note: 'cầu & đê <thấp>', data: { waterLevelCm: 120, station: 'upstream' } })).status).toBe(200);
    await r.clockBy(30 * 60_000);
    const high = await post({ type: 'WATER_LEVEL_READ', data: { waterLevelCm: 360, station: 'bridge' } });
    expect(high.body.incident.level).toBe('level3');
    await r.clockBy(60_000);
    expect((await post({ type: 'ALL_CLEAR' })).status).toBe(200);
    expect(await messages()).toEqual([
      // Nothing is HTML-escaped: the channels carry plain text.
      { vi: 'Trạm upstream: 120 cm (cầu & đê <thấp>) <dưới ngưỡng>', en: 'Station upstream: 120 cm (cầu & đê <thấp>) <below threshold>' },
      { vi: 'Đơn vị thử chuyển sang Cấp độ 3 lúc 2026-03-02 07:30 (Asia/Ho_Chi_Minh)', en: 'Đơn vị thử moved to Level 3 at 2026-03-02 07:30 (Asia/Ho_Chi_Minh)' },
      { vi: 'Đã yên', en: 'All clear' },
    ]);
    // The outbox keeps the rendered words: renaming the unit later does not change what was queued.
    await r.t.app.get(DirectoryService).updateUnit(null, 'unit', { name: 'Tên mới' });
    expect((await messages())[1]).toEqual({ vi: 'Đơn vị thử chuyển sang Cấp độ 3 lúc 2026-03-02 07:30 (Asia/Ho_Chi_Minh)', en: 'Đơn vị thử moved to Level 3 at 2026-03-02 07:30 (Asia/Ho_Chi_Minh)' });
  });
});
