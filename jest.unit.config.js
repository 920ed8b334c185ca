// The engine's unit tests only (no database, no Nest app): what `npm run test:mutation` runs against each mutant.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
};
