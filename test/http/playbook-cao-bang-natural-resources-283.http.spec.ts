import { playbookRun, templatesOf, type PlaybookRun } from '../support/playbook-run.js';

// Seed 004: letter 283/STNMT-VP of 29 Jan 2021. Report returnees at once, the list before 14:00 the
// same day, 24/24 duty over Tết.
const HOUR = 3_600_000;
let run: PlaybookRun;
const START = '2021-01-29T01:00:00.000Z'; // Friday 29 Jan 2021, 08:00 in Cao Bằng
beforeAll(async () => {
  run = await playbookRun('cao-bang-natural-resources-283', { now: START });
});
afterAll(() => run?.close());

const templates = templatesOf;

describe('cao-bang-natural-resources-283 (seed 004)', () => {
  it('opens with the letter\'s measures and the returnee list due before 14:00 today', async () => {
    const inc = await run.open();
    expect(inc.level).toBe('urgent_measures');
    expect(inc.state).toBe('urgent_measures.returnee_list.listing,urgent_measures.tet.before_holiday');
    expect(inc.allowedEvents).toEqual(['MEASURES_LIFTED', 'RETURNEE_OR_ENTRANT_FOUND', 'TET_HOLIDAY_BEGINS']);
    const kinds = Object.fromEntries(inc.openTasks.map((x) => [x.template, [x.kind, x.role]]));
    expect(kinds).toEqual({
      pass_on_letter_216: ['communication', 'head_of_division'],
      enforce_5k: ['inspection', 'head_of_division'],
      masks_and_no_travel: ['communication', 'head_of_division'],
      visitors_sanitise_and_mask: ['inspection', 'chief_of_office'],
      website_and_apps: ['communication', 'data_centre'],
      tet_duty_roster: ['duty', 'head_of_division'],
      follow_up_and_report_upward: ['reporting', 'chief_of_office'],
      list_returnees: ['listing', 'head_of_division'],
    });
    // 14:00 in Asia/Ho_Chi_Minh on 29 Jan 2021.
    expect(inc.openTasks.find((x) => x.template === 'list_returnees')!.dueAt).toBe('2021-01-29T07:00:00.000Z');
  });

  it('a returnee or illegal entrant is reported at once, and the local authority is told', async () => {
    const found = await run.send('RETURNEE_OR_ENTRANT_FOUND');
    expect(found.raised).toHaveLength(1);
    expect(found.raised[0]).toMatchObject({ template: 'report_returnee_at_once', kind: 'notification', role: 'head_of_division' });
    expect(found.raised[0].dueAt).toBe(new Date(Date.parse(START) + 15 * 60_000).toISOString());
    expect((await run.notifications()).filter((n) => n.kind === 'party').map((n) => n.audience)).toEqual(['local_authority']);
    // A second report while the first is still open carries over: no duplicate task.
    expect((await run.send('RETURNEE_OR_ENTRANT_FOUND')).raised).toEqual([]);
    await run.complete('report_returnee_at_once');
  });

  it('the office reports to the province only once the divisions\' list is in', async () => {
    expect(await run.openTemplates()).not.toContain('report_returnee_list_to_province');
    await run.clockTo('2021-01-29T04:00:00Z'); // 11:00
    await run.complete('list_returnees');
    const inc = await run.incident();
    expect(inc.state).toBe('urgent_measures.returnee_list.reporting,urgent_measures.tet.before_holiday');
    const report = inc.openTasks.find((x) => x.template === 'report_returnee_list_to_province')!;
    expect(report).toMatchObject({ kind: 'reporting', role: 'chief_of_office', dueAt: '2021-01-29T07:00:00.000Z' });
    await run.complete('report_returnee_list_to_province');
    expect((await run.incident()).state).toBe('urgent_measures.returnee_list.reported,urgent_measures.tet.before_holiday');
  });

  it('keeps a 24-hour duty shift every day of the Tết holiday, and stops when it ends', async () => {
    await run.clockTo('2021-02-10T03:00:00Z'); // 10 Feb, 10:00
    const tet = await run.send('TET_HOLIDAY_BEGINS');
    expect(templates(tet.raised)).toEqual(['tet_duty_shift']);
    expect(tet.raised[0]).toMatchObject({ kind: 'duty', role: 'chief_of_office', dueAt: '2021-02-11T00:00:00.000Z' });
    await run.clockBy(24 * HOUR);
    const shifts = (await run.tasks('open')).filter((x) => x.template === 'tet_duty_shift').map((x) => x.dueAt).sort();
    expect(shifts).toEqual(['2021-02-11T00:00:00.000Z', '2021-02-12T00:00:00.000Z']);
    const over = await run.send('TET_HOLIDAY_ENDS');
    expect(templates(over.cancelled)).toEqual(['tet_duty_shift', 'tet_duty_shift']); // both shifts still open
    expect(over.incident.state).toBe('urgent_measures.returnee_list.reported,urgent_measures.tet.after_holiday');
    await run.clockBy(3 * 24 * HOUR);
    expect((await run.tasks('open')).filter((x) => x.template === 'tet_duty_shift')).toEqual([]);
  });

  it('lifting the measures retires everything still open', async () => {
    const open = await run.openTemplates();
    const lifted = await run.send('MEASURES_LIFTED');
    expect(lifted.incident).toMatchObject({ level: 'ended', allowedEvents: [] });
    expect(templates(lifted.cancelled)).toEqual(open);
    expect(await run.tasks('open')).toEqual([]);
  });
});
