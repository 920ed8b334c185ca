import { isDatabaseUnavailable } from '../../src/database/database-errors.js';
import { SerialQueue } from '../../src/database/serial-queue.js';

describe('database unavailability', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ driverError: { code: '57P01' } }, true],
    [{ code: '08006' }, true],
    [{ message: 'Connection terminated unexpectedly' }, true],
    [{ code: '23505', message: 'duplicate key' }, false],
    [new Error('boom'), false],
  ])('%j → %s', (e, expected) => {
    expect(isDatabaseUnavailable(e)).toBe(expected);
  });
});

describe('SerialQueue', () => {
  it('runs jobs one at a time in order, even when one fails', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = q.run(async () => {
      log.push('a start');
      await gate;
      log.push('a end');
      throw new Error('a failed');
    });
    const b = q.run(async () => {
      log.push('b');
      return 2;
    });
    // Jobs start on a later turn of the event loop (SerialQueue: fairness to I/O): wait two turns.
    for (let turn = 0; turn < 2; turn++) await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['a start']);
    release();
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe(2);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });
});
