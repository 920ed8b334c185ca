// The mutation run of the paths that carry the engine's guarantees, against the specs written for them
// (`npm run test:mutation:ci`). Not in CI: it takes far more than the 3 minutes CI can give it (MUTATION.md).
// - exactly once: the machine's task book (build-machine.ts: an open task carries over, a series starts once)
//   and the write plan of one step (effect-plan.ts: a cancel reaches the table before a raise, the last
//   timer request per key wins);
// - gates (tasksDone, and conditions written in the playbook) and cancellation (cancelTasks, ending a series) in build-machine.ts, and how
//   incident-machine.ts turns them into task, timer and series effects;
// - task assignment (assignment.ts).
// Fails under thresholds.break. The full run over src/core is stryker.config.mjs.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'src/core/engine/effect-plan.ts',
    'src/core/machine/build-machine.ts',
    'src/core/engine/incident-machine.ts',
    'src/core/assignment.ts',
    // Who a task goes to and its keyed instances: one task per person or per key, done with the last copy.
    'src/core/completion.ts',
    'src/core/task-instances.ts',
  ],
  // Every mutant run loads every spec file the Jest config matches: only these.
  jest: {
    ...base.jest,
    config: {
      testMatch: [
        '<rootDir>/test/unit/effect-plan.spec.ts',
        '<rootDir>/test/unit/machine-tasks.mutation.spec.ts',
        '<rootDir>/test/unit/incident-machine.mutation.spec.ts',
        '<rootDir>/test/unit/incident-machine.spec.ts',
        '<rootDir>/test/unit/assignment.mutation.spec.ts',
        // Raise modes (once, on rise) and the level a transition's tasks belong to; playbook conditions on gates.
        '<rootDir>/test/unit/levels.spec.ts',
        '<rootDir>/test/unit/guards.spec.ts',
        '<rootDir>/test/unit/levels.mutation.spec.ts',
        '<rootDir>/test/unit/task-instances.spec.ts',
        '<rootDir>/test/unit/escalation-chain.spec.ts',
        '<rootDir>/test/unit/due-from-data.spec.ts',
      ],
    },
  },
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation-ci/mutation.json' },
  // Its own incremental file, so it neither reuses nor overwrites the full run's results.
  incrementalFile: 'reports/mutation-ci/stryker-incremental.json',
  // The key paths have no survivor left; what survives here is relocation (migration) and the machine builder's
  // stamping helpers, listed in MUTATION.md. Below this, something new went untested.
  thresholds: { ...base.thresholds, break: 90 },
};
