import type { APIRequestContext, Page } from '@playwright/test';
import { expect, onBase } from './fixtures.js';
import type { ServiceState } from './service.js';

/** A password good enough for the link page (10 characters or more); the tests set it, so it is no secret. */
export const PASSWORD = 'correct horse battery staple';

interface PersonView {
  id: string;
  email: string | null;
  name: string;
}

export async function personByEmail(admin: APIRequestContext, email: string): Promise<PersonView> {
  const r = await admin.get('/people');
  expect(r.status(), await r.text()).toBe(200);
  const p = ((await r.json()) as PersonView[]).find((x) => x.email === email);
  if (!p) throw new Error(`no person with the email ${email}`);
  return p;
}

/** What an admin does to let someone into the console: a one-time link (invite, or reset a password). */
export async function linkFor(admin: APIRequestContext, state: ServiceState, email: string, kind: 'invite' | 'reset' = 'invite'): Promise<string> {
  const person = await personByEmail(admin, email);
  const r = await admin.post(`/people/${person.id}/sign-in-links`, { data: { kind } });
  expect(r.status(), await r.text()).toBe(201);
  return onBase(state, ((await r.json()) as { url: string }).url);
}

/**
 * Opens a one-time link on the page and goes through it as its person would: sets a password when the
 * link asks for one, and presses the button. Resolves once the console has moved on from /app/link.
 */
export async function followLink(page: Page, url: string, password?: string): Promise<void> {
  await page.goto(url);
  if (password !== undefined) {
    await page.getByLabel(/Mật khẩu mới|New password/i).fill(password);
    await page.getByLabel(/Nhập lại mật khẩu|Repeat|again/i).fill(password);
  }
  await page.getByRole('button', { name: /Đăng nhập|Sign in/i }).click();
  await expect(page).not.toHaveURL(/\/app\/link/);
}
