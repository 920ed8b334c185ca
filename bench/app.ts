/**
 * The application the benchmarks drive: the real Nest module around real foundations, with the
 * services taken from its container. Going through the container rather than `new IncidentEngine(…)`
 * keeps the benchmarks measuring what the app wires together, and keeps them building while the
 * engine's internals are split into more services.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { Principal } from '../src/access/principal.js';
import { AppModule } from '../src/app.module.js';
import { CLOCK, systemClock, type Clock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { DirectoryService } from '../src/directory/directory.service.js';
import { openFoundations, type Foundations } from '../src/foundations.js';
import { IncidentEngine } from '../src/incidents/incident-engine.js';
import { TimerPoller } from '../src/timers/timer-poller.js';

export interface BenchApp {
  foundations: Foundations;
  engine: IncidentEngine;
  directory: DirectoryService;
  poller: TimerPoller;
  close(): Promise<void>;
}

/** Opens (and migrates) the database at `url` and starts the app on it, without its scheduler. */
export async function openApp(url: string, clock: Clock = systemClock, env: Record<string, string> = {}): Promise<BenchApp> {
  const foundations = await openFoundations(loadConfig({ ...process.env, ...env, DATABASE_URL: url, SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' }));
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(foundations)] })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    return {
      foundations,
      engine: moduleRef.get(IncidentEngine),
      directory: moduleRef.get(DirectoryService),
      poller: moduleRef.get(TimerPoller),
      close: async () => {
        await moduleRef.close();
        await foundations.close();
      },
    };
  } catch (e) {
    await foundations.close();
    throw e;
  }
}

/**
 * The benchmark's unit `bench` with one holder of each of the playbook's roles (with an email when
 * `emails`, so every escalation step queues one outbox row), and an admin to act as.
 */
export async function seedDirectory(app: BenchApp, emails: boolean): Promise<Principal> {
  const { directory } = app;
  await directory.createUnit(null, { id: 'bench', name: 'Bench unit' });
  const admin = await directory.createPerson(null, { name: 'bench admin', admin: true });
  for (const role of ['director', 'chief_of_office', 'head_of_division', 'monitoring_team']) {
    const p = await directory.createPerson(null, emails ? { name: role, email: `${role}@bench.test` } : { name: role });
    await directory.assign(null, { unitId: 'bench', role, personId: p.id });
  }
  return { id: admin.id, name: 'bench admin', kind: 'person', admin: true, assignments: [] };
}
