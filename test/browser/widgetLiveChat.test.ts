import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  IN_HOURS,
  TestClock,
  agentCall,
  connectAgent,
  createAgent,
  type AgentClient,
} from '../handoff/support/agentClient.js';
import { addUser, PASSWORD } from '../admin/support/adminApi.js';
import {
  axeViolations,
  closeChromiumContexts,
  describeInBrowser,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, conversationIdOf, focusedInWidget, openWidget, waitForReply, widget } from './widgetPage.js';

/** What the visitor sees and hears, per language. */
const LABELS = {
  en: {
    path: '/',
    askForAgent: 'talk to a person',
    joined: 'has joined the chat',
    left: 'You left the chat with the live agents',
    assistantTitle: 'Virtual assistant',
    agentDialog: 'Ana Ruiz, Live agent',
    assistantNotice: 'You are chatting with a computer program.',
    agentNotice: 'Ana Ruiz, a live agent, is a person from the agency.',
    endChat: 'End chat',
    leaveQueue: 'Leave the queue',
    queued: 'number 1 in line',
    rating: 'How was your chat with Ana Ruiz?',
    four: '4 of 5',
    thanks: 'Thank you for rating your chat.',
    download: 'Download the conversation',
    fileTitle: 'Conversation with the virtual assistant',
    fileName: /^conversation-\d{4}-\d{2}-\d{2}\.txt$/,
    you: 'You:',
    agentSender: 'Ana Ruiz, agent:',
    agentSays: 'Hello, I am Ana. How can I help?',
  },
  es: {
    path: '/es',
    askForAgent: 'quiero hablar con un agente',
    joined: 'se unió al chat',
    left: 'Salió del chat con los agentes en vivo',
    assistantTitle: 'Asistente virtual',
    agentDialog: 'Ana Ruiz, Agente en vivo',
    assistantNotice: 'Está conversando con un programa de computadora.',
    agentNotice: 'Ana Ruiz, agente en vivo, es una persona de la agencia.',
    endChat: 'Terminar el chat',
    leaveQueue: 'Salir de la fila',
    queued: 'número 1 en la fila',
    rating: '¿Cómo fue su chat con Ana Ruiz?',
    four: '4 de 5',
    thanks: 'Gracias por calificar su chat.',
    download: 'Descargar la conversación',
    fileTitle: 'Conversación con el asistente virtual',
    fileName: /^conversacion-\d{4}-\d{2}-\d{2}\.txt$/,
    you: 'Usted:',
    agentSender: 'Ana Ruiz, agente:',
    agentSays: 'Hola, soy Ana. ¿En qué le puedo ayudar?',
  },
} as const;

