import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IN_HOURS, TestClock, agentCall, connectAgent, createAgent } from '../handoff/support/agentClient.js';
import { closeChromiumContexts, describeInBrowser, sharedChromium } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  CONSOLE_TEST_TIMEOUT_MS,
  consoleUi,
  expectNoAxeViolations,
  openConsole,
  setAvailable,
} from './agentConsolePage.js';
import { ask, openWidget, waitForReply } from './widgetPage.js';

/** The console's polite live region has said `text`. */
async function announced(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      [...document.querySelectorAll('[aria-live]')].some((node) => node.textContent?.includes(expected)),
    text,
  );
}

/** What has the keyboard focus: its id, or its tag and class. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active?.id || `${active?.tagName.toLowerCase()}.${active?.className}`;
  });
}

describeInBrowser('canned replies in the agent console, in Chromium', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp({}, { clock });
    await createAgent(testApp.app.store, {
      username: 'alma',
      displayName: 'Alma',
      roles: ['agent', 'admin'],
      languages: ['en', 'es'],
    });
    await createAgent(testApp.app.store, { username: 'bruno', displayName: 'Bruno', languages: ['es'] });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  it(
    'when an admin adds, changes and deletes a reply in the console, then each language has its list, mistakes are said in the console language, and axe finds nothing',
    async () => {
      const { context, page, errors } = await openConsole(browser, testApp.baseUrl, 'alma', 'Alma');
      const section = page.getByRole('region', { name: 'Canned replies' });
      await section.getByRole('heading', { name: 'English' }).waitFor();
      const spanishList = section.locator('ul').nth(1);
      expect(await section.locator('ul').first().innerText()).toContain('Greeting');
      expect(await spanishList.innerText()).toContain('Saludo');
      await expectNoAxeViolations(page, 'the canned replies panel');

      // Nothing written: said at once, next to the form, and the cursor goes to what is missing.
      await section.getByRole('button', { name: 'Add', exact: true }).click();
      await section
        .getByRole('alert')
        .filter({ hasText: 'A canned reply needs a title and a text.' })
        .waitFor();
      expect(await focused(page)).toBe('canned-title');
      await expectNoAxeViolations(page, 'the form with an error');

      await section.getByLabel('Language').selectOption({ label: 'Spanish' });
      await section.getByLabel('Title (up to 80 characters)').fill('Documentos');
      await section.getByLabel('Text (up to 1000 characters)').fill('Traiga su pasaporte, por favor.');
      await section.getByRole('button', { name: 'Add', exact: true }).click();
      await spanishList.locator('li', { hasText: 'Documentos' }).waitFor();
      await announced(page, 'Canned reply “Documentos” added.');
      expect(await section.getByRole('alert').innerText()).toBe('');
      const stored = (await testApp.app.store.cannedReplies.list({ locale: 'es' })).find(
        (reply) => reply.title === 'Documentos',
      );
      expect(stored?.text).toBe('Traiga su pasaporte, por favor.');

      // Each Edit button names its reply.
      await section.getByRole('button', { name: 'Edit “Documentos”' }).click();
      await section.getByRole('heading', { name: 'Change “Documentos”' }).waitFor();
      expect(await section.getByLabel('Language').isDisabled()).toBe(true);
      await expectNoAxeViolations(page, 'a reply being edited');
      await section.getByLabel('Text (up to 1000 characters)').fill('Traiga su pasaporte y su tarjeta.');
      await section.getByRole('button', { name: 'Save the change' }).click();
      await spanishList.locator('li', { hasText: 'Traiga su pasaporte y su tarjeta.' }).waitFor();
      await section.getByRole('heading', { name: 'Add a canned reply' }).waitFor();

      // In Spanish: every label, and the mistake in Spanish.
      await page.getByRole('button', { name: 'Español' }).click();
      const seccion = page.getByRole('region', { name: 'Respuestas predefinidas' });
      await seccion.getByRole('heading', { name: 'español' }).waitFor();
      await seccion.getByLabel('Título (hasta 80 caracteres)').fill('Sin texto');
      await seccion.getByRole('button', { name: 'Agregar', exact: true }).click();
      await seccion
        .getByRole('alert')
        .filter({ hasText: 'Una respuesta predefinida necesita un título y un texto.' })
        .waitFor();
      expect(await focused(page)).toBe('canned-text');
      await expectNoAxeViolations(page, 'the canned replies panel in Spanish, with an error');

      // Deleting asks first, naming the reply.
      const dialogs: string[] = [];
      page.once('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      await seccion.getByRole('button', { name: 'Eliminar “Documentos”' }).click();
      await announced(page, 'Se eliminó la respuesta predefinida «Documentos».');
      expect(dialogs).toEqual([
        '¿Eliminar la respuesta predefinida «Documentos»? Los agentes ya no podrán insertarla.',
      ]);
      await page.waitForFunction(
        () => !document.querySelector('.canned-admin-section')?.textContent?.includes('Documentos'),
      );
      expect(await testApp.app.store.cannedReplies.get(stored?.id ?? '')).toBeNull();
      expect(
        // The test's clock stands still: the three entries share their time, so not their order.
        (await testApp.app.store.audit.list({ action: 'canned', actor: 'alma' }))
          .map((entry) => entry.action)
          .sort(),
      ).toEqual(['canned.create', 'canned.delete', 'canned.update']);
      expect(errors).toEqual([]);
      await context.close();
    },
    CONSOLE_TEST_TIMEOUT_MS,
  );

  it(
    "when an agent presses Ctrl+/ in a chat, then they search the visitor's language's replies, insert one with the keyboard, and an admin's new reply shows at once",
    async () => {
      const { context, page, errors } = await openConsole(browser, testApp.baseUrl, 'bruno', 'Bruno');
      // Not an admin: no panel to manage them.
      expect(await page.locator('.canned-admin-section').isHidden()).toBe(true);
      await setAvailable(page);
      const visitor = await openWidget(browser, `${testApp.baseUrl}/es`);
      await ask(visitor.page, 'agente');
      await waitForReply(visitor.page, 'se unió al chat');
      const composer = page.getByLabel('Message to the visitor');
      await composer.focus();

      await composer.press('Control+/');
      const search = page.getByLabel('Search canned replies in Spanish');
      await search.waitFor();
      expect(await focused(page)).toBe(await search.getAttribute('id'));
      expect(
        await page
          .locator(consoleUi.panel)
          .getByRole('button', { name: /^Canned replies/ })
          .getAttribute('aria-expanded'),
      ).toBe('true');
      // Only the visitor's language, accents ignored.
      await search.fill('estatus caso');
      await page.locator(consoleUi.panel).getByRole('status').filter({ hasText: '1 reply' }).waitFor();
      await expectNoAxeViolations(page, 'the canned replies search');
      await search.press('Enter');
      expect(await composer.inputValue()).toBe(
        'Puede consultar el estatus de su caso en línea con su número de recibo en https://egov.uscis.gov/.',
      );
      expect(await focused(page)).toBe(await composer.getAttribute('id'));
      expect(await search.isHidden()).toBe(true);

      // The arrow keys walk the list; {{name}} is the agent's name.
      await composer.fill('');
      await composer.press('Control+/');
      await search.fill('SALUDO');
      await search.press('ArrowDown');
      expect(await focused(page)).toBe('button.canned-item');
      await page.keyboard.press('Enter');
      expect(await composer.inputValue()).toBe('Hola, me llamo Bruno. ¿En qué le puedo ayudar hoy?');

      // Escape closes the search and goes back to the message box; nothing found is said.
      await composer.press('Control+/');
      await search.fill('xyz');
      await page.locator(consoleUi.panel).getByText('No canned reply matches. Try another word.').waitFor();
      await search.press('Escape');
      expect(await search.isHidden()).toBe(true);
      expect(await focused(page)).toBe(await composer.getAttribute('id'));

      // An admin adds one while the search is open: it is there without a reload.
      await composer.press('Control+/');
      const admin = await connectAgent(testApp.baseUrl, 'alma');
      await agentCall(admin.socket, 'canned:save', {
        locale: 'es',
        title: 'Cita biométrica',
        text: 'Su cita biométrica aparece en su aviso de cita.',
      });
      admin.socket.disconnect();
      await search.fill('biometrica');
      await page
        .locator(consoleUi.panel)
        .getByRole('button', { name: /Cita biométrica/ })
        .click();
      await composer.press('End');
      await composer.press('Enter');
      await waitForReply(visitor.page, 'Hola, me llamo Bruno.');

      // The console in Spanish: the button and the search say so.
      await page.getByRole('button', { name: 'Español' }).click();
      await page
        .locator(consoleUi.panel)
        .getByRole('button', { name: 'Respuestas predefinidas (Ctrl+/)' })
        .click();
      await page.getByLabel('Buscar respuestas predefinidas en español').waitFor();
      await expectNoAxeViolations(page, 'the canned replies search, console in Spanish');
      expect(errors).toEqual([]);
      await visitor.context.close();
      await context.close();
    },
    CONSOLE_TEST_TIMEOUT_MS,
  );
});
