/**
 * npm run bench:footprint — the embedded service's start time and memory: the first start on an empty
 * data folder (initdb, migrations, demo seed) and a restart on the existing one, each timed from spawn
 * to the first 200 from GET /health; its RSS right after start, while idle (FOOTPRINT_IDLE_S, 30 s by
 * default) and at its peak under bench:http's load (8 and 32 connections); then what it keeps after.
 * RSS is VmRSS from /proc/<pid>/status of the child, sampled every 200 ms.
 */
import 'reflect-metadata';
import { loadLevel } from './http/load.js';
import { rssMb, sampleRss, startBenchService } from './http/service.js';
import { loadAverage, machineInfo } from './support.js';

const IDLE_S = Math.min(120, Number(process.env.FOOTPRINT_IDLE_S ?? 30));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 600);
const LOAD_CONNECTIONS = [8, 32];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  console.log(`Footprint benchmark (embedded database)\n${await machineInfo()}\n`);
  const rows: [string, string][] = [];
  const s = await startBenchService('embedded');
  try {
    const firstRss = rssMb(s.service.pid);
    rows.push(['first start (empty folder: initdb, migrations, demo seed), spawn to healthy', `${(s.startMs / 1000).toFixed(1)} s`]);
    rows.push(['RSS right after the first start', `${firstRss.toFixed(0)} MB`]);
    if (!s.duty) throw new Error('the service printed no duty officer token');
    const duty = s.duty;
    await s.service.stop();

    console.log(`restart on the existing folder, load average ${loadAverage()}`);
    const restartMs = await s.restart();
    const pid = s.service.pid;
    rows.push(['restart on the existing folder, spawn to healthy', `${(restartMs / 1000).toFixed(1)} s`]);
    rows.push(['RSS right after the restart', `${rssMb(pid).toFixed(0)} MB`]);

    console.log(`idle for ${IDLE_S} s`);
    const idle = sampleRss(pid);
    await sleep(IDLE_S * 1000);
    const i = idle.stop();
    rows.push([`RSS idle, after ${IDLE_S} s (min–peak meanwhile)`, `${i.last.toFixed(0)} MB (${i.min.toFixed(0)}–${i.peak.toFixed(0)})`]);

    let peak = 0;
    for (const c of LOAD_CONNECTIONS) {
      console.log(`HTTP load, ${c} connections, load average ${loadAverage()}`);
      const run = await loadLevel(s.service.base, duty, c, EVENTS, pid);
      if (run.errors) throw new Error(`${run.errors} errors under load: ${JSON.stringify(run.statuses)}`);
      rows.push([`RSS peak under load, ${c} connections (${run.perSecond.toFixed(0)} events/s, p99 ${run.p99.toFixed(0)} ms)`, `${run.rssPeak.toFixed(0)} MB`]);
      peak = Math.max(peak, run.rssPeak);
    }
    rows.push(['RSS peak under load, overall', `${peak.toFixed(0)} MB`]);
    const after = sampleRss(pid);
    await sleep(Math.min(10, IDLE_S) * 1000);
    rows.push([`RSS ${Math.min(10, IDLE_S)} s after the load`, `${after.stop().last.toFixed(0)} MB`]);
  } finally {
    await s.dispose();
  }
  console.log(`\n## Summary (load average at the end ${loadAverage()})\n`);
  console.log('| what | figure |');
  console.log('|---|---:|');
  for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
}

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
process.exit(process.exitCode ?? 0);
