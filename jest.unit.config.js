// The engine's unit tests only (no database, no Nest app): what `npm run test:mutation` runs against each mutant.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
  // Unit specs of code outside src/core cannot kill a core mutant; each static mutant would still load them.
  // Fewer property runs per mutant when PROPERTY_RUNS_DIVISOR is set (test/unit/support/runs.ts).
  setupFilesAfterEnv: ['<rootDir>/test/unit/support/fast-check-runs.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/unit/(config|database-errors|log-redaction|serial-queue)\\.spec\\.ts$'],
};
