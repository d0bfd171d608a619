import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IN_HOURS, TestClock, createAgent } from '../handoff/support/agentClient.js';
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

/** A visitor page that asked for a person and has been joined by an agent. */
async function visitorWithAgent(browser: Browser, baseUrl: string) {
  const visitor = await openWidget(browser, `${baseUrl}/`);
  await ask(visitor.page, 'talk to a person');
  await waitForReply(visitor.page, 'has joined the chat');
  return visitor;
}

/** The tab whose panel holds `text`. */
async function tabNameOf(page: Page, text: string): Promise<string> {
  const panel = page.locator('[role="tabpanel"]', { hasText: text });
  const tabId = await panel.getAttribute('aria-labelledby');
  return (await page.locator(`[id="${tabId}"]`).getAttribute('aria-selected')) === 'true'
    ? 'selected'
    : 'not selected';
}

describeInBrowser('agent console in Chromium: chats in tabs', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp({}, { clock });
    await createAgent(testApp.app.store, { username: 'kim', displayName: 'Kim', languages: ['en'] });
    await createAgent(testApp.app.store, { username: 'ines', displayName: 'Ines', languages: ['en', 'es'] });
    await createAgent(testApp.app.store, { username: 'joel', displayName: 'Joel', languages: ['en'] });
    await createAgent(testApp.app.store, {
      username: 'sam',
      displayName: 'Sam',
      languages: ['en'],
      maxChats: 3,
    });
    await createAgent(testApp.app.store, {
      username: 'rosa',
      displayName: 'Rosa',
      languages: ['en', 'es'],
      maxChats: 3,
    });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  it(
    'when the agent reloads the console, then the chat in progress is selected again, and a tab names its unread messages with the right plural',
    async () => {
      const { context, page, errors } = await openConsole(browser, testApp.baseUrl, 'rosa', 'Rosa');
      await setAvailable(page);
      const first = await visitorWithAgent(browser, testApp.baseUrl);
      await ask(first.page, 'The first visitor writes');
      await page.locator('.log li', { hasText: 'The first visitor writes' }).waitFor();
      const second = await visitorWithAgent(browser, testApp.baseUrl);
      await ask(second.page, 'The second visitor writes');
      await page.locator('.log li', { hasText: 'The second visitor writes' }).waitFor({ state: 'attached' });
      expect(await page.locator(consoleUi.tabs).count()).toBe(2);

      // The agent works in the second chat, then reloads the page.
      await page.locator(consoleUi.tabs).nth(1).click();
      expect(await tabNameOf(page, 'The second visitor writes')).toBe('selected');
      await page.reload();
      await page.locator(consoleUi.lines, { hasText: 'The second visitor writes' }).waitFor();
      await page.locator(consoleUi.tabs).nth(1).waitFor();
      expect(await tabNameOf(page, 'The second visitor writes')).toBe('selected');
      expect(await tabNameOf(page, 'The first visitor writes')).toBe('not selected');
      // Only the selected chat's panel is shown.
      expect(await page.locator('[role="tabpanel"]:visible').count()).toBe(1);
      expect(await page.locator('[role="tabpanel"]:visible').innerText()).toContain(
        'The second visitor writes',
      );

      // The other chat's tab counts what arrives, "1 new message", then "2 new messages".
      const firstTab = page.getByRole('tab', { name: / \d+ new messages?$/ });
      await ask(first.page, 'One more thing');
      await firstTab.waitFor();
      expect(
        await page.getByRole('tab', { name: /^Visitor \d \(English\) Active 1 new message$/ }).count(),
      ).toBe(1);
      await expectNoAxeViolations(page, 'a tab with one unread message');
      await ask(first.page, 'And another');
      await page.getByRole('tab', { name: /^Visitor \d \(English\) Active 2 new messages$/ }).waitFor();

      // In Spanish too.
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('tab', { name: /^Visitante \d \(inglés\) En línea 2 mensajes nuevos$/ }).waitFor();
      await expectNoAxeViolations(page, 'the console in Spanish with unread messages');
      await page.getByRole('button', { name: 'English' }).click();

      // Selecting the tab reads the messages.
      await page.getByRole('tab', { name: /2 new messages/ }).click();
      await page.locator(consoleUi.lines, { hasText: 'And another' }).waitFor();
      expect(await page.getByRole('tab', { name: /new message/ }).count()).toBe(0);

      for (let index = 0; index < 2; index += 1) {
        await page.locator(consoleUi.tabs).nth(index).click();
        await page.locator(consoleUi.panel).getByRole('button', { name: 'End chat' }).click();
        await page.locator(`${consoleUi.panel} .closed`).waitFor();
      }
      expect(errors).toEqual([]);
      await first.context.close();
      await second.context.close();
      await context.close();
    },
    CONSOLE_TEST_TIMEOUT_MS,
  );

  it(
    "when the visitor hides the page, reloads it and closes it, then the chat's header and tab say whether they are there and since when, and a queued visitor who left is marked in the queue",
    async () => {
      const { context, page, errors } = await openConsole(browser, testApp.baseUrl, 'sam', 'Sam');
      await setAvailable(page);
      const visitor = await visitorWithAgent(browser, testApp.baseUrl);
      const presence = page.locator(`${consoleUi.panel} .visitor-presence`);
      await presence.filter({ hasText: /^Visitor: Active since \d{1,2}:\d\d [AP]M$/ }).waitFor();
      await page.getByRole('tab', { name: /^Visitor \d \(English\) Active$/ }).waitFor();

      // Headless Chromium cannot switch tabs: the page says it is hidden the way a browser would.
      await visitor.page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await presence.filter({ hasText: 'Away since' }).waitFor();
      await page.getByRole('tab', { name: /^Visitor \d \(English\) Away$/ }).waitFor();
      expect(await page.locator('[aria-live="polite"]').innerText()).toContain('is away.');
      await expectNoAxeViolations(page, 'a chat whose visitor is away');

      await visitor.page.reload();
      await presence.filter({ hasText: 'Active since' }).waitFor();
      await visitor.page.close();
      await presence
        .filter({ hasText: /^Visitor: Left at \d{1,2}:\d\d [AP]M \(no chat page open\)$/ })
        .waitFor();
      await page.getByRole('tab', { name: /^Visitor \d \(English\) Left$/ }).waitFor();
      await expectNoAxeViolations(page, 'a chat whose visitor left');
      await page.getByRole('button', { name: 'Español' }).click();
      await presence.filter({ hasText: /^Visitante: Se fue a las? \d{1,2}:\d\d/ }).waitFor();
      await page.getByRole('tab', { name: /^Visitante \d \(inglés\) Se fue$/ }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator(consoleUi.panel).getByRole('button', { name: 'End chat' }).click();
      await page.locator(`${consoleUi.panel} .closed`).waitFor();

      // A visitor who waits and closes the page is marked in the queue, and not given to Sam.
      await page.locator('#presence').selectOption('away');
      const queued = await openWidget(browser, `${testApp.baseUrl}/`);
      await ask(queued.page, 'talk to a person');
      await waitForReply(queued.page, 'number 1 in line');
      await page.locator('.queue li.waiting').waitFor();
      await queued.page.close();
      await page.locator('.queue li .visitor-presence', { hasText: 'Left at' }).waitFor();
      await expectNoAxeViolations(page, 'the queue with a visitor who left');
      expect(await page.getByRole('button', { name: 'Accept next chat' }).isDisabled()).toBe(true);
      expect(await page.title()).toBe('Agent console');
      await setAvailable(page);
      expect(await page.locator(consoleUi.tabs).count()).toBe(1);

      expect(errors).toEqual([]);
      await visitor.context.close();
      await queued.context.close();
      await context.close();
      // The visitor who left is gone past the grace period: the queue is empty for what follows.
      clock.advance(3 * 60_000);
      expect((await testApp.app.handoff.sweep()).visitorsGone).toBe(1);
    },
    CONSOLE_TEST_TIMEOUT_MS,
  );

  it(
    'when an agent writes a private note and transfers the chat with a note, then the next agent finds both with the chat and the visitor sees neither',
    async () => {
      const ines = await openConsole(browser, testApp.baseUrl, 'ines', 'Ines');
      await setAvailable(ines.page);
      const visitor = await visitorWithAgent(browser, testApp.baseUrl);
      await ask(visitor.page, 'I need help with my work permit');
      await ines.page.locator(consoleUi.lines, { hasText: 'work permit' }).waitFor();
      const joel = await openConsole(browser, testApp.baseUrl, 'joel', 'Joel');
      await setAvailable(joel.page);

      const noteBox = ines.page.getByLabel('Private note (never sent to the visitor)');
      await noteBox.fill('Asked about her I-765, receipt EAC9999103402.');
      await ines.page.getByRole('button', { name: 'Add note' }).click();
      const note = ines.page.locator(`${consoleUi.lines}.note`);
      await note.filter({ hasText: 'Asked about her I-765, receipt EAC*******3402.' }).waitFor();
      expect(await note.locator('.sender').innerText()).toBe('Your private note · not sent to the visitor');
      expect(await noteBox.inputValue()).toBe('');
      await ines.page
        .locator('[aria-live="polite"]', { hasText: 'Note added. The visitor does not see it.' })
        .waitFor();
      await expectNoAxeViolations(ines.page, 'a chat with a private note');

      await ines.page.getByLabel('Transfer to').selectOption({ label: 'Joel' });
      await ines.page.getByLabel('Note for the next agent (optional)').fill('She needs the fee waiver form.');
      await ines.page.getByRole('button', { name: 'Transfer', exact: true }).click();
      await ines.page.locator('.closed', { hasText: 'transferred' }).waitFor();

      const banner = joel.page.locator(`${consoleUi.panel} .transfer-note`);
      await banner.filter({ hasText: 'Note from Ines with this transfer:' }).waitFor();
      expect(await banner.innerText()).toContain('She needs the fee waiver form.');
      await joel.page
        .locator('[aria-live="polite"]', {
          hasText: 'Ines transferred visitor 1 to you, with a note: She needs the fee waiver form.',
        })
        .waitFor();
      await joel.page
        .locator(`${consoleUi.lines}.note`, { hasText: 'EAC*******3402' })
        .filter({ hasText: 'Private note by Ines' })
        .waitFor();
      await joel.page.locator(`${consoleUi.lines}.note`, { hasText: 'Transfer note from Ines' }).waitFor();
      await expectNoAxeViolations(joel.page, 'a chat received with a transfer note');
      await joel.page.getByRole('button', { name: 'Español' }).click();
      await banner.filter({ hasText: 'Nota de Ines con esta transferencia:' }).waitFor();
      await joel.page
        .locator(`${consoleUi.lines}.note`, { hasText: 'no se envía al visitante' })
        .first()
        .waitFor();
      await expectNoAxeViolations(joel.page, 'the transfer note in Spanish');
      await joel.page.getByRole('button', { name: 'English' }).click();

      // The visitor was told of the transfer and nothing else.
      await waitForReply(visitor.page, 'Joel');
      const seen = (await visitor.page.locator('.va-list > li').allInnerTexts()).join('\n');
      expect(seen).not.toContain('I-765');
      expect(seen).not.toContain('fee waiver');

      await joel.page.locator(consoleUi.panel).getByRole('button', { name: 'End chat' }).click();
      await joel.page.locator(`${consoleUi.panel} .closed`).waitFor();
      expect([...ines.errors, ...joel.errors]).toEqual([]);
      await visitor.context.close();
      await ines.context.close();
      await joel.context.close();
    },
    CONSOLE_TEST_TIMEOUT_MS,
  );

  it(
    "when a returning visitor looked up a case and read an answer before asking for a person, then the agent's context panel shows where they started, what was looked up, the last answer and the earlier conversation",
    async () => {
      const kim = await openConsole(browser, testApp.baseUrl, 'kim', 'Kim');
      // One browser (localStorage shared), two visits: each tab is a conversation of its own.
      const visitorBrowser = await browser.newContext();
      const before = await visitorBrowser.newPage();
      await before.goto(`${testApp.baseUrl}/`);
      await before.locator('.va-launcher').click();
      await ask(before, 'How do I replace my green card?');
      await before.locator('.va-list > li.va-msg-bot').nth(1).waitFor();
      await before.close();

      const page = await visitorBrowser.newPage();
      await page.goto(`${testApp.baseUrl}/`);
      await page.locator('.va-launcher').click();
      await ask(page, 'What is the status of case EAC9999103402?');
      await waitForReply(page, '3402');
      await ask(page, 'How do I change my address?');
      // The visitor's turns run one at a time, in order: the answer is stored before the request.
      await setAvailable(kim.page);
      await ask(page, 'talk to a person');
      await waitForReply(page, 'has joined the chat');

      const about = kim.page.locator(`${consoleUi.panel} .visitor-context`);
      await about.locator('dd a', { hasText: `${testApp.baseUrl}/` }).waitFor();
      const text = await about.innerText();
      expect(text).toContain('About this visitor');
      expect(text).toContain('EAC*******3402');
      expect(text).not.toContain('9999103402');
      await about.locator('.earlier li', { hasText: 'How do I replace my green card?' }).waitFor();
      await about.locator('details summary', { hasText: 'Article:' }).click();
      await about.locator('details .bubble').waitFor();
      await expectNoAxeViolations(kim.page, 'the context panel with the last answer open');
      await kim.page.getByRole('button', { name: 'Español' }).click();
      await about.locator('h3', { hasText: 'Sobre este visitante' }).waitFor();
      expect(await about.innerText()).toContain('Números de caso consultados');
      await expectNoAxeViolations(kim.page, 'the context panel in Spanish');
      await kim.page.getByRole('button', { name: 'English' }).click();

      await kim.page.locator(consoleUi.panel).getByRole('button', { name: 'End chat' }).click();
      await kim.page.locator(`${consoleUi.panel} .closed`).waitFor();
      expect(kim.errors).toEqual([]);
      await visitorBrowser.close();
      await kim.context.close();
    },
    CONSOLE_TEST_TIMEOUT_MS,
  );
});
