import { DirectoryService } from '../../src/directory/directory.service.js';
import { TimerPoller } from '../../src/timers/timer-poller.js';
import { startApp, type TestApp } from './test-app.js';

/**
 * The app on the `once` fixture playbook (test/fixtures/exactly-once): unit `u`, an admin, and one
 * person in each of its roles (lead, boss, top), for tests that count how often a timer fired.
 */
export async function startOnceApp(env: Record<string, string>): Promise<{ t: TestApp; poller: TimerPoller; admin: { Authorization: string } }> {
  const t = await startApp({ PLAYBOOKS_DIR: 'test/fixtures/exactly-once', ...env });
  const directory = t.app.get(DirectoryService);
  await directory.createUnit(null, { id: 'u', name: 'Unit' });
  const p = await directory.createPerson(null, { name: 'admin', admin: true });
  const admin = { Authorization: `Bearer ${(await directory.createToken(null, { personId: p.id, name: 't' })).token}` };
  for (const role of ['lead', 'boss', 'top']) {
    const person = await directory.createPerson(null, { name: role, email: `${role}@test` });
    await directory.assign(null, { unitId: 'u', role, personId: person.id });
  }
  return { t, poller: t.app.get(TimerPoller), admin };
}
