import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EchoBot } from '../channels/support/echoBot.js';
import { closeChromiumContexts, describeInBrowser, sharedChromium } from '../support/browser.js';
import { REPO_ROOT, startTestApp, type TestApp } from '../support/testApp.js';
import { ask, conversationIdOf, waitForReply, widget } from './widgetPage.js';

/** Each payload tries to run code; every one sets window.__pwned if it ever does. */
const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '[plain js link](javascript:window.__pwned="link")',
  '[mixed case](JaVaScRiPt:window.__pwned="case")',
  '[entity](jav&#x09;ascript:window.__pwned="entity")',
  '<svg onload="window.__pwned=\'svg\'"><circle r="5"/></svg>',
  '<img src="x" onerror="window.__pwned=\'img\'">',
  '![picture](javascript:window.__pwned="image")',
  '<a href="javascript:window.__pwned=\'raw\'">raw link</a>',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '[data url](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<details open ontoggle="window.__pwned=\'details\'">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'">',
  '**Bold** and a [real link](https://www.example.gov/contact) and <b>raw bold</b>.',
].join('\n\n');

interface Inspection {
  pwned: unknown;
  dangerous: string[];
  handlers: string[];
  badHrefs: string[];
  unsafeTargets: string[];
  realLink: { href: string | null; target: string | null; rel: string | null } | null;
  bold: boolean;
}

/** Looks at rendered HTML in `container` (a selector in the page or inside the widget's shadow root). */
function inspect(page: Page, scope: 'page' | 'widget'): Promise<Inspection> {
  return page.evaluate((where) => {
    const root: ParentNode =
      where === 'widget'
        ? document.querySelector('[data-va-widget]')!.shadowRoot!.querySelector('.va-list')!
        : document.querySelector('#rendered')!;
    const all = [...root.querySelectorAll('*')];
    const real = [...root.querySelectorAll('a')].find((anchor) => anchor.textContent === 'real link');
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      dangerous: all
        .filter((element) =>
          ['SCRIPT', 'SVG', 'svg', 'IMG', 'IFRAME', 'DETAILS', 'STYLE', 'MATH', 'math'].includes(
            element.tagName,
          ),
        )
        .map((element) => element.tagName),
      handlers: all.flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => /^on/i.test(attribute.name))
          .map((attribute) => attribute.name),
      ),
      badHrefs: [...root.querySelectorAll('[href]')]
        .map((element) => element.getAttribute('href') ?? '')
        .filter((href) => !/^(https?:|mailto:|tel:|\/(?!\/)|#)/i.test(href)),
      unsafeTargets: [...root.querySelectorAll('a[href]')]
        .filter(
          (anchor) =>
            anchor.getAttribute('target') !== '_blank' ||
            anchor.getAttribute('rel') !== 'noopener noreferrer',
        )
        .map((anchor) => anchor.getAttribute('href') ?? ''),
      realLink: real
        ? {
            href: real.getAttribute('href'),
            target: real.getAttribute('target'),
            rel: real.getAttribute('rel'),
          }
        : null,
      bold: [...root.querySelectorAll('strong')].some((element) => element.textContent === 'Bold'),
    };
  }, scope);
}

/** Records, and dismisses, every alert, confirm or prompt that a payload manages to open. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

const SAFE: Partial<Inspection> = {
  pwned: undefined,
  dangerous: [],
  handlers: [],
  badHrefs: [],
  unsafeTargets: [],
  realLink: { href: 'https://www.example.gov/contact', target: '_blank', rel: 'noopener noreferrer' },
  bold: true,
};

describeInBrowser('widget in Chromium: hostile Markdown renders inert', () => {
  let testApp: TestApp;
  let browser: Browser;
  let rendererBundle: string;

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot: new EchoBot() });
    browser = await sharedChromium();
    // The shared renderer exactly as the widget and the editor console bundle it.
    const result = await build({
      stdin: {
        contents:
          "import { createMarkdownRenderer } from './web-widget/shared/renderMarkdown.ts'; window.__renderMarkdown = (text) => createMarkdownRenderer().render(text);",
        resolveDir: REPO_ROOT,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
    });
    rendererBundle = result.outputFiles[0]!.text;
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await testApp?.stop();
  });

  it('when the shared Markdown renderer is given script tags, javascript: links, SVG and img payloads in the page, then the result is inert', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(`${testApp.baseUrl}/`);
    await page.addScriptTag({ content: rendererBundle });
    await page.evaluate((markdown) => {
      const container = document.createElement('div');
      container.id = 'rendered';
      container.innerHTML = (
        window as unknown as { __renderMarkdown(text: string): string }
      ).__renderMarkdown(markdown);
      document.body.append(container);
    }, PAYLOADS);
    // Give any handler that slipped through (onerror, onload, ontoggle) its chance to run.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await inspect(page, 'page')).toMatchObject(SAFE);
    // Raw HTML is shown as text, not dropped silently.
    expect(await page.locator('#rendered').innerText()).toContain(
      '<script>window.__pwned = "script"</script>',
    );
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('when a bot message with those payloads arrives through the channel, then the widget renders it inert', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(`${testApp.baseUrl}/`);
    await page.locator(widget.launcher).click();
    await ask(page, 'hello');
    await waitForReply(page, 'echo: hello');
    const conversationId = await conversationIdOf(page);
    await testApp.app.visitors.sendToConversation(conversationId!, { type: 'message', text: PAYLOADS });
    await waitForReply(page, 'real link');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await inspect(page, 'widget')).toMatchObject(SAFE);
    // The visitor's own text is never treated as Markdown or HTML.
    await ask(page, '<img src=x onerror="window.__pwned=\'visitor\'"> **not bold**');
    await waitForReply(page, 'echo: ');
    await page.locator('.va-msg-visitor', { hasText: 'not bold' }).waitFor();
    expect(await page.locator('.va-msg-visitor .va-bubble', { hasText: 'not bold' }).innerText()).toBe(
      '<img src=x onerror="window.__pwned=\'visitor\'"> **not bold**',
    );
    expect(await inspect(page, 'widget')).toMatchObject({ pwned: undefined, handlers: [] });
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
