import { DirectoryService } from '../../src/directory/directory.service.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { startApp, type TestApp } from './test-app.js';

/** The templates of a list of tasks, sorted. */
export const templatesOf = (list: { template: string }[]) => list.map((x) => x.template).sort();

interface TaskView {
  id: string;
  template: string;
  kind: string;
  role: string;
  assignedRole: string;
  level: string;
  status: 'open' | 'done' | 'cancelled';
  dueAt: string;
  [k: string]: unknown;
}
interface IncidentView {
  id: string;
  level: string;
  state: string;
  allowedEvents: string[];
  openTasks: TaskView[];
  [k: string]: unknown;
}

export interface PlaybookRun {
  t: TestApp;
  /** Opens an incident on the playbook in the test unit, as its duty officer. */
  open(): Promise<IncidentView>;
  /** Sends a duty officer's event; expects it to be accepted. */
  send(type: string): Promise<{ incident: IncidentView; raised: TaskView[]; cancelled: TaskView[] }>;
  /** Sends an event and returns the raw answer (for refusals). */
  trySend(type: string): Promise<{ status: number; body: Record<string, unknown> }>;
  incident(): Promise<IncidentView>;
  tasks(status?: 'open' | 'done' | 'cancelled'): Promise<TaskView[]>;
  /** Completes the open task from `template` that is due first, as the person who holds its role. */
  complete(template: string): Promise<TaskView>;
  /** The templates of the open tasks, sorted. */
  openTemplates(): Promise<string[]>;
  /** The incident's outbox messages (party notifications and escalations). */
  notifications(): Promise<{ kind: string; audience: string; status: string; [k: string]: unknown }[]>;
  /** GET as an admin (reads anything); expects 200 and answers the body. */
  get(path: string): Promise<any>;
  /** Moves the fake clock forward to `iso` and fires every timer due by then, as the scheduler would. */
  clockTo(iso: string): Promise<void>;
  /** The same, `ms` ahead of now. */
  clockBy(ms: number): Promise<void>;
  /** The duty officer's Authorization header, for requests the helpers above do not cover. */
  dutyHeader(): { Authorization: string };
  /** An admin's Authorization header. */
  adminHeader(): { Authorization: string };
  close(): Promise<void>;
}

/**
 * An end-to-end run of one shipped playbook through the HTTP API: a fresh app on a fresh database at
 * `now`, one unit in `timeZone`, a duty officer, and one person holding each role of the playbook.
 * `playbooksDir` runs a fixture playbook instead of a shipped one.
 */
export async function playbookRun(playbook: string, opts: { now: string; timeZone?: string; playbooksDir?: string }): Promise<PlaybookRun> {
  const t = await startApp(opts.playbooksDir ? { PLAYBOOKS_DIR: opts.playbooksDir } : {}, { now: opts.now });
  const directory = t.app.get(DirectoryService);
  await directory.createUnit(null, { id: 'unit', name: 'Đơn vị thử', timeZone: opts.timeZone ?? 'Asia/Ho_Chi_Minh' });
  const token = async (name: string, role: string) => {
    const p = await directory.createPerson(null, { name, email: `${name}@test` });
    await directory.assign(null, { unitId: 'unit', role, personId: p.id });
    return `Bearer ${(await directory.createToken(null, { personId: p.id, name: 'test' })).token}`;
  };
  const duty = await token('duty', 'duty_officer');
  const admin = await directory.createPerson(null, { name: 'admin', email: 'admin@test', admin: true });
  const adminToken = `Bearer ${(await directory.createToken(null, { personId: admin.id, name: 'test' })).token}`;
  const described = await t.http.get(`/playbooks/${playbook}`).set('Authorization', duty);
  if (described.status !== 200) throw new Error(`playbook ${playbook}: ${described.status} ${JSON.stringify(described.body)}`);
  const holders: Record<string, string> = {};
  for (const r of described.body.roles as { key: string }[]) holders[r.key] = await token(`holder-${r.key}`, r.key);

  let id = '';
  const run: PlaybookRun = {
    t,
    async open() {
      const res = await t.http.post('/incidents').set('Authorization', duty).send({ playbook, unit: 'unit' });
      if (res.status !== 201) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
      id = res.body.id;
      return res.body;
    },
    async trySend(type) {
      const res = await t.http.post(`/incidents/${id}/events`).set('Authorization', duty).send({ type });
      return { status: res.status, body: res.body };
    },
    async send(type) {
      const res = await run.trySend(type);
      if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as never;
    },
    async incident() {
      return (await t.http.get(`/incidents/${id}`).set('Authorization', duty).expect(200)).body;
    },
    async tasks(status) {
      const res = await t.http.get(`/tasks?incident=${id}&limit=500${status ? `&status=${status}` : ''}`).set('Authorization', duty).expect(200);
      return res.body;
    },
    async complete(template) {
      // The one due first: with a recurring duty, the occurrence that is owed now.
      const open = (await run.tasks('open')).filter((x) => x.template === template).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      if (open.length === 0) throw new Error(`no open task from ${template}`);
      const task = open[0];
      const res = await t.http.post(`/tasks/${task.id}/complete`).set('Authorization', holders[task.assignedRole]).send({ note: 'xong / done' });
      if (res.status !== 200) throw new Error(`complete ${template}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async openTemplates() {
      return (await run.tasks('open')).map((x) => x.template).sort();
    },
    async notifications() {
      return run.get(`/notifications?incident=${id}&limit=500`);
    },
    async get(path) {
      return (await t.http.get(path).set('Authorization', adminToken).expect(200)).body;
    },
    async clockTo(iso) {
      const ms = Date.parse(iso) - t.clock.now().getTime();
      if (ms < 0) throw new Error(`clockTo(${iso}) would move the clock back`);
      t.clock.advance(ms);
      await t.app.get(TimerPoller).drain();
    },
    clockBy: (ms) => run.clockTo(new Date(t.clock.now().getTime() + ms).toISOString()),
    dutyHeader: () => ({ Authorization: duty }),
    adminHeader: () => ({ Authorization: adminToken }),
    close: () => t.close(),
  };
  return run;
}
