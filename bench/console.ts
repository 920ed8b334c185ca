/**
 * npm run bench:console — the web console's first-load size and the board's render time with many open
 * incidents. A benchmark, not a test: it prints figures for BENCHMARKS.md and fails only when it cannot
 * measure.
 *
 * 1. Size: dist/web/index.html's entry chunk and its static imports, gzipped (bench/console/bundle.ts).
 * 2. Board: the built service on a fresh embedded database (demo seeded), CONSOLE_INCIDENTS (1,000) open
 *    incidents created through the API as the demo admin, spread over ten units under the demo unit; then
 *    /app/board opened in Chromium (Playwright, the system's browser: CHROMIUM_PATH) in a new browser context
 *    each time (nothing cached), CONSOLE_RUNS (3) times. Each run is timed in the page, from the navigation's
 *    start (performance.timeOrigin) to the first incident card visible in the viewport, and to all filters
 *    usable (unit, plan and level lists filled, nothing disabled), each at the animation frame after the DOM
 *    has it (about when it is painted). The median is reported with the range.
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { Service } from '../scripts/chaos/service.js';
import { embeddedTarget } from '../scripts/chaos/targets.js';
import { measureBundle } from './console/bundle.js';
import { loadAverage } from './support.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const INCIDENTS = Number(process.env.CONSOLE_INCIDENTS ?? 1000);
const RUNS = Number(process.env.CONSOLE_RUNS ?? 3);
const UNITS = 10;
const PARALLEL = 4;
const PASSWORD = 'bench console password';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function api(base: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Of the tokens the first start printed, the demo admin's (asked through GET /me, not the wording). */
async function adminToken(base: string, tokens: string[]): Promise<{ token: string; id: string }> {
  for (const token of tokens) {
    const me = await api(base, token, 'GET', '/me').catch(() => null);
    if (me?.admin) return { token, id: me.id };
  }
  throw new Error(`none of the ${tokens.length} printed tokens is an admin's`);
}

async function seedIncidents(base: string, token: string): Promise<number> {
  const units = Array.from({ length: UNITS }, (_, i) => `bench-unit-${i + 1}`);
  for (const [i, id] of units.entries()) await api(base, token, 'POST', '/units', { id, name: `Đơn vị đo ${i + 1}`, parentId: 'demo' });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < INCIDENTS; i = next++) {
        await api(base, token, 'POST', '/incidents', { playbook: 'covid19-office', unit: units[i % UNITS], title: `Sự vụ đo ${i + 1}` });
      }
    }),
  );
  return performance.now() - t0;
}

