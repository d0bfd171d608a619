import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import {
  botTexts,
  history,
  messageId,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from './support/visitorClient.js';
import { anyString } from '../support/matchers.js';

describe('visitor socket: sessions, acks, duplicates, order', () => {
  let testApp: TestApp;
  const bot = new EchoBot({ greet: true });
  const sockets: VisitorClient[] = [];
  const open = async (
    ...args: Parameters<typeof openSession> extends [string, ...infer Rest] ? Rest : never
  ) => {
    const opened = await openSession(testApp.baseUrl, ...args);
    sockets.push(opened.socket);
    return opened;
  };

  beforeAll(async () => {
    testApp = await startTestApp(
      {
        WIDGET_MESSAGES_PER_MINUTE: '1000',
        WIDGET_IP_MESSAGES_PER_MINUTE: '5000',
        WIDGET_EVENTS_PER_MINUTE: '5000',
      },
      { bot },
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await testApp?.stop();
  });

  it('when a visitor connects without a token, then a new conversation starts with a random token whose hash alone is stored', async () => {
    const { session, messages } = await open({ auth: { locale: 'es' } });
    expect(session.resumed).toBe(false);
    expect(session.lastSeq).toBe(0);
    expect(session.locale).toBe('es');
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.limits.maxMessageLength).toBe(1000);

    const record = await testApp.app.store.conversations.get(session.conversationId);
    expect(record?.channel).toBe('socket');
    expect(record?.tokenHash).toBe(createHash('sha256').update(session.token).digest('hex'));
    // The bot saw the conversation start (conversationUpdate) and greeted, like on Direct Line.
    await waitUntil(() => botTexts(messages).includes('welcome'), 'the welcome');

    // The token itself is written nowhere in the data folder.
    const files = await readdir(testApp.dataDir);
    for (const file of files) {
      const content = await readFile(path.join(testApp.dataDir, file), 'utf8').catch(() => '');
      expect(content.includes(session.token)).toBe(false);
    }
  });

  it('when a visitor sends a message, then the ack carries its id and seq, the echo and the reply follow in order', async () => {
    const { socket, messages } = await open();
    await waitUntil(() => botTexts(messages).includes('welcome'), 'the welcome');
    const id = messageId();
    const ack = await sendMessage(socket, { id, text: 'hello there' });
    expect(ack).toEqual({ ok: true, data: { id, seq: 2, at: anyString() } });

    await waitUntil(() => botTexts(messages).includes('echo: hello there'), 'the reply');
    const echo = messages.find((message) => message.id === id);
    expect(echo).toMatchObject({
      seq: 2,
      role: 'visitor',
      text: 'hello there',
      textFormat: 'plain',
      locale: 'en',
    });
    const reply = messages.find((message) => message.text === 'echo: hello there');
    expect(reply).toMatchObject({ seq: 3, role: 'bot', textFormat: 'markdown', answer: null });
    expect(messages.map((message) => message.seq)).toEqual([1, 2, 3]);
  });

  it('when the same message id is sent again, then it gets the same ack and the bot answers it once', async () => {
    const { socket, session, messages } = await open();
    const id = messageId('dup');
    const first = await sendMessage(socket, { id, text: 'only once' });
    // Twice more in a row and twice at the same time: a client retrying after a lost ack.
    const again = await sendMessage(socket, { id, text: 'only once' });
    const concurrent = await Promise.all([
      sendMessage(socket, { id, text: 'only once' }),
      sendMessage(socket, { id, text: 'only once' }),
    ]);
    expect(first.ok).toBe(true);
    for (const ack of [again, ...concurrent]) expect(ack).toEqual(first);

    // A later message's reply proves the turns of the duplicates would have run by now.
    await sendMessage(socket, { text: 'after' });
    await waitUntil(() => botTexts(messages).includes('echo: after'), 'the later reply');
    expect(bot.turns.get(session.conversationId)?.filter((text) => text === 'only once')).toHaveLength(1);
    const transcript = await testApp.app.store.conversations.transcript(session.conversationId);
    expect(transcript.filter((entry) => entry.messageId === id)).toHaveLength(1);
    expect(transcript.filter((entry) => entry.text === 'echo: only once')).toHaveLength(1);
    expect(messages.filter((message) => message.id === id)).toHaveLength(1);
  });

  it('when a client reuses the id of a bot message, then it is refused rather than taken for a retry', async () => {
    const { socket, messages } = await open();
    await sendMessage(socket, { text: 'ping' });
    await waitUntil(() => botTexts(messages).includes('echo: ping'), 'the reply');
    const botId = messages.find((message) => message.text === 'echo: ping')!.id;
    const ack = await sendMessage(socket, { id: botId, text: 'hijack' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('when the page reloads with the token, then the same conversation continues and its history is complete', async () => {
    const first = await open();
    await sendMessage(first.socket, { text: 'before reload' });
    await waitUntil(() => botTexts(first.messages).includes('echo: before reload'), 'the reply');
    first.socket.disconnect();

    const second = await open({ auth: { token: first.session.token, locale: 'en' } });
    expect(second.session).toMatchObject({
      conversationId: first.session.conversationId,
      token: first.session.token,
      resumed: true,
      lastSeq: 3,
    });
    const page = await history(second.socket, 0);
    expect(page.hasMore).toBe(false);
    expect(page.messages.map((message) => [message.seq, message.role, message.text])).toEqual([
      [1, 'bot', 'welcome'],
      [2, 'visitor', 'before reload'],
      [3, 'bot', 'echo: before reload'],
    ]);
    await sendMessage(second.socket, { text: 'after reload' });
    await waitUntil(() => botTexts(second.messages).includes('echo: after reload'), 'the reply after reload');
    expect(second.messages.map((message) => message.seq)).toEqual([4, 5]);
  });

  it('when a visitor presents a forged or malformed token, then a new conversation starts and nothing errors', async () => {
    const victim = await open();
    for (const token of [
      randomBytes(32).toString('base64url'),
      'short',
      42,
      { $ne: null },
      victim.session.token + 'x',
    ]) {
      const { session } = await open({ auth: { token } as Record<string, unknown> });
      expect(session.resumed).toBe(false);
      expect(session.conversationId).not.toBe(victim.session.conversationId);
      expect(session.token).not.toBe(victim.session.token);
    }
  });

  it('when 50 messages are sent at once, then they are acknowledged, recorded and answered in order, one turn at a time', async () => {
    const { socket, session, messages } = await open();
    await waitUntil(() => botTexts(messages).includes('welcome'), 'the welcome');
    const texts = Array.from({ length: 50 }, (_, index) => `message ${index}`);
    const acks = await Promise.all(texts.map((text) => sendMessage(socket, { text })));
    const seqs = acks.map((ack) => (ack.ok ? ack.data.seq : -1));
    expect(seqs.every((seq, index) => seq > 0 && (index === 0 || seq > seqs[index - 1]!))).toBe(true);

    await waitUntil(
      () => botTexts(messages).filter((text) => text.startsWith('echo: ')).length === 50,
      '50 replies',
    );
    const replies = messages.filter((message) => message.role === 'bot' && message.text.startsWith('echo: '));
    expect(replies.map((message) => message.text)).toEqual(texts.map((text) => `echo: ${text}`));
    expect(bot.turns.get(session.conversationId)).toEqual(['', ...texts].filter((text) => text !== ''));
    expect(bot.overlaps).toBe(0);
    // Each reply comes after its own message in the transcript.
    const seqOf = (text: string) => messages.find((message) => message.text === text)!.seq;
    for (const text of texts) expect(seqOf(`echo: ${text}`)).toBeGreaterThan(seqOf(text));
    // Seqs are unique and gapless.
    const all = [...messages].sort((a, b) => a.seq - b.seq).map((message) => message.seq);
    expect(all).toEqual(Array.from({ length: all.length }, (_, index) => index + 1));
  });

  it('when a proactive message is sent to a conversation, then every socket of it receives it once, with its seq and role', async () => {
    const first = await open();
    const second = await open({ auth: { token: first.session.token } });
    const id = await testApp.app.visitors.sendToConversation(first.session.conversationId, {
      type: 'message',
      text: 'An agent will be with you shortly.',
      channelData: { role: 'agent', agentId: 'agent-7', agentName: 'Ana' },
    });
    expect(id).toEqual(expect.any(String));
    for (const messages of [first.messages, second.messages]) {
      await waitUntil(() => messages.some((message) => message.id === id), 'the proactive message');
      const received = messages.filter((message: ChatMessage) => message.id === id);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        role: 'agent',
        agentName: 'Ana',
        text: 'An agent will be with you shortly.',
      });
    }
    const transcript = await testApp.app.store.conversations.transcript(first.session.conversationId);
    expect(transcript.find((entry) => entry.messageId === id)).toMatchObject({
      role: 'agent',
      agentId: 'agent-7',
    });
    expect(
      await testApp.app.visitors.sendToConversation('no-such-conversation', { type: 'message', text: 'x' }),
    ).toBeNull();
  });

  it('when the bot answers from an article, then the message carries the answer reference and its buttons', async () => {
    const { socket, messages } = await open({ auth: { locale: 'es' } });
    await sendMessage(socket, { text: 'answer office-hours', locale: 'es' });
    await waitUntil(() => messages.some((message) => message.answer !== null), 'the answer');
    const answer = messages.find((message) => message.answer !== null)!;
    expect(answer).toMatchObject({
      answer: { articleId: 'office-hours', locale: 'es' },
      locale: 'es',
      suggestedActions: [
        { title: 'More', text: 'tell me more', value: null },
        { title: 'Data', text: null, value: { pick: 1 } },
      ],
    });
    const feedback = await sendMessage(socket, {
      text: '',
      locale: 'es',
      value: { type: 'feedback', articleId: 'office-hours', locale: 'es', helpful: true },
    });
    expect(feedback.ok).toBe(true);
    await waitUntil(() => botTexts(messages).includes('feedback office-hours true'), 'the feedback reply');
    const stored = messages.find((message) => message.role === 'visitor' && message.value !== null);
    expect(stored?.value).toEqual({
      type: 'feedback',
      articleId: 'office-hours',
      locale: 'es',
      helpful: true,
    });
  });

  it('when the bot fails during a turn, then the visitor gets the localised apology and the channel keeps working', async () => {
    const { socket, messages } = await open();
    await sendMessage(socket, { text: 'fail', locale: 'es' });
    await waitUntil(
      () => messages.some((message) => message.role === 'bot' && message.text.includes('Lo sentimos')),
      'the apology',
    );
    await sendMessage(socket, { text: 'still here' });
    await waitUntil(() => botTexts(messages).includes('echo: still here'), 'the next reply');
  });
});
