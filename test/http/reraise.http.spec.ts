import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// 07:00 in Hà Nội on a Monday; the reading duty falls due at 08:00, 12:00 and 16:00 local time.
const NOW = '2026-03-02T00:00:00.000Z';
const at = (local: string) => new Date(`2026-03-02T${local}:00.000+07:00`).toISOString();

let r: PlaybookRun;
beforeEach(async () => {
  r = await playbookRun('reraise', { now: NOW, playbooksDir: 'test/fixtures/reraise' });
  await r.open();
});
afterEach(async () => {
  await r?.close();
});

describe('an event that cancels a task and raises the same template again', () => {
  it('lowering cancels the level announcement it leaves and raises the one it returns to, in one event', async () => {
    const opened = await r.tasks('open');
    expect(opened.map((x) => x.template)).toEqual(['announce']);
    await r.send('RAISE');
    const alertAnnounce = (await r.tasks('open')).find((x) => x.template === 'announce')!;
    expect(alertAnnounce.level).toBe('alert');

    const lowered = await r.send('LOWER');
    expect(lowered.incident.state).toBe('watch');
    // The old announcement is cancelled with the playbook's reason; a new one is raised for `watch`.
    const cancelled = lowered.cancelled.find((x) => x.id === alertAnnounce.id)!;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: { vi: 'Đã hạ cấp', en: 'Level lowered' } });
    expect(lowered.raised.map((x) => [x.template, x.level])).toEqual([['announce', 'watch']]);
    const open = await r.tasks('open');
    expect(open.map((x) => [x.template, x.level])).toEqual([['announce', 'watch']]);
    // The incident is not stuck: it can go up and down again.
    await r.send('RAISE');
    await r.send('LOWER');
    expect((await r.tasks('open')).map((x) => x.template)).toEqual(['announce']);
    const timeline = await r.get(`/incidents/${open[0].incidentId}/timeline`);
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['INCIDENT_OPENED', 'RAISE', 'LOWER', 'RAISE', 'LOWER']);
  });

  it('restarting a recurring duty at the same occurrence cancels the open occurrence and raises it anew', async () => {
    await r.send('RAISE');
    const before = (await r.tasks('open')).find((x) => x.template === 'reading')!;
    expect(before.dueAt).toBe(at('08:00'));
    const restarted = await r.send('RESTART');
    expect(restarted.cancelled.map((x) => x.id)).toContain(before.id);
    const readings = (await r.tasks('open')).filter((x) => x.template === 'reading');
    expect(readings).toHaveLength(1);
    expect(readings[0].id).not.toBe(before.id);
    expect(readings[0].dueAt).toBe(at('08:00'));
    // The series runs on: its timer still raises the next occurrence.
    await r.clockTo(at('08:00'));
    expect((await r.tasks('open')).filter((x) => x.template === 'reading').map((x) => x.dueAt).sort()).toEqual([at('08:00'), at('12:00')]);
  });
});

describe('older open occurrences of a recurring duty', () => {
  it('are cancelled when the level that started the series is left', async () => {
    await r.send('RAISE');
    await r.clockTo(at('08:00'));
    const readings = (await r.tasks('open')).filter((x) => x.template === 'reading').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    expect(readings.map((x) => x.dueAt)).toEqual([at('08:00'), at('12:00')]);
    await completeAsAdmin(readings[1].id);
    const lowered = await r.send('LOWER');
    expect(lowered.cancelled.map((x) => x.id)).toContain(readings[0].id);
    expect((await r.tasks('open')).filter((x) => x.template === 'reading')).toEqual([]);
    // And no timer raises another one.
    await r.clockTo(at('16:30'));
    expect((await r.tasks('open')).filter((x) => x.template === 'reading')).toEqual([]);
  });

  it('are cancelled when the incident is closed', async () => {
    await r.send('RAISE');
    await r.clockTo(at('08:00'));
    const readings = (await r.tasks('open')).filter((x) => x.template === 'reading').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    await completeAsAdmin(readings[1].id);
    const closed = await r.send('CLOSE');
    expect(closed.incident.state).toBe('closed');
    expect(await r.tasks('open')).toEqual([]);
    const older = (await r.tasks('cancelled')).find((x) => x.id === readings[0].id)!;
    expect(older.cancelReason).toEqual({ vi: 'Kết thúc', en: 'Closed' });
  });
});

/** Completes the newest occurrence, so that the mark the machine keeps says done while an older one is open. */
async function completeAsAdmin(taskId: string): Promise<void> {
  const res = await r.t.http.post(`/tasks/${taskId}/complete`).set(r.adminHeader()).send({ note: 'ok' });
  expect(res.status).toBe(200);
}
