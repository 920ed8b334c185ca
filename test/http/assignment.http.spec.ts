import { DirectoryService } from '../../src/directory/directory.service.js';
import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 4: who a task goes to (shared, each, all) and several tasks from one template (keyed).
const NOW = '2026-03-02T00:00:00.000Z';

interface Task {
  id: string;
  template: string;
  status: string;
  assign: string;
  holder: string | null;
  instance: string | null;
  assignees: string[];
  signOffs: { personId: string; name: string }[];
}

let r: PlaybookRun;
let id: string;
/** The three village heads (the run's own holder, and two more), with their tokens. */
let heads: { id: string; auth: string }[];
let commander: string;

beforeEach(async () => {
  r = await playbookRun('village', { now: NOW, playbooksDir: 'test/fixtures/assignment' });
  const directory = r.t.app.get(DirectoryService);
  const person = async (name: string, role: string) => {
    const p = await directory.createPerson(null, { name, email: `${name}@test` });
    await directory.assign(null, { unitId: 'unit', role, personId: p.id });
    return { id: p.id, auth: `Bearer ${(await directory.createToken(null, { personId: p.id, name: 'test' })).token}` };
  };
  const first = (await r.get('/people?limit=100')).find((p: { name: string }) => p.name === 'holder-village_head');
  heads = [{ id: first.id, auth: '' }, await person('head-2', 'village_head'), await person('head-3', 'village_head')];
  commander = (await person('commander-2', 'commander')).auth;
  id = (await r.open()).id;
});
afterEach(async () => {
  await r?.close();
});

const post = (body: Record<string, unknown>) => r.t.http.post(`/incidents/${id}/events`).set(r.dutyHeader()).send(body);
const tasks = async (template: string, status?: string): Promise<Task[]> => (await r.tasks(status as never)).filter((t) => t.template === template) as never;
const complete = (task: Task, auth: string, note?: string) => r.t.http.post(`/tasks/${task.id}/complete`).set('Authorization', auth).send(note ? { note } : {});

describe('assign: each — one task per holder', () => {
  it('gives every village head their own list, and the step moves on with the last one', async () => {
    await post({ type: 'FLOOD_WARNING' }).expect(200);
    const lists = await tasks('evacuee_list', 'open');
    expect(lists).toHaveLength(3);
    expect(lists.map((t) => t.holder).sort()).toEqual(heads.map((h) => h.id).sort());
    for (const t of lists) expect(t).toMatchObject({ assign: 'each', assignees: [t.holder] });

    // Another head's copy is not theirs to complete.
    const mine = (h: { id: string }) => lists.find((t) => t.holder === h.id)!;
    expect((await complete(mine(heads[2]), heads[1].auth)).status).toBe(403);

    await r.t.http.post(`/tasks/${(await tasks('sign_plan', 'open'))[0].id}/complete`).set('Authorization', commander).send({}).expect(200);
    expect((await complete(mine(heads[1]), heads[1].auth)).body.status).toBe('done');
    expect((await complete(mine(heads[2]), heads[2].auth)).body.status).toBe('done');
    // Two of three lists in: still at the alert step.
    expect((await r.incident()).level).toBe('alert');
    const timeline = await r.get(`/incidents/${id}/timeline`);
    const listDone = timeline.filter((e: { type: string; data: { template: string } }) => e.type === 'TASK_COMPLETED' && e.data.template === 'evacuee_list');
    expect(listDone.map((e: { data: { copiesOpen: number } }) => e.data.copiesOpen)).toEqual([2, 1]);

    // The last one, completed by the commander (a superior) for the first head.
    await complete(mine(heads[0]), commander).expect(200);
    expect((await r.incident()).level).toBe('evacuated');
  });

  it('cancels every copy, and the searches begun at the level, when the alert is stood down', async () => {
    await post({ type: 'PERSON_MISSING', data: { personId: 'p1' } }).expect(200);
    await post({ type: 'FLOOD_WARNING' }).expect(200);
    await post({ type: 'PERSON_MISSING', data: { personId: 'p2' } }).expect(200);
    const res = await post({ type: 'STAND_DOWN' }).expect(200);
    expect(res.body.cancelled.map((t: Task) => `${t.template}${t.instance ? `[${t.instance}]` : ''}`).sort()).toEqual([
      'evacuee_list', 'evacuee_list', 'evacuee_list', 'search_person[p2]', 'sign_plan',
    ]);
    // The search begun before the alert goes on.
    expect((await tasks('search_person', 'open')).map((t) => t.instance)).toEqual(['p1']);
  });
});

