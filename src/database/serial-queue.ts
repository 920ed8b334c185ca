/**
 * Runs async jobs one at a time, in arrival order. PGlite is a single session, so two interleaved
 * transactions would share one BEGIN…COMMIT; on the embedded driver every use of the database goes
 * through one of these.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    // The next job waits for this one to settle, whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
