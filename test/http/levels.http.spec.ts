import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11 points 1, 2, 8 and 9, end to end through the API on the fixture playbooks of test/fixtures/levels.
// 07:00 in Hà Nội on a Monday.
const NOW = '2026-03-02T00:00:00.000Z';
const at = (local: string) => new Date(`2026-03-02T${local}:00.000+07:00`).toISOString();
const DIR = 'test/fixtures/levels';

let r: PlaybookRun | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});
async function start(playbook: string): Promise<PlaybookRun> {
  r = await playbookRun(playbook, { now: NOW, playbooksDir: DIR });
  await r.open();
  return r;
}
const pairs = (list: { template: string; level: string }[]) => list.map((x) => `${x.template}@${x.level}`).sort();

describe('rising versus returning (rising.yaml)', () => {
  it('raises and announces a level reached from below; coming back down repeats nothing done, announces nothing and keeps the regions where they were', async () => {
    const run = await start('rising');
    const up1 = await run.send('RISE');
    expect(pairs(up1.raised)).toEqual(['briefing@level_1', 'checklist@level_1', 'sandbags@level_1']);
    for (const t of ['sandbags', 'checklist', 'briefing']) await run.complete(t);
    const up2 = await run.send('RISE');
    expect(pairs(up2.raised)).toEqual(['evacuee_list@level_2', 'medical_post@level_2']);
    await run.complete('evacuee_list');
    expect(await run.openTemplates()).toEqual(['medical_post', 'move_people']);
    await run.send('RISE');
    const announced = async () => (await run.notifications()).filter((n) => n.kind === 'party').length;
    expect(await announced()).toBe(2);

    const down2 = await run.send('LOWER');
    expect(down2.incident.state).toBe('level_2.evacuation.moving,level_2.medical.post');
    expect(down2.raised).toEqual([]);
    const down1 = await run.send('LOWER');
    expect(pairs(down1.raised)).toEqual(['briefing@level_1']); // raise: always
    expect(await announced()).toBe(2);

    await run.send('LOWER');
    const again = await run.send('RISE');
    // A new rise from below: announced again; the `raise: once` checklist is not raised twice in an incident.
    expect(pairs(again.raised)).toEqual(['sandbags@level_1']);
    expect(await announced()).toBe(3);
  });
});

describe('cumulative levels (cumulative.yaml)', () => {
  it('a jump from watch to level 3 raises the never-raised measures of levels 1 and 2, not those already raised', async () => {
    const run = await start('cumulative');
    await run.send('RISE');
    await run.complete('warn_people');
    const jump = await run.send('FLASH_FLOOD');
    expect(pairs(jump.raised)).toEqual(['evacuate@level_2', 'rescue@level_3']);
    expect(pairs(await run.tasks('open'))).toEqual(['check_dykes@level_1', 'evacuate@level_2', 'rescue@level_3']);
  });

  it('straight from watch, every lower level is owed', async () => {
    const run = await start('cumulative');
    const jump = await run.send('FLASH_FLOOD');
    expect(pairs(jump.raised)).toEqual(['check_dykes@level_1', 'evacuate@level_2', 'rescue@level_3', 'warn_people@level_1']);
  });
});

describe('handlers and ownership (ownership.yaml)', () => {
  it('a handler on the machine raises at any level; a transition raises in the level it leads to', async () => {
    const run = await start('ownership');
    expect((await run.incident()).allowedEvents).toContain('PERSON_MISSING');
    expect(pairs((await run.send('PERSON_MISSING')).raised)).toEqual(['search_person@watch']);
    const up = await run.send('RISE');
    expect(pairs(up.raised)).toEqual(['damage_report@alert', 'open_shelter@alert', 'reading@alert', 'siren@alert']);
  });

  it('leaving a step retires its tasks; leaving a level ends its series unasked; a report that survives lowering stays', async () => {
    const run = await start('ownership');
    await run.send('RISE');
    const warned = await run.send('ALL_WARNED');
    expect(warned.cancelled.map((x) => [x.template, x.cancelReason])).toEqual([['siren', { vi: 'Bước đã kết thúc', en: 'The step was left' }]]);
    const lowered = await run.send('LOWER');
    expect(lowered.cancelled.map((x) => x.template).sort()).toEqual(['open_shelter', 'reading']);
    expect(await run.openTemplates()).toEqual(['damage_report']);
    await run.clockTo(at('16:30'));
    expect(await run.openTemplates()).toEqual(['damage_report']);
  });

  it('a level left without any cancel in the plan still ends its recurring series', async () => {
    const run = await start('ownership');
    await run.send('RISE');
    const down = await run.send('STAND_DOWN');
    const reading = down.cancelled.find((x) => x.template === 'reading')!;
    expect(reading.cancelReason).toEqual({ vi: 'Đã rời cấp độ', en: 'The level was left' });
    await run.clockTo(at('12:30'));
    expect((await run.tasks('open')).filter((x) => x.template === 'reading')).toEqual([]);
  });
});

describe('phases that are not levels (phases.yaml)', () => {
  it('the incident view, the board and the playbook tell a phase from a level', async () => {
    const run = await start('phases');
    expect((await run.incident()).phase).toBeNull();
    await run.send('RISE');
    const board = async () => (await run.get('/board')).incidents[0].level;
    expect(await board()).toMatchObject({ key: 'alert', kind: 'level', rank: 1 });
    const recovering = await run.send('RECOVER');
    expect(recovering.incident).toMatchObject({ level: 'recovery', phase: { key: 'recovery', title: { vi: 'Khắc phục hậu quả', en: 'Recovery' } } });
    expect(await board()).toMatchObject({ key: 'recovery', kind: 'phase', rank: -1 });
    const described = await run.get('/playbooks/phases');
    expect(described.levels.map((l: { id: string; kind: string; rank: number }) => [l.id, l.kind, l.rank])).toEqual([
      ['watch', 'level', 0],
      ['alert', 'level', 1],
      ['recovery', 'phase', -1],
      ['closed', 'phase', -1],
    ]);
  });
});
