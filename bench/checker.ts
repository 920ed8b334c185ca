// `npm run bench:checker`: how long `playbooks:check` takes per playbook (parse, cross-references, the
// walk of every reachable state): the shipped playbooks, a generated plan of ~6,900 states (three
// parallel regions of 18 gated steps each) and a compressed-time drill with 288 recurrence times a day.
// Median and range of 5 runs each, after one warm-up; the state counts are asserted.
import os from 'node:os';
import { explorePlaybook } from '../src/core/playbook/explore-playbook.js';
import { parsePlaybook } from '../src/core/playbook/parse-playbook.js';
import { readdirSync, readFileSync } from 'node:fs';
import type { Library } from '../src/core/playbook/parse-playbook.js';
import { readPlaybookSources } from '../src/playbooks/playbook-files.js';
import { expectCounts, loadAverage, showSpread, spread } from './support.js';
import { compressedDrill, parallelPlan } from './checker-plans.js';

const RUNS = 5;

function timeCheck(source: string, file: string, libraries: ReadonlyMap<string, Library>): { ms: number; states: number; issues: number } {
  const t0 = performance.now();
  const playbook = parsePlaybook(source, file, libraries);
  const stats = { states: 0 };
  const issues = explorePlaybook(playbook, stats);
  return { ms: performance.now() - t0, states: stats.states, issues: issues.length };
}

async function main() {
  const { libraries: list } = await readPlaybookSources('./playbooks');
  const libraries = new Map(list.map((l) => [l.name.replace(/\.ya?ml$/, ''), l]));
  const files = readdirSync('./playbooks').filter((f) => f.endsWith('.yaml'));
  const cases: [string, string][] = [
    ...files.map((f): [string, string] => [f, readFileSync(`./playbooks/${f}`, 'utf8')]),
    ['parallel-drill (generated)', parallelPlan(18)],
    ['compressed-drill (generated)', compressedDrill()],
  ];
  console.log(`checker benchmark, ${new Date().toISOString()}, ${os.cpus()[0]?.model} × ${os.cpus().length}, node ${process.version}, load ${loadAverage()}`);
  console.log('| Playbook | States walked | Time per check, ms: median (range) of 5 |');
  console.log('| --- | ---: | ---: |');
  for (const [name, source] of cases) {
    const first = timeCheck(source, name, libraries); // warm-up
    const runs = Array.from({ length: RUNS }, () => timeCheck(source, name, libraries));
    if (name.startsWith('parallel-drill')) expectCounts(name, { states: first.states, issues: first.issues }, { states: 19 ** 3 + 2, issues: 0 });
    if (name.startsWith('compressed-drill')) expectCounts(name, { issues: first.issues }, { issues: 0 });
    console.log(`| ${name} | ${first.states} | ${showSpread(spread(runs.map((r) => r.ms)))} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
