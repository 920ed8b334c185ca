import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

/**
 * The commune flood plan (playbooks/commune-flood.yaml, issue 11's non-COVID sample) end to end: a flash
 * flood jumps from watch to level 3 (cumulative levels), hourly water readings in the unit's zone, a
 * lowering that re-raises and re-announces nothing, a missing person's search, recovery and closing; and
 * the normal rise where a reading of 350 cm or more moves level 2 to level 3.
 */
const ZONE = 'Asia/Ho_Chi_Minh';
// Tuesday 15 Sep 2026, 07:20 in the commune (UTC+7), in the flood season.
const START = '2026-09-15T00:20:00.000Z';
const at = (local: string, day = '15') => new Date(`2026-09-${day}T${local}:00.000+07:00`).toISOString();

type Task = Awaited<ReturnType<PlaybookRun['tasks']>>[number];
const pairs = (list: { template: string; level: string }[]) => list.map((x) => `${x.template}@${x.level}`).sort();

let r: PlaybookRun | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});
async function start(): Promise<PlaybookRun> {
  r = await playbookRun('commune-flood', { now: START, timeZone: ZONE });
  await r.open();
  return r;
}
async function post(run: PlaybookRun, type: string, data?: Record<string, unknown>) {
  const id = (await run.incident()).id;
  return run.t.http.post(`/incidents/${id}/events`).set(run.dutyHeader()).send(data ? { type, data } : { type });
}
const due = async (run: PlaybookRun, template: string) =>
  (await run.tasks('open'))
    .filter((x: Task) => x.template === template)
    .map((x) => x.dueAt)
    .sort();
const announced = async (run: PlaybookRun) =>
  (await run.notifications()).filter((n) => n.kind === 'party').map((n) => n.audience).sort();

const LEVEL_1 = ['broadcast_warning', 'convene_steering_committee', 'daily_situation_report'];
const LEVEL_2 = ['evacuate_households', 'food_and_water_stock', 'guard_evacuated_homes', 'medical_readiness', 'read_water_level', 'youth_shock_team'];
const LEVEL_3 = ['block_dangerous_crossings', 'emergency_relief', 'quick_damage_report', 'rescue_standby'];

