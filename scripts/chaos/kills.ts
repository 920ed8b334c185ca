import { sleep, type Api, type Gate } from './http.js';
import { RestartFailed, type Service, type StartReport } from './service.js';
import { pullTimersDue, type Sql, type Target } from './targets.js';

export interface KillRecord {
  n: number;
  /** Seconds of load since the phase began, at the kill. */
  at: number;
  /** Date.now() at the kill, to compare with the times the service wrote. */
  wallAt: number;
  /** Requests the clients had outstanding when the process died. */
  inFlight: number;
  /** Escalation timers brought due while the service was down (embedded only). */
  pulled: number;
  pullMs: number;
  /** From SIGKILL to GET /health answering 200. */
  downMs: number;
  start: StartReport;
}

export interface KillPlan {
  kills: number;
  /** Seconds of load with the service up, spread around the kills. */
  seconds: number;
  restartTimeoutMs: number;
}

/**
 * Kills the service with SIGKILL at random moments of the load and restarts it each time, closing the
 * clients' gate while it is down. On PostgreSQL it also brings escalation timers due while the service
 * runs; on the embedded database (readable only with the service stopped) it does so while it is down.
 */
export async function killLoop(
  plan: KillPlan,
  service: Service,
  gate: Gate,
  api: Api,
  target: Target,
  rnd: () => number,
  say: (line: string) => void,
): Promise<{ records: KillRecord[]; pulledWhileUp: number; failure?: string }> {
  const records: KillRecord[] = [];
  const t0 = performance.now();
  let up = 0;
  let pulledWhileUp = 0;
  const online: Sql | null = target.readableWhileRunning ? await target.open() : null;
  const runFor = async (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await sleep(Math.min(1500, Math.max(0, end - performance.now())));
      if (online && performance.now() < end) pulledWhileUp += await pullTimersDue(online, 5);
    }
    up += ms;
  };
  try {
    const slot = (plan.seconds * 1000) / (plan.kills + 1);
    for (let n = 1; n <= plan.kills; n++) {
      await runFor(slot * (0.4 + 1.2 * rnd()));
      // Aim inside a change: somewhere between its arrival and its answer, so some die before their
      // commit, some in it, and some after it with the answer unsent (the resend must not apply them twice).
      for (const end = performance.now() + 2000; api.postsInFlight === 0 && performance.now() < end; ) await sleep(1);
      await sleep(rnd() * 1.2 * api.postMs);
      gate.down();
      const inFlight = api.inFlight;
      const killedAt = performance.now();
      const wallAt = Date.now();
      await service.kill();
      let pulled = 0;
      let pullMs = 0;
      if (!online) {
        const p0 = performance.now();
        const sql = await target.open();
        try {
          pulled = await pullTimersDue(sql, 15);
        } finally {
          await sql.close();
        }
        pullMs = performance.now() - p0;
      }
      let start: StartReport;
      try {
        start = await service.start(plan.restartTimeoutMs);
      } catch (e) {
        const why = e instanceof RestartFailed ? e.message : String(e);
        say(`kill ${n}: RESTART FAILED: ${why}`);
        return { records, pulledWhileUp, failure: `restart after kill ${n} failed` };
      }
      gate.up();
      const r: KillRecord = { n, at: (killedAt - t0) / 1000, wallAt, inFlight, pulled, pullMs, downMs: performance.now() - killedAt, start };
      records.push(r);
      say(
        `kill ${n} at ${r.at.toFixed(1)}s (${inFlight} requests in flight)` +
          (online ? '' : `, ${pulled} timers brought due in ${pullMs.toFixed(0)} ms`) +
          ` → healthy ${r.downMs.toFixed(0)} ms after the kill; start ${start.ms.toFixed(0)} ms, ${start.attempts} spawn(s)` +
          (start.refusals.length ? ` (${start.refusals.join('; ')})` : ''),
      );
    }
    await runFor(Math.max(slot, plan.seconds * 1000 - up));
    return { records, pulledWhileUp };
  } finally {
    await online?.close();
  }
}
