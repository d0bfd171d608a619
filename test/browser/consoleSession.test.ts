import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, PASSWORD } from '../admin/support/adminApi.js';
import {
  allAxeViolations,
  closeChromiumContexts,
  describeInBrowser,
  describeViolations,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await allAxeViolations(page);
  expect(violations, `${state}\n${describeViolations(violations)}`).toEqual([]);
}

/** Everything a script on the page can read: cookies, both storages. */
function readableByScripts(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify([document.cookie, { ...sessionStorage }, { ...localStorage }]));
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === 'va-console');
}

/**
 * One sign-in per browser for both consoles: a tab opened later is signed in without a password,
 * no script sees the token, and signing out in one tab signs out every tab at once.
 */
describeInBrowser('console sign-in shared by tabs, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    await addUser(app, 'eva', ['editor', 'agent']);
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await app?.stop();
  });

  it('when an editor opens the console in a second tab, then it is signed in without a password; sign-out in one tab ends it in every tab of both consoles', async () => {
    // bypassCSP lets axe-core be injected; the pages themselves run under the product's CSP otherwise.
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const first = await context.newPage();
    const errors: string[] = [];
    first.on('pageerror', (error) => errors.push(error.message));
    await first.goto(`${app.baseUrl}/editor`);
    await first.getByLabel('Username').fill('eva');
    await first.getByLabel('Password').fill(PASSWORD);
    await first.getByRole('button', { name: 'Sign in' }).click();
    await first.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();

    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const token = cookie?.value ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await readableByScripts(first)).not.toContain(token);

    // The second tab: no sign-in form, straight to the page asked for.
    const second = await context.newPage();
    second.on('pageerror', (error) => errors.push(error.message));
    await second.goto(`${app.baseUrl}/editor#/unanswered`);
    await second.getByText('Signed in as EVA').waitFor();
    await second.getByRole('heading', { level: 1, name: 'Unanswered questions' }).waitFor();
    expect(await second.locator('#login-username').count()).toBe(0);
    expect(await readableByScripts(second)).not.toContain(token);
    await expectNoViolations(second, 'second tab, signed in by the shared cookie');

    // The agent console in a third tab shares the sign-in too (its socket handshake carries the cookie).
    const agent = await context.newPage();
    agent.on('pageerror', (error) => errors.push(error.message));
    await agent.goto(`${app.baseUrl}/agent`);
    await agent.locator('.who', { hasText: 'Signed in as EVA' }).waitFor();
    expect(await agent.locator('#login-username').count()).toBe(0);
    expect(await readableByScripts(agent)).not.toContain(token);

    // Signing out in the second tab (a change: it needs the CSRF token that tab learnt).
    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByLabel('Username').waitFor();
    // Every other tab shows the sign-in page at once, without a reload.
    await first.getByLabel('Username').waitFor();
    await first
      .getByRole('alert')
      .filter({ hasText: 'Your session has ended. Please sign in again.' })
      .waitFor();
    await agent.locator('#login-username').waitFor();
    expect(await sessionCookie(context)).toBeUndefined();
    await expectNoViolations(first, 'a tab signed out by another');
    // It really ended on the server: a reload does not bring the tab back in.
    await first.reload();
    await first.getByLabel('Username').waitFor();
    const stillValid = await fetch(`${app.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stillValid.status).toBe(401);

    // Signing in again in the agent tab lets the editor tabs waiting at the sign-in page in.
    await agent.locator('#login-username').fill('eva');
    await agent.locator('#login-password').fill(PASSWORD);
    await agent.locator('#login-password').press('Enter');
    await agent.locator('.who', { hasText: 'Signed in as EVA' }).waitFor();
    await first.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await second.getByText('Signed in as EVA').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when a Spanish-speaking editor opens a second tab, then it is signed in, in Spanish, and passes axe', async () => {
    const context = await browser.newContext({ locale: 'es-ES', bypassCSP: true });
    const first = await context.newPage();
    await first.goto(`${app.baseUrl}/editor`);
    await first.getByLabel('Nombre de usuario').fill('eva');
    await first.getByLabel('Contraseña').fill(PASSWORD);
    await first.getByRole('button', { name: 'Iniciar sesión' }).click();
    await first.getByRole('heading', { level: 1, name: 'Artículos' }).waitFor();

    const second = await context.newPage();
    await second.goto(`${app.baseUrl}/editor`);
    await second.getByText('Sesión de EVA').waitFor();
    await second.getByRole('heading', { level: 1, name: 'Artículos' }).waitFor();
    expect(await second.locator('#login-username').count()).toBe(0);
    await expectNoViolations(second, 'segunda pestaña');
    await context.close();
  });
  it('when a tab still holds the CSRF token of an earlier sign-in of the browser, then Sign out there still ends the sign-in the browser holds now', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/editor`);
    await page.getByLabel('Username').fill('eva');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    // A new sign-in that this tab did not hear of (made outside the consoles) replaces the cookie.
    const status = await page.evaluate(
      async ([username, password]) =>
        (
          await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password }),
          })
        ).status,
      ['eva', PASSWORD],
    );
    expect(status).toBe(200);
    const current = (await sessionCookie(context))?.value ?? '';

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    const after = await fetch(`${app.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${current}` },
    });
    expect(after.status).toBe(401);
    expect(await sessionCookie(context)).toBeUndefined();
    await context.close();
  });
});
