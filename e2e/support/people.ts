import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectStatus, onBase } from './fixtures.js';
import { vi } from './i18n.js';
import type { ServiceState } from './service.js';

/** A password good enough for the link page (10 characters or more); the tests set it, so it is no secret. */
export const PASSWORD = 'correct horse battery staple';

export interface PersonView {
  id: string;
  email: string | null;
  name: string;
}

export async function personByEmail(admin: APIRequestContext, email: string): Promise<PersonView> {
  const r = await admin.get('/people');
  await expectStatus(r, 200);
  const p = ((await r.json()) as PersonView[]).find((x) => x.email === email);
  if (!p) throw new Error(`no person with the email ${email}`);
  return p;
}

/** What an admin does to let someone into the console: a one-time link (invite, or reset a password). */
export async function linkFor(admin: APIRequestContext, state: ServiceState, email: string, kind: 'invite' | 'reset' = 'invite'): Promise<string> {
  const person = await personByEmail(admin, email);
  const r = await admin.post(`/people/${person.id}/sign-in-links`, { data: { kind } });
  await expectStatus(r, 201);
  return onBase(state, ((await r.json()) as { url: string }).url);
}

/**
 * Opens a one-time link on the page and goes through it as its person would: sets a password when the
 * link asks for one, and presses the button. Resolves once the console has moved on from /app/link.
 */
export async function followLink(page: Page, url: string, password?: string): Promise<void> {
  await page.goto(url);
  if (password !== undefined) {
    await page.getByLabel(vi('link.newPassword'), { exact: true }).fill(password);
    await page.getByLabel(vi('link.repeatPassword'), { exact: true }).fill(password);
    await page.getByRole('button', { name: vi('link.setAndSignIn') }).click();
  } else {
    await page.getByRole('button', { name: vi('link.signIn'), exact: true }).click();
  }
  // Home is the board or My tasks, reached through a redirect from /app/: wait for it, so that a click
  // made next is not undone by that redirect.
  await expect(page).toHaveURL(/\/app\/(board|tasks)$/);
}

/** An admin invites someone, who sets a password on the link page: signed in, on their home page. */
export async function inviteAndSignIn(page: Page, admin: APIRequestContext, state: ServiceState, email: string): Promise<void> {
  await followLink(page, await linkFor(admin, state, email, 'invite'), PASSWORD);
}
