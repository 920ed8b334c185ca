/**
 * HTTP load for bench:http and bench:footprint: incidents opened through POST /incidents, then events
 * sent with autocannon, every connection on incidents of its own so that no two requests ever meet on
 * one incident (a 409 is an error here, never contention).
 */
import autocannon from 'autocannon';
import { CYCLE } from '../events/raw-sql.js';
import { percentile } from '../support.js';
import { cpuMs, sampleRss } from './service.js';

/** Incidents per connection: each takes SUSPECTED_CASE_REPORTED then CASE_RULED_OUT, in turn. */
export const INCIDENTS_PER_CONNECTION = 4;

export interface HttpRun {
  connections: number;
  events: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Every answer but 200, plus transport errors and timeouts. */
  errors: number;
  conflicts: number;
  statuses: Record<string, number>;
  rssPeak: number;
  rssLast: number;
  /** The service's CPU time per answered event. */
  cpuMsPerEvent: number;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

/** Opens `count` covid19-office incidents in the demo unit, `parallel` requests at a time. */
export async function openIncidents(base: string, token: string, count: number, parallel = 4): Promise<string[]> {
  const ids: string[] = [];
  let left = count;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (left-- > 0) {
        const res = await fetch(`${base}/incidents`, { method: 'POST', headers: auth(token), body: JSON.stringify({ playbook: 'covid19-office', unit: 'demo' }) });
        const body = (await res.json()) as { id: string };
        if (res.status !== 201) throw new Error(`opening an incident: ${res.status} ${JSON.stringify(body)}`);
        ids.push(body.id);
      }
    }),
  );
  return ids;
}

/**
 * `events` events over `connections` connections; each connection cycles through its own incidents
 * (`incidents[c]`), raising then ruling out. `events` is rounded up to an even number per connection,
 * so every incident is back where it started when the run ends and the next run can reuse it.
 */
export async function drive(base: string, token: string, incidents: string[][], events: number, pid: number): Promise<HttpRun> {
  const connections = incidents.length;
  const perConnection = 2 * Math.ceil(events / connections / 2);
  const amount = perConnection * connections;
  let next = 0;
  const latencies: number[] = [];
  const rss = sampleRss(pid);
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  const instance = autocannon({
    url: base,
    connections,
    amount,
    timeout: 30,
    setupClient: (client) => {
      // Connections are set up one after another, so each takes the next list of incidents.
      const mine = incidents[next++ % connections];
      client.setRequests(
        mine.flatMap((id) =>
          CYCLE.map((type) => ({ method: 'POST', path: `/incidents/${id}/events`, headers: auth(token), body: JSON.stringify({ type }) })),
        ),
      );
    },
  });
  // autocannon's own histogram keeps whole milliseconds; these are the exact times, 200s only.
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) latencies.push(ms);
  });
  const result = await instance;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs(pid) - cpu0;
  const { peak, last } = rss.stop();
  latencies.sort((a, b) => a - b);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, Number(v.count)]));
  return {
    connections,
    events: amount,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: Object.entries(statuses).reduce((n, [code, count]) => n + (code === '200' ? 0 : count), 0) + result.errors + result.timeouts,
    conflicts: statuses['409'] ?? 0,
    statuses,
    rssPeak: peak,
    rssLast: last,
    cpuMsPerEvent: cpu / Math.max(1, latencies.length),
  };
}

/** A level of load: its own incidents, a discarded warm-up on them, then the measured run. */
export async function loadLevel(base: string, token: string, connections: number, events: number, pid: number): Promise<HttpRun> {
  const ids = await openIncidents(base, token, connections * INCIDENTS_PER_CONNECTION);
  const incidents = Array.from({ length: connections }, (_, c) => ids.slice(c * INCIDENTS_PER_CONNECTION, (c + 1) * INCIDENTS_PER_CONNECTION));
  const warm = await drive(base, token, incidents, Math.max(2 * connections, Math.min(100, events / 10)), pid);
  // A failed warm-up leaves incidents in the other state: every later event would be a 409.
  if (warm.errors) throw new Error(`warm-up at ${connections} connection(s): ${warm.errors} errors ${JSON.stringify(warm.statuses)}`);
  return drive(base, token, incidents, events, pid);
}
