import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRatingReport } from '../../contracts/adminApi.js';
import type { Ack, ChatMessage, HandoffStatus } from '../../contracts/visitorEvents.js';
import {
  IN_HOURS,
  TestClock,
  agentCall,
  connectAgent,
  createAgent,
  login,
  type AgentClient,
} from '../handoff/support/agentClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  openSession,
  rawEmitWithAck,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from './support/visitorClient.js';
import { anyNumber, anyString, stringMatching } from '../support/matchers.js';

/**
 * The visitor's own controls of a live-agent chat over the widget's protocol: `handoff:leave`
 * (the "Leave the queue" / "End chat" buttons) and `handoff:rate` (the rating after the chat), and
 * what the status line is told while waiting.
 */
describe('the visitor channel: leaving and rating a live-agent chat', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<VisitorClient | AgentClient> = [];

  beforeAll(async () => {
    testApp = await startTestApp(
      {
        WIDGET_MESSAGES_PER_MINUTE: '1000',
        WIDGET_IP_MESSAGES_PER_MINUTE: '5000',
        WIDGET_EVENTS_PER_MINUTE: '5000',
        WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000',
      },
      { clock },
    );
    const { store } = testApp.app;
    await createAgent(store, { username: 'ana', displayName: 'Ana Ruiz', languages: ['en', 'es'] });
    await createAgent(store, { username: 'bea', displayName: 'Bea Soto', languages: ['en', 'es'] });
    await createAgent(store, { username: 'eva', displayName: 'Eva', roles: ['editor'] });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    const { store } = testApp.app;
    await expect
      .poll(async () => (await store.presence.list()).every((presence) => presence.status === 'offline'))
      .toBe(true);
    clock.advance(15 * 60_000);
    await testApp.app.handoff.sweep();
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  async function visitor(locale: 'en' | 'es' = 'en') {
    const opened = await openSession(testApp.baseUrl, { auth: { locale } });
    sockets.push(opened.socket);
    const statuses: HandoffStatus[] = [];
    opened.socket.on('handoff:status', (status) => statuses.push(status));
    await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    return { ...opened, statuses };
  }

  async function agent(username: string, status: 'available' | 'away') {
    const connected = await connectAgent(testApp.baseUrl, username);
    sockets.push(connected.socket);
    if (status === 'available') await agentCall(connected.socket, 'presence:set', { status });
    return connected;
  }

  const askForAgent = (socket: VisitorClient, locale: 'en' | 'es') =>
    sendMessage(socket, { text: 'Talk to an agent', value: { type: 'agent_request' }, locale });
  const leave = (socket: VisitorClient) =>
    rawEmitWithAck(socket, 'handoff:leave', {}) as Promise<Ack<{ left: boolean }>>;
  const rate = (socket: VisitorClient, payload: unknown) =>
    rawEmitWithAck(socket, 'handoff:rate', payload) as Promise<Ack<{ chatId: string; rating: number }>>;
  const texts = (messages: ChatMessage[]) => messages.map((message) => message.text);

  it('when a visitor waits and presses "Leave the queue", then they leave the line, the assistant is back, and a chat no agent joined cannot be rated', async () => {
    // Ana is signed in but away: the visitor waits, and is told an estimate.
    await agent('ana', 'away');
    const { socket, messages, statuses } = await visitor('en');
    await askForAgent(socket, 'en');
    await waitUntil(() => statuses.some((status) => status.state === 'queued'), 'queued');
    const queued = statuses.find((status) => status.state === 'queued')!;
    expect(queued).toMatchObject({ position: 1, estimatedWaitMinutes: anyNumber() });
    expect(queued.chatId).toEqual(expect.any(String));
    await waitUntil(() => texts(messages).some((text) => text.includes('estimated wait')), 'the estimate');

    expect(await leave(socket)).toEqual({ ok: true, data: { left: true } });
    await waitUntil(() => statuses.at(-1)?.state === 'ended', 'the ended status');
    expect(statuses.at(-1)).toMatchObject({
      state: 'ended',
      endReason: 'abandoned',
      agentName: null,
      chatId: queued.chatId,
    });
    await waitUntil(
      () => texts(messages).some((text) => text.includes('You left the chat with the live agents')),
      'the notice that the assistant is back',
    );
    expect(await testApp.app.store.handoff.activeForConversation(statuses[0]!.chatId ?? '')).toBeNull();
    // Nothing left to leave, and nothing to rate: no agent had joined.
    expect(await leave(socket)).toEqual({ ok: true, data: { left: false } });
    expect(await rate(socket, { chatId: queued.chatId, rating: 4 })).toMatchObject({
      ok: false,
      error: { code: 'rating_not_allowed', message: 'This chat cannot be rated.' },
    });
  });

  it('when an agent is free, then no estimate is told at all (it would arrive with the agent); after "End chat" the visitor rates the chat once, and the rating reaches the report per agent and language', async () => {
    const ana = await agent('ana', 'available');
    const { socket, messages, statuses, session } = await visitor('es');
    await askForAgent(socket, 'es');
    await waitUntil(() => statuses.some((status) => status.state === 'assigned'), 'the agent joined');
    await waitUntil(
      () => texts(messages).some((text) => text.includes('se unió al chat')),
      'the join notice',
    );
    // Told it is in line, but never for how long: the agent is already on the way.
    expect(statuses.filter((status) => status.state === 'queued')).not.toEqual([]);
    for (const status of statuses) expect(status.estimatedWaitMinutes).toBeNull();
    expect(texts(messages).join('\n')).not.toMatch(/espera estimada|estimated wait/i);
    const assigned = statuses.find((status) => status.state === 'assigned')!;
    expect(assigned).toMatchObject({ agentName: 'Ana Ruiz', chatId: anyString() });
    await waitUntil(() => ana.inbox.assigned.length === 1, 'the agent told');

    expect(await leave(socket)).toEqual({ ok: true, data: { left: true } });
    await waitUntil(() => statuses.at(-1)?.state === 'ended', 'the ended status');
    // The last agent's name: the widget asks how the chat with them was.
    expect(statuses.at(-1)).toMatchObject({
      endReason: 'abandoned',
      agentName: 'Ana Ruiz',
      chatId: assigned.chatId,
    });

    // Malformed ratings are refused as such, in the visitor's language; nothing is stored.
    for (const bad of [
      { chatId: assigned.chatId, rating: 6 },
      { chatId: assigned.chatId, rating: 4.5 },
      { chatId: assigned.chatId, rating: 4, comment: 'x' },
      { chatId: '../etc', rating: 4 },
      'five',
    ]) {
      expect(await rate(socket, bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: stringMatching(/\S/) },
      });
    }
    // Someone else's socket cannot rate this visitor's chat.
    const other = await visitor('en');
    expect(await rate(other.socket, { chatId: assigned.chatId, rating: 1 })).toMatchObject({
      ok: false,
      error: { code: 'rating_not_allowed' },
    });

    expect(await rate(socket, { chatId: assigned.chatId, rating: 5 })).toEqual({
      ok: true,
      data: { chatId: assigned.chatId, rating: 5 },
    });
    expect(await rate(socket, { chatId: assigned.chatId, rating: 1 })).toMatchObject({
      ok: false,
      error: { code: 'rating_not_allowed', message: 'Este chat no se puede calificar.' },
    });
    const stored = await testApp.app.store.chatRatings.list({
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
    });
    expect(stored).toEqual([
      {
        chatId: assigned.chatId,
        conversationId: session.conversationId,
        agentId: ana.state.me.agentId,
        locale: 'es',
        rating: 5,
        at: clock.now().toISOString(),
      },
    ]);

    // An English chat with Bea, rated 2, so the report has two agents and both languages.
    ana.socket.disconnect();
    await agent('bea', 'available');
    const english = await visitor('en');
    await askForAgent(english.socket, 'en');
    await waitUntil(() => english.statuses.some((status) => status.state === 'assigned'), 'Bea joined');
    await leave(english.socket);
    await waitUntil(() => english.statuses.at(-1)?.state === 'ended', 'ended');
    const chatId = english.statuses.at(-1)!.chatId;
    expect(await rate(english.socket, { chatId, rating: 2 })).toMatchObject({ ok: true });

    const day = clock.now().toISOString().slice(0, 10);
    const token = await login(testApp.baseUrl, 'eva');
    const response = await fetch(`${testApp.baseUrl}/api/admin/reports/ratings?from=${day}&to=${day}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ChatRatingReport;
    expect(report.locales).toEqual([
      { locale: 'en', ratings: 1, average: 2, distribution: [0, 1, 0, 0, 0] },
      { locale: 'es', ratings: 1, average: 5, distribution: [0, 0, 0, 0, 1] },
    ]);
    expect(report.agents.map((item) => [item.displayName, item.ratings, item.average])).toEqual([
      ['Ana Ruiz', 1, 5],
      ['Bea Soto', 1, 2],
    ]);
    expect(report.agents[0]!.locales).toEqual([
      { locale: 'en', ratings: 0, average: null, distribution: [0, 0, 0, 0, 0] },
      { locale: 'es', ratings: 1, average: 5, distribution: [0, 0, 0, 0, 1] },
    ]);
    // Only editors and admins read it.
    const agentToken = await login(testApp.baseUrl, 'ana');
    const refused = await fetch(`${testApp.baseUrl}/api/admin/reports/ratings`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    expect(refused.status).toBe(403);
  });
});