async function expectAxeClean(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page, ['[data-va-widget]', '.va-root']);
  expect(violations, `${state}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describeInBrowser('widget in Chromium: the visitor in a live-agent chat', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  let browser: Browser;
  let ana: AgentClient;
  let anaId: string;

  beforeAll(async () => {
    testApp = await startTestApp({}, { clock });
    anaId = (
      await createAgent(testApp.app.store, {
        username: 'ana',
        displayName: 'Ana Ruiz',
        languages: ['en', 'es'],
        maxChats: 5,
      })
    ).id;
    await addUser(testApp, 'eva', ['editor']);
    ana = (await connectAgent(testApp.baseUrl, 'ana')).socket;
    browser = await sharedChromium();
  });
  afterAll(async () => {
    ana?.disconnect();
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  for (const locale of ['en', 'es'] as const) {
    const L = LABELS[locale];

    it(`when an agent joins (${locale}), then header and notice name the agent, "End chat" is reachable by keyboard, and after it the visitor rates the chat and downloads it, masked`, async () => {
      await agentCall(ana, 'presence:set', { status: 'available' });
      const { context, page } = await openWidget(browser, `${testApp.baseUrl}${L.path}`, { bypassCSP: true });
      const dialog = page.locator(widget.panel);
      expect(await dialog.getAttribute('role')).toBe('dialog');
      await page.getByRole('dialog', { name: L.assistantTitle, exact: true }).waitFor();
      expect(await page.locator('#va-notice').innerText()).toContain(L.assistantNotice);

      await ask(page, L.askForAgent);
      await waitForReply(page, L.joined);
      // Who is talking: the agent's name and role, as the dialog's name and in the notice.
      await page.getByRole('dialog', { name: L.agentDialog, exact: true }).waitFor();
      expect(await page.locator('#va-notice').innerText()).toContain(L.agentNotice);
      expect(await page.locator('#va-notice').innerText()).not.toContain(L.assistantNotice);
      await expectAxeClean(page, 'agent joined');

      // The agent writes; the visitor gives a receipt number: relayed live, stored masked.
      const conversationId = await conversationIdOf(page);
      await agentCall(ana, 'chat:send', {
        conversationId: conversationId!,
        id: `agent-${locale}-0001`,
        text: L.agentSays,
      });
      await waitForReply(page, L.agentSays);
      await ask(page, 'EAC9999103402');
      await page.locator('.va-msg-visitor', { hasText: 'EAC9999103402' }).locator('.va-delivery').waitFor();

      // "End chat" by keyboard: two steps back from the message box (past the conversation).
      await page.locator(widget.input).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await focusedInWidget(page)).toBe('va-handoff-leave');
      expect(await page.getByRole('button', { name: L.endChat }).count()).toBe(1);
      await page.keyboard.press('Enter');
      await waitForReply(page, L.left);

      // Back to the assistant, and asked for a rating; focus is not lost with the button.
      await page.getByRole('dialog', { name: L.assistantTitle, exact: true }).waitFor();
      expect(await page.locator('#va-notice').innerText()).toContain(L.assistantNotice);
      expect(await page.locator('.va-handoff').isHidden()).toBe(true);
      expect(await focusedInWidget(page)).toBe('va-input');
      const rating = page.getByRole('group', { name: L.rating });
      await rating.waitFor();
      await expectAxeClean(page, 'rating asked');
      await rating.getByRole('button', { name: L.four }).click();
      await page.locator('.va-rating-done', { hasText: L.thanks }).waitFor();
      await page.locator('[aria-live="polite"] p', { hasText: L.thanks }).waitFor();
      await expectAxeClean(page, 'rating given');
      await expect
        .poll(async () =>
          (
            await testApp.app.store.chatRatings.list({
              from: '2000-01-01T00:00:00.000Z',
              to: '2100-01-01T00:00:00.000Z',
              locale,
            })
          ).map((item) => [item.conversationId, item.rating]),
        )
        .toEqual([[conversationId, 4]]);

      // The conversation as a text file: in the widget's language, personal data masked as stored.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: L.download }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(L.fileName);
      const text = await readFile(await download.path(), 'utf8');
      expect(text).toContain(L.fileTitle);
      expect(text).toContain(`${L.you}\n${L.askForAgent}`);
      expect(text).toContain('EAC*******3402');
      expect(text).not.toContain('EAC9999103402');
      expect(text).toContain(`${L.agentSender}\n${L.agentSays}`);
      expect(text).toContain(L.left);
      // Markdown is text: "**Ana Ruiz**, a live agent, has joined" without its stars.
      expect(text).toMatch(new RegExp(`\\nAna Ruiz, .*${L.joined}`));
      expect(text).not.toContain('**Ana Ruiz**');
      await context.close();
    });

    it(`when the visitor waits (${locale}), then "Leave the queue" takes them out of the line and no rating is asked`, async () => {
      await agentCall(ana, 'presence:set', { status: 'away' });
      const { context, page } = await openWidget(browser, `${testApp.baseUrl}${L.path}`, { bypassCSP: true });
      await ask(page, L.askForAgent);
      await page.locator('.va-handoff', { hasText: L.queued }).waitFor();
      // Still the assistant talking: nobody has joined.
      await page.getByRole('dialog', { name: L.assistantTitle, exact: true }).waitFor();
      const leave = page.getByRole('button', { name: L.leaveQueue });
      expect(await leave.count()).toBe(1);
      await expectAxeClean(page, 'queued');
      await leave.click();
      await waitForReply(page, L.left);
      await page.locator('.va-handoff').waitFor({ state: 'hidden' });
      expect(await page.locator('.va-rating').isHidden()).toBe(true);
      expect(await focusedInWidget(page)).toBe('va-input');
      expect(await testApp.app.store.handoff.queued()).toEqual([]);
      await context.close();
    });
  }

  it('when an editor opens the analytics, then the live chat ratings are there per language and per agent, in both languages of the console', async () => {
    const day = '2026-02-02';
    for (const [chatId, locale, rating] of [
      ['rated-1', 'en', 5],
      ['rated-2', 'en', 3],
      ['rated-3', 'es', 4],
    ] as const) {
      await testApp.app.store.chatRatings.add({
        chatId,
        conversationId: `conversation-${chatId}`,
        agentId: anaId,
        locale,
        rating,
        at: `${day}T14:00:00.000Z`,
      });
    }
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${testApp.baseUrl}/editor`);
    await page.getByLabel('Username').fill('eva');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await page.goto(`${testApp.baseUrl}/editor#/analytics?from=${day}&to=${day}`);
    const section = page.getByRole('region', { name: 'Live chat ratings' });
    await section.waitFor();
    const rows = (table: string) =>
      section
        .getByRole('table', { name: table })
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(await rows('Ratings per language')).toEqual([
      ['English', '2', '4.0', '0 / 0 / 1 / 0 / 1'],
      ['Spanish', '1', '4.0', '0 / 0 / 0 / 1 / 0'],
    ]);
    expect(await rows('Ratings per agent')).toEqual([
      ['Ana Ruiz', '3', '4.0', '0 / 0 / 1 / 1 / 1'],
      ['Ana Ruiz · English', '2', '4.0', '0 / 0 / 1 / 0 / 1'],
      ['Ana Ruiz · Spanish', '1', '4.0', '0 / 0 / 0 / 1 / 0'],
    ]);
    expect(await axeViolations(page, '.chat-ratings')).toEqual([]);

    await page.getByRole('button', { name: 'Español' }).click();
    const spanish = page.getByRole('region', { name: 'Calificaciones del chat en vivo' });
    await spanish.waitFor();
    expect(
      await spanish.getByRole('table', { name: 'Calificaciones por agente' }).locator('tbody tr').count(),
    ).toBe(3);
    expect(await axeViolations(page, '.chat-ratings')).toEqual([]);
    await context.close();
  });
});