describe('assign: all — every holder signs', () => {
  it('records each signature, ignores a second one, and is done with the last', async () => {
    await post({ type: 'FLOOD_WARNING' }).expect(200);
    const [plan] = await tasks('sign_plan', 'open');
    expect(plan).toMatchObject({ assign: 'all', signOffs: [] });
    expect(plan.assignees.sort()).toEqual(heads.map((h) => h.id).sort());

    const first = await complete(plan, heads[1].auth, 'đã đọc').expect(200);
    expect(first.body).toMatchObject({ status: 'open', signOffs: [expect.objectContaining({ personId: heads[1].id, name: 'head-2', note: 'đã đọc' })] });
    const again = await complete(plan, heads[1].auth).expect(200);
    expect(again.body.signOffs).toHaveLength(1);
    await complete(plan, heads[2].auth).expect(200);

    const timeline = await r.get(`/incidents/${id}/timeline`);
    const signed = timeline.filter((e: { type: string }) => e.type === 'TASK_SIGNED_OFF');
    expect(signed.map((e: { data: { waitingFor: string[] } }) => e.data.waitingFor.length)).toEqual([2, 1]);
    expect((await tasks('sign_plan', 'open'))).toHaveLength(1);
    // Finished lists do not move the step while one signature is missing.
    for (const t of await tasks('evacuee_list', 'open')) await complete(t, commander).expect(200);
    expect((await r.incident()).level).toBe('alert');
  });

  it('is closed for everyone when a superior completes it', async () => {
    await post({ type: 'FLOOD_WARNING' }).expect(200);
    const [plan] = await tasks('sign_plan', 'open');
    const res = await complete(plan, commander).expect(200);
    expect(res.body).toMatchObject({ status: 'done', signOffs: [] });
  });
});

describe('keyedBy — one task per missing person', () => {
  it('raises a search per person at any level, none twice, and closes only when every search is done', async () => {
    const p1 = await post({ type: 'PERSON_MISSING', data: { personId: 'p1', lastSeen: 'bến đò' } }).expect(200);
    expect(p1.body.raised).toEqual([expect.objectContaining({ template: 'search_person', instance: 'p1', level: 'watch' })]);
    await post({ type: 'FLOOD_WARNING' }).expect(200);
    await post({ type: 'PERSON_MISSING', data: { personId: 'p2' } }).expect(200);
    const again = await post({ type: 'PERSON_MISSING', data: { personId: 'p1' } }).expect(200);
    expect(again.body.raised).toEqual([]);
    const searches = await tasks('search_person', 'open');
    expect(searches.map((t) => t.instance).sort()).toEqual(['p1', 'p2']);

    for (const t of await tasks('evacuee_list', 'open')) await complete(t, commander).expect(200);
    await complete((await tasks('sign_plan', 'open'))[0], commander).expect(200);
    expect((await r.incident()).level).toBe('evacuated');

    expect((await post({ type: 'ALL_CLEAR' })).status).toBe(409);
    await complete(searches.find((t) => t.instance === 'p1')!, commander).expect(200);
    expect((await post({ type: 'ALL_CLEAR' })).status).toBe(409);
    await complete(searches.find((t) => t.instance === 'p2')!, commander).expect(200);
    expect((await post({ type: 'ALL_CLEAR' }).expect(200)).body.incident.level).toBe('closed');
  });

  it('refuses a report without the person, naming the field, and raises nothing', async () => {
    const res = await post({ type: 'PERSON_MISSING', data: { lastSeen: 'chợ' } }).expect(400);
    expect(JSON.stringify(res.body)).toContain('personId');
    expect(await tasks('search_person')).toEqual([]);
  });

  it('escalates each person\'s search on its own', async () => {
    await post({ type: 'PERSON_MISSING', data: { personId: 'p1' } }).expect(200);
    await r.clockBy(20 * 60_000);
    await post({ type: 'PERSON_MISSING', data: { personId: 'p2' } }).expect(200);
    // p1 is due at 01:00 and escalates at 01:30; p2 a 20 minutes later.
    await r.clockTo('2026-03-02T01:31:00.000Z');
    const escalated = (await tasks('search_person', 'open')).map((t) => [t.instance, (t as unknown as { escalationStep: number }).escalationStep]).sort();
    expect(escalated).toEqual([['p1', 1], ['p2', 0]]);
  });
});
