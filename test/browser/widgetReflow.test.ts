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
import {
  axeViolations,
  closeChromiumContexts,
  describeInBrowser,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, focusedInWidget, openWidget, waitForReply, widget } from './widgetPage.js';

/** 400 % zoom of a 1280 × 1024 screen: WCAG 1.4.10's reflow size. */
const VIEWPORT = { width: 320, height: 256 };

/** Where the panel's parts are, in CSS px, and whether anything scrolls sideways. */
function layout(page: Page) {
  return page.evaluate(({ width, height }) => {
    const root = document.querySelector('[data-va-widget]')!.shadowRoot!;
    const box = (selector: string) => root.querySelector(selector)!.getBoundingClientRect();
    const visible = (selector: string) => {
      const rect = box(selector);
      return (
        rect.width > 0 && rect.left >= 0 && rect.right <= width && rect.top >= 0 && rect.bottom <= height
      );
    };
    const panel = root.querySelector('.va-panel')!;
    const log = root.querySelector('.va-log')!;
    return {
      header: Math.round(box('.va-header').height),
      notice: Math.round(box('.va-notice').height),
      log: Math.round(box('.va-log').height),
      input: visible('#va-input'),
      send: visible('.va-send'),
      close: visible('.va-close'),
      language: visible('.va-lang'),
      noHorizontalScroll: panel.scrollWidth <= panel.clientWidth && log.scrollWidth <= log.clientWidth,
    };
  }, VIEWPORT);
}

describeInBrowser('widget in Chromium: reflow at 320 × 256 CSS px (WCAG 1.4.10)', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  let browser: Browser;
  let ana: AgentClient;

  beforeAll(async () => {
    testApp = await startTestApp({}, { clock });
    await createAgent(testApp.app.store, {
      username: 'ana',
      displayName: 'Ana Ruiz',
      languages: ['en', 'es'],
      maxChats: 5,
    });
    ana = (await connectAgent(testApp.baseUrl, 'ana')).socket;
    await agentCall(ana, 'presence:set', { status: 'available' });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    ana?.disconnect();
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  for (const locale of ['en', 'es'] as const) {
    it(`when the chat is used at 320 × 256 (${locale}), then the header is one compact row, the notice can be hidden, and the message box stays visible with an agent too`, async () => {
      const { context, page } = await openWidget(
        browser,
        `${testApp.baseUrl}${locale === 'es' ? '/es' : '/'}`,
        {
          viewport: VIEWPORT,
          bypassCSP: true,
        },
      );
      await page.locator('.va-list > li').first().waitFor();
      const start = await layout(page);
      expect(start).toMatchObject({
        input: true,
        send: true,
        close: true,
        language: true,
        noHorizontalScroll: true,
      });
      // Was 190 px of 256 for header and notice together.
      expect(start.header).toBeLessThanOrEqual(40);
      expect(start.header + start.notice).toBeLessThanOrEqual(110);
      expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);

      // With an agent: the name in the header, "End chat" on the status line, the box still there.
      await ask(page, locale === 'es' ? 'quiero hablar con un agente' : 'talk to a person');
      await page.locator('.va-header-agent').waitFor();
      await waitForReply(page, 'Ana Ruiz');
      const withAgent = await layout(page);
      expect(withAgent).toMatchObject({ input: true, send: true, close: true, noHorizontalScroll: true });
      expect(withAgent.header).toBeLessThanOrEqual(40);
      expect(await page.locator('.va-handoff-leave').isVisible()).toBe(true);
      expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);

      // Hiding the notice gives its room to the conversation; focus goes to the message box.
      const hide = page.getByRole('button', {
        name: locale === 'es' ? 'Ocultar este aviso' : 'Hide this notice',
      });
      await hide.click();
      expect(await page.locator('.va-notice').isVisible()).toBe(false);
      expect(await focusedInWidget(page)).toBe('va-input');
      const hidden = await layout(page);
      expect(hidden.log).toBeGreaterThanOrEqual(withAgent.log + 40);
      expect(hidden.input).toBe(true);
      // Still the panel's description for screen readers.
      expect(await page.locator(widget.panel).getAttribute('aria-describedby')).toBe('va-notice');
      expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);
      await page.getByRole('button', { name: locale === 'es' ? 'Terminar el chat' : 'End chat' }).click();
      await page.locator('.va-rating').waitFor();
      // A new speaker: the assistant's notice is news again.
      expect(await page.locator('.va-notice').isVisible()).toBe(true);
      await context.close();
    });
  }

  it('when the screen is tall enough, then the notice stays and offers no hide button (nothing to gain)', async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`, {
      viewport: { width: 1280, height: 800 },
    });
    await page.locator('.va-list > li').first().waitFor();
    expect(await page.locator('.va-notice').isVisible()).toBe(true);
    expect(await page.locator('.va-notice-hide').isVisible()).toBe(false);
    await context.close();
  });
});