describe('playbook commune-flood (a commune flood plan under "4 tại chỗ")', () => {
  it('is described with its levels and phases, at least nine roles, declared event data, its own task kinds and every text in both languages', async () => {
    const run = await start();
    const p = await run.get('/playbooks/commune-flood');
    expect(p.roles.length).toBeGreaterThanOrEqual(9);
    expect(p.levels.map((l: { id: string; kind: string }) => `${l.id}:${l.kind}`)).toEqual([
      'watch:level',
      'level_1:level',
      'level_2:level',
      'level_3:level',
      'recovery:phase',
      'closed:phase',
    ]);
    expect(p.events.find((e: { type: string }) => e.type === 'WATER_LEVEL_READING').data.waterLevelCm).toMatchObject({ type: 'number', required: true });
    for (const t of p.taskTemplates) expect(t.title.vi).not.toBe(t.title.en);
    // Its own task kinds beside the built-in ones.
    expect(p.kinds.map((k: { key: string }) => k.key)).toEqual(['evacuation', 'rescue', 'medical', 'logistics', 'recovery']);
    expect(p.taskTemplates.find((t: { key: string }) => t.key === 'evacuate_households').kind).toBe('evacuation');
  });

  it('flash flood: watch → level 3 raises levels 1 and 2 once, readings every hour, lowering repeats nothing, a search, recovery, closed', async () => {
    const run = await start();
    expect(await run.openTemplates()).toEqual(['check_equipment', 'review_response_plan']);

    // A flash flood jumps from watch to level 3: every measure of levels 1 and 2 is raised too, each in its own level, once.
    const jump = await run.send('FLASH_FLOOD');
    expect(jump.incident.level).toBe('level_3');
    expect(pairs(jump.raised)).toEqual(
      [...LEVEL_1.map((t) => `${t}@level_1`), ...LEVEL_2.map((t) => `${t}@level_2`), ...LEVEL_3.map((t) => `${t}@level_3`)].sort(),
    );
    // Only the level reached is announced.
    expect(await announced(run)).toEqual(['district_command']);
    // No forecast peak in a flash flood: the evacuation is due within 4 hours.
    expect(await due(run, 'evacuate_households')).toEqual([at('11:20')]);
    expect(await due(run, 'daily_situation_report')).toEqual([at('16:00')]);

    // Water readings on the hour in the commune's zone, one more each hour.
    expect(await due(run, 'read_water_level')).toEqual([at('08:00')]);
    await run.clockTo(at('08:00'));
    expect(await due(run, 'read_water_level')).toEqual([at('08:00'), at('09:00')]);
    await run.complete('read_water_level');
    await run.clockTo(at('09:00'));
    expect(await due(run, 'read_water_level')).toEqual([at('09:00'), at('10:00')]);
    await run.complete('read_water_level');

    // A missing person: searched for at any level; bad data is refused naming the field.
    const bad = await post(run, 'PERSON_MISSING', { village: 'Thôn Đông' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((x: { field: string }) => x.field)).toEqual(['data.personId']);
    const missing = await post(run, 'PERSON_MISSING', { personId: 'p-017', village: 'Thôn Đông' });
    expect(missing.status).toBe(200);
    expect(pairs(missing.body.raised)).toEqual(['search_missing_person@level_3']);
    expect(missing.body.raised[0]).toMatchObject({ dueAt: at('09:15'), instance: 'p-017' });
    // The same person reported again adds no second search (keyedBy: personId).
    expect((await post(run, 'PERSON_MISSING', { personId: 'p-017' })).body.raised).toEqual([]);

    // The bulletin lowers the risk to level 2: level 3's measures end, except the quick damage report and
    // the search (survive: lowering); nothing of level 2 is raised again and level 2 is not announced.
    const lowered = await run.send('LEVEL_2_DECLARED');
    expect(lowered.incident.level).toBe('level_2');
    expect(lowered.raised).toEqual([]);
    expect(lowered.cancelled.map((x) => x.template).sort()).toEqual(['block_dangerous_crossings', 'emergency_relief', 'rescue_standby']);
    expect(await announced(run)).toEqual(['district_command']);
    const open = await run.openTemplates();
    expect(open).toEqual(expect.arrayContaining(['quick_damage_report', 'search_missing_person', ...LEVEL_2]));
    // The hourly reading goes on at level 2.
    await run.clockTo(at('10:00'));
    expect(await due(run, 'read_water_level')).toEqual([at('10:00'), at('11:00')]);
    // A reading under 350 cm keeps level 2 and is passed on to the district.
    const low = await post(run, 'WATER_LEVEL_READING', { waterLevelCm: 320, readAt: at('10:00') });
    expect(low.status).toBe(200);
    expect(low.body.incident.level).toBe('level_2');
    expect(await announced(run)).toEqual(['district_command', 'district_command']);

    // The waters recede: recovery is a phase, not a level; the levels' open measures and recurring
    // readings end; the search and the quick damage report are still owed.
    const receded = await run.send('WATERS_RECEDED');
    expect(receded.incident.level).toBe('recovery');
    expect((await run.incident()).phase).toMatchObject({ key: 'recovery' });
    expect(pairs(receded.raised)).toEqual(['assess_damage@recovery', 'help_households_return@recovery', 'sanitation_after_flood@recovery']);
    expect(await run.openTemplates()).toEqual(['assess_damage', 'help_households_return', 'quick_damage_report', 'sanitation_after_flood', 'search_missing_person']);
    await run.clockTo(at('12:00'));
    expect(await due(run, 'read_water_level')).toEqual([]);

    // Closing waits for the recovery work.
    expect((await run.trySend('RECOVERY_COMPLETED')).status).toBe(409);
    for (const t of ['assess_damage', 'sanitation_after_flood', 'help_households_return', 'quick_damage_report', 'search_missing_person']) await run.complete(t);
    const closed = await run.send('RECOVERY_COMPLETED');
    expect(closed.incident.level).toBe('closed');
    // Nothing moves a closed incident, the machine-wide PERSON_MISSING handler included.
    expect(closed.incident.allowedEvents).toEqual([]);
    const late = await post(run, 'PERSON_MISSING', { personId: 'p-018', village: 'Thôn Đông' });
    expect(late.status).toBe(409);
    expect(await run.openTemplates()).toEqual([]);
    await run.clockTo(at('16:00', '16'));
    expect(await run.openTemplates()).toEqual([]);
  });

  it('the normal rise: a reading of 350 cm or more moves level 2 to level 3, the evacuation is due 6 hours before the forecast peak and escalates when late', async () => {
    const run = await start();
    const one = await run.send('LEVEL_1_DECLARED');
    expect(pairs(one.raised)).toEqual(LEVEL_1.map((t) => `${t}@level_1`));
    const two = await post(run, 'LEVEL_2_DECLARED', { forecastPeakAt: at('20:00') });
    expect(two.status).toBe(200);
    expect(two.body.raised.find((x: Task) => x.template === 'evacuate_households').dueAt).toBe(at('14:00'));
    // Level 2 tells the district command and the district health centre.
    expect(await announced(run)).toEqual(['district_command', 'district_command', 'district_health_centre']);
    // The daily report runs on at level 2, still at 16:00 local.
    expect((await run.tasks('open')).filter((x) => x.template === 'daily_situation_report').map((x) => [x.dueAt, x.level])).toEqual([[at('16:00'), 'level_2']]);

    const under = await post(run, 'WATER_LEVEL_READING', { waterLevelCm: 349 });
    expect(under.body.incident.level).toBe('level_2');
    const over = await post(run, 'WATER_LEVEL_READING', { waterLevelCm: 350 });
    expect(over.status).toBe(200);
    expect(over.body.incident.level).toBe('level_3');
    // Nothing of levels 1 and 2 is owed: only level 3's own measures and its readings and report.
    expect(pairs(over.body.raised).filter((x) => !x.startsWith('read_water_level') && !x.startsWith('daily_situation_report'))).toEqual(
      LEVEL_3.map((t) => `${t}@level_3`),
    );
    expect(await due(run, 'read_water_level')).toEqual([at('08:00')]);

    // Above level 3 the commune hands over and stays at level 3.
    const handover = await run.send('ABOVE_LEVEL_3_DECLARED');
    expect(handover.incident.level).toBe('level_3');
    expect(handover.raised).toEqual([]);

    // An evacuation not done by its time goes to the standing deputy, then half an hour later to the chief.
    const escalated = async () => (await run.notifications()).filter((n) => n.kind === 'escalation').map((n) => n.audience);
    await run.clockTo(at('14:00'));
    expect(await escalated()).toEqual(['commune_vice_chair']);
    await run.clockTo(at('14:30'));
    expect((await escalated()).sort()).toEqual(['commune_chair', 'commune_vice_chair']);
  });
});
