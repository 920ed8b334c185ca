import { SerialQueue } from '../../src/database/serial-queue.js';

describe('SerialQueue and the event loop', () => {
  it('gives the event loop a turn before each queued job, so I/O that arrived meanwhile is not starved', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    // Jobs that never wait on I/O, as PGlite's synchronous answers are; a socket becomes readable
    // while the first one runs.
    const first = q.run(async () => {
      log.push('first');
      setImmediate(() => log.push('I/O'));
    });
    const second = q.run(async () => void log.push('second'));
    await Promise.all([first, second]);
    // Read before the queued job runs, not after the whole queue.
    expect(log).toEqual(['first', 'I/O', 'second']);
  });

  it('starts even a job on an idle queue on a later turn, not inside the callback that queued it', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const run = q.run(async () => void log.push('job'));
    await Promise.resolve();
    expect(log).toEqual([]);
    await run;
    expect(log).toEqual(['job']);
  });
});
