import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web console against the real service (e2e/global-setup.ts starts it). Run with
 * `npm run test:e2e` (embedded database) or with E2E_DATABASE_URL=postgres://… (a fresh database on that
 * server). Chromium is the system's (CHROMIUM_PATH): Playwright's own download is not reachable here.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../e2e-results/artifacts',
  globalSetup: './global-setup.ts',
  // One service, one database, and a 2-core machine: the specs run one after another.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    // Vietnamese date-time inputs (the console's default language), whatever the machine's own locale: --lang,
    // and LANGUAGE, which Chromium on Linux reads instead. Both need the language pack (Debian: chromium-l10n);
    // without it the inputs stay en-US (what the console sends does not depend on it).
    launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: ['--lang=vi-VN'], env: { ...process.env, LANGUAGE: 'vi' } },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
});
