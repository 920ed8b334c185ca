// Mutation testing of the pure engine core (src/core) against its unit tests (test/unit): `npm run test:mutation`.
// Figures, survivors and how to run one file: MUTATION.md.
//
// Stryker 10 needs Node 22 or later; `npm run test:mutation` runs it on Node 24 through npx, as .ci/run does for
// its Node 24 leg. Jest runs in native ESM mode here as everywhere (Nest 12 is ESM only), so the test runner's
// Node gets --experimental-vm-modules; `coverageAnalysis: 'perTest'` works under it.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunner_comment: 'Jest in ESM mode: jest.unit.config.js (ts-jest useESM) in a Node started with --experimental-vm-modules',
  jest: { projectType: 'custom', configFile: 'jest.unit.config.js', enableFindRelatedTests: false },
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  coverageAnalysis: 'perTest',
  // To run fewer specs, narrow Jest's testMatch (as stryker.ci.config.mjs does), not --testFiles: with --testFiles,
  // Stryker 10 runs no test at all for a static mutant and reports it survived (stryker-js #6144, #6209).
  mutate: ['src/core/**/*.ts'],
  // The sandbox needs only what the unit tests read.
  ignorePatterns: ['/*', '!/src', '!/test', '!/playbooks', '!/package.json', '!/tsconfig.json', '!/jest.config.js', '!/jest.unit.config.js'],
  // Outside the project, so a Jest run there meanwhile does not trip over the sandbox's copy of package.json.
  tempDirName: join(tmpdir(), 'stryker-playbook-engine'),
  // A 2-core machine shared with other developers.
  concurrency: 2,
  // Generous (a mutant's tests take well under a second alone): other developers' jobs share the CPU.
  // Endless loops are caught by Stryker's hit limit anyway; each timeout also costs a test runner restart.
  timeoutMS: 15000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: null },
};
