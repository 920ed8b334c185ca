// Nest 12 is ESM-only, so Jest runs in native ESM mode (NODE_OPTIONS=--experimental-vm-modules).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
  testTimeout: 60000,
  // Stryker's sandboxes and the build output hold copies of the sources.
  modulePathIgnorePatterns: ['<rootDir>/reports/', '<rootDir>/dist/'],
};
