import { DirectoryService } from '../../src/directory/directory.service.js';
import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 6: a chain goes up the task role's reportsTo line, then to an outside party.
const NOW = '2026-03-02T00:00:00.000Z';

let r: PlaybookRun;
beforeEach(async () => {
  r = await playbookRun('chain', { now: NOW, playbooksDir: 'test/fixtures/escalation' });
  await r.open();
  await r.send('ALERT');
});
afterEach(async () => {
  await r?.close();
});

/** The scheduler at each step's time: each step's delay counts from the step before. */
const walk = async () => {
  for (const at of ['01:30', '02:00', '02:30', '03:00']) await r.clockTo(`2026-03-02T${at}:00.000Z`);
};
const task = async (template: string) => (await r.tasks()).find((t) => t.template === template)!;
const steps = (t: { [k: string]: unknown }) => (t.escalations as { step: number; role: string | null; party?: string; at: string }[]).map(({ step, role, party, at }) => ({ step, role, party, at }));

describe('escalation up the reportsTo line, then to an outside party', () => {
  it('tells the deputy head, the head, then the provincial command, each at its time', async () => {
    await r.t.app.get(DirectoryService).updateUnit(null, 'unit', { contacts: { province_command: { name: 'Ban chỉ huy tỉnh', log: true } } });
    await walk();
    expect(steps(await task('sandbags'))).toEqual([
      { step: 1, role: 'deputy_head', party: undefined, at: '2026-03-02T01:30:00.000Z' },
      { step: 2, role: 'head', party: undefined, at: '2026-03-02T02:00:00.000Z' },
      { step: 3, role: null, party: 'province_command', at: '2026-03-02T03:00:00.000Z' },
    ]);
    // The deputy head's own task starts one step higher: the head, then the province.
    expect(steps(await task('brief_head')).map((s) => s.role ?? s.party)).toEqual(['head', 'province_command']);

    const toProvince = (await r.notifications()).filter((n) => n.audience === 'province_command');
    expect(toProvince).toHaveLength(2);
    for (const n of toProvince) expect(n).toMatchObject({ kind: 'escalation', channel: 'log' });
    expect(toProvince.every((n) => n.status !== 'dead')).toBe(true);

    const timeline = await r.get(`/incidents/${(await task('sandbags')).incidentId}/timeline`);
    const escalated = timeline.filter((e: { type: string; data: { template: string } }) => e.type === 'TASK_ESCALATED' && e.data.template === 'sandbags');
    expect(escalated.map((e: { data: { role: string | null; party?: string } }) => e.data.party ?? e.data.role)).toEqual(['deputy_head', 'head', 'province_command']);
  });

  it('records a message to a party the unit has no contact for as dead, saying why', async () => {
    await walk();
    const toProvince = (await r.notifications()).filter((n) => n.audience === 'province_command');
    expect(toProvince.length).toBeGreaterThan(0);
    for (const n of toProvince) expect(n).toMatchObject({ status: 'dead', lastError: expect.stringContaining('province_command') });
  });

  it('stops when the task is done', async () => {
    await r.clockTo('2026-03-02T01:30:00.000Z');
    await r.complete('sandbags');
    await walk();
    expect(steps(await task('sandbags')).map((s) => s.role ?? s.party)).toEqual(['deputy_head']);
  });

  it('publishes the chain as written', async () => {
    const p = await r.get('/playbooks/chain');
    expect(p.escalations).toEqual({ up_the_line: { reportsTo: 'PT30M', steps: [{ party: 'province_command', after: 'PT1H' }] } });
  });

  it('draws the chain in the diagram when asked for details, and refuses a details value that is not true or false', async () => {
    const plain = await r.t.http.get('/playbooks/chain/diagram').set(r.adminHeader()).expect(200);
    expect(plain.text).not.toContain('escalates to');
    const detailed = await r.t.http.get('/playbooks/chain/diagram?details=true').set(r.adminHeader()).expect(200);
    expect(detailed.text).toContain('raises sandbags (team, escalates to deputy_head then head then province_command)');
    const bad = await r.t.http.get('/playbooks/chain/diagram?details=yes').set(r.adminHeader()).expect(400);
    expect(bad.text).toContain('details must be true or false');
  });
});
