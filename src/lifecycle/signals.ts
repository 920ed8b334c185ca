import { Logger, type INestApplication } from '@nestjs/common';
import { Shutdown } from './shutdown.js';

/** After the drain, how long closing the application and its database may take before we give up. */
const CLOSE_BOUND_MS = 5_000;

/**
 * On the first SIGTERM or SIGINT: drain (not ready at once, no new connections, requests in flight get
 * up to `graceMs`, the poller and the dispatcher stop and hand back their claims), then close the
 * application (`app.close`, which in main.ts also closes the database and releases the embedded data
 * folder) and exit 0. A second signal, of either kind, kills at once: a stop that hangs can be forced.
 * Whatever happens, the process is gone `graceMs` + 5 s after the first signal (exit 1 if it had to cut
 * the close short), so a supervisor's own stop timeout set above that never needs its SIGKILL.
 */
export function stopOnSignals(app: INestApplication, graceMs: number): void {
  const log = new Logger('Shutdown');
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const s of signals) process.off(s, onSignal);
    void stop(app, graceMs, signal, log);
  };
  for (const s of signals) process.on(s, onSignal);
}

async function stop(app: INestApplication, graceMs: number, signal: NodeJS.Signals, log: Logger): Promise<void> {
  const t0 = performance.now();
  log.log(`${signal}: draining (not ready, no new connections; requests in flight get up to ${graceMs} ms)`);
  const backstop = setTimeout(() => {
    log.error(`did not stop within ${graceMs + CLOSE_BOUND_MS} ms of ${signal}; exiting anyway`);
    process.exit(1);
  }, graceMs + CLOSE_BOUND_MS);
  backstop.unref();
  let graceTimer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, graceMs)));
  try {
    const report = await app.get(Shutdown).drain(graceOver);
    clearTimeout(graceTimer);
    if (report.cutConnections) log.warn(`${report.cutConnections} requests were still in flight after ${graceMs} ms (SHUTDOWN_GRACE_MS); their connections were closed`);
    if (!report.backgroundStopped) log.warn('the timer poller or the dispatcher was still busy after SHUTDOWN_GRACE_MS; what it holds comes back when its lease ends');
    await app.close();
    log.log(`stopped in ${Math.round(performance.now() - t0)} ms`);
    process.exit(0);
  } catch (e) {
    log.error(`stopping failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
