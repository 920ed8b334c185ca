import { playbookRun, templatesOf, type PlaybookRun } from '../support/playbook-run.js';

// Seed 000: three levels; level 3 closes the premises and raises its measures together.
let run: PlaybookRun;
const START = '2021-08-02T01:00:00.000Z'; // 08:00 in Cao Bằng
beforeAll(async () => {
  run = await playbookRun('cao-bang-city-hq', { now: START });
});
afterAll(() => run?.close());

const templates = templatesOf;
const byTemplate = <T extends { template: string }>(list: T[], key: string) => list.find((x) => x.template === key)!;

describe('cao-bang-city-hq (seed 000)', () => {
  it('opens at level 1 with communication first', async () => {
    const inc = await run.open();
    expect(inc).toMatchObject({ playbook: 'cao-bang-city-hq', level: 'no_case', state: 'no_case' });
    expect(inc.allowedEvents).toEqual(['CASE_CONFIRMED', 'SUSPECTED_CASE_REPORTED']);
    expect(templates(inc.openTasks)).toEqual(['communicate_prevention', 'inspect_5k']);
    expect(byTemplate(inc.openTasks, 'communicate_prevention')).toMatchObject({ kind: 'communication', role: 'head_of_division' });
  });

  it('level 2 follows the suspected case; ruling it out retires only that', async () => {
    const up = await run.send('SUSPECTED_CASE_REPORTED');
    expect(up.incident.level).toBe('suspected_case');
    expect(up.raised).toHaveLength(1);
    expect(up.raised[0]).toMatchObject({ template: 'watch_suspected_case', kind: 'inspection', role: 'chief_of_office', level: 'suspected_case' });
    const down = await run.send('CASE_RULED_OUT');
    expect(down.incident.level).toBe('no_case');
    expect(templates(down.cancelled)).toEqual(['watch_suspected_case']);
    expect(await run.openTemplates()).toEqual(['communicate_prevention', 'inspect_5k']);
  });

  it('level 3 closes the premises, notifies at once and raises every measure of the plan', async () => {
    await run.send('SUSPECTED_CASE_REPORTED');
    const conf = await run.send('CASE_CONFIRMED');
    expect(conf.incident.state).toBe('confirmed_case.responding');
    expect(templates(conf.raised)).toEqual([
      'close_premises',
      'isolate_people',
      'notify_health_authority',
      'notify_parent_unit',
      'notify_patient_family',
      'review_plan',
      'spray_premises',
      'zone_outbreak',
    ]);
    const kinds = Object.fromEntries(conf.raised.map((x) => [x.template, [x.kind, x.role]]));
    expect(kinds).toEqual({
      close_premises: ['closure', 'director'],
      isolate_people: ['isolation', 'chief_of_office'],
      notify_health_authority: ['notification', 'chief_of_office'],
      notify_parent_unit: ['notification', 'director'],
      notify_patient_family: ['notification', 'head_of_division'],
      review_plan: ['other', 'chief_of_office'],
      spray_premises: ['disinfection', 'chief_of_office'],
      zone_outbreak: ['isolation', 'chief_of_office'],
    });
    // "Lập tức thông báo ngay": due within the playbook's immediately (PT15M).
    expect(byTemplate(conf.raised, 'notify_health_authority').dueAt).toBe(new Date(Date.parse(START) + 15 * 60_000).toISOString());
    const sent = (await run.notifications()).filter((n) => n.kind === 'party');
    expect(sent.map((n) => n.audience).sort()).toEqual(['health_authority', 'parent_unit']);
  });

  it('reopens only after the premises are disinfected, the outbreak zoned and people isolated', async () => {
    expect((await run.trySend('ALL_CLEAR')).status).toBe(409);
    await run.complete('spray_premises');
    await run.complete('zone_outbreak');
    expect((await run.trySend('ALL_CLEAR')).status).toBe(409);
    await run.complete('isolate_people');
    expect((await run.incident()).state).toBe('confirmed_case.contained');
    const clear = await run.send('ALL_CLEAR');
    expect(clear.incident.level).toBe('no_case');
    // What was still open at levels 2 and 3 is retired; level 1's tasks stay.
    expect(templates(clear.cancelled)).toEqual([
      'close_premises',
      'notify_health_authority',
      'notify_parent_unit',
      'notify_patient_family',
      'review_plan',
      'watch_suspected_case',
    ]);
    expect(await run.openTemplates()).toEqual(['communicate_prevention', 'inspect_5k']);
  });
});
