import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EchoBot } from '../channels/support/echoBot.js';
import {
  axeViolations,
  closeChromiumContexts,
  describeInBrowser,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, widget } from './widgetPage.js';

const LABELS = {
  en: {
    banner: 'This chat cannot connect from this website, so your messages were not sent.',
    failed: 'Not sent: The chat is not available on this website.',
    retry: 'Retry',
  },
  es: {
    banner: 'Este chat no puede conectarse desde este sitio web, por lo que sus mensajes no se enviaron.',
    failed: 'No enviado: El chat no está disponible en este sitio web.',
    retry: 'Reintentar',
  },
} as const;

describeInBrowser('widget in Chromium: embedded on a site that is not in PUBLIC_ORIGINS', () => {
  let testApp: TestApp;
  let browser: Browser;
  let site: http.Server;
  let siteOrigin: string;

  beforeAll(async () => {
    // The product allows only its default origins; the "agency site" below is on another port.
    testApp = await startTestApp({}, { bot: new EchoBot() });
    site = http.createServer((req, res) => {
      const lang = req.url === '/es' ? 'es' : 'en';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Another site</title></head>` +
          `<body><main><h1>Another site</h1></main><script src="${testApp.baseUrl}/widget.js"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await new Promise((resolve) => site?.close(resolve));
    await testApp?.stop();
  });

  for (const locale of ['en', 'es'] as const) {
    const L = LABELS[locale];
    it(`when a visitor writes there (${locale}), then the widget says it cannot connect, the message fails instead of "Sending" forever, and the console names PUBLIC_ORIGINS`, async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${siteOrigin}/${locale === 'es' ? 'es' : ''}`);
      await page.locator(widget.launcher).click();
      await ask(page, 'hello');
      await page.locator(widget.banner, { hasText: L.banner }).waitFor();
      const visitor = page.locator('.va-msg-visitor', { hasText: 'hello' });
      await visitor.locator('.va-delivery-failed').waitFor();
      expect(await visitor.locator('.va-delivery').innerText()).toBe(L.failed);
      await expect
        .poll(() => consoleErrors.find((text) => text.includes('PUBLIC_ORIGINS')))
        .toContain(`Add ${siteOrigin} to PUBLIC_ORIGINS`);
      expect(consoleErrors.find((text) => text.includes('PUBLIC_ORIGINS'))).toContain(testApp.baseUrl);
      // Announced to screen readers too.
      await page.locator('[aria-live="polite"] p', { hasText: L.banner }).waitFor();
      expect(await axeViolations(page, ['[data-va-widget]', '.va-root'])).toEqual([]);

      // A message written afterwards fails at once, and Retry asks the server again.
      await ask(page, 'second try');
      await page
        .locator('.va-msg-visitor', { hasText: 'second try' })
        .locator('.va-delivery-failed')
        .waitFor();
      const errorsBefore = consoleErrors.length;
      await visitor.getByRole('button', { name: L.retry }).click();
      await expect.poll(() => consoleErrors.length).toBeGreaterThan(errorsBefore);
      await visitor.locator('.va-delivery-failed').waitFor();
      expect(await page.locator(widget.banner, { hasText: L.banner }).isVisible()).toBe(true);
      await context.close();
    });
  }
});
