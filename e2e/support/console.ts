import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.js';
import { vi } from './i18n.js';

/** Page parts the specs share, found the way a screen reader user would find them. */

export function summaryOf(page: Page): Locator {
  return page.getByRole('region', { name: vi('incident.summary') });
}

/** A task's card in My tasks, for one incident (the same task title recurs across incidents). */
export function taskCard(page: Page, title: string, incidentTitle: string): Locator {
  return page.getByRole('article', { name: title, exact: true }).filter({ hasText: incidentTitle });
}

/** Completes a task from My tasks with a note; the card leaves the list once the service has it done. */
export async function completeTask(page: Page, title: string, incidentTitle: string, note: string): Promise<void> {
  const card = taskCard(page, title, incidentTitle);
  await card.getByLabel(vi('task.note'), { exact: true }).fill(note);
  await card.getByRole('button', { name: vi('task.complete') }).click();
  await expect(card).toHaveCount(0);
}

/** An event button of the incident page: its name is the event's title, then where it leads. */
export function eventButton(page: Page, eventTitle: string): Locator {
  return page.getByRole('region', { name: vi('incident.actions') }).getByRole('button', { name: new RegExp(`^${eventTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
}

/** Opens an incident from the board's dialog; resolves with its id once its page is shown. */
export async function openIncident(page: Page, unit: string, playbook: string, title: string): Promise<string> {
  await page.getByRole('button', { name: vi('open.button') }).click();
  const dialog = page.getByRole('dialog', { name: vi('open.title') });
  await dialog.getByLabel(vi('open.unit'), { exact: true }).selectOption(unit);
  await dialog.getByLabel(vi('open.playbook'), { exact: true }).selectOption(playbook);
  await dialog.getByLabel(vi('open.name'), { exact: true }).fill(title);
  await dialog.getByRole('button', { name: vi('open.submit'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const id = /\/app\/incidents\/([^/?#]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`opening the incident did not lead to its page: ${page.url()}`);
  return id;
}
