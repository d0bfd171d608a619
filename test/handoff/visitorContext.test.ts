import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatContext } from '../../contracts/agentEvents.js';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import {
  eventually,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  IN_HOURS,
  TestClock,
  agentCall,
  connectAgent,
  createAgent,
  type AgentClient,
} from './support/agentClient.js';
import { anyNumber, anyString } from '../support/matchers.js';

/** A browser id as the widget makes one: 32 random bytes, base64url. */
const newBrowserId = () => randomBytes(32).toString('base64url');

describe("the agent's context panel: where the visitor started, what they asked before, what was looked up", () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<VisitorClient | AgentClient> = [];

  beforeAll(async () => {
    testApp = await startTestApp(
      { WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000', WIDGET_EVENTS_PER_MINUTE: '5000' },
      { clock },
    );
    await createAgent(testApp.app.store, { username: 'ana', displayName: 'Ana', languages: ['en', 'es'] });
    await createAgent(testApp.app.store, { username: 'bea', displayName: 'Bea', languages: ['en'] });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await eventually(
      async () =>
        (await testApp.app.store.presence.list()).every((presence) => presence.status === 'offline'),
      'agents offline',
    );
    clock.advance(20 * 60_000);
    await testApp.app.handoff.sweep();
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  async function visitor(auth: Record<string, unknown>) {
    const opened = await openSession(testApp.baseUrl, { auth: { locale: 'en', ...auth } });
    sockets.push(opened.socket);
    await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    return opened;
  }

  /** Sends `text` and waits for the bot's next reply. */
  async function ask(socket: VisitorClient, messages: ChatMessage[], text: string): Promise<ChatMessage> {
    const before = messages.length;
    await sendMessage(socket, { text });
    await waitUntil(
      () => messages.slice(before).some((message) => message.role === 'bot'),
      `a reply to "${text}"`,
    );
    return messages.slice(before).find((message) => message.role === 'bot') as ChatMessage;
  }

  it('when a returning visitor looked up a case and read an answer before asking for a person, then their agent sees it all, masked', async () => {
    const browser = newBrowserId();
    // An earlier visit from the same browser, and one from another browser.
    const earlier = await visitor({ browser, page: 'https://www.uscis.example/green-card' });
    await ask(earlier.socket, earlier.messages, 'How do I replace my green card?');
    earlier.socket.disconnect();
    const stranger = await visitor({ browser: newBrowserId() });
    await ask(stranger.socket, stranger.messages, 'Where is my interview?');
    stranger.socket.disconnect();
    clock.advance(60_000);

    const now = await visitor({
      browser,
      page: 'https://www.uscis.example/case/EAC9999103402/status?receipt=EAC9999103402#top',
    });
    const caseReply = await ask(now.socket, now.messages, 'What is the status of case EAC9999103402?');
    expect(caseReply.text).toContain('3402');
    const answer = await ask(now.socket, now.messages, 'How do I change my address?');
    expect(answer.answer?.articleId).toEqual(expect.any(String));

    const ana = await connectAgent(testApp.baseUrl, 'ana');
    sockets.push(ana.socket);
    await agentCall(ana.socket, 'presence:set', { status: 'available' });
    await sendMessage(now.socket, { text: 'Talk to an agent', value: { type: 'agent_request' } });
    await waitUntil(() => ana.inbox.assigned.length === 1, 'the chat assigned');
    const { conversationId } = now.session;

    const context = (await agentCall(ana.socket, 'chat:context', { conversationId })) as ChatContext;
    expect(context).toMatchObject({
      conversationId,
      locale: 'en',
      startedAt: clock.now().toISOString(),
      // Origin and path only, the receipt number in the path masked; no query string, no fragment.
      startPage: 'https://www.uscis.example/case/EAC*******3402/status',
      caseNumbers: ['EAC*******3402'],
      lastAnswer: { articleId: answer.answer?.articleId, at: anyString() },
    });
    // The answer itself, not the "Was this helpful?" that follows it.
    expect(context.lastAnswer?.text).toBe(answer.text);
    expect(context.earlier).toEqual([
      {
        startedAt: IN_HOURS,
        locale: 'en',
        messages: anyNumber(),
        questions: ['How do I replace my green card?'],
        withAgent: false,
      },
    ]);
    expect(JSON.stringify(context)).not.toContain('9999103402');

    // Only the agent who has the chat may read it.
    const bea = await connectAgent(testApp.baseUrl, 'bea');
    sockets.push(bea.socket);
    await expect(agentCall(bea.socket, 'chat:context', { conversationId })).rejects.toMatchObject({
      code: 'not_your_chat',
    });
    await agentCall(ana.socket, 'chat:end', { conversationId });
  });

  it('when a widget sends no page, a page that is not a web address, or a malformed browser id, then nothing is kept and the conversation starts all the same', async () => {
    const cases: Array<Record<string, unknown>> = [
      {},
      { page: 'javascript:alert(1)', browser: 'short' },
      { page: `https://www.uscis.example/${'x'.repeat(600)}`, browser: 42 },
      { page: { href: 'https://www.uscis.example/' }, browser: `${newBrowserId()}!` },
    ];
    for (const auth of cases) {
      const { session } = await visitor(auth);
      const record = await testApp.app.store.conversations.get(session.conversationId);
      expect(record).toMatchObject({ startPage: null, browserHash: null });
    }
    const { session } = await visitor({ page: 'https://www.uscis.example/es/', browser: newBrowserId() });
    const record = await testApp.app.store.conversations.get(session.conversationId);
    expect(record?.startPage).toBe('https://www.uscis.example/es/');
    expect(record?.browserHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
