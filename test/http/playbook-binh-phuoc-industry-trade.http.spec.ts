import { DirectoryService } from '../../src/directory/directory.service.js';
import { playbookRun, templatesOf, type PlaybookRun } from '../support/playbook-run.js';

/**
 * The Bình Phước Department of Industry and Trade plan (seed 003) end to end through the HTTP API:
 * routine prevention (II, IV), a case near the workplace (III.1), a case inside (III.2 Bước 1 → Bước 2),
 * and back, on a fake clock that starts on Monday 31 May 2021 at 08:00 in Ho Chi Minh City.
 */
const PLAYBOOK = 'binh-phuoc-industry-trade';
const START = '2021-05-31T01:00:00Z'; // 08:00 local
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso).toISOString();

const PREVENTION = [
  // II.1
  'advise_directives',
  'division_directives',
  'inspect_5k',
  'visitor_control',
  'centre_visitor_control',
  // II.2
  'communicate_prevention',
  'relay_provincial_directives',
  'advise_against_travel',
  'steering_committee_duties',
  // II.3
  'daily_cleaning',
  'soap_in_restrooms',
  'sanitiser_at_entrance',
  'monitor_masks',
  'require_bluezone_ncovi',
  'out_of_province_reporting',
  'suspend_gatherings',
  'work_from_home_distancing',
  'list_vaccination_priority',
  'centre_prevention_measures',
  // IV
  'brief_staff_on_plan',
  'oversee_plan',
  'daily_report',
  'aggregate_daily_reports',
];
// III.1 a) and b), with the kind and role of each.
const NEARBY: Record<string, [kind: string, role: string]> = {
  wipe_surfaces_chlorine: ['disinfection', 'chief_of_office'],
  request_spraying: ['disinfection', 'chief_of_office'],
  request_sampling: ['testing', 'chief_of_office'],
  follow_local_situation: ['reporting', 'monitoring_team'],
  propose_work_from_home: ['communication', 'chief_of_office'],
  list_staff_on_duty: ['listing', 'chief_of_office'],
  notify_monitoring_team: ['notification', 'head_of_division'],
  self_isolation_hygiene: ['communication', 'head_of_division'],
  buy_equipment: ['procurement', 'chief_of_office'],
  car_on_standby: ['duty', 'chief_of_office'],
};
const STEP1 = ['notify_department_of_health', 'notify_local_authority', 'notify_provincial_cdc'];
const STEP2 = ['disinfect_patient_room', 'hand_washing_entry_exit', 'protective_equipment'];

type Task = Awaited<ReturnType<PlaybookRun['tasks']>>[number];
const templates = templatesOf;
const byTemplate = (xs: Task[], template: string) => xs.find((x) => x.template === template)!;

let run: PlaybookRun;

beforeAll(async () => {
  run = await playbookRun(PLAYBOOK, { now: START });
  const directory = run.t.app.get(DirectoryService);
  // The unit can reach the three parties of Bước 1 (through the service log).
  await directory.updateUnit(null, 'unit', {
    contacts: Object.fromEntries(['department_of_health', 'provincial_cdc', 'local_authority'].map((p) => [p, { log: true }])),
  });
});
afterAll(() => run.close());

const get = (path: string) => run.get(path);

describe('the playbook', () => {
  it('has the three levels, the chain of IV.2 and a seed-003 source on every template', async () => {
    const p = await get(`/playbooks/${PLAYBOOK}`);
    expect(p.levels.map((l: { id: string }) => l.id)).toEqual(['prevention', 'case_nearby', 'case_inside']);
    const reportsTo = Object.fromEntries(p.roles.map((r: { key: string; reportsTo?: string }) => [r.key, r.reportsTo ?? null]));
    // IV.2: the Chief of Office, the Chief Inspector and the centre director answer to the Director.
    expect(reportsTo).toMatchObject({ director: null, chief_of_office: 'director', chief_inspector: 'director', promotion_centre_director: 'director' });
    expect(p.events.map((e: { type: string }) => e.type).sort()).toEqual(['ALL_CLEAR', 'CASE_INSIDE_REPORTED', 'CASE_NEARBY_REPORTED', 'CASE_RULED_OUT']);
    for (const t of p.taskTemplates as { key: string; source?: string; title: { vi: string; en: string }; escalation?: string }[]) {
      expect([t.key, t.source]).toEqual([t.key, expect.stringMatching(/^003 (I|II|III|IV)/)]);
      expect(t.title.vi && t.title.en && t.escalation).toBeTruthy();
    }
  });
});

