import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem, VisitorPresence } from '../../contracts/agentEvents.js';
import {
  eventually,
  openSession,
  rawEmit,
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

const VISITOR_GRACE_SECONDS = 60;
describe("the visitor's presence (active / away / left) over Socket.IO", () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<VisitorClient | AgentClient> = [];

  beforeAll(async () => {
    testApp = await startTestApp(
      {
        HANDOFF_VISITOR_GRACE_SECONDS: String(VISITOR_GRACE_SECONDS),
        HANDOFF_MAX_WAIT_MINUTES: '15',
        WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000',
        WIDGET_EVENTS_PER_MINUTE: '5000',
      },
      { clock },
    );
    await createAgent(testApp.app.store, {
      username: 'lia',
      displayName: 'Lia',
      languages: ['en'],
      maxChats: 2,
    });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    const { store } = testApp.app;
    await eventually(
      async () => (await store.presence.list()).every((presence) => presence.status === 'offline'),
      'agents offline',
    );
    clock.advance(20 * 60_000);
    await testApp.app.handoff.sweep();
    expect(await store.handoff.queued()).toEqual([]);
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  async function visitor(token?: string) {
    const opened = await openSession(testApp.baseUrl, {
      auth: { locale: 'en', ...(token ? { token } : {}) },
    });
    sockets.push(opened.socket);
    // Only a new conversation is welcomed; a page that comes back resumes without a word.
    if (!token)
      await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    return opened;
  }

  async function agent() {
    const connected = await connectAgent(testApp.baseUrl, 'lia');
    sockets.push(connected.socket);
    const queues: QueueItem[][] = [connected.state.queue];
    const presences: Array<{ conversationId: string; visitor: VisitorPresence }> = [];
    connected.socket.on('queue:update', (queue) => queues.push(queue));
    connected.socket.on('chat:visitor', (event) => presences.push(event));
    const lastQueue = () => queues.at(-1) ?? [];
    return { ...connected, queues, lastQueue, presences };
  }

  const askForAgent = (socket: VisitorClient) =>
    sendMessage(socket, { text: 'Talk to an agent', value: { type: 'agent_request' } });

  async function waitForQueued(
    lia: Awaited<ReturnType<typeof agent>>,
    conversationId: string,
    state: string,
  ) {
    await waitUntil(
      () =>
        lia
          .lastQueue()
          .some((item) => item.conversationId === conversationId && item.visitor?.state === state),
      `queued visitor ${state}`,
    );
    return lia.lastQueue().find((item) => item.conversationId === conversationId);
  }

  it('when a queued visitor closes the page, then agents see that they left and when, they are never assigned, and past the grace period they leave the queue', async () => {
    const lia = await agent();
    const { socket, session } = await visitor();
    await askForAgent(socket);
    const queued = await waitForQueued(lia, session.conversationId, 'active');
    expect(queued?.visitor).toEqual({ state: 'active', since: IN_HOURS });

    clock.advance(10_000);
    socket.disconnect();
    const left = await waitForQueued(lia, session.conversationId, 'left');
    expect(left?.visitor?.since).toBe(clock.now().toISOString());

    // Nobody is there: becoming available routes nothing, and accepting finds nobody to take.
    await agentCall(lia.socket, 'presence:set', { status: 'available' });
    expect(await agentCall(lia.socket, 'queue:accept', {})).toBeNull();
    expect((await testApp.app.store.handoff.activeForConversation(session.conversationId))?.status).toBe(
      'queued',
    );

    clock.advance((VISITOR_GRACE_SECONDS - 1) * 1000);
    expect((await testApp.app.handoff.sweep()).visitorsGone).toBe(0);
    clock.advance(1000);
    expect((await testApp.app.handoff.sweep()).visitorsGone).toBe(1);
    const ended = (
      await testApp.app.store.handoff.ended({
        from: IN_HOURS,
        to: new Date(clock.now().getTime() + 1).toISOString(),
      })
    ).find((entry) => entry.conversationId === session.conversationId);
    expect(ended).toMatchObject({ status: 'ended', endReason: 'abandoned', agentId: null });
    await waitUntil(() => lia.lastQueue().length === 0, 'an empty queue');
  });

  it('when a queued visitor reloads the page within the grace period, then they keep their place and are routed once an agent is free', async () => {
    const lia = await agent();
    const first = await visitor();
    await askForAgent(first.socket);
    await waitForQueued(lia, first.session.conversationId, 'active');
    first.socket.disconnect();
    await waitForQueued(lia, first.session.conversationId, 'left');

    clock.advance(5_000);
    const again = await visitor(first.session.token);
    expect(again.session.conversationId).toBe(first.session.conversationId);
    const back = await waitForQueued(lia, first.session.conversationId, 'active');
    expect(back?.position).toBe(1);
    expect(back?.visitor?.since).toBe(clock.now().toISOString());

    await agentCall(lia.socket, 'presence:set', { status: 'available' });
    await waitUntil(
      () => lia.inbox.assigned.some((event) => event.conversationId === first.session.conversationId),
      'the chat routed to Lia',
    );
    await agentCall(lia.socket, 'chat:end', { conversationId: first.session.conversationId });
  });

  it('when one visitor has left and another waits behind, then accepting takes the one who is there', async () => {
    const lia = await agent();
    const gone = await visitor();
    await askForAgent(gone.socket);
    await waitForQueued(lia, gone.session.conversationId, 'active');
    const here = await visitor();
    await askForAgent(here.socket);
    await waitForQueued(lia, here.session.conversationId, 'active');
    gone.socket.disconnect();
    await waitForQueued(lia, gone.session.conversationId, 'left');

    const taken = (await agentCall(lia.socket, 'queue:accept', {})) as { conversationId: string };
    expect(taken.conversationId).toBe(here.session.conversationId);
    await agentCall(lia.socket, 'chat:end', { conversationId: here.session.conversationId });
  });

  it('when the visitor of an assigned chat hides the page, closes it and comes back, then their agent sees away, left and active, each with its time', async () => {
    const lia = await agent();
    await agentCall(lia.socket, 'presence:set', { status: 'available' });
    const { socket, session } = await visitor();
    await askForAgent(socket);
    await waitUntil(() => lia.inbox.assigned.length === 1, 'the chat assigned');
    const { conversationId } = session;
    const latest = () =>
      lia.presences.filter((event) => event.conversationId === conversationId).at(-1)?.visitor;

    clock.advance(1_000);
    socket.emit('visibility:set', { visible: false });
    await waitUntil(() => latest()?.state === 'away', 'away');
    expect(latest()?.since).toBe(clock.now().toISOString());

    // A second tab that is visible makes the visitor active again; closing it, away again.
    clock.advance(1_000);
    const secondTab = await visitor(session.token);
    await waitUntil(() => latest()?.state === 'active', 'active with a second tab');
    secondTab.socket.disconnect();
    await waitUntil(() => latest()?.state === 'away', 'away once the visible tab closed');

    clock.advance(1_000);
    socket.disconnect();
    await waitUntil(() => latest()?.state === 'left', 'left');
    expect(latest()?.since).toBe(clock.now().toISOString());

    // An assigned chat is the agent's to end: a visitor gone past the grace period stays with them.
    clock.advance((VISITOR_GRACE_SECONDS + 1) * 1000);
    await testApp.app.handoff.sweep();
    expect((await testApp.app.store.handoff.activeForConversation(conversationId))?.status).toBe('assigned');

    await visitor(session.token);
    await waitUntil(() => latest()?.state === 'active', 'active again');
    const state = (await agentCall(lia.socket, 'state:get', {})) as {
      chats: Array<{ visitor: VisitorPresence }>;
    };
    expect(state.chats[0]?.visitor).toEqual({ state: 'active', since: clock.now().toISOString() });
    await agentCall(lia.socket, 'chat:end', { conversationId });
  });

  it('when a visibility signal is malformed, then it is refused as a bad request and changes nothing', async () => {
    const { socket } = await visitor();
    const rejections: Array<{ event: string; error: { code: string } }> = [];
    socket.on('request:rejected', (rejection) => rejections.push(rejection));
    rawEmit(socket, 'visibility:set', { visible: 'no' });
    rawEmit(socket, 'visibility:set', { visible: false, extra: 1 });
    await waitUntil(() => rejections.length === 2, 'two rejections');
    expect(rejections.map((rejection) => [rejection.event, rejection.error.code])).toEqual([
      ['visibility:set', 'invalid_payload'],
      ['visibility:set', 'invalid_payload'],
    ]);
  });
});
