import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EchoBot } from '../channels/support/echoBot.js';
import {
  axeViolations,
  closeChromiumContexts,
  describeInBrowser,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, conversationIdOf, openWidget, waitForReply } from './widgetPage.js';

/** Where a message's bubble is, against the visible part of the conversation. */
function placeInLog(page: Page, text: string) {
  return page.evaluate((wanted) => {
    const root = document.querySelector('[data-va-widget]')!.shadowRoot!;
    const log = root.querySelector<HTMLElement>('.va-log')!;
    const bubble = [...root.querySelectorAll<HTMLElement>('.va-bubble')].find((item) =>
      item.textContent?.includes(wanted),
    )!;
    const view = log.getBoundingClientRect();
    const box = bubble.getBoundingClientRect();
    return {
      /** The bubble's first line is inside the visible part of the log. */
      firstLineVisible: box.top >= view.top && box.top + 20 <= view.bottom,
      atEnd: log.scrollHeight - log.scrollTop - log.clientHeight < 2,
      taller: box.height > view.height,
    };
  }, text);
}

// Issue 11: an answer taller than the panel is shown from its first line, not scrolled past to
// the "Was this helpful?" that follows it.
describeInBrowser('widget in Chromium: a long answer is shown from its start', () => {
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot: new EchoBot() });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  for (const locale of ['en', 'es'] as const) {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 667 },
    ]) {
      it(`when a long answer and its follow-up arrive (${locale}, ${viewport.width}×${viewport.height}), then its first line stays in view and the visitor scrolls on from there`, async () => {
        const { context, page } = await openWidget(
          browser,
          `${testApp.baseUrl}${locale === 'es' ? '/es' : '/'}`,
          {
            viewport,
            bypassCSP: true,
          },
        );
        // Some conversation first, so the log is already scrolled.
        for (const text of ['one', 'two', 'three', 'four']) {
          await ask(page, text);
          await waitForReply(page, `echo: ${text}`);
        }
        await ask(page, 'long-answer fees');
        await waitForReply(page, 'Was this helpful?');
        // The follow-up's buttons are drawn: nothing more will move the log.
        await page.locator('.va-feedback button').first().waitFor();
        const place = await placeInLog(page, 'First line of the answer about fees');
        expect(place).toEqual({ firstLineVisible: true, atEnd: false, taller: true });

        // The typing indicator of a next turn does not pull the view down either.
        await testApp.app.visitors.sendToConversation((await conversationIdOf(page))!, {
          type: 'typing',
        });
        await page.locator('.va-typing').waitFor();
        expect((await placeInLog(page, 'First line of the answer about fees')).firstLineVisible).toBe(true);

        // The visitor's next message scrolls to the end as always, and the next answer is followed.
        await ask(page, 'five');
        await waitForReply(page, 'echo: five');
        await expect.poll(async () => (await placeInLog(page, 'echo: five')).atEnd).toBe(true);
        expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);
        await context.close();
      });
    }
  }

  it('when the panel is opened again after a reload, then the last answer is shown from its start too', async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`, {
      viewport: { width: 375, height: 667 },
    });
    await ask(page, 'long-answer passports');
    await waitForReply(page, 'Was this helpful?');
    await page.reload();
    await page.locator('.va-panel').waitFor();
    await waitForReply(page, 'Was this helpful?');
    await expect
      .poll(async () => (await placeInLog(page, 'First line of the answer about passports')).firstLineVisible)
      .toBe(true);
    await context.close();
  });
});
