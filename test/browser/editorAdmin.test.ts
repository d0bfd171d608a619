import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, PASSWORD } from '../admin/support/adminApi.js';
import { TestClock } from '../handoff/support/agentClient.js';
import {
  allAxeViolations,
  closeChromiumContexts,
  describeInBrowser,
  describeViolations,
  sharedChromium,
} from '../support/browser.js';
import { screenshotPath } from '../support/screenshots.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

async function signIn(page: Page, app: TestApp, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${app.baseUrl}/editor`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
}

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await allAxeViolations(page);
  expect(violations, `${state}\n${describeViolations(violations)}`).toEqual([]);
}

async function signInStatus(app: TestApp, username: string, password: string): Promise<number> {
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

/** Saturday, January 17, 2026, 10:00 a.m. Eastern: closed, and Monday the 19th is Martin Luther King Jr. Day. */
const LONG_WEEKEND = '2026-01-17T15:00:00.000Z';

/**
 * The admins' pages of the console: Users (accounts created, changed, disabled and given a new
 * password) and Live-chat hours (BUSINESS_HOURS as the service applies it, at a fixed time).
 */
describeInBrowser('admin pages of the console, in Chromium', () => {
  const clock = new TestClock(new Date(LONG_WEEKEND));
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp(
      {
        BUSINESS_HOURS: JSON.stringify({
          specialHours: { '2026-02-02': [{ open: '10:00', close: '14:00' }] },
        }),
      },
      { clock },
    );
    await addUser(app, 'root', ['admin']);
    await addUser(app, 'eva', ['editor']);
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await app?.stop();
  });

  it('when an admin adds an agent, then the password is asked twice with the 12-character minimum said, mistakes are named at their field, and the new agent can sign in', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'root');
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(
      await page
        .locator('tr[data-user]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user'))),
    ).toEqual(['eva', 'root']);
    await expectNoViolations(page, 'user list');

    await page.getByRole('link', { name: 'Add a user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a user' }).waitFor();
    // The minimum is said where the password is asked: in the field's description.
    const password = page.getByLabel('Password', { exact: true });
    const again = page.getByLabel('Password again');
    const describedBy = await password.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).innerText()).toMatch(/^At least 12 characters/);
    await page.getByLabel('Username').fill('Ana.Ruiz');
    await page.getByLabel('Name shown to visitors and colleagues').fill('Ana Ruiz');
    expect(await page.getByRole('checkbox', { name: 'Agent' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Spanish' }).check();
    await password.fill('cedar lantern orbit');
    await again.fill('cedar lantern orbiT');
    await page.getByRole('button', { name: 'Create the account' }).click();
    const errors = page.locator('.form-errors');
    await errors.getByText('Password again: the two passwords are not the same').waitFor();
    expect(await again.getAttribute('aria-invalid')).toBe('true');
    await expectNoViolations(page, 'new user, passwords differ');
    await page.screenshot({ path: screenshotPath('users-new-error-en.png'), fullPage: true });
    // The server's rules come back at their fields too.
    await password.fill('too short');
    await again.fill('too short');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await errors.getByText('Password: must have at least 12 characters').waitFor();
    await errors.getByRole('link', { name: 'Password: must have at least 12 characters' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-password');

    await password.fill('cedar lantern orbit');
    await again.fill('cedar lantern orbit');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByRole('heading', { level: 1, name: 'User “ana.ruiz”' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Account “ana.ruiz” created.' }).waitFor();
    expect(await app.app.store.users.findByUsername('ana.ruiz')).toMatchObject({
      displayName: 'Ana Ruiz',
      roles: ['agent'],
      languages: ['en', 'es'],
      disabled: false,
    });
    expect(await signInStatus(app, 'ana.ruiz', 'cedar lantern orbit')).toBe(200);
    const audit = await app.app.store.audit.list({ action: 'user.create' });
    expect(audit[0]).toMatchObject({ actor: 'root', target: 'ana.ruiz' });
    expect(JSON.stringify(audit)).not.toContain('cedar');
    await context.close();
  });

  it('when an admin changes roles, disables and re-enables an account and sets a new password, then each takes effect, is audited, and the pages pass axe in both languages', async () => {
    await addUser(app, 'omar', ['agent']);
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'root');
    await page.goto(`${app.baseUrl}/editor#/user/id-omar`);
    await page.getByRole('heading', { level: 1, name: 'User “omar”' }).waitFor();
    await expectNoViolations(page, 'one user');
    await page.screenshot({ path: screenshotPath('users-one-en.png'), fullPage: true });

    await page.getByRole('checkbox', { name: 'Editor' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes to “omar” saved.' }).waitFor();
    expect((await app.app.store.users.get('id-omar'))?.roles).toEqual(['agent', 'editor']);

    await page.getByRole('button', { name: 'Disable the account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable “omar”?' });
    await dialog.waitFor();
    await expectNoViolations(page, 'disable dialog');
    await dialog.getByRole('button', { name: 'Disable “omar”' }).click();
    await page.getByRole('status').filter({ hasText: 'Account “omar” disabled.' }).waitFor();
    expect(await page.locator('.account-state').innerText()).toBe(
      'This account is disabled: it cannot sign in.',
    );
    expect(await signInStatus(app, 'omar', PASSWORD)).toBe(401);
    await page.getByRole('button', { name: 'Enable the account' }).click();
    await page.getByRole('status').filter({ hasText: 'Account “omar” enabled.' }).waitFor();

    const passwordField = page.getByLabel('Password', { exact: true });
    await passwordField.fill('granite willow seventeen');
    await page.getByLabel('Password again').fill('granite willow seventeen');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'New password set for “omar”; 0 sign-ins ended.' })
      .waitFor();
    expect(await signInStatus(app, 'omar', PASSWORD)).toBe(401);
    expect(await signInStatus(app, 'omar', 'granite willow seventeen')).toBe(200);
    const actions = (await app.app.store.audit.list({ actor: 'root', action: 'user' })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['user.roles', 'user.disabled', 'user.password_reset']));

    // In Spanish: every label, hint and the page's language.
    await page.getByRole('button', { name: 'Cambiar la consola a español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usuario «omar»' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const hintId = await page.getByLabel('Contraseña', { exact: true }).getAttribute('aria-describedby');
    expect(await page.locator(`#${hintId}`).innerText()).toMatch(/^Al menos 12 caracteres/);
    await page.getByLabel('Contraseña', { exact: true }).fill('corta');
    await page.getByLabel('Repita la contraseña').fill('corta');
    await page.getByRole('button', { name: 'Poner la contraseña nueva' }).click();
    await page.locator('.form-errors').getByText('Contraseña: debe tener al menos 12 caracteres').waitFor();
    await expectNoViolations(page, 'one user, in Spanish, with an error');
    await page.screenshot({ path: screenshotPath('users-one-es.png'), fullPage: true });
    await page.getByRole('navigation').getByRole('link', { name: 'Usuarios' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usuarios' }).waitFor();
    await expectNoViolations(page, 'user list, in Spanish');
    await page.getByRole('link', { name: 'Agregar un usuario' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agregar un usuario' }).waitFor();
    await expectNoViolations(page, 'new user, in Spanish');
    await context.close();
  });

  it('when an editor who is not an admin uses the console, then no Users section is offered and the page says it is for administrators', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Live-chat hours' }).count()).toBe(0);
    await page.goto(`${app.baseUrl}/editor#/users`);
    await page.getByText('This page is for administrators.').waitFor();
    expect(await page.locator('table.users').count()).toBe(0);
    await expectNoViolations(page, 'users page, not an admin');
    await context.close();
  });

  it('when an admin opens Live-chat hours, then the page says agents are away and when they are back, the weekly hours and the days that differ, in both languages', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'root');
    await page.getByRole('navigation').getByRole('link', { name: 'Live-chat hours' }).click();
    await page.getByRole('heading', { level: 1, name: 'Live-chat hours' }).waitFor();
    expect(await page.locator('.hours-now').innerText()).toBe(
      'Agents are not available now. They are back Tuesday, January 20 at 8:00 a.m. ET.',
    );
    expect(await page.locator('.hours-schedule').innerText()).toBe(
      'Visitors are told: “Monday to Friday, 8 a.m. to 8 p.m. Eastern time”.',
    );
    expect(await page.locator('tr[data-day="monday"] td').innerText()).toBe('8:00 AM to 8:00 PM');
    expect(await page.locator('tr[data-day="sunday"] td').innerText()).toBe('Closed');
    expect(
      await page
        .locator('.hours-exceptions tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-date'))),
    ).toEqual(['2026-01-19', '2026-02-02', '2026-02-16']);
    expect(await page.locator('tr[data-date="2026-01-19"]').innerText()).toMatch(
      /Monday, January 19, 2026\s+Federal holiday\s+Closed/,
    );
    expect(await page.locator('tr[data-date="2026-02-02"] td').allInnerTexts()).toEqual([
      'Its own hours (specialHours)',
      '10:00 AM to 2:00 PM',
    ]);
    await expectNoViolations(page, 'hours');
    await page.screenshot({ path: screenshotPath('hours-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Cambiar la consola a español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Horario del chat en vivo' }).waitFor();
    expect(await page.locator('.hours-now').innerText()).toBe(
      'Ahora no hay agentes disponibles. Vuelven el martes 20 de enero a las 8:00 a. m. (hora del Este).',
    );
    expect(await page.locator('tr[data-day="monday"] th').innerText()).toBe('Lunes');
    expect(await page.locator('tr[data-day="monday"] td').innerText()).toBe('de 8:00 a. m. a 8:00 p. m.');
    await page.locator('details summary').click();
    expect(JSON.parse(await page.locator('.hours-config pre').innerText())).toMatchObject({
      timeZone: 'America/New_York',
      federalHolidays: true,
    });
    await expectNoViolations(page, 'hours, in Spanish');
    await page.screenshot({ path: screenshotPath('hours-es.png'), fullPage: true });
    await context.close();
  });
});
