import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { ServiceState } from './service.js';

export { expect };

const SCREENSHOTS = fileURLToPath(new URL('../../e2e-results/screenshots/', import.meta.url));
export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

/** What the global setup wrote: the service's address, the demo's tokens and first-run links. */
export function serviceState(): ServiceState {
  const path = process.env.E2E_STATE;
  if (!path) throw new Error('E2E_STATE is not set: run the browser tests through `npm run test:e2e` (its global setup starts the service)');
  return JSON.parse(readFileSync(path, 'utf8')) as ServiceState;
}

export function tokenOf(state: ServiceState, who: RegExp): string {
  const t = state.tokens.find((k) => who.test(k.who));
  if (!t) throw new Error(`no first-run token for ${who}; the service printed: ${state.tokens.map((k) => k.who).join(', ')}`);
  return t.token;
}

/** A first-run link, moved onto the address the tests use (the service may print localhost). */
export function linkOf(state: ServiceState, who: RegExp): string {
  const l = state.links.find((k) => who.test(k.who));
  if (!l) throw new Error(`no first-run sign-in link for ${who}; the service printed links for: ${state.links.map((k) => k.who).join(', ') || 'nobody'}`);
  return onBase(state, l.url);
}

export function onBase(state: ServiceState, url: string): string {
  const u = new URL(url);
  return `${state.baseURL}${u.pathname}${u.search}${u.hash}`;
}

/**
 * Every page a test visits is checked the same way: an axe-core scan with no serious or critical
 * violation, at phone and desktop width, and a full-page screenshot at each width
 * (e2e-results/screenshots/<name>-375.png and -1280.png), and no sideways scrolling on the phone. The
 * page is left at the viewport it had.
 */
export async function inspect(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? DESKTOP;
  try {
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SCREENSHOTS}${name}-${size.width}.png`, fullPage: true });
      if (size === PHONE) {
        // Soft: a page wider than the phone is reported with the rest of the test's findings.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect.soft(overflow, `${name}: the page is ${overflow} px wider than a ${PHONE.width} px phone (scrolls sideways)`).toBeLessThanOrEqual(0);
      }
      await expectAccessible(page, `${name} at ${size.width} px`);
    }
  } finally {
    await page.setViewportSize(before);
  }
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(described, `accessibility violations on ${where}`).toEqual([]);
}

/** An API client with someone's bearer token: how the tests prepare what a page would not (deputies, invites). */
export async function apiAs(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, state: ServiceState, token: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: state.baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

/** An API answer's status, with the start of its body when it is not the one expected. */
export async function expectStatus(r: APIResponse, status: number): Promise<void> {
  if (r.status() !== status) expect(r.status(), `${r.url()}: ${(await r.text()).slice(0, 600)}`).toBe(status);
}

/** A second person at their own browser (own cookies), e.g. the assignee on a phone. */
export async function newPerson(browser: Browser, state: ServiceState, size = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: state.baseURL, viewport: size, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return { context, page: await context.newPage() };
}

export const test = base.extend<{ service: ServiceState }>({
  service: async ({}, use) => use(serviceState()),
  baseURL: async ({}, use) => use(serviceState().baseURL),
});
