import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/**
 * Small helpers over the widget in a page. Playwright's CSS selectors pierce open shadow roots,
 * so `.va-…` selectors reach inside the widget.
 */
export const widget = {
  launcher: '.va-launcher',
  panel: '.va-panel',
  input: '#va-input',
  send: '.va-send',
  language: '.va-lang',
  close: '.va-close',
  banner: '.va-banner',
  messages: '.va-list > li',
};

/** The id of the focused element inside the widget's shadow root (or the page's, if outside). */
export function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector('[data-va-widget]');
    const active = host?.shadowRoot?.activeElement;
    if (active) return active.id || active.className;
    return document.activeElement === host ? 'host' : null;
  });
}

/** Text of every message bubble, in display order. */
export function bubbleTexts(page: Page): Promise<string[]> {
  return page.locator('.va-list > li .va-bubble').allInnerTexts();
}

export async function ask(page: Page, text: string): Promise<void> {
  await page.locator(widget.input).fill(text);
  await page.locator(widget.input).press('Enter');
}

/** Waits for a bot (or agent) message containing `text`. */
export async function waitForReply(page: Page, text: string): Promise<void> {
  await page.locator('.va-list > li:not(.va-msg-visitor)', { hasText: text }).first().waitFor();
}

/** The conversation id the widget keeps in sessionStorage. */
export function conversationIdOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (let index = 0; index < sessionStorage.length; index += 1) {
      const key = sessionStorage.key(index);
      if (key?.startsWith('va-widget:') && key.endsWith(':conversation')) return sessionStorage.getItem(key);
    }
    return null;
  });
}

/** A new browser context on `url` with the widget opened (close the context when done). */
export async function openWidget(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(widget.launcher).click();
  return { context, page };
}
