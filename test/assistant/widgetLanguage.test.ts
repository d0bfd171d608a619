import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import {
  openSession,
  request,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

function botMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.filter((message) => message.role === 'bot');
}

/**
 * The widget's language button as the widget sends it (`locale:set` on a real socket), with the
 * real assistant: the conversation switches at any time, the assistant says so and repeats its
 * last answer in the new language, and the stored conversation follows.
 */
describe("the widget's language button, through the visitor socket", () => {
  let app: TestApp;
  const sockets: VisitorClient[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.stop();
  });

  it('when the visitor switches to Spanish after an answer, then the assistant switches, says so, repeats the answer in Spanish, and the conversation is stored in Spanish', async () => {
    const { socket, session, messages } = await openSession(app.baseUrl, { auth: { locale: 'en' } });
    sockets.push(socket);
    await waitUntil(() => botMessages(messages).length >= 1, 'the welcome');
    expect(await sendMessage(socket, { text: 'How do I create a USCIS online account?' })).toMatchObject({
      ok: true,
    });
    // The answer and its "Was this helpful?".
    await waitUntil(
      () =>
        botMessages(messages).filter((message) => message.answer?.articleId === 'myuscis-account').length ===
        2,
      'the English answer',
    );
    const before = botMessages(messages).length;

    const ack = await request(socket, 'locale:set', { locale: 'es' });
    expect(ack).toEqual({ ok: true, data: { locale: 'es' } });
    await waitUntil(
      () =>
        botMessages(messages)
          .slice(before)
          .filter((message) => message.answer?.articleId === 'myuscis-account').length === 2,
      'the answer again in Spanish',
    );
    const after = botMessages(messages).slice(before);
    expect(after[0]?.text).toBe('De acuerdo, seguiré en español.');
    expect(after.every((message) => message.locale === 'es')).toBe(true);
    expect(after.find((message) => message.answer)?.answer).toEqual({
      articleId: 'myuscis-account',
      locale: 'es',
    });
    expect((await app.app.store.conversations.get(session.conversationId))?.locale).toBe('es');

    // The same language again: nothing to say; the next message is simply answered in Spanish.
    const count = botMessages(messages).length;
    await request(socket, 'locale:set', { locale: 'es' });
    await sendMessage(socket, { text: 'gracias', locale: 'es' });
    await waitUntil(() => botMessages(messages).length > count, 'the reply to "gracias"');
    const reply = botMessages(messages).slice(count);
    expect(reply.map((message) => message.text)).toEqual([
      '¡Con gusto! ¿Hay algo más en lo que le pueda ayudar?',
    ]);
  });

  it('when the visitor asks for English in Spanish, then the replies come in English for the widget to follow', async () => {
    const { socket, session, messages } = await openSession(app.baseUrl, { auth: { locale: 'es' } });
    sockets.push(socket);
    await waitUntil(() => botMessages(messages).length >= 1, 'the welcome');
    await sendMessage(socket, { text: 'in English please', locale: 'es' });
    await waitUntil(() => botMessages(messages).length >= 2, 'the switch');
    const [switched] = botMessages(messages).slice(1);
    expect(switched).toMatchObject({
      locale: 'en',
      text: "Okay, I'll continue in English. What can I help you with?",
    });
    expect((await app.app.store.conversations.get(session.conversationId))?.locale).toBe('en');
  });
});
