import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  allAxeViolations,
  closeChromiumContexts,
  describeInBrowser,
  describeViolations,
  sharedChromium,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { addUser, PASSWORD } from '../admin/support/adminApi.js';
import { screenshotPath } from '../support/screenshots.js';
import { ask, waitForReply, widget } from './widgetPage.js';

async function signIn(page: Page, app: TestApp, username: string): Promise<void> {
  await page.goto(`${app.baseUrl}/editor`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
}

describeInBrowser('editor console in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    await addUser(app, 'eva', ['editor']);
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await closeChromiumContexts(browser);
    await app?.stop();
  });

  it('when an editor changes the Spanish text of an article and publishes it, then the widget gives the new text to the next visitor', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, app, 'eva');

    await page.getByLabel('Search words').fill('sello adit');
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByRole('button', { name: 'Show articles' }).click();
    await page.locator('tr[data-article="es:adit-stamp"]').waitFor();
    await page.locator('tr[data-article="es:adit-stamp"] a').click();
    await page.getByRole('heading', { level: 1, name: 'Article “adit-stamp”' }).waitFor();

    const spanish = page.locator('section[data-locale="es"]');
    const newAnswer =
      'El sello ADIT es la **prueba temporal** de residencia permanente. Llame al Centro de Contacto para pedir la cita (texto revisado por Eva).';
    await spanish.getByLabel('Short answer (Markdown, shown first in the chat)').fill(newAnswer);
    // The preview is the widget's rendering: Markdown bold becomes <strong>.
    const bold = spanish.locator('.preview .va-msg-bot .va-bubble strong');
    await bold.filter({ hasText: 'prueba temporal' }).waitFor();
    expect(await bold.first().innerText()).toBe('prueba temporal');
    await spanish.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Spanish draft saved' }).waitFor();
    await spanish.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Spanish version published' }).waitFor();
    expect(await spanish.locator('.state-line').innerText()).toMatch(
      /^Published, revision 3\. Visitors see revision 3\./,
    );

    const visitor = await browser.newPage();
    await visitor.goto(`${app.baseUrl}/es`);
    await visitor.locator(widget.launcher).click();
    await ask(visitor, '¿Qué es el sello ADIT?');
    await waitForReply(visitor, 'texto revisado por Eva');
    await visitor.close();
    expect(errors).toEqual([]);
    await context.close();
  });
  it('when an editor presses Unpublish, then a dialog names the language first; Cancel keeps the article live, confirming takes it down', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    await page.goto(`${app.baseUrl}/editor#/article/fee-waiver`);
    const spanish = page.locator('section[data-locale="es"]');
    await spanish.locator('form').waitFor();
    const unpublish = spanish.getByRole('button', { name: 'Unpublish', exact: true });
    await unpublish.click();
    const dialog = page.getByRole('dialog', { name: 'Unpublish the Spanish version?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Visitors asking in Spanish will no longer get this article');
    // The article's title is shown in its own language.
    expect(await dialog.locator('.subject').getAttribute('lang')).toBe('es');
    // Focus starts on the safe answer.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    const violations = await allAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.screenshot({ path: screenshotPath('unpublish-dialog-en.png') });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Unpublish');
    expect((await app.app.store.articles.get('es', 'fee-waiver'))?.status).toBe('published');
    await unpublish.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await app.app.store.articles.get('es', 'fee-waiver'))?.status).toBe('published');

    await unpublish.click();
    await dialog.getByRole('button', { name: 'Unpublish the Spanish version' }).click();
    await page.getByRole('status').filter({ hasText: 'Spanish version unpublished' }).waitFor();
    expect((await app.app.store.articles.get('es', 'fee-waiver'))?.status).toBe('unpublished');
    expect((await app.app.store.articles.get('en', 'fee-waiver'))?.status).toBe('published');

    // In Spanish, the language is named inside the sentence, in lower case.
    await page.getByRole('button', { name: 'Cambiar la consola a español' }).click();
    const english = page.locator('section[data-locale="en"]');
    await english.getByRole('button', { name: 'Retirar', exact: true }).click();
    const pregunta = page.getByRole('dialog', { name: '¿Retirar la versión en inglés?' });
    await pregunta.waitFor();
    const spanishViolations = await allAxeViolations(page);
    expect(spanishViolations, describeViolations(spanishViolations)).toEqual([]);
    await page.screenshot({ path: screenshotPath('unpublish-dialog-es.png') });
    await pregunta.getByRole('button', { name: 'Retirar la versión en inglés' }).click();
    await page.getByRole('status').filter({ hasText: 'Versión en inglés retirada' }).waitFor();
    expect((await app.app.store.articles.get('en', 'fee-waiver'))?.status).toBe('unpublished');
    await context.close();
  });

  it('when an editor previews an article, then the chat widget draws the reply a visitor gets (short answer, link, "Was this helpful?", related topics), never the details, and its buttons work as in the chat', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    await page.goto(`${app.baseUrl}/editor#/article/fee-waiver`);
    const preview = page.locator('section[data-locale="es"] .preview');
    await preview.and(page.locator('[data-state="shown"]')).waitFor();
    const [saved, fees] = await Promise.all([
      app.app.store.articles.get('es', 'fee-waiver'),
      app.app.store.articles.get('es', 'fees'),
    ]);
    // Drawn by the widget, in the article's language: its sender, bubbles and buttons.
    expect(await preview.getByRole('heading').first().innerText()).toBe(
      'Preview of the Spanish version, as visitors see it',
    );
    const bot = preview.locator('.va-msg-bot');
    expect(await bot.first().locator('.va-sender').innerText()).toBe('Asistente');
    expect(await bot.first().locator('.va-bubble').innerText()).toContain(saved!.draft.answer.slice(0, 40));
    expect(await bot.first().locator('.va-bubble a').first().getAttribute('href')).toBe(
      saved!.draft.links[0]!.url,
    );
    expect(await preview.locator('.va-feedback button').allInnerTexts()).toEqual(['Sí', 'No']);
    // As in the chat: "Show the full article" (the article has a body), then the related topics.
    expect(await preview.locator('.va-actions button').first().innerText()).toBe('Ver el artículo completo');
    expect(await preview.locator('.va-actions button').nth(1).innerText()).toBe(fees!.draft.title);
    // The chat never shows the details: neither does the preview.
    expect(await preview.innerText()).not.toContain('Quién puede obtener la exención');
    expect(await preview.locator('.va-msg-visitor').count()).toBe(0);

    // Edits show as they are typed, before saving.
    await page
      .locator('section[data-locale="es"]')
      .getByLabel('Short answer (Markdown, shown first in the chat)')
      .fill('Pida una **exención** con el Formulario I-912 (texto en edición).');
    await preview.locator('.va-msg-bot .va-bubble strong', { hasText: 'exención' }).waitFor();
    expect(await preview.locator('.va-msg-bot .va-bubble strong').first().innerText()).toBe('exención');

    // A related topic, then "Sí": further turns of the same conversation, as in the chat.
    await preview.locator('.va-actions button', { hasText: fees!.draft.title }).click();
    await preview.locator('.va-msg-bot').nth(2).waitFor();
    expect(await preview.locator('.va-msg-visitor .va-bubble').innerText()).toBe(fees!.draft.title);
    expect(await preview.locator('.va-msg-bot').nth(2).locator('.va-bubble').innerText()).toContain(
      fees!.draft.answer.slice(0, 40),
    );
    await preview.locator('.va-feedback button', { hasText: 'Sí' }).last().click();
    // The assistant's thanks (the widget no longer adds one of its own).
    await preview.locator('.va-msg-bot', { hasText: '¡Gracias por su opinión!' }).first().waitFor();
    const violations = await allAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('preview-es.png'), fullPage: true });

    await preview.getByRole('button', { name: 'Start the preview again' }).click();
    await preview.locator('.va-msg-visitor').waitFor({ state: 'detached' });
    expect(await preview.locator('.va-msg-bot').count()).toBe(2);
    expect(await app.app.store.articles.get('es', 'fee-waiver')).toEqual(saved);
    await context.close();
  });

  it('when an editor tries a question, then the conversation a visitor would get is drawn by the widget, with the scores beside it', async () => {
    const context = await browser.newContext({
      locale: 'en-US',
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    await page.goto(`${app.baseUrl}/editor#/try`);
    await page.getByLabel('Visitor question').fill('¿cómo pido una exención de tarifas?');
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    const chat = page.locator('.try-chat');
    await chat.waitFor();
    expect(await chat.locator('.va-msg-visitor .va-bubble').innerText()).toBe(
      '¿cómo pido una exención de tarifas?',
    );
    expect(await chat.locator('.va-msg-visitor .va-sender').innerText()).toBe('Usted');
    const answer = (await app.app.store.articles.get('es', 'fee-waiver'))!.draft.answer;
    expect(await chat.locator('.va-msg-bot .va-bubble').first().innerText()).toContain(answer.slice(0, 40));
    // Beside it: the decision and the candidates' signals.
    const why = page.locator('.try-why');
    expect(await why.locator('.verdict').getAttribute('data-decision')).toBe('answer');
    expect(await why.locator('tbody tr').first().getAttribute('data-article')).toBe('fee-waiver');
    const [chatBox, whyBox] = await Promise.all([chat.boundingBox(), why.boundingBox()]);
    expect(whyBox!.x).toBeGreaterThan(chatBox!.x + chatBox!.width - 1);

    await chat.locator('.va-feedback button', { hasText: 'No' }).click();
    // The assistant's answer to "No" (the widget no longer adds a thanks of its own).
    await chat.locator('.va-msg-bot', { hasText: 'Gracias por decírmelo.' }).waitFor();
    const violations = await allAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.screenshot({ path: screenshotPath('try-it-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Cambiar la consola a español' }).click();
    await page.getByLabel('Pregunta del visitante').fill('how do I chat with a live agent');
    await page.getByLabel('Idioma', { exact: true }).selectOption('en');
    await page.getByRole('button', { name: 'Probar', exact: true }).click();
    await page.getByRole('heading', { name: 'Lo que ve el visitante' }).waitFor();
    await chat.locator('.va-msg-visitor', { hasText: 'how do I chat with a live agent' }).waitFor();
    expect(await chat.locator('.va-msg-visitor .va-sender').innerText()).toBe('You');
    const spanishViolations = await allAxeViolations(page);
    expect(spanishViolations, describeViolations(spanishViolations)).toEqual([]);
    await page.screenshot({ path: screenshotPath('try-it-es.png'), fullPage: true });
    await context.close();
  });

  it('when the console pages are scanned with axe-core, in English and Spanish, then no violation of any level is found (best practices included)', async () => {
    const day = new Date().toISOString().slice(0, 10);
    for (const [index, text] of [
      'can I bring my llama',
      'bring llama to the interview',
      'parking at the office',
    ].entries()) {
      await app.app.store.analytics.record({
        id: randomUUID(),
        type: 'question',
        conversationId: 'c1',
        locale: 'en',
        at: `${day}T0${index}:00:00.000Z`,
        decision: 'none',
        articleId: null,
        score: 0,
        text,
        outcome: null,
      });
    }
    // The page's CSP (script-src 'self') would block the injected axe script; the scan is the test's, not the page's.
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    const scan = async (name: string) => {
      const violations = await allAxeViolations(page);
      expect(violations, `${name}\n${describeViolations(violations)}`).toEqual([]);
    };
    await page.goto(`${app.baseUrl}/editor`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await scan('sign-in');
    await signIn(page, app, 'eva');
    await scan('article list');

    await page.goto(`${app.baseUrl}/editor#/article/live-chat`);
    await page.locator('section[data-locale="es"] form').waitFor();
    // The previews are drawn by the widget's code once the rehearsal answers: scanned with them.
    await page.locator('.preview[data-state="shown"]').nth(1).waitFor();
    await scan('article editor');
    // An error summary must be accessible too.
    const english = page.locator('section[data-locale="en"]');
    await english.getByLabel('Title', { exact: true }).fill('');
    await english.getByRole('button', { name: 'Save draft' }).click();
    await english.locator('.form-errors li').first().waitFor();
    expect(await english.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await scan('article editor with errors');

    await page.goto(`${app.baseUrl}/editor#/new`);
    await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
    await scan('new article');

    await page.goto(`${app.baseUrl}/editor#/history/en/live-chat`);
    await page.getByRole('button', { name: 'Show differences' }).click();
    await page.locator('.diff h3').waitFor();
    await scan('history');

    await page.goto(`${app.baseUrl}/editor#/unanswered`);
    await page.locator('table.unanswered').waitFor();
    await scan('unanswered questions');

    await page.goto(`${app.baseUrl}/editor#/analytics`);
    await page.locator('svg.line-chart').first().waitFor();
    await scan('analytics');
    const chart = page.locator('svg.line-chart').first();
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('title').textContent()).toMatch(/^Questions per day in English/);
    await page.locator('details summary').first().click();
    expect(await page.locator('table.figures-table').first().locator('tbody tr').count()).toBe(30);

    await page.goto(`${app.baseUrl}/editor#/try`);
    await page.getByLabel('Visitor question').fill('how do I chat with an agent');
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    await page.locator('.verdict').waitFor();
    expect(await page.locator('.verdict').getAttribute('data-decision')).toBe('answer');
    expect(await page.locator('.try-result tbody tr').first().getAttribute('data-article')).toBe('live-chat');
    await scan('try it');

    // Español: every label changes, the page says it is in Spanish.
    await page.getByRole('button', { name: 'Cambiar la consola a español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Probar' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByRole('navigation').innerText()).toContain('Preguntas sin respuesta');
    await scan('try it, in Spanish');
    await page.goto(`${app.baseUrl}/editor#/article/live-chat`);
    await page.getByRole('heading', { level: 1, name: 'Artículo «live-chat»' }).waitFor();
    await page.locator('.preview[data-state="shown"]').nth(1).waitFor();
    await scan('article editor, in Spanish');
    await context.close();
  });

  it("when the server cannot be reached, then sign-in says so in the console's language", async () => {
    const context = await browser.newContext({ locale: 'es-US' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/editor`);
    await page.route('**/api/auth/login', (route) => route.abort('connectionrefused'));
    await page.getByLabel('Nombre de usuario').fill('eva');
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByLabel('Contraseña').press('Enter');
    await page.locator('#login-error', { hasText: 'No se pudo conectar con el servidor' }).waitFor();
    expect(await page.locator('#login-error').innerText()).not.toMatch(/TypeError|fetch/);
    await context.close();
  });

  it('when the console is used with the keyboard alone, then sign-in, navigation and focus all work', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/editor`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    // Tab through to the username field (the language switch comes first in the header).
    for (
      let step = 0;
      step < 6 && (await page.evaluate(() => document.activeElement?.id)) !== 'login-username';
      step++
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('eva');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const link = page.getByRole('link', { name: 'Unanswered questions' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Unanswered questions' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await link.getAttribute('aria-current')).toBe('page');
    await context.close();
  });

  it('when someone else saved the article meanwhile, then saving says so, keeps the edits, and reload brings their version', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    await page.goto(`${app.baseUrl}/editor#/article/callbacks`);
    const english = page.locator('section[data-locale="en"]');
    await english.locator('form').waitFor();
    const record = await app.app.store.articles.get('en', 'callbacks');
    await app.app.store.articles.update(
      {
        ...record!,
        draft: { ...record!.draft, title: 'Changed by Omar meanwhile' },
        revision: record!.revision + 1,
      },
      record!.revision,
      {
        id: 'callbacks',
        locale: 'en',
        revision: record!.revision + 1,
        action: 'update',
        content: { ...record!.draft, title: 'Changed by Omar meanwhile' },
        author: 'omar',
        at: new Date().toISOString(),
        note: null,
      },
    );
    await english.getByLabel('Title', { exact: true }).fill('My own title');
    await english.getByRole('button', { name: 'Save draft' }).click();
    await english.locator('.form-errors').getByText('Someone else saved this English version').waitFor();
    expect(await english.getByLabel('Title', { exact: true }).inputValue()).toBe('My own title');
    await english.getByRole('button', { name: 'Reload the latest version' }).click();
    // The reload fetches the article: wait for the form to show it rather than reading at once.
    await expect
      .poll(() => english.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Changed by Omar meanwhile');
    await context.close();
  });

  it('when an editor compares two revisions and rolls back, then the diff marks what changed and the old text comes back as a draft', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    await page.goto(`${app.baseUrl}/editor#/article/interpreter`);
    const english = page.locator('section[data-locale="en"]');
    const original = await english.getByLabel('Title', { exact: true }).inputValue();
    await english.getByLabel('Title', { exact: true }).fill(`${original} (new wording)`);
    await english.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'English draft saved (revision 2)' }).waitFor();
    await english.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'History of “interpreter” (English)' }).waitFor();
    await page.getByLabel('From revision').selectOption('1');
    await page.getByLabel('To revision').selectOption('2');
    await page.getByRole('button', { name: 'Show differences' }).click();
    const title = page.locator('.diff-field[data-field="title"]');
    await title.waitFor();
    expect(await title.locator('ins').innerText()).toContain('new wording');
    await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Rolled back to revision 1' }).waitFor();
    const current = await app.app.store.articles.get('en', 'interpreter');
    expect(current).toMatchObject({ revision: 3, draft: { title: original } });
    await context.close();
  });

  it('when an editor adds an unanswered wording to an article, then the article draft gains it as an alternate question', async () => {
    const day = new Date().toISOString().slice(0, 10);
    await app.app.store.analytics.record({
      id: randomUUID(),
      type: 'question',
      conversationId: 'c2',
      locale: 'es',
      at: `${day}T01:00:00.000Z`,
      decision: 'none',
      articleId: null,
      score: 0,
      text: 'puedo hablar con alguien por chat de noche',
      outcome: null,
    });
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, app, 'eva');
    await page.goto(`${app.baseUrl}/editor#/unanswered?locale=es`);
    const row = page.locator('table.unanswered tr', {
      hasText: 'puedo hablar con alguien por chat de noche',
    });
    await row.getByRole('combobox').selectOption('live-chat');
    await row.getByRole('button', { name: 'Add' }).click();
    await row.getByText('as a draft').waitFor();
    const record = await app.app.store.articles.get('es', 'live-chat');
    expect(record?.draft.questions).toContain('puedo hablar con alguien por chat de noche');
    expect(record?.published?.questions).not.toContain('puedo hablar con alguien por chat de noche');
    await context.close();
  });
});
