/**
 * Runs async jobs one at a time, in arrival order. PGlite is a single session, so two interleaved
 * transactions would share one BEGIN…COMMIT; on the embedded driver every use of the database goes
 * through one of these.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Jobs waiting for their turn (not the running one): /metrics shows it like pg's waitingCount. */
  get waiting(): number {
    return this.queued;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    this.queued++;
    const start = async () => {
      // PGlite answers synchronously, so a job never waits on I/O: run straight from a socket's read
      // callback, or back to back with the jobs queued behind it, it keeps the event loop from reading
      // any other socket until it (and they) are done. Under load that starved new connections for
      // seconds (bench:http at 32 connections: some first requests waited 10-13 s, p99 6-10 s). Each
      // job starting on a later turn of the event loop lets every request be read and queued in
      // arrival order.
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.queued--;
      return job();
    };
    const result = this.tail.then(start, start);
    // The next job waits for this one to settle, whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
