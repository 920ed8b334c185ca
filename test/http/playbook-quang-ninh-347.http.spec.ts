import { timerStore } from '../../src/incidents/timer-store.js';
import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

/**
 * Quảng Ninh notice 347-TB/TU (seed 001) end to end: routine measures in the green zone, a positive result at a
 * checkpoint, F1 and F0 information, the tracing → zoning gate, lowering, the recurring checkpoint and
 * screening duties, and the end of the notice after 15 Oct 2021 (local time).
 */
const MIN = 60_000;

// Tuesday 7 Sep 2021, 08:00 in Hồ Chí Minh City (UTC+7), the day after the notice.
const START = '2021-09-07T01:00:00.000Z';
const at = (iso: string) => new Date(iso).toISOString();

type Task = Awaited<ReturnType<PlaybookRun['tasks']>>[number];

let run: PlaybookRun;
let incidentId: string;

beforeAll(async () => {
  run = await playbookRun('quang-ninh-347', { now: START });
});
afterAll(() => run?.close());

const get = (path: string) => run.get(path);
const byTemplate = (tasks: Task[], template: string) => tasks.filter((x) => x.template === template);
const one = (tasks: Task[], template: string) => {
  const found = byTemplate(tasks, template);
  expect(found).toHaveLength(1);
  return found[0];
};
const ids = (tasks: { id: string }[]) => tasks.map((x) => x.id).sort();
const clockTo = (iso: string) => run.clockTo(iso);

const ROUTINE = [
  'checkpoint_daily_report',
  'checkpoint_driver_lane',
  'checkpoint_logbook_and_data',
  'checkpoint_qr_bluezone',
  'checkpoint_rapid_test_drivers',
  'communication_campaign',
  'consolidate_local_steering_committees',
  'coordinate_arrivals_from_outbreak_areas',
  'fix_border_gate_gaps',
  'inspect_response_readiness',
  'isolation_treatment_capacity',
  'local_testing_capacity',
  'operate_command_centres',
  'school_prevention_plans',
  'shared_technology_platforms',
  'strengthen_community_covid_teams',
  'strengthen_sea_waterway_checkpoints',
  'tighten_entry_control',
  'train_health_workers',
  'vaccinate_workers_september',
  'vaccination_workforce_plan',
  'weekly_screening_plan',
  'workplace_5k',
  'workplace_f0_drill',
  'workplace_variant_plans',
];

