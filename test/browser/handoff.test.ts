import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IN_HOURS, TEST_PASSWORD, TestClock, createAgent } from '../handoff/support/agentClient.js';
import {
  closeChromiumContexts,
  describeInBrowser,
  seriousAxeViolations,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, openWidget, waitForReply, widget } from './widgetPage.js';

/** A whole handoff in two pages takes a while on a loaded machine: waits are on events, never on time. */
const BROWSER_TEST_TIMEOUT_MS = 120_000;

/** The agent console's parts, by role and label where they have one. */
const consoleUi = {
  username: '#login-username',
  password: '#login-password',
  who: '.who',
  accept: 'button.accept',
  queueItems: '.queue li.waiting',
  tabs: '[role="tab"]',
  panel: '[role="tabpanel"]:not([hidden])',
  lines: '[role="tabpanel"]:not([hidden]) .log li',
};

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/agent`);
  await page.locator(consoleUi.username).fill(username);
  await page.locator(consoleUi.password).fill(TEST_PASSWORD);
  await page.locator(consoleUi.password).press('Enter');
  await page.locator(consoleUi.who, { hasText: 'Signed in as Ana' }).waitFor();
}

describeInBrowser('live-agent handoff in Chromium: the widget and the agent console together', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp({}, { clock });
    await createAgent(testApp.app.store, { username: 'ana', displayName: 'Ana', languages: ['en', 'es'] });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  it(
    'when a visitor asks for a person, then the agent accepts in the console and they chat both ways until the agent ends it',
    async () => {
      // bypassCSP lets axe-core be injected; the pages themselves run under the product's CSP otherwise.
      const agentContext = await browser.newContext({ bypassCSP: true });
      const agentPage = await agentContext.newPage();
      const errors: string[] = [];
      agentPage.on('pageerror', (error) => errors.push(error.message));

      // The sign-in form is labelled and passes axe too.
      await agentPage.goto(`${testApp.baseUrl}/agent`);
      await agentPage.getByLabel('Username').waitFor();
      expect(await seriousAxeViolations(agentPage)).toEqual([]);
      await signIn(agentPage, testApp.baseUrl, 'ana');
      expect(await agentPage.locator('#presence').inputValue()).toBe('away');

      const { context: visitorContext, page: visitorPage } = await openWidget(browser, `${testApp.baseUrl}/`);
      await ask(visitorPage, 'talk to a person');
      await waitForReply(visitorPage, 'number 1 in line');
      await visitorPage.locator('.va-handoff', { hasText: 'number 1 in line' }).waitFor();

      // The console shows who waits, in which language, and says so in the page title.
      await agentPage.locator(consoleUi.queueItems, { hasText: 'English' }).waitFor();
      expect(await agentPage.title()).toContain('1 waiting');
      await agentPage.getByRole('button', { name: 'Accept next chat' }).click();
      const tab = agentPage.getByRole('tab', { name: /Visitor 1 \(English\)/ });
      await tab.waitFor();
      expect(await tab.getAttribute('aria-selected')).toBe('true');
      await agentPage.locator(consoleUi.lines, { hasText: 'talk to a person' }).waitFor();
      await agentPage.locator(consoleUi.panel, { hasText: "Visitor's language: English" }).waitFor();
      await waitForReply(visitorPage, 'has joined the chat');
      await visitorPage.locator('.va-handoff', { hasText: 'You are chatting with Ana' }).waitFor();

      // The status line follows the widget's language, and back.
      await visitorPage.locator(widget.language).click();
      await visitorPage.locator('.va-handoff', { hasText: 'Está conversando con Ana' }).waitFor();
      await visitorPage.locator(widget.language).click();
      await visitorPage.locator('.va-handoff', { hasText: 'You are chatting with Ana' }).waitFor();

      // The agent sees the visitor typing, and no longer once the box is emptied.
      const visitorTyping = agentPage.locator(`${consoleUi.panel} .typing`, {
        hasText: 'The visitor is typing',
      });
      await visitorPage.locator(widget.input).pressSequentially('Hello');
      await visitorTyping.waitFor();
      await visitorPage.locator(widget.input).fill('');
      await visitorTyping.waitFor({ state: 'hidden' });

      // Agent → visitor, with the agent's name, then visitor → agent.
      const composer = agentPage.getByLabel('Message to the visitor');
      await composer.fill('Hello, I am Ana. How can I help?');
      await composer.press('Enter');
      await waitForReply(visitorPage, 'How can I help?');
      expect(
        await visitorPage
          .locator('.va-msg-agent', { hasText: 'How can I help?' })
          .locator('.va-sender')
          .innerText(),
      ).toContain('Ana');
      await ask(visitorPage, 'My card has a typo <b>not bold</b>');
      const relayed = agentPage.locator(consoleUi.lines, { hasText: 'My card has a typo' });
      await relayed.waitFor();
      // Visitor text is text, never HTML.
      expect(await relayed.locator('b').count()).toBe(0);
      expect(await relayed.locator('.bubble').innerText()).toContain('<b>not bold</b>');

      // A canned reply in the visitor's language, found with the keyboard (Ctrl+/, a word, Enter).
      await composer.press('Control+/');
      await agentPage.getByLabel('Search canned replies in English').fill('anything else');
      await agentPage.getByLabel('Search canned replies in English').press('Enter');
      expect(await composer.inputValue()).toBe('Is there anything else I can help you with?');
      await agentPage.getByRole('button', { name: 'Send' }).click();
      await waitForReply(visitorPage, 'anything else I can help you with');

      // The console with a chat open has no serious or critical accessibility problem.
      const violations = await seriousAxeViolations(agentPage);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

      await agentPage.getByRole('button', { name: 'End chat' }).click();
      await waitForReply(visitorPage, 'The agent has ended the chat');
      await agentPage.locator('.closed', { hasText: 'This chat has ended' }).waitFor();
      expect(await visitorPage.locator('.va-handoff').isHidden()).toBe(true);

      // Every label follows the language switch.
      await agentPage.getByRole('button', { name: 'Español' }).click();
      await agentPage.locator('h1', { hasText: 'Consola de agentes' }).waitFor();
      expect(await agentPage.locator('html').getAttribute('lang')).toBe('es');
      expect(await agentPage.getByRole('button', { name: 'Aceptar el siguiente chat' }).count()).toBe(1);
      const spanish = await seriousAxeViolations(agentPage);
      expect(spanish, JSON.stringify(spanish, null, 2)).toEqual([]);

      // Closing the last chat's tab leaves focus on the chats heading, not lost on the page.
      await agentPage.getByRole('button', { name: 'Cerrar esta pestaña' }).click();
      await agentPage.locator(consoleUi.tabs).waitFor({ state: 'detached' });
      expect(await agentPage.evaluate(() => document.activeElement?.id)).toBe('chats-heading');

      expect(errors).toEqual([]);
      await visitorContext.close();
      await agentContext.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
