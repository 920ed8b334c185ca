// Loaded by jest.unit.config.js (the mutation run's Jest): properties without their own numRuns make
// fewer runs under `npm run test:mutation` too (runs.ts says why).
import fc from 'fast-check';
import { runs } from './runs.js';

fc.configureGlobal({ numRuns: runs(100) });
