import { IncidentMachine, type StoredSnapshot } from '../../src/core/engine/incident-machine.js';
import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
});

interface Entry {
  seq: number;
  type: string;
  data: Record<string, unknown> | null;
  from: { level: string; state: string } | null;
  to: { level: string; state: string };
}

async function open() {
  return (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
}

/** Replays the timeline through the pure machine: the stored history must be one the machine could have produced. */
async function expectConsistentHistory(incidentId: string) {
  const incident = (await t.http.get(`/incidents/${incidentId}`).set(d.as('admin')).expect(200)).body;
  const timeline: Entry[] = (await t.http.get(`/incidents/${incidentId}/timeline`).set(d.as('admin')).expect(200)).body;
  expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
  expect(timeline.length).toBe(incident.version);

  const machine = new IncidentMachine((await t.foundations.registry.current('covid19-office')).machine.playbook);
  let step = machine.open(new Date());
  let snapshot: StoredSnapshot = step.snapshot;
  for (const [i, e] of timeline.entries()) {
    if (i > 0) {
      expect(e.from).toEqual(timeline[i - 1].to);
      const event = e.type === 'TASK_COMPLETED' ? { type: e.type, template: e.data!.template as string } : { type: e.type };
      const out = machine.apply(snapshot, event, new Date());
      expect(out.accepted).toBe(true);
      if (out.accepted) snapshot = out.snapshot;
    }
  }
  expect(machine.describe(snapshot).state).toBe(incident.state);

  const tasks = (await t.http.get(`/tasks?incident=${incidentId}&status=open&limit=500`).set(d.as('admin')).expect(200)).body as { template: string }[];
  const openTemplates = tasks.map((x) => x.template).sort();
  expect(new Set(openTemplates).size).toBe(openTemplates.length);
  const expected = Object.entries(snapshot.context.tasks)
    .filter(([, m]) => m.status === 'open')
    .map(([k]) => k)
    .sort();
  expect(openTemplates).toEqual(expected);
  return { incident, timeline };
}

describe('concurrency', () => {
  it('50 concurrent conflicting events end in one consistent history with no duplicate task', async () => {
    const inc = await open();
    const types = ['SUSPECTED_CASE_REPORTED', 'CASE_CONFIRMED', 'CASE_RULED_OUT', 'ALL_CLEAR', 'SUSPECTED_CASE_REPORTED'];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http.post(`/incidents/${inc.id}/events`).set(d.as(i % 2 ? 'duty' : 'provinceDuty')).send({ type: types[i % types.length] }),
      ),
    );
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const accepted = responses.filter((r) => r.status === 200).length;
    expect(accepted).toBeGreaterThan(0);
    const { timeline } = await expectConsistentHistory(inc.id);
    expect(timeline.length).toBe(accepted + 1);
  });

  it('concurrent completions of one task and events interleave without losing a step', async () => {
    const inc = await open();
    const conf = (await t.http.post(`/incidents/${inc.id}/events`).set(d.as('duty')).send({ type: 'CASE_CONFIRMED' }).expect(200)).body;
    const step1 = conf.raised.filter((x: { template: string }) => x.template.startsWith('notify_'));
    const calls = [
      ...step1.flatMap((task: { id: string; assignedRole: string }) =>
        Array.from({ length: 5 }, () => t.http.post(`/tasks/${task.id}/complete`).set(d.as(d.holderOf(task.assignedRole))).send({})),
      ),
      ...Array.from({ length: 5 }, () => t.http.post(`/incidents/${inc.id}/events`).set(d.as('duty')).send({ type: 'ALL_CLEAR' })),
    ];
    const responses = await Promise.all(calls);
    expect(responses.every((r) => [200, 409].includes(r.status))).toBe(true);
    const { incident, timeline } = await expectConsistentHistory(inc.id);
    expect(timeline.filter((e) => e.type === 'TASK_COMPLETED')).toHaveLength(step1.length);
    expect(incident.state).toBe('confirmed_case.step2_disinfect_room');
  });

  it('20 concurrent replays of one idempotency key give one effect and one answer', async () => {
    const inc = await open();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http.post(`/incidents/${inc.id}/events`).set({ ...d.as('duty'), 'Idempotency-Key': 'same-key' }).send({ type: 'SUSPECTED_CASE_REPORTED' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of responses) expect(r.body).toEqual(responses[0].body);
    const { incident, timeline } = await expectConsistentHistory(inc.id);
    expect(incident.version).toBe(2);
    expect(timeline.filter((e) => e.type === 'SUSPECTED_CASE_REPORTED')).toHaveLength(1);
    const tasks = (await t.http.get(`/tasks?incident=${inc.id}&limit=500`).set(d.as('admin'))).body;
    expect(tasks).toHaveLength(2 + 11);
  });
});
