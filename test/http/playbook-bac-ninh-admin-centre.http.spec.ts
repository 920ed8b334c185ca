import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Seed 002: routine measures at a public service centre, with Chloramine B twice a day and a lobby
// temperature check every working morning.
const HOUR = 3_600_000;
let run: PlaybookRun;
const START = '2020-04-01T01:00:00.000Z'; // Wednesday 1 Apr 2020, 08:00 in Bắc Ninh
beforeAll(async () => {
  run = await playbookRun('bac-ninh-admin-centre', { now: START });
});
afterAll(() => run?.close());

const at = (iso: string) => new Date(iso).toISOString();
const openOf = async (template: string) => (await run.tasks('open')).filter((x) => x.template === template).map((x) => x.dueAt).sort();

describe('bac-ninh-admin-centre (seed 002)', () => {
  it('opens with every routine measure of the text, each with its kind and role', async () => {
    const inc = await run.open();
    expect(inc).toMatchObject({ level: 'routine', state: 'routine', allowedEvents: ['MEASURES_LIFTED'] });
    const kinds = Object.fromEntries(inc.openTasks.map((x) => [x.template, [x.kind, x.role]]));
    expect(kinds).toEqual({
      communicate_on_website_and_posters: ['communication', 'centre_office'],
      free_masks_for_citizens: ['procurement', 'centre_office'],
      hand_sanitiser_in_lobby: ['procurement', 'centre_office'],
      lobby_temperature_check: ['duty', 'lobby_staff'],
      crowd_flow_control: ['duty', 'lobby_staff'],
      clean_with_alcohol: ['disinfection', 'centre_office'],
      wipe_with_chloramine_b: ['disinfection', 'centre_office'],
      gloves_and_disinfectant_for_staff: ['procurement', 'centre_office'],
      face_shields: ['procurement', 'centre_director'],
      follow_directions: ['other', 'centre_director'],
    });
    // 08:00 on a Wednesday: the next Chloramine B round is 13:30 today, the next lobby shift 07:30 tomorrow.
    expect(await openOf('wipe_with_chloramine_b')).toEqual([at('2020-04-01T06:30:00Z')]);
    expect(await openOf('lobby_temperature_check')).toEqual([at('2020-04-02T00:30:00Z')]);
  });

  it('wipes with Chloramine B twice a day, each round its own task', async () => {
    await run.clockTo('2020-04-01T06:31:00Z'); // 13:31
    expect(await openOf('wipe_with_chloramine_b')).toEqual([at('2020-04-01T06:30:00Z'), at('2020-04-02T00:30:00Z')]);
    await run.complete('wipe_with_chloramine_b');
    await run.clockTo('2020-04-02T00:31:00Z'); // Thursday 07:31
    expect(await openOf('wipe_with_chloramine_b')).toEqual([at('2020-04-02T00:30:00Z'), at('2020-04-02T06:30:00Z')]);
  });

  it('takes temperatures in the lobby on working days only', async () => {
    await run.clockTo('2020-04-03T00:31:00Z'); // Friday 07:31
    const due = await openOf('lobby_temperature_check');
    // Thursday's and Friday's shifts are open; the next one is Monday 6 Apr, not Saturday.
    expect(due).toEqual([at('2020-04-02T00:30:00Z'), at('2020-04-03T00:30:00Z'), at('2020-04-06T00:30:00Z')]);
    const late = (await run.tasks('open')).filter((x) => x.template === 'lobby_temperature_check');
    expect(late.every((x) => x.late === false)).toBe(true);
  });

  it('lifting the measures ends the incident, retires every open task and stops the series', async () => {
    const before = (await run.tasks('open')).length;
    const lifted = await run.send('MEASURES_LIFTED');
    expect(lifted.incident).toMatchObject({ level: 'lifted', allowedEvents: [] });
    expect(lifted.cancelled).toHaveLength(before);
    await run.clockBy(7 * 24 * HOUR);
    expect(await run.tasks('open')).toEqual([]);
    expect((await run.trySend('MEASURES_LIFTED')).status).toBe(409);
  });
});
