import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from './support/service.js';

/**
 * Starts the real service once for the run: a fresh embedded database in a temporary folder, or a fresh
 * PostgreSQL database on the server named by E2E_DATABASE_URL. The tests read its address, tokens and
 * first-run links from the JSON file named by E2E_STATE. The function returned is the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'playbook-e2e-'));
  // Only this run's screenshots: a page renamed or removed leaves no stale picture to review.
  rmSync('e2e-results/screenshots', { recursive: true, force: true });
  mkdirSync('e2e-results/screenshots', { recursive: true });
  const serverUrl = process.env.E2E_DATABASE_URL || undefined;
  let service;
  try {
    service = await startService(dir, 'e2e-results', serverUrl);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const statePath = join(dir, 'state.json');
  writeFileSync(statePath, JSON.stringify(service.state, null, 2));
  process.env.E2E_STATE = statePath;
  console.log(`e2e: service on ${service.state.baseURL}, ${service.state.database} database; its output in ${service.logFile}`);
  return async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
