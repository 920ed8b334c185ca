import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 3. 07:00 in Hồ Chí Minh City on Monday 2 March 2026.
const NOW = '2026-03-02T00:00:00.000Z';
const at = (local: string, day = '02') => new Date(`2026-03-${day}T${local}:00.000+07:00`).toISOString();

let r: PlaybookRun;
beforeEach(async () => {
  r = await playbookRun('recurrence', { now: NOW, playbooksDir: 'test/fixtures/recurrence' });
  await r.open();
});
afterEach(async () => {
  await r?.close();
});

const due = async (template: string) =>
  (await r.tasks('open'))
    .filter((x) => x.template === template)
    .map((x) => x.dueAt)
    .sort();

describe('recurrence by rule, in the unit’s time zone', () => {
  it('a cron rule: Mondays at 08:00, and then the next Monday', async () => {
    expect(await due('weekly_meeting')).toEqual([at('08:00')]);
    await r.clockTo(at('08:00'));
    expect(await due('weekly_meeting')).toEqual([at('08:00'), at('08:00', '09')]);
    // Today's lists of clock times still work beside it.
    expect(await due('briefing')).toEqual([at('08:00'), at('16:00')]);
  });

  it('an interval inside a local window: every 30 minutes from 06:00 to 22:00, then 06:00 the next day', async () => {
    await r.send('RISE');
    expect(await due('patrol')).toEqual([at('07:30')]);
    await r.clockTo(at('07:30'));
    expect(await due('patrol')).toEqual([at('07:30'), at('08:00')]);
    await r.complete('patrol');
    await r.complete('patrol');
    await r.clockTo(at('22:00'));
    // Missed occurrences come as one late task (the latest), then the next one in the window.
    const open = (await r.tasks('open')).filter((x) => x.template === 'patrol').map((x) => [x.dueAt, x.late ?? false]);
    expect(open).toEqual(expect.arrayContaining([[at('06:00', '03'), false]]));
    expect(open.map(([d]) => d).sort().at(-1)).toBe(at('06:00', '03'));
  });

  it('a frequency that changes with the level: every 2 hours at level 2, every 30 minutes at level 3, and back', async () => {
    await r.send('RISE');
    expect(await due('reading')).toEqual([at('08:00')]);
    await r.clockBy(10 * 60_000);
    const up = await r.send('RISE');
    // Leaving level 2 ended its series; level 3 starts its own, on its own rule.
    expect(up.cancelled.map((x) => x.template)).toContain('reading');
    expect(up.raised.filter((x) => x.template === 'reading').map((x) => [x.dueAt, x.level])).toEqual([[at('07:30'), 'level_3']]);
    await r.clockTo(at('07:30'));
    expect(await due('reading')).toEqual([at('07:30'), at('08:00')]);
    const down = await r.send('LOWER');
    expect(down.raised.filter((x) => x.template === 'reading').map((x) => [x.dueAt, x.level])).toEqual([[at('08:00'), 'level_2']]);
    await r.clockTo(at('08:00'));
    expect((await due('reading')).at(-1)).toBe(at('10:00'));
  });

  it('publishes the rules, and a recurring duty without a due time', async () => {
    const p = await r.get('/playbooks/recurrence');
    const reading = p.taskTemplates.find((t: { key: string }) => t.key === 'reading');
    expect(reading.due).toBeUndefined();
    expect(reading.recurs).toEqual({ every: 'PT2H', byLevel: { level_3: { every: 'PT30M' } } });
    expect(p.taskTemplates.find((t: { key: string }) => t.key === 'weekly_meeting').recurs).toEqual({ cron: '0 8 * * 1' });
  });
});