describe('one incident through the plan', () => {
  it('opens in prevention with the II and IV tasks, each with its kind and role', async () => {
    const inc = await run.open();
    expect(inc).toMatchObject({ level: 'prevention', state: 'prevention' });
    expect(inc.allowedEvents).toEqual(['CASE_INSIDE_REPORTED', 'CASE_NEARBY_REPORTED']);
    expect(templates(inc.openTasks)).toEqual([...PREVENTION].sort());
    expect(inc.openTasks.every((x) => x.level === 'prevention')).toBe(true);

    const tasks = await run.tasks('open');
    const expectTask = (template: string, kind: string, role: string) => expect(byTemplate(tasks, template)).toMatchObject({ kind, role, assignedRole: role });
    // II.1: directives (Chief of Office, heads of division), 5K inspection and daily visitor control
    // (Chief of Office for the department, the TTKC & TVPTCN director for the centre).
    expectTask('advise_directives', 'communication', 'chief_of_office');
    expectTask('division_directives', 'communication', 'head_of_division');
    expectTask('inspect_5k', 'inspection', 'chief_of_office');
    expectTask('visitor_control', 'inspection', 'chief_of_office');
    expectTask('centre_visitor_control', 'inspection', 'promotion_centre_director');
    // II.2: heads of divisions and units.
    for (const t of ['communicate_prevention', 'relay_provincial_directives', 'advise_against_travel']) expectTask(t, 'communication', 'head_of_division');
    // II.3: Chief of Office and the centre director.
    expectTask('daily_cleaning', 'duty', 'chief_of_office');
    expectTask('soap_in_restrooms', 'procurement', 'chief_of_office');
    expectTask('sanitiser_at_entrance', 'procurement', 'chief_of_office');
    expectTask('monitor_masks', 'inspection', 'chief_of_office');
    expectTask('require_bluezone_ncovi', 'inspection', 'chief_of_office');
    expectTask('out_of_province_reporting', 'reporting', 'chief_of_office');
    expectTask('suspend_gatherings', 'closure', 'chief_of_office');
    expectTask('work_from_home_distancing', 'duty', 'chief_of_office');
    expectTask('list_vaccination_priority', 'listing', 'chief_of_office');
    expectTask('centre_prevention_measures', 'inspection', 'promotion_centre_director');
    // IV.3: every division reports at 16:30 (09:30 UTC); the office aggregates.
    expectTask('daily_report', 'reporting', 'head_of_division');
    expectTask('aggregate_daily_reports', 'reporting', 'chief_of_office');

    expect(byTemplate(tasks, 'daily_report').dueAt).toBe(at('2021-05-31T09:30:00Z'));
    expect(byTemplate(tasks, 'aggregate_daily_reports').dueAt).toBe(at('2021-05-31T10:00:00Z'));
    // Daily checks at the start of the working day: 08:00 has passed, so the first is tomorrow 07:00.
    expect(byTemplate(tasks, 'visitor_control').dueAt).toBe(at('2021-06-01T00:00:00Z'));
    expect(byTemplate(tasks, 'daily_cleaning').dueAt).toBe(at('2021-06-01T00:00:00Z'));
    expect(byTemplate(tasks, 'list_vaccination_priority').dueAt).toBe(at('2021-06-03T01:00:00Z')); // P3D
  });

  it('raises the next 16:30 report when today’s falls due', async () => {
    await run.clockTo('2021-05-31T09:31:00Z'); // 16:31 local
    const reports = (await run.tasks('open')).filter((x) => x.template === 'daily_report');
    expect(reports.map((x) => x.dueAt).sort()).toEqual([at('2021-05-31T09:30:00Z'), at('2021-06-01T09:30:00Z')]);
  });

  it('a case near the workplace raises the III.1 measures at once, led by the Chief of Office', async () => {
    const { incident, raised, cancelled } = await run.send('CASE_NEARBY_REPORTED');
    expect(incident).toMatchObject({ level: 'case_nearby', state: 'case_nearby' });
    expect(incident.allowedEvents).toEqual(['ALL_CLEAR', 'CASE_INSIDE_REPORTED', 'CASE_RULED_OUT']);
    expect(cancelled).toEqual([]);
    expect(templates(raised)).toEqual(Object.keys(NEARBY).sort());
    for (const t of raised) {
      expect(t).toMatchObject({ level: 'case_nearby', status: 'open', kind: NEARBY[t.template][0], role: NEARBY[t.template][1] });
    }
    expect(byTemplate(raised, 'notify_monitoring_team').dueAt).toBe(new Date(run.t.clock.now().getTime() + 15 * MIN).toISOString()); // "ngay"
    // Prevention and the daily report run on.
    expect(await run.openTemplates()).toEqual(expect.arrayContaining(PREVENTION));
  });

  it('a case inside starts with Bước 1 only: the three notifications, and a message to each party', async () => {
    const { incident, raised, cancelled } = await run.send('CASE_INSIDE_REPORTED');
    expect(incident).toMatchObject({ level: 'case_inside', state: 'case_inside.step1_notify' });
    expect(cancelled).toEqual([]);
    expect(templates(raised)).toEqual(STEP1);
    for (const t of raised) {
      expect(t).toMatchObject({ kind: 'notification', role: 'chief_of_office', level: 'case_inside' });
      expect(t.dueAt).toBe(new Date(run.t.clock.now().getTime() + 15 * MIN).toISOString()); // "thông báo ngay"
    }
    const open = await run.openTemplates();
    for (const t of STEP2) expect(open).not.toContain(t);
    // The III.1 measures stay open alongside.
    expect(open).toEqual(expect.arrayContaining(Object.keys(NEARBY)));

    const sent = (await get(`/notifications?incident=${incident.id}&limit=500`)) as { kind: string; audience: string }[];
    expect(sent.filter((n) => n.kind === 'party').map((n) => n.audience).sort()).toEqual(['department_of_health', 'local_authority', 'provincial_cdc']);

    const refused = await run.trySend('ALL_CLEAR');
    expect(refused.status).toBe(409);
    expect(refused.body.state).toBe('case_inside.step1_notify');
  });

  it('Bước 2 starts only when all three Bước 1 notifications are done', async () => {
    await run.complete('notify_department_of_health');
    await run.complete('notify_provincial_cdc');
    let inc = await run.incident();
    expect(inc.state).toBe('case_inside.step1_notify');
    expect(templates(inc.openTasks)).not.toContain('disinfect_patient_room');

    await run.complete('notify_local_authority');
    inc = await run.incident();
    expect(inc.state).toBe('case_inside.step2_disinfect');
    const tasks = await run.tasks('open');
    expect(byTemplate(tasks, 'disinfect_patient_room')).toMatchObject({ kind: 'disinfection', role: 'chief_of_office', level: 'case_inside' });
    expect(byTemplate(tasks, 'protective_equipment')).toMatchObject({ kind: 'procurement', role: 'chief_of_office', level: 'case_inside' });
    expect(byTemplate(tasks, 'hand_washing_entry_exit')).toMatchObject({ kind: 'other', role: 'head_of_division', level: 'case_inside' });
    expect(templates(tasks)).not.toContain('reopen_patient_room');
  });

  it('the room is released, and all clear accepted, only after it is disinfected', async () => {
    await run.complete('protective_equipment');
    await run.complete('hand_washing_entry_exit');
    expect((await run.incident()).state).toBe('case_inside.step2_disinfect');
    expect(await run.openTemplates()).not.toContain('reopen_patient_room');

    for (const event of ['ALL_CLEAR', 'CASE_RULED_OUT']) {
      const refused = await run.trySend(event);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ level: 'case_inside', state: 'case_inside.step2_disinfect', allowedEvents: [] });
    }

    await run.complete('disinfect_patient_room');
    const inc = await run.incident();
    expect(inc.state).toBe('case_inside.room_released');
    expect(byTemplate(await run.tasks('open'), 'reopen_patient_room')).toMatchObject({ role: 'chief_of_office', level: 'case_inside' });
    expect(inc.allowedEvents).toEqual(['ALL_CLEAR', 'CASE_RULED_OUT']);
  });

  it('all clear retires exactly the open III.1 and III.2 tasks; prevention and the daily report stay', async () => {
    const before = await run.tasks('open');
    const higher = before.filter((x) => x.level !== 'prevention');
    expect(templates(higher)).toEqual([...Object.keys(NEARBY), 'reopen_patient_room'].sort());

    const { incident, raised, cancelled } = await run.send('ALL_CLEAR');
    expect(incident).toMatchObject({ level: 'prevention', state: 'prevention' });
    expect(cancelled.map((x) => x.id).sort()).toEqual(higher.map((x) => x.id).sort());
    for (const t of cancelled) {
      expect(t).toMatchObject({ status: 'cancelled', cancelReason: { vi: expect.stringMatching(/Hết nguy cơ/), en: expect.stringMatching(/All clear/) } });
    }
    expect(raised).toEqual([]); // every prevention task was still open: carried over, none raised twice
    const after = await run.tasks('open');
    expect(after.map((x) => x.id).sort()).toEqual(before.filter((x) => x.level === 'prevention').map((x) => x.id).sort());
    expect(after.filter((x) => x.template === 'daily_report')).toHaveLength(2);
    // The done Bước 1 and Bước 2 tasks keep their record.
    expect(templates(await run.tasks('done'))).toEqual([...STEP1, ...STEP2].sort());
  });

  it('the daily report goes on at 16:30 after the level is lowered', async () => {
    await run.clockBy(DAY); // Tuesday 16:31 local
    const reports = (await run.tasks('open')).filter((x) => x.template === 'daily_report');
    expect(reports.map((x) => x.dueAt).sort()).toEqual([at('2021-05-31T09:30:00Z'), at('2021-06-01T09:30:00Z'), at('2021-06-02T09:30:00Z')]);
    expect(reports.every((x) => x.level === 'prevention')).toBe(true);
    // The morning checks have recurred too: today's 07:00 and tomorrow's.
    const visitors = (await run.tasks('open')).filter((x) => x.template === 'visitor_control');
    expect(visitors.map((x) => x.dueAt).sort()).toEqual([at('2021-06-01T00:00:00Z'), at('2021-06-02T00:00:00Z')]);
  });

  it('a second case inside gates again on its own disinfection, not the earlier one', async () => {
    const { incident, raised } = await run.send('CASE_INSIDE_REPORTED');
    expect(incident.state).toBe('case_inside.step1_notify');
    expect(templates(raised)).toEqual(STEP1);
    expect((await run.trySend('ALL_CLEAR')).status).toBe(409);
    for (const t of STEP1) await run.complete(t);
    expect((await run.incident()).state).toBe('case_inside.step2_disinfect');
    expect((await run.trySend('CASE_RULED_OUT')).status).toBe(409);
    await run.complete('disinfect_patient_room');

    const { incident: down, cancelled } = await run.send('CASE_RULED_OUT');
    expect(down.level).toBe('prevention');
    expect(templates(cancelled)).toEqual(['hand_washing_entry_exit', 'protective_equipment', 'reopen_patient_room']);
    expect(cancelled[0].cancelReason).toMatchObject({ en: expect.stringMatching(/ruled out/) });
    expect((await run.tasks('open')).every((x) => x.level === 'prevention')).toBe(true);
  });
});

describe('a case nearby that is ruled out', () => {
  it('cancels only the III.1 tasks still open', async () => {
    const inc = await run.open();
    expect(inc.level).toBe('prevention');
    await run.send('CASE_NEARBY_REPORTED');
    await run.complete('wipe_surfaces_chlorine');
    const { incident, cancelled, raised } = await run.send('CASE_RULED_OUT');
    expect(incident.level).toBe('prevention');
    expect(raised).toEqual([]);
    expect(templates(cancelled)).toEqual(Object.keys(NEARBY).filter((t) => t !== 'wipe_surfaces_chlorine').sort());
    expect(cancelled.every((x) => x.level === 'case_nearby')).toBe(true);
    expect(cancelled[0].cancelReason).toEqual({
      vi: 'Trường hợp gần trụ sở đã được loại trừ; trở lại phòng ngừa thường xuyên',
      en: 'The case near the workplace was ruled out; back to routine prevention',
    });
    expect(templates(await run.tasks('open'))).toEqual([...PREVENTION].sort());
    expect(templates(await run.tasks('done'))).toEqual(['wipe_surfaces_chlorine']);
  });
});