// Installed before the console's scripts: notes, in page time, when the first card is visible and when
// every filter is usable. A MutationObserver (not polling from outside) so the instant is the page's own.
const WATCH = `(() => {
  const marks = (window.__benchMarks = {});
  const seen = {};
  let done;
  window.__benchDone = new Promise((resolve) => (done = resolve));
  // The instant is the next animation frame after the DOM has it: about when it is painted.
  const mark = (name) => {
    if (seen[name]) return;
    seen[name] = true;
    requestAnimationFrame(() => {
      marks[name] = performance.now();
      if (marks.card !== undefined && marks.filters !== undefined) done(marks);
    });
  };
  const check = () => {
    const card = document.querySelector('.board-list article.card');
    const r = card && card.getBoundingClientRect();
    if (r && r.height > 0 && r.top < innerHeight && r.bottom > 0) mark('card');
    const form = document.querySelector('form.filters');
    const selects = form ? [...form.querySelectorAll('select')] : [];
    const box = form && form.querySelector('input[type=checkbox]');
    if (selects.length === 3 && box && selects.every((s) => !s.disabled && s.options.length > 1) && !box.disabled) mark('filters');
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

async function boardRun(browser: Browser, base: string, admin: { token: string; id: string }): Promise<{ card: number; filters: number; shown: number }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  try {
    // A session for this context: a one-time link made by the admin, redeemed by the context itself (its cookie).
    const link = await api(base, admin.token, 'POST', `/people/${admin.id}/sign-in-links`, { kind: 'reset' });
    const redeemed = await context.request.post('/auth/links/redeem', { data: { token: String(link.url).split('#')[1], password: PASSWORD } });
    if (!redeemed.ok()) throw new Error(`redeeming the sign-in link: ${redeemed.status()} ${(await redeemed.text()).slice(0, 300)}`);
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    await page.goto('/app/board');
    // Awaits the page's own promise: the console's Content-Security-Policy forbids eval, which waitForFunction uses.
    const marks = await Promise.race([
      page.evaluate(() => (globalThis as unknown as { __benchDone: Promise<{ card: number; filters: number }> }).__benchDone),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the board showed no card or no usable filters within 120 s')), 120_000).unref()),
    ]);
    const shown = await page.locator('.board-list article.card').count();
    return { ...marks, shown };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const bundle = measureBundle(join(ROOT, 'dist/web'));
  const target = await embeddedTarget();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DATA_DIR', 'PORT', 'NODE_OPTIONS'].includes(k)) env[k] = v;
  const service = new Service(ROOT, { ...env, ...target.env, SEED_DEMO: 'true', NO_COLOR: '1', RATE_LIMIT_PER_MINUTE: '100000000' }, join(target.workDir, 'service.log'));
  const printed: string[] = [];
  const stop = service.onLine((line) => printed.push(...(line.match(/pbe_[A-Za-z0-9_-]+/g) ?? [])));
  let browser: Browser | undefined;
  try {
    await service.start(120_000);
    stop();
    const admin = await adminToken(service.base, printed);
    console.log(`creating ${INCIDENTS} incidents over ${UNITS} units…`);
    const seedMs = await seedIncidents(service.base, admin.token);
    const onBoard = ((await api(service.base, admin.token, 'GET', '/board')) as { incidents: unknown[] }).incidents.length;
    if (onBoard < INCIDENTS) throw new Error(`the board lists ${onBoard} incidents, not the ${INCIDENTS} created`);
    // The service's share of the render time: GET /board alone, as the page asks for it.
    const boardMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await api(service.base, admin.token, 'GET', '/board');
      boardMs.push(performance.now() - t);
    }
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined, args: ['--lang=vi-VN'] });
    const runs: { card: number; filters: number; shown: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await boardRun(browser, service.base, admin);
      console.log(`run ${i + 1}: first card ${r.card.toFixed(0)} ms, filters usable ${r.filters.toFixed(0)} ms, ${r.shown} cards in the DOM, load average ${loadAverage()}`);
      runs.push(r);
    }
    const card = runs.map((r) => r.card);
    const filters = runs.map((r) => r.filters);
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
    console.log(`\n## Console (${new Date().toISOString()})\n`);
    console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, Chromium ${browser.version()}, load average at the end ${loadAverage()}\n`);
    console.log('| what | figure |');
    console.log('|---|---:|');
    console.log(`| first-load JavaScript (entry ${bundle.entry} + ${bundle.chunks.length - 1} static imports), gzipped | ${kb(bundle.gzip)} (${kb(bundle.raw)} raw) |`);
    console.log(`| lazy JavaScript (admin, diagram…), gzipped, not in the first load | ${kb(bundle.lazyGzip)} |`);
    console.log(`| style sheet, gzipped | ${kb(bundle.cssGzip)} |`);
    console.log(`| ${INCIDENTS} incidents created through the API (${PARALLEL} at a time) | ${(seedMs / 1000).toFixed(1)} s |`);
    console.log(`| board with ${INCIDENTS} open incidents: navigation to the first incident card visible, median of ${RUNS} (range) | ${median(card).toFixed(0)} ms (${range(card)}) |`);
    console.log(`| board with ${INCIDENTS} open incidents: navigation to all filters usable, median of ${RUNS} (range) | ${median(filters).toFixed(0)} ms (${range(filters)}) |`);
    console.log(`| GET /board with ${INCIDENTS} open incidents (the service's share), median of ${RUNS} (range) | ${median(boardMs).toFixed(0)} ms (${range(boardMs)}) |`);
    console.log(`| incidents on the board (GET /board) / incident cards in the DOM (virtualised list) | ${onBoard} / ${runs[0].shown} |`);
  } finally {
    await browser?.close();
    await service.stop();
    service.close();
    await target.dispose({ dir: false, database: false });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
