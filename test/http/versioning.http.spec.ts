import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let dir: string;
let database: TestDatabase;
let t: TestApp;
let d: Directory;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'playbooks-'));
  // Only the playbook under test and its libraries: the other playbooks have tests of their own.
  cpSync('playbooks/_library', join(dir, '_library'), { recursive: true });
  cpSync('playbooks/covid19-office.yaml', join(dir, 'covid19-office.yaml'));
  database = await freshDatabase();
  t = await startApp({ PLAYBOOKS_DIR: dir }, { database });
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Stops the service and starts it again on the same database, as after editing a playbook file. */
async function restart() {
  await t.close();
  t = await startApp({ PLAYBOOKS_DIR: dir }, { database });
}

describe('playbook versions', () => {
  it('an edited playbook becomes a new version; running incidents stay on theirs until moved explicitly', async () => {
    const a = (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
    await t.http.post(`/incidents/${a.id}/events`).set(d.as('duty')).send({ type: 'CASE_CONFIRMED' }).expect(200);

    // Unchanged files register no new version.
    await restart();
    expect((await t.http.get('/playbooks/covid19-office/versions').set(d.as('viewer'))).body).toHaveLength(1);

    const file = join(dir, 'covid19-office.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/step2_disinfect_premises/g, 'step2_spray_premises'));
    await restart();

    const versions = (await t.http.get('/playbooks/covid19-office/versions').set(d.as('viewer')).expect(200)).body;
    expect(versions.map((v: { version: number; current: boolean; incidents: number }) => [v.version, v.current, v.incidents])).toEqual([
      [2, true, 0],
      [1, false, 1],
    ]);
    expect(versions[0].hash).not.toBe(versions[1].hash);
    expect((await t.http.get('/playbooks/covid19-office').set(d.as('viewer'))).body.version).toBe(2);

    // The running incident stays on version 1 and says so; it still runs there.
    const stale = (await t.http.get(`/incidents/${a.id}`).set(d.as('duty'))).body;
    expect(stale).toMatchObject({ playbookVersion: 1, latestPlaybookVersion: 2, state: 'confirmed_case.step1_notify' });
    const b = (await t.http.post('/incidents').set(d.as('duty')).send({ playbook: 'covid19-office', unit: 'dept' }).expect(201)).body;
    expect(b.playbookVersion).toBe(2);

    // A state that no longer exists is refused; an existing one is accepted and recorded.
    const refused = await t.http.post(`/incidents/${a.id}/migrate`).set(d.as('duty')).send({ version: 2, state: 'confirmed_case.step2_disinfect_premises' }).expect(409);
    expect(refused.body.message).toMatch(/does not exist in version 2/);
    await t.http.post(`/incidents/${a.id}/migrate`).set(d.as('chief')).send({ version: 2, state: 'confirmed_case.step1_notify' }).expect(403);
    const moved = (await t.http.post(`/incidents/${a.id}/migrate`).set(d.as('duty')).send({ version: 2, state: 'confirmed_case.step1_notify', note: 'new plan' }).expect(200)).body;
    expect(moved.incident).toMatchObject({ playbookVersion: 2, latestPlaybookVersion: 2, state: 'confirmed_case.step1_notify' });
    const last = (await t.http.get(`/incidents/${a.id}/timeline`).set(d.as('duty'))).body.at(-1);
    expect(last).toMatchObject({ type: 'PLAYBOOK_MIGRATED', data: { fromVersion: 1, toVersion: 2 }, note: 'new plan' });
    await t.http.post(`/incidents/${a.id}/migrate`).set(d.as('duty')).send({ version: 2, state: 'confirmed_case.step1_notify' }).expect(409);
    await t.http.post(`/incidents/${a.id}/migrate`).set(d.as('duty')).send({ version: 7, state: 'no_case' }).expect(400);

    // On the new version the renamed step is where the machine goes.
    for (const template of ['notify_department_of_health', 'notify_provincial_cdc', 'notify_local_authority', 'notify_parent_unit', 'notify_patient_family', 'disinfect_patient_room']) {
      const task = (await t.http.get(`/tasks?incident=${a.id}&status=open&limit=500`).set(d.as('admin'))).body.find((x: { template: string }) => x.template === template);
      await t.http.post(`/tasks/${task.id}/complete`).set(d.as('admin')).send({}).expect(200);
    }
    expect((await t.http.get(`/incidents/${a.id}`).set(d.as('duty'))).body.state).toBe('confirmed_case.step2_spray_premises');
  });

  it('serves a Mermaid diagram of the current version', async () => {
    const res = await t.http.get('/playbooks/covid19-office/diagram').set(d.as('viewer')).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/^stateDiagram-v2/);
    expect(res.text).toContain('no_case --> suspected_case : SUSPECTED_CASE_REPORTED');
    expect(res.text).toContain('confirmed_case__step1_notify --> confirmed_case__step2_disinfect_room : when [tasksDone:');
    await t.http.get('/playbooks/nope/diagram').set(d.as('viewer')).expect(404);
  });
});