describe('playbook quang-ninh-347 (Quảng Ninh notice 347-TB/TU)', () => {
  it('is described with its levels in order, its roles and every template naming its point of the notice', async () => {
    const p = await get('/playbooks/quang-ninh-347');
    expect(p.levels.map((l: { id: string }) => l.id)).toEqual(['green_zone', 'contact_identified', 'f0_detected', 'ended']);
    expect(p.roles.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['steering_committee_head', 'command_centre', 'checkpoint_team', 'rapid_response_team', 'district_health_office']),
    );
    for (const t of p.taskTemplates as { key: string; source?: string }[]) expect(t.source).toMatch(/^347-TB\/TU mục [1-8]/);
  });

  it('opens in the green zone with the routine measures of points 1-8, each with its kind and role', async () => {
    const inc = await run.open();
    incidentId = inc.id;
    expect(inc).toMatchObject({ playbook: 'quang-ninh-347', level: 'green_zone', state: 'green_zone.directive_issued' });
    expect(inc.allowedEvents).toEqual(['DIRECTIVE_ENDED', 'F0_DETECTED', 'F1_IDENTIFIED', 'POSITIVE_AT_CHECKPOINT']);
    expect(await run.openTemplates()).toEqual(ROUTINE);

    const open = await run.tasks('open');
    expect(open.every((x) => x.level === 'green_zone')).toBe(true);
    const expectTask = (template: string, kind: string, role: string) => expect(one(open, template)).toMatchObject({ kind, role, assignedRole: role });
    // Point 2: the four checkpoints.
    expectTask('checkpoint_driver_lane', 'duty', 'checkpoint_team');
    expectTask('checkpoint_rapid_test_drivers', 'testing', 'checkpoint_team');
    expectTask('checkpoint_qr_bluezone', 'inspection', 'checkpoint_team');
    expectTask('checkpoint_logbook_and_data', 'listing', 'checkpoint_team');
    expectTask('strengthen_sea_waterway_checkpoints', 'duty', 'district_people_committee');
    // Point 1, 4-8.
    expectTask('operate_command_centres', 'reporting', 'command_centre');
    expectTask('workplace_f0_drill', 'other', 'workplace_heads');
    expectTask('school_prevention_plans', 'other', 'department_of_education');
    expectTask('local_testing_capacity', 'testing', 'department_of_health_staff');
    expectTask('isolation_treatment_capacity', 'isolation', 'district_people_committee');
    expectTask('communication_campaign', 'communication', 'communication_agencies');
    // "Khẩn trương" = three days; coal workers vaccinated within September 2021.
    expect(one(open, 'consolidate_local_steering_committees').dueAt).toBe(at('2021-09-10T01:00:00Z'));
    expect(one(open, 'vaccinate_workers_september').dueAt).toBe(at('2021-09-30T17:00:00Z')); // by the end of September, local time

    // Recurring duties: each checkpoint's end-of-day report (21:00 local) and the weekly screening plan (Monday 08:00).
    expect(one(open, 'checkpoint_daily_report')).toMatchObject({ kind: 'reporting', role: 'checkpoint_team', dueAt: at('2021-09-07T14:00:00Z'), occurrence: at('2021-09-07T14:00:00Z') });
    expect(one(open, 'weekly_screening_plan')).toMatchObject({ kind: 'testing', role: 'district_health_office', dueAt: at('2021-09-13T01:00:00Z') });

    // The end of the notice is already scheduled: the end of 15 Oct 2021 in the unit's zone.
    const timers = await run.t.foundations.db.read((sql) => timerStore.list(sql, incidentId));
    expect(timers.find((x) => x.key === 'expires')).toMatchObject({ event: { type: 'DIRECTIVE_ENDED' } });
    expect(new Date(timers.find((x) => x.key === 'expires')!.fire_at).toISOString()).toBe(at('2021-10-15T17:00:00Z'));
  });

  it('a positive result at a checkpoint keeps the level and has the localities and agencies notified at once', async () => {
    const res = await run.send('POSITIVE_AT_CHECKPOINT');
    expect(res.incident).toMatchObject({ level: 'green_zone', state: 'green_zone.directive_issued' });
    expect(res.cancelled).toEqual([]);
    expect(res.raised).toHaveLength(1);
    expect(res.raised[0]).toMatchObject({
      template: 'notify_positive_at_checkpoint',
      kind: 'notification',
      role: 'checkpoint_team',
      level: 'green_zone',
      dueAt: at('2021-09-07T01:15:00Z'), // "thông báo ngay": PT15M
    });
    const sent = (await get(`/notifications?incident=${incidentId}&limit=500`)) as { kind: string; audience: string }[];
    expect(sent.filter((n) => n.kind === 'party').map((n) => n.audience).sort()).toEqual(['department_of_health', 'local_authority']);
    await run.complete('notify_positive_at_checkpoint');
  });

  it('the checkpoint end-of-day report recurs every day at 21:00 local time', async () => {
    await clockTo('2021-09-07T14:01:00Z');
    const reports = byTemplate(await run.tasks('open'), 'checkpoint_daily_report');
    expect(reports.map((x) => x.dueAt).sort()).toEqual([at('2021-09-07T14:00:00Z'), at('2021-09-08T14:00:00Z')]);
    await run.complete('checkpoint_daily_report');
    expect(byTemplate(await run.tasks('open'), 'checkpoint_daily_report').map((x) => x.dueAt)).toEqual([at('2021-09-08T14:00:00Z')]);
  });

  it('F1 information raises the contact level: an immediate report to the steering committee heads and rapid testing', async () => {
    await clockTo('2021-09-08T01:00:00Z');
    const greenOpen = await run.tasks('open');
    const res = await run.send('F1_IDENTIFIED');
    expect(res.incident).toMatchObject({ level: 'contact_identified', state: 'contact_identified' });
    expect(res.cancelled).toEqual([]);
    expect(res.raised.map((x) => x.template).sort()).toEqual(['isolate_manage_f1_f2', 'report_f1_to_steering_heads', 'sample_test_f1']);
    expect(one(res.raised, 'report_f1_to_steering_heads')).toMatchObject({ kind: 'notification', role: 'command_centre', level: 'contact_identified', dueAt: at('2021-09-08T01:15:00Z') });
    expect(one(res.raised, 'sample_test_f1')).toMatchObject({ kind: 'testing', role: 'rapid_response_team' });
    expect(one(res.raised, 'isolate_manage_f1_f2')).toMatchObject({ kind: 'isolation', role: 'rapid_response_team' });
    const sent = (await get(`/notifications?incident=${incidentId}&limit=500`)) as { kind: string; audience: string }[];
    expect(sent.filter((n) => n.kind === 'party' && n.audience === 'steering_committee')).toHaveLength(1);
    // The routine measures carry on.
    expect(ids((await run.tasks('open')).filter((x) => x.level === 'green_zone'))).toEqual(ids(greenOpen));

    // Lowering needs the F1 tested first.
    expect((await run.trySend('F1_TESTED_NEGATIVE')).status).toBe(409);
    await run.complete('report_f1_to_steering_heads');
    await run.complete('sample_test_f1');
    const before = await run.tasks('open');
    const down = await run.send('F1_TESTED_NEGATIVE');
    expect(down.incident).toMatchObject({ level: 'green_zone', state: 'green_zone.resumed' });
    // Exactly the contact level's open task is retired, with the reason; nothing of the green zone is raised again.
    expect(ids(down.cancelled)).toEqual(ids(before.filter((x) => x.level === 'contact_identified')));
    expect(down.cancelled.map((x) => x.template)).toEqual(['isolate_manage_f1_f2']);
    expect(down.cancelled[0]).toMatchObject({ status: 'cancelled', cancelReason: { vi: expect.stringMatching(/âm tính/), en: expect.stringMatching(/negative/) } });
    expect(down.raised).toEqual([]);
    expect(ids(await run.tasks('open'))).toEqual(ids(before.filter((x) => x.level === 'green_zone')));
  });

  it('F0 detection: immediate report, tracing of the source, landmarks and every F1/F2; zoning one level wider only after tracing', async () => {
    await run.send('F1_IDENTIFIED');
    // A new F1: a new report (the earlier one is done).
    expect(byTemplate(await run.tasks(), 'report_f1_to_steering_heads')).toHaveLength(2);

    const res = await run.send('F0_DETECTED');
    expect(res.incident).toMatchObject({ level: 'f0_detected', state: 'f0_detected.tracing' });
    expect(res.cancelled).toEqual([]);
    expect(res.raised.map((x) => x.template).sort()).toEqual([
      'coordinate_forces_security_order',
      'isolate_treat_f0',
      'report_f0_to_steering_heads',
      'sample_test_traced_contacts',
      'trace_all_f1_f2',
      'trace_by_technology',
      'trace_source_and_landmarks',
    ]);
    const now = run.t.clock.now().getTime();
    expect(one(res.raised, 'report_f0_to_steering_heads')).toMatchObject({ kind: 'notification', role: 'command_centre', level: 'f0_detected', dueAt: new Date(now + 15 * MIN).toISOString() });
    expect(one(res.raised, 'trace_source_and_landmarks')).toMatchObject({ kind: 'listing', role: 'rapid_response_team' });
    expect(one(res.raised, 'trace_all_f1_f2')).toMatchObject({ kind: 'listing', role: 'rapid_response_team' });
    expect(one(res.raised, 'trace_by_technology')).toMatchObject({ kind: 'listing', role: 'command_centre' });
    expect(one(res.raised, 'sample_test_traced_contacts')).toMatchObject({ kind: 'testing', role: 'rapid_response_team' });
    expect(one(res.raised, 'isolate_treat_f0')).toMatchObject({ kind: 'isolation', role: 'department_of_health_staff' });
    expect(one(res.raised, 'coordinate_forces_security_order')).toMatchObject({ kind: 'duty', role: 'public_security' });
    // The contact level's tasks stay open at the F0 level.
    expect(await run.openTemplates()).toEqual(expect.arrayContaining(['isolate_manage_f1_f2', 'report_f1_to_steering_heads', 'sample_test_f1']));

    // Gate: no zoning, and no lowering, before the tracing is done.
    expect(await run.openTemplates()).not.toContain('zone_one_level_wider');
    expect((await run.trySend('OUTBREAK_CONTAINED')).status).toBe(409);
    await run.complete('trace_source_and_landmarks');
    expect((await run.incident()).state).toBe('f0_detected.tracing');
    expect(await run.openTemplates()).not.toContain('zone_one_level_wider');
    await run.complete('trace_all_f1_f2');
    const zoning = await run.incident();
    expect(zoning.state).toBe('f0_detected.zoning');
    expect(one(zoning.openTasks as Task[], 'zone_one_level_wider')).toMatchObject({ kind: 'closure', role: 'district_people_committee', level: 'f0_detected' });
    // The F1 isolation raised at the contact level carries over: still one open task.
    expect(byTemplate(zoning.openTasks as Task[], 'isolate_manage_f1_f2')).toHaveLength(1);

    // Another F0 while zoning: reported and traced again from the start; open tasks carry over, done ones are raised anew.
    const again = await run.send('F0_DETECTED');
    expect(again.incident.state).toBe('f0_detected.tracing');
    expect(again.raised.map((x) => x.template).sort()).toEqual(['trace_all_f1_f2', 'trace_source_and_landmarks']);
    await run.complete('trace_source_and_landmarks');
    await run.complete('trace_all_f1_f2');
    expect((await run.incident()).state).toBe('f0_detected.zoning');
    expect(byTemplate(await run.tasks(), 'zone_one_level_wider')).toHaveLength(1);

    await run.complete('zone_one_level_wider');
    await run.complete('sample_test_traced_contacts');
    await run.complete('isolate_manage_f1_f2');
    const out = await run.incident();
    expect(out.state).toBe('f0_detected.stamping_out');
    expect(out.allowedEvents).toContain('OUTBREAK_CONTAINED');
  });

  it('lowering after the outbreak is contained retires exactly the open tasks of the F1 and F0 levels', async () => {
    const before = await run.tasks('open');
    const higher = before.filter((x) => x.level === 'contact_identified' || x.level === 'f0_detected');
    expect(higher.map((x) => x.template).sort()).toEqual([
      'coordinate_forces_security_order',
      'isolate_treat_f0',
      'report_f0_to_steering_heads',
      'report_f1_to_steering_heads',
      'sample_test_f1', // raised again by the second F1 (the first was done)
      'trace_by_technology',
    ]);
    const down = await run.send('OUTBREAK_CONTAINED');
    expect(down.incident).toMatchObject({ level: 'green_zone', state: 'green_zone.resumed' });
    expect(ids(down.cancelled)).toEqual(ids(higher));
    for (const t of down.cancelled) expect(t.cancelReason).toEqual({ vi: expect.stringMatching(/dập dịch/), en: expect.stringMatching(/stamped out/) });
    expect(down.raised).toEqual([]);
    expect(ids(await run.tasks('open'))).toEqual(ids(before.filter((x) => x.level === 'green_zone')));
    // Done tasks stay done.
    expect(one(await run.tasks('done'), 'zone_one_level_wider').status).toBe('done');
  });

  it('the weekly screening plan recurs on Mondays at 08:00', async () => {
    await clockTo('2021-09-13T01:01:00Z');
    const plans = byTemplate(await run.tasks('open'), 'weekly_screening_plan');
    expect(plans.map((x) => x.dueAt).sort()).toEqual([at('2021-09-13T01:00:00Z'), at('2021-09-20T01:00:00Z')]);
  });

  it('the notice ends when 15 Oct 2021 ends in Quảng Ninh: every open task and recurring duty stops', async () => {
    await clockTo('2021-10-15T16:59:00Z');
    expect((await run.incident()).level).toBe('green_zone');
    const open = await run.tasks('open');
    expect(open.length).toBeGreaterThan(0);

    await clockTo('2021-10-15T17:00:30Z');
    const inc = await run.incident();
    expect(inc).toMatchObject({ level: 'ended', state: 'ended', allowedEvents: [], openTasks: [] });
    const ended = (await get(`/incidents/${incidentId}/timeline`)) as { type: string; actor: string; to: { level: string } }[];
    expect(ended.filter((e) => e.type === 'DIRECTIVE_ENDED')).toEqual([expect.objectContaining({ actor: 'scheduler', to: expect.objectContaining({ level: 'ended' }) })]);
    const cancelled = (await run.tasks('cancelled')).filter((x) => open.some((o) => o.id === x.id));
    expect(ids(cancelled)).toEqual(ids(open));
    expect(cancelled.every((x) => /15\/10\/2021/.test((x.cancelReason as { vi: string }).vi))).toBe(true);

    // No recurring duty comes back, and no event moves the incident any more.
    const timers = await run.t.foundations.db.read((sql) => timerStore.list(sql, incidentId));
    expect(timers.filter((x) => x.key.startsWith('recur:') || x.key === 'expires')).toEqual([]);
    const count = (await run.tasks()).length;
    await clockTo('2021-10-18T02:00:00Z');
    expect((await run.tasks()).length).toBe(count);
    expect((await run.trySend('F1_IDENTIFIED')).status).toBe(409);
  });
});
