import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EchoBot } from '../channels/support/echoBot.js';
import {
  closeChromiumContexts,
  describeInBrowser,
  seriousAxeViolations,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, conversationIdOf, openWidget, waitForReply, widget } from './widgetPage.js';

describeInBrowser('widget in Chromium: accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // Three messages a minute: the fourth fails, so the failed state and its Retry button are scanned too.
    testApp = await startTestApp({ WIDGET_MESSAGES_PER_MINUTE: '3' }, { bot: new EchoBot() });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  /** A conversation with every kind of message on screen: answer, buttons, agent, notice, failure. */
  async function fillConversation(page: Page): Promise<void> {
    await page.locator(widget.launcher).click();
    await ask(page, 'hello');
    await waitForReply(page, 'echo: hello');
    await ask(page, 'answer office-hours');
    await waitForReply(page, 'Answer for office-hours');
    const conversationId = await conversationIdOf(page);
    await testApp.app.visitors.sendToConversation(conversationId!, {
      type: 'message',
      text: 'Hi, this is Ana. See [the contact page](https://www.example.gov/contact).',
      channelData: { role: 'agent', agentName: 'Ana' },
    });
    await waitForReply(page, 'this is Ana');
    await testApp.app.visitors.sendToConversation(conversationId!, {
      type: 'message',
      text: 'You are number 2 in line.',
      channelData: { role: 'system' },
    });
    await waitForReply(page, 'number 2 in line');
    await ask(page, 'answer passport-photos');
    await waitForReply(page, 'Answer for passport-photos');
    await ask(page, 'one too many');
    await page.locator('.va-delivery-failed').waitFor();
  }

  for (const locale of ['en', 'es'] as const) {
    it(`when the open widget is scanned in ${locale === 'en' ? 'English' : 'Spanish'}, then axe finds no serious or critical violation`, async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${testApp.baseUrl}${locale === 'en' ? '/' : '/es'}`);
      await fillConversation(page);
      expect(await page.locator('.va-root').getAttribute('lang')).toBe(locale);
      expect(await page.locator('.va-retry').count()).toBe(1);

      const widgetOnly = await seriousAxeViolations(page, ['[data-va-widget]', '.va-root']);
      expect(widgetOnly, JSON.stringify(widgetOnly, null, 2)).toEqual([]);
      const wholePage = await seriousAxeViolations(page);
      expect(wholePage, JSON.stringify(wholePage, null, 2)).toEqual([]);

      // With the offline banner showing.
      await context.setOffline(true);
      await page.locator(widget.banner).waitFor();
      expect(await seriousAxeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);
      await context.setOffline(false);
      await context.close();
    });
  }

  it('when axe scans a deliberately broken copy, then it reports it (the scan is real)', async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`, { bypassCSP: true });
    await page.evaluate(() => {
      const root = document.querySelector('[data-va-widget]')!.shadowRoot!;
      root.querySelector('label[for="va-input"]')!.remove();
      root.querySelector('#va-input')!.removeAttribute('placeholder');
    });
    const violations = await seriousAxeViolations(page, ['[data-va-widget]', '.va-root']);
    expect(violations.map((violation) => violation.id)).toContain('label');
    await context.close();
  });

  it('when messages arrive from the assistant, then they are announced through the live region, in order', async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/es`);
    await ask(page, 'hola');
    await waitForReply(page, 'echo: hola');
    const live = page.locator('[aria-live="polite"]');
    await live.locator('p', { hasText: 'Asistente: echo: hola' }).waitFor();
    // Only what arrived live is announced, and the visitor's own words are not read back.
    expect(await live.innerText()).not.toContain('Usted');
    await context.close();
  });
});
