import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../handoff/support/agentClient.js';
import { axeViolations } from '../support/browser.js';

/** A handoff in two or three pages takes a while on a loaded machine: waits are on events, never on time. */
export const CONSOLE_TEST_TIMEOUT_MS = 180_000;

/** The agent console's parts, by role and label where they have one. */
export const consoleUi = {
  who: '.who',
  tabs: '[role="tab"]',
  panel: '[role="tabpanel"]:not([hidden])',
  lines: '[role="tabpanel"]:not([hidden]) .log li',
};

/** A console page of its own (its own sessionStorage), signed in as `username`. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  username: string,
  displayName: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // bypassCSP lets axe-core be injected; the pages themselves run under the product's CSP otherwise.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}/agent`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(TEST_PASSWORD);
  await page.locator('#login-password').press('Enter');
  try {
    await page.locator(consoleUi.who, { hasText: displayName }).waitFor();
  } catch (error) {
    // Say what the page said: a refused sign-in, a script error.
    const said = await page
      .locator('#login-error, .banner')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`${username} is not signed in (${[...said, ...errors].join(' | ')})`, { cause: error });
  }
  return { context, page, errors };
}

/** Makes the agent available from the header, as they would. */
export async function setAvailable(page: Page): Promise<void> {
  await page.locator('#presence').selectOption('available');
  await page.waitForFunction(
    () => document.querySelector<HTMLSelectElement>('#presence')?.value === 'available',
  );
}

/** axe-core over the whole page: no violation of any impact. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${state}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
