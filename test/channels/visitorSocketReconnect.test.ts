import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import {
  botTexts,
  collectMessages,
  eventually,
  history,
  openSession,
  request,
  sendMessage,
  visitorSocket,
  waitUntil,
  withTimeout,
  type VisitorClient,
} from './support/visitorClient.js';

/** A reply the test releases when it wants: after the visitor's connection is gone. */
class Gate {
  private release: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  open(): void {
    this.release();
  }
}

function countById(messages: ChatMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(message.id, (counts.get(message.id) ?? 0) + 1);
  return counts;
}

describe('visitor socket: nothing lost, nothing doubled across disconnections', () => {
  let testApp: TestApp;
  const gates = new Map<string, Gate>();
  const bot = new EchoBot({ beforeReply: (text) => gates.get(text)?.opened ?? Promise.resolve() });
  const sockets: VisitorClient[] = [];

  const socketsOf = (conversationId: string) =>
    testApp.app.io.of('/visitor').adapter.rooms.get(`conversation:${conversationId}`)?.size ?? 0;

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await testApp?.stop();
  });

  it('when the connection drops briefly, then Socket.IO recovers it and replays the reply and the proactive message it missed, once each', async () => {
    const { socket, session, messages } = await openSession(testApp.baseUrl);
    sockets.push(socket);
    const gate = new Gate();
    gates.set('held reply', gate);
    const ack = await sendMessage(socket, { text: 'held reply' });
    expect(ack.ok).toBe(true);

    // The transport dies (a network drop, not a goodbye): the server keeps the session for recovery.
    socket.io.engine.close();
    await waitUntil(
      () => socketsOf(session.conversationId) === 0 && !socket.connected,
      'the server to see the drop',
    );

    gate.open();
    await eventually(
      async () =>
        (await testApp.app.store.conversations.transcript(session.conversationId)).some(
          (entry) => entry.text === 'echo: held reply',
        ),
      'the reply to be recorded while the visitor is away',
    );
    const proactiveId = await testApp.app.visitors.sendToConversation(session.conversationId, {
      type: 'message',
      text: 'queue update while away',
      channelData: { role: 'system' },
    });

    const reconnected = withTimeout(
      new Promise<void>((resolve) => socket.once('connect', () => resolve())),
      'reconnect',
    );
    socket.connect();
    await reconnected;
    expect(socket.recovered).toBe(true);

    await waitUntil(
      () =>
        botTexts(messages).includes('echo: held reply') &&
        messages.some((message) => message.id === proactiveId),
      'the missed messages',
    );
    // One more round trip, so anything doubled would have arrived by now.
    await sendMessage(socket, { text: 'afterwards' });
    await waitUntil(() => botTexts(messages).includes('echo: afterwards'), 'the last reply');
    for (const [id, count] of countById(messages)) expect(count, `message ${id}`).toBe(1);
    const seqs = messages.map((message) => message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
  });

  it('when the client comes back too late to recover, then history:since from its last seq returns exactly what it missed', async () => {
    const first = await openSession(testApp.baseUrl);
    sockets.push(first.socket);
    await sendMessage(first.socket, { text: 'first question' });
    await waitUntil(() => botTexts(first.messages).includes('echo: first question'), 'the first reply');
    const lastSeen = Math.max(...first.messages.map((message) => message.seq));

    const gate = new Gate();
    gates.set('answered while away', gate);
    await sendMessage(first.socket, { text: 'answered while away' });
    // A goodbye (page closed, or recovery window over): no session is kept for recovery.
    first.socket.disconnect();
    await waitUntil(
      () => socketsOf(first.session.conversationId) === 0,
      'the server to see the disconnection',
    );
    gate.open();
    await eventually(
      async () =>
        (await testApp.app.store.conversations.transcript(first.session.conversationId)).some(
          (entry) => entry.text === 'echo: answered while away',
        ),
      'the reply to be recorded while the visitor is away',
    );
    const proactiveId = await testApp.app.visitors.sendToConversation(first.session.conversationId, {
      type: 'message',
      text: 'agent reply while away',
      channelData: { role: 'agent', agentName: 'Ana' },
    });

    const second = visitorSocket(testApp.baseUrl, { auth: { token: first.session.token } });
    sockets.push(second);
    const live = collectMessages(second);
    const session = withTimeout(
      new Promise<{ lastSeq: number; resumed: boolean }>((resolve) => second.once('session', resolve)),
      'session',
    );
    second.connect();
    const info = await session;
    expect(second.recovered).toBe(false);
    expect(info.resumed).toBe(true);

    // Everything up to the proactive message is in the store by now.
    const full = await testApp.app.store.conversations.transcript(first.session.conversationId);
    const page = await history(second, lastSeen);
    const missed = [...page.messages, ...live];
    const merged = new Map(missed.map((message) => [message.seq, message]));
    expect([...merged.keys()].sort((a, b) => a - b)).toEqual(
      full.filter((entry) => entry.seq > lastSeen).map((entry) => entry.seq),
    );
    expect(page.messages.every((message) => message.seq > lastSeen)).toBe(true);
    expect(page.messages.map((message) => message.text)).toEqual(
      expect.arrayContaining(['echo: answered while away', 'agent reply while away']),
    );
    expect(page.messages.find((message) => message.id === proactiveId)).toMatchObject({
      role: 'agent',
      agentName: 'Ana',
    });
    expect(new Set(page.messages.map((message) => message.seq)).size).toBe(page.messages.length);
  });

  it('when a turn takes a while, then the visitor is told the bot is typing, and that it stopped once the reply is out', async () => {
    const { socket, messages } = await openSession(testApp.baseUrl);
    sockets.push(socket);
    const typing: Array<{ active: boolean; afterReply: boolean }> = [];
    socket.on('typing', (state) =>
      typing.push({ active: state.active, afterReply: botTexts(messages).includes('echo: slow turn') }),
    );
    const gate = new Gate();
    gates.set('slow turn', gate);
    await sendMessage(socket, { text: 'slow turn' });
    await waitUntil(() => typing.length === 1, 'typing on');
    gate.open();
    await waitUntil(() => typing.length === 2, 'typing off');
    expect(typing).toEqual([
      { active: true, afterReply: false },
      { active: false, afterReply: true },
    ]);
  });

  it('when the history is longer than a page, then hasMore says so and the next page continues from the last seq', async () => {
    const { socket, session } = await openSession(testApp.baseUrl);
    sockets.push(socket);
    for (let index = 0; index < 6; index += 1) await sendMessage(socket, { text: `q${index}` });
    await eventually(
      async () => (await testApp.app.store.conversations.transcript(session.conversationId)).length === 12,
      'six questions and six replies',
    );
    const firstPage = await request(socket, 'history:since', { afterSeq: 0, limit: 5 });
    expect(firstPage.ok && firstPage.data.hasMore).toBe(true);
    const seqs = firstPage.ok ? firstPage.data.messages.map((message) => message.seq) : [];
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    const rest = await request(socket, 'history:since', { afterSeq: 5, limit: 200 });
    expect(rest.ok && rest.data.messages[0]?.seq).toBe(6);
  });
});
