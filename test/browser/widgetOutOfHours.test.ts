import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClock, WEEKEND } from '../handoff/support/agentClient.js';
import {
  axeViolations,
  closeChromiumContexts,
  describeInBrowser,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, openWidget, waitForReply, widget } from './widgetPage.js';

const LABELS = {
  en: {
    path: '/',
    askForAgent: 'talk to a person',
    alternatives: 'Other ways to get help',
    secure: 'Send a secure message',
    caseStatus: 'case status EAC9999103402',
    found: 'Case Was Approved',
  },
  es: {
    path: '/es',
    askForAgent: 'quiero hablar con un agente',
    alternatives: 'Otras formas de obtener ayuda',
    secure: 'Envíe un mensaje seguro',
    caseStatus: 'estatus de mi caso EAC9999103402',
    found: 'Caso Fue Aprobado',
  },
} as const;

/** Every link the widget shows: its text and address. */
function links(page: Page, messageText: string): Promise<Array<{ text: string; href: string }>> {
  return page
    .locator('.va-list > li', { hasText: messageText })
    .last()
    .locator('.va-bubble a')
    .evaluateAll((anchors) =>
      anchors.map((anchor) => ({ text: anchor.textContent ?? '', href: anchor.getAttribute('href') ?? '' })),
    );
}

describeInBrowser('widget in Chromium: out of hours and case status links', () => {
  const clock = new TestClock(new Date(WEEKEND));
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp({}, { clock });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  for (const locale of ['en', 'es'] as const) {
    const L = LABELS[locale];
    it(`when a visitor asks for an agent out of hours (${locale}), then the phone and TTY are tel: links and "Send a secure message" is a link, also after a reload`, async () => {
      const { context, page } = await openWidget(browser, `${testApp.baseUrl}${L.path}`, { bypassCSP: true });
      await ask(page, L.askForAgent);
      await waitForReply(page, L.alternatives);
      const expected = [
        { text: '800-375-5283', href: 'tel:+18003755283' },
        { text: '800-767-1833', href: 'tel:+18007671833' },
        { text: 'https://egov.uscis.gov/e-request/', href: 'https://egov.uscis.gov/e-request/' },
        { text: L.secure, href: 'https://my.uscis.gov/' },
      ];
      expect(await links(page, L.alternatives)).toEqual(expected);
      expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);

      // The stored transcript the reload replays keeps the agency's own numbers (not personal data).
      await page.reload();
      await page.locator(widget.panel).waitFor();
      await waitForReply(page, L.alternatives);
      expect(await links(page, L.alternatives)).toEqual(expected);
      await context.close();
    });

    it(`when a case status says "go to www.uscis.gov/…" (${locale}), then its links use https`, async () => {
      const { context, page } = await openWidget(browser, `${testApp.baseUrl}${L.path}`, { bypassCSP: true });
      await ask(page, L.caseStatus);
      await waitForReply(page, L.found);
      const found = await links(page, L.found);
      expect(found.map((link) => link.href)).toEqual([
        'https://www.uscis.gov/e-request',
        'https://www.uscis.gov/addresschange',
      ]);
      const everyHref = await page.evaluate(() =>
        [...document.querySelector('[data-va-widget]')!.shadowRoot!.querySelectorAll('a[href]')].map(
          (anchor) => anchor.getAttribute('href') ?? '',
        ),
      );
      expect(everyHref.filter((href) => href.startsWith('http:'))).toEqual([]);
      expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);
      await context.close();
    });
  }
});
