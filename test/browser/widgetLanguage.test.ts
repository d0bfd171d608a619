import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeChromiumContexts, describeInBrowser, sharedChromium } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { ask, conversationIdOf, openWidget, waitForReply, widget } from './widgetPage.js';

/**
 * The widget's Español/English button and the conversation's language, with the real assistant:
 * the button switches the conversation (the assistant says so and repeats its answer in the new
 * language), and when the assistant switches by itself the widget's labels follow.
 */
describeInBrowser('widget in Chromium: the conversation language', () => {
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  it('when the visitor presses Español after an answer, then the assistant repeats it in Spanish; when they ask for English, then the labels follow back', async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await waitForReply(page, 'Emma');
    await ask(page, 'How do I create a USCIS online account?');
    await waitForReply(page, 'Was this helpful?');

    await page.locator(widget.language).click();
    expect(await page.locator('.va-title').innerText()).toBe('Asistente virtual');
    await waitForReply(page, 'De acuerdo, seguiré en español.');
    await waitForReply(page, '¿Le fue útil esta respuesta?');
    const repeated = page.locator('.va-msg-bot', { hasText: 'myUSCIS es el servicio' });
    expect(await repeated.locator('.va-bubble').getAttribute('lang')).toBe('es');
    const conversationId = await conversationIdOf(page);
    expect((await testApp.app.store.conversations.get(conversationId!))?.locale).toBe('es');

    // Asked in words, the assistant switches back; the widget's labels and language follow.
    await ask(page, 'in English please');
    await waitForReply(page, "Okay, I'll continue in English.");
    await page.locator('.va-root[lang="en"]').waitFor({ state: 'attached' });
    expect(await page.locator('.va-title').innerText()).toBe('Virtual assistant');
    expect(await page.locator(widget.language).innerText()).toBe('Español');
    expect(await page.locator(widget.input).getAttribute('placeholder')).toBe('Type your question');
    await ask(page, 'thanks');
    await waitForReply(page, "You're welcome!");
    expect(
      await page.locator('.va-msg-visitor', { hasText: 'thanks' }).locator('.va-bubble').getAttribute('lang'),
    ).toBe('en');
    expect((await testApp.app.store.conversations.get(conversationId!))?.locale).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
