import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EchoBot } from '../channels/support/echoBot.js';
import { closeChromiumContexts, describeInBrowser, sharedChromium } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  ask,
  bubbleTexts,
  conversationIdOf,
  focusedInWidget,
  openWidget,
  waitForReply,
  widget,
} from './widgetPage.js';

describeInBrowser('widget in Chromium: a visitor conversation', () => {
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

  it('when a visitor asks in English, switches to Spanish, reloads and goes offline, then the conversation carries on with nothing lost', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${testApp.baseUrl}/`);

    // Nothing connects before the visitor opens the chat: page views do not create conversations.
    expect(await conversationIdOf(page)).toBeNull();
    await page.locator(widget.launcher).click();
    expect(await page.locator(widget.panel).isVisible()).toBe(true);
    expect(await focusedInWidget(page)).toBe('va-input');

    await ask(page, 'hello');
    await waitForReply(page, 'echo: hello');
    const visitor = page.locator('.va-msg-visitor', { hasText: 'hello' });
    await visitor.locator('.va-delivery', { hasText: 'Sent' }).waitFor();
    expect(await visitor.locator('.va-bubble').getAttribute('lang')).toBe('en');
    expect(await visitor.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // An article answer: feedback buttons and suggested replies.
    await ask(page, 'answer office-hours');
    await waitForReply(page, 'Answer for office-hours');
    const answer = page.locator('.va-msg-bot', { hasText: 'Answer for office-hours' });
    expect(await answer.locator('.va-bubble strong').innerText()).toBe('Answer');
    expect(await answer.locator('.va-actions button').allInnerTexts()).toEqual(['More', 'Data']);
    await answer.getByRole('button', { name: 'Yes' }).click();
    await answer.locator('.va-feedback-done').waitFor();
    await waitForReply(page, 'feedback office-hours true');
    expect(await focusedInWidget(page)).toBe('va-input');

    // English → Español: labels change, the conversation stays.
    const conversationId = await conversationIdOf(page);
    const before = await bubbleTexts(page);
    await page.locator(widget.language).click();
    expect(await page.locator('.va-title').innerText()).toBe('Asistente virtual');
    expect(await page.locator('.va-root').getAttribute('lang')).toBe('es');
    expect(await page.locator(widget.language).innerText()).toBe('English');
    expect(await bubbleTexts(page)).toEqual(before);
    await ask(page, 'hola');
    await waitForReply(page, 'echo: hola');
    const spanishReply = page.locator('.va-msg-bot', { hasText: 'echo: hola' });
    expect(await spanishReply.locator('.va-bubble').getAttribute('lang')).toBe('es');
    expect(
      await page.locator('.va-msg-visitor', { hasText: 'hola' }).locator('.va-delivery').innerText(),
    ).toBe('Enviado');
    expect(await conversationIdOf(page)).toBe(conversationId);

    // Reload: same conversation, every message back in order, still in Spanish, panel still open.
    const beforeReload = await bubbleTexts(page);
    await page.reload();
    await page.locator(widget.panel).waitFor();
    await waitForReply(page, 'echo: hola');
    expect(await bubbleTexts(page)).toEqual(beforeReload);
    expect(await conversationIdOf(page)).toBe(conversationId);
    expect(await page.locator('.va-title').innerText()).toBe('Asistente virtual');

    // Offline and back: the banner says so, the message waits, then goes and is answered.
    await context.setOffline(true);
    await page.locator(widget.banner, { hasText: 'No tiene conexión' }).waitFor();
    await ask(page, 'sin red');
    const pending = page.locator('.va-msg-visitor', { hasText: 'sin red' });
    expect(await pending.locator('.va-delivery').innerText()).toBe('Enviando');
    await context.setOffline(false);
    await waitForReply(page, 'echo: sin red');
    await pending.locator('.va-delivery', { hasText: 'Enviado' }).waitFor();
    expect(await page.locator(widget.banner).isHidden()).toBe(true);
    const texts = await bubbleTexts(page);
    expect(texts.filter((text) => text === 'sin red')).toHaveLength(1);
    expect(texts.filter((text) => text === 'echo: sin red')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when the bot answers and then asks "Was this helpful?" with its own buttons, then the visitor sees one set of feedback buttons', async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`);
    await ask(page, 'answer-and-ask fees');
    await waitForReply(page, 'pick a related topic');
    expect(await page.locator('.va-feedback').count()).toBe(1);
    const prompt = page.locator('.va-msg-bot', { hasText: 'pick a related topic' });
    // Labelled by the bot's own question, not a second copy of it.
    expect(
      await prompt
        .getByRole('group', { name: /Was this helpful/ })
        .getByRole('button')
        .allInnerTexts(),
    ).toEqual(['Yes', 'No']);
    expect(await prompt.locator('.va-actions button').allInnerTexts()).toEqual(['Related topic']);
    await prompt.getByRole('button', { name: 'No' }).click();
    await waitForReply(page, 'feedback fees false');
    // The widget shows the answer given; the thanks is the assistant's reply alone (one thanks, not two).
    expect(await prompt.locator('.va-feedback-done').innerText()).toBe('Your answer: No');
    await context.close();
  });

  it("when the visitor picks the bot's own language button, then the widget's labels follow", async () => {
    const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`);
    await ask(page, 'languages');
    await waitForReply(page, 'Which language?');
    await page.locator('.va-actions').getByRole('button', { name: 'Español' }).click();
    await waitForReply(page, 'language es');
    expect(await page.locator('.va-title').innerText()).toBe('Asistente virtual');
    expect(await page.locator(widget.input).getAttribute('placeholder')).toBe('Escriba su pregunta');
    await context.close();
  });

  it('when the widget is used with the keyboard alone, then focus moves to the input on open and back to the launcher on Escape', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${testApp.baseUrl}/es`);
    const launcher = page.locator(widget.launcher);
    expect(await launcher.innerText()).toContain('Chatee con nosotros');
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedInWidget(page)).toBe('va-input');

    // Type and send with Enter; Shift+Enter makes a new line instead.
    await page.keyboard.type('primera línea');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('segunda');
    await page.keyboard.press('Enter');
    await waitForReply(page, 'echo: primera línea');
    const twoLines = page.locator('.va-msg-visitor', { hasText: 'primera' }).locator('.va-bubble');
    expect(await twoLines.innerText()).toBe('primera línea\nsegunda');

    // Tab reaches the panel's controls in a sensible order.
    const reached: Array<string | null> = [];
    for (let index = 0; index < 3; index += 1) {
      await page.keyboard.press('Shift+Tab');
      reached.push(await focusedInWidget(page));
    }
    expect(reached).toEqual(['va-log', 'va-close', 'va-lang']);

    await page.keyboard.press('Escape');
    expect(await page.locator(widget.panel).isHidden()).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedInWidget(page)).toBe('va-launcher');
    await context.close();
  });

  it('when the screen is 320 px wide or zoomed to 200%, then the panel fits and its controls stay reachable', async () => {
    for (const viewport of [
      { width: 320, height: 640 },
      { width: 640, height: 360 },
    ]) {
      const { context, page } = await openWidget(browser, `${testApp.baseUrl}/`, { viewport });
      await ask(
        page,
        'a rather long question that should wrap inside the bubble without any horizontal scrolling at all',
      );
      await waitForReply(page, 'echo: a rather long question');
      const fits = await page.evaluate(({ width, height }) => {
        const root = document.querySelector('[data-va-widget]')!.shadowRoot!;
        const inside = (selector: string) => {
          const box = root.querySelector(selector)!.getBoundingClientRect();
          return box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height && box.width > 0;
        };
        const panel = root.querySelector('.va-panel')!;
        const log = root.querySelector('.va-log')!;
        return {
          panel: inside('.va-panel'),
          input: inside('#va-input'),
          send: inside('.va-send'),
          close: inside('.va-close'),
          language: inside('.va-lang'),
          noHorizontalScroll: panel.scrollWidth <= panel.clientWidth && log.scrollWidth <= log.clientWidth,
        };
      }, viewport);
      expect(fits, JSON.stringify(viewport)).toEqual({
        panel: true,
        input: true,
        send: true,
        close: true,
        language: true,
        noHorizontalScroll: true,
      });
      await context.close();
    }
  });

  it('when the visitor prefers reduced motion, then the typing indicator does not animate', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${testApp.baseUrl}/`);
    const animations = await page.evaluate(() => {
      const root = document.querySelector('[data-va-widget]')!.shadowRoot!;
      return [...root.querySelectorAll('.va-dots span')].map((dot) => getComputedStyle(dot).animationName);
    });
    expect(animations).toEqual(['none', 'none', 'none']);
    const moving = await browser.newContext({ reducedMotion: 'no-preference' });
    const other = await moving.newPage();
    await other.goto(`${testApp.baseUrl}/`);
    const animated = await other.evaluate(() => {
      const root = document.querySelector('[data-va-widget]')!.shadowRoot!;
      return getComputedStyle(root.querySelector('.va-dots span')!).animationName;
    });
    expect(animated).toBe('va-blink');
    await Promise.all([context.close(), moving.close()]);
  });
});
