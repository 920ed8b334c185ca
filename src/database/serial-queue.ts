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
    const start = () => {
      this.queued--;
      return job();
    };
    const result = this.tail.then(start, start);
    // The next job waits for this one to settle, whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
