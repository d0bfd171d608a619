import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filesContaining } from '../support/dataFiles.js';
import {
  history,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';

/**
 * A visitor who types a Social Security number is warned, in their language, and the number is
 * hidden before anyone sees it: in their own chat (the echo every tab shows), from the bot, from
 * agents and from every record.
 */
describe('a Social Security number typed into the chat', () => {
  let running: TestApp;
  const sockets: VisitorClient[] = [];
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it.each([
    ['en', 'My SSN is 123-45-6789, which form do I need?', "please don't share your Social Security number"],
    [
      'es',
      'mi seguro social es 123 45 6789, ¿qué formulario necesito?',
      'no comparta su número de Seguro Social',
    ],
  ] as const)(
    'when a widget visitor (%s) types one, then every view of the message shows it masked and they are warned',
    async (locale, text, warning) => {
      const first = await openSession(running.baseUrl, { auth: { locale } });
      sockets.push(first.socket);
      const otherTab = await openSession(running.baseUrl, { auth: { token: first.session.token, locale } });
      sockets.push(otherTab.socket);
      await waitUntil(() => first.messages.some((message) => message.role === 'bot'), 'the welcome');

      const ack = await sendMessage(first.socket, { text, locale });
      expect(ack.ok).toBe(true);
      await waitUntil(
        () => first.messages.some((message) => message.text.includes(warning)),
        'the warning',
        15_000,
      );

      for (const tab of [first, otherTab]) {
        // Each socket gets the echo in its own time (the other tab may still be upgrading its transport).
        await waitUntil(() => tab.messages.some((message) => message.role === 'visitor'), 'the echo');
        const echo = tab.messages.find((message) => message.role === 'visitor');
        expect(echo?.text).toContain('***-**-****');
        expect(echo?.text).not.toMatch(/6789/);
      }
      const stored = await history(first.socket);
      expect(JSON.stringify(stored)).not.toMatch(/6789/);
      const warned = stored.messages.find((message) => message.text.includes(warning));
      expect(warned?.role).toBe('bot');
    },
  );

  it('when a Bot Framework visitor types one, then they are warned and nothing stores it', async () => {
    const conversationId = 'ssn-bot-framework';
    const { activities } = await postActivity(running.baseUrl, {
      conversation: { id: conversationId },
      text: 'my social security number is 987654321',
    });
    expect(activities.map((activity) => String(activity.text)).join('\n')).toContain(
      "please don't share your Social Security number",
    );
    const transcript = await running.app.store.conversations.transcript(conversationId);
    expect(JSON.stringify(transcript)).not.toContain('987654321');
  });

  it('when the store is closed, then no data file holds the numbers typed above', async () => {
    await running.stop({ keepData: true });
    const found = await filesContaining(running.dataDir, ['123-45-6789', '123 45 6789', '987654321']);
    await rm(running.dataDir, { recursive: true, force: true });
    running = await startTestApp();
    expect(Object.values(found).flat()).toEqual([]);
  });
});
