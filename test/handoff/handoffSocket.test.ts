import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, HandoffStatus } from '../../contracts/visitorEvents.js';
import {
  eventually,
  history,
  messageId,
  openSession,
  sendMessage,
  waitUntil,
  withTimeout,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  IN_HOURS,
  TestClock,
  agentCall,
  agentConnectError,
  agentSocket,
  connectAgent,
  createAgent,
  login,
  type AgentClient,
} from './support/agentClient.js';
import { anyString } from '../support/matchers.js';

const GRACE_SECONDS = 30;

describe('live agents over Socket.IO: queue, accept, relay, end, grace period', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<VisitorClient | AgentClient> = [];

  beforeAll(async () => {
    testApp = await startTestApp(
      {
        HANDOFF_GRACE_SECONDS: String(GRACE_SECONDS),
        HANDOFF_MAX_WAIT_MINUTES: '10',
        WIDGET_MESSAGES_PER_MINUTE: '1000',
        WIDGET_IP_MESSAGES_PER_MINUTE: '5000',
        WIDGET_EVENTS_PER_MINUTE: '5000',
        WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000',
      },
      { clock },
    );
    const { store } = testApp.app;
    await createAgent(store, { username: 'ana', displayName: 'Ana', languages: ['en', 'es'], maxChats: 2 });
    await createAgent(store, { username: 'bea', displayName: 'Bea', languages: ['en'], maxChats: 2 });
    await createAgent(store, { username: 'ed', displayName: 'Ed', roles: ['editor'] });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    const { store } = testApp.app;
    await expect
      .poll(async () => (await store.presence.list()).every((presence) => presence.status === 'offline'))
      .toBe(true);
    // Everyone who left is gone for good before the next test: waits expired, chats settled. The
    // clock only moves forward (still within Tuesday's hours), as a real one would.
    clock.advance(15 * 60_000);
    await testApp.app.handoff.sweep();
    expect(await store.handoff.queued()).toEqual([]);
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  async function visitor(locale: 'en' | 'es' = 'en') {
    const opened = await openSession(testApp.baseUrl, { auth: { locale } });
    sockets.push(opened.socket);
    const statuses: HandoffStatus[] = [];
    const typing: boolean[] = [];
    opened.socket.on('handoff:status', (status) => statuses.push(status));
    opened.socket.on('typing', (state) => {
      if (state.role === 'agent') typing.push(state.active);
    });
    await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    return { ...opened, statuses, typing };
  }

  async function agent(username: string) {
    const connected = await connectAgent(testApp.baseUrl, username);
    sockets.push(connected.socket);
    return connected;
  }

  const askForAgent = (socket: VisitorClient, locale: 'en' | 'es' = 'en') =>
    sendMessage(socket, { text: 'Talk to an agent', value: { type: 'agent_request' }, locale });

  const texts = (messages: ChatMessage[]) => messages.map((message) => message.text);

  it('when the handshake has no token, a visitor token or an editor token, then it is refused with a clear code', async () => {
    const none = await agentConnectError(agentSocket(testApp.baseUrl, {}));
    expect(none.data?.code).toBe('unauthorized');

    const { session, socket } = await visitor();
    const visitorToken = await agentConnectError(agentSocket(testApp.baseUrl, { token: session.token }));
    expect(visitorToken.data).toMatchObject({ code: 'unauthorized', message: anyString() });
    socket.disconnect();

    const editorToken = await login(testApp.baseUrl, 'ed');
    const editor = await agentConnectError(
      agentSocket(testApp.baseUrl, { token: editorToken, locale: 'es' }),
    );
    expect(editor.data).toMatchObject({
      code: 'forbidden',
      message: 'Su cuenta no puede usar la consola de agentes.',
    });
  });

  it('when an agent signs out, is disabled or loses the role while connected, then the next sweep closes the socket and reconnecting is refused', async () => {
    const { store } = testApp.app;
    const cases: Array<[string, (token: string, userId: string) => Promise<void>, string]> = [
      [
        'signed out',
        async (token) => {
          const response = await fetch(`${testApp.baseUrl}/api/auth/logout`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          });
          expect(response.status).toBe(204);
        },
        'unauthorized',
      ],
      [
        'disabled',
        async (_token, userId) => void (await store.users.update(userId, { disabled: true })),
        'unauthorized',
      ],
      [
        'role removed',
        async (_token, userId) => void (await store.users.update(userId, { roles: ['editor'] })),
        'forbidden',
      ],
    ];
    for (const [what, revoke, code] of cases) {
      const username = `rev-${what.replace(/\W/g, '')}`;
      await createAgent(store, { username, displayName: username, languages: ['en'] });
      const connected = await agent(username);
      const user = await store.users.findByUsername(username);
      // Nothing changed yet: the sweep leaves a valid console alone.
      await testApp.app.handoff.sweep();
      expect(connected.socket.connected, what).toBe(true);

      const refused = new Promise<string | undefined>((resolve) =>
        connected.socket.once('connect_error', (error) =>
          resolve((error as Error & { data?: { code?: string } }).data?.code),
        ),
      );
      await revoke(connected.token, user!.id);
      await testApp.app.handoff.sweep();
      // The console reconnects after a server-side close, as the real one does, and is refused.
      await waitUntil(() => !connected.socket.connected, `${what}: socket closed`);
      connected.socket.connect();
      expect(await refused, what).toBe(code);
    }
  });

  it("when an agent's connection drops and their sign-in ends before it is recovered, then the recovered socket is checked again and closed", async () => {
    const { store } = testApp.app;
    const lostUser = await createAgent(store, { username: 'lost', displayName: 'Lost' });
    const lost = await agent('lost');
    const dropped = withTimeout(
      new Promise<string>((resolve) => lost.socket.once('disconnect', resolve)),
      'the drop',
    );
    // The transport breaks (a network change): a disconnect the server keeps the state of.
    (lost.socket.io as unknown as { engine: { close(): void } }).engine.close();
    expect(await dropped).toBe('forced close');
    // The server has seen the drop too (the client knows first): only then is the session kept
    // for recovery, out of every room. Signing out before that would close it as a revocation.
    await eventually(
      async () => (await store.presence.get(lostUser.id))?.status === 'offline',
      'the server to see the drop',
    );
    // Signed out from elsewhere meanwhile: the dropped socket is in no room a revocation reaches.
    const response = await fetch(`${testApp.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lost.token}` },
    });
    expect(response.status).toBe(204);

    const recovered = withTimeout(
      new Promise<boolean>((resolve) => lost.socket.once('connect', () => resolve(lost.socket.recovered))),
      'the reconnection',
    );
    const closedAgain = new Promise<string>((resolve) =>
      lost.socket.once('connect', () => lost.socket.once('disconnect', resolve)),
    );
    // A call sent the moment the socket is back, on the recovered connection (called later, it
    // could find the socket closed already and wait in the client's buffer, never sent, until
    // its acknowledgement timed out): the close drops its acknowledgement at once.
    const answered = new Promise<string>((resolve) =>
      lost.socket.once('connect', () => {
        agentCall(lost.socket, 'state:get', {}).then(
          () => resolve('answered'),
          () => resolve('refused'),
        );
      }),
    );
    lost.socket.connect();
    // Connection state recovery restored it without a handshake...
    expect(await recovered).toBe(true);
    // ...and the session check it skipped happens now: no event of it is served, it is closed.
    expect(await withTimeout(closedAgain, 'the close')).toBe('io server disconnect');
    expect(await withTimeout(answered, 'the call to end')).toBe('refused');
  });

  it('when a visitor asks for an agent in hours, then they are queued; the agent accepts and messages go both ways in order', async () => {
    const ana = await agent('ana');
    expect(ana.state.me).toMatchObject({ username: 'ana', status: 'away', openChats: 0 });
    const { socket, session, messages, statuses, typing } = await visitor();

    await askForAgent(socket);
    await waitUntil(
      () => texts(messages).some((text) => text.includes('number 1 in line')),
      'the queue position',
    );
    await waitUntil(() => statuses.some((status) => status.state === 'queued'), 'the queued status');
    expect(statuses.find((status) => status.state === 'queued')).toMatchObject({ position: 1 });
    await waitUntil(() => ana.inbox.queueNew === 1, 'the agent notified of a new chat');

    // Waiting: the visitor's messages are kept for the agent and the bot stays quiet.
    const botRepliesBefore = messages.filter((message) => message.role === 'bot').length;
    await sendMessage(socket, { text: 'I am still here' });
    await waitUntil(
      () => texts(messages).some((text) => text.includes('still in line')),
      'the still-waiting notice',
    );

    const accepted = (await agentCall(ana.socket, 'queue:accept', {})) as {
      conversationId: string;
      lastSeq: number;
    };
    expect(accepted.conversationId).toBe(session.conversationId);
    await waitUntil(
      () => texts(messages).some((text) => text.includes('**Ana**, a live agent, has joined')),
      'the join notice',
    );
    await waitUntil(() => statuses.at(-1)?.state === 'assigned', 'the assigned status');
    expect(statuses.at(-1)).toMatchObject({ agentName: 'Ana' });

    // The agent reads the transcript so far, in order, including what was said while waiting.
    const transcript = (await agentCall(ana.socket, 'chat:history', {
      conversationId: session.conversationId,
      afterSeq: 0,
    })) as { messages: ChatMessage[] };
    const seqs = transcript.messages.map((message) => message.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(texts(transcript.messages)).toContain('I am still here');

    for (const text of ['first', 'second', 'third']) await sendMessage(socket, { text });
    await waitUntil(
      () => ana.inbox.messages.filter((event) => event.message.role === 'visitor').length >= 3,
      'relayed',
    );
    const relayed = ana.inbox.messages
      .filter((event) => event.message.role === 'visitor')
      .map((event) => event.message);
    expect(relayed.map((message) => message.text)).toEqual(['first', 'second', 'third']);
    expect(relayed.map((message) => message.seq)).toEqual(
      [...relayed.map((message) => message.seq)].sort((a, b) => a - b),
    );

    const ids = [messageId('agent'), messageId('agent'), messageId('agent')];
    const receipts = [];
    for (const [index, id] of ids.entries()) {
      receipts.push(
        await agentCall(ana.socket, 'chat:send', {
          conversationId: session.conversationId,
          id,
          // Control characters and a Windows line break are cleaned away, as in a visitor's text.
          text: index === 1 ? 'answer\u0000 2\r\n' : `answer ${index + 1}`,
        }),
      );
    }
    // A retry with the same id gets the same receipt and is not delivered twice.
    const again = await agentCall(ana.socket, 'chat:send', {
      conversationId: session.conversationId,
      id: ids[0]!,
      text: 'answer 1',
    });
    expect(again).toEqual(receipts[0]);
    await waitUntil(
      () => messages.filter((message) => message.role === 'agent').length >= 3,
      'agent messages',
    );
    const fromAgent = messages.filter((message) => message.role === 'agent');
    expect(fromAgent.map((message) => message.text)).toEqual(['answer 1', 'answer 2', 'answer 3']);
    expect(fromAgent.map((message) => message.id)).toEqual(ids);
    expect(fromAgent.every((message) => message.agentName === 'Ana')).toBe(true);
    const stored = await testApp.app.store.conversations.findMessage(session.conversationId, ids[1]!);
    expect(stored).toMatchObject({ role: 'agent', agentId: ana.state.me.agentId });
    // The whole conversation, as a reconnecting visitor would replay it, has everything once.
    const replay = await history(socket, 0);
    expect(replay.messages.filter((message) => message.role === 'agent')).toHaveLength(3);

    // Typing both ways.
    ana.socket.emit('chat:typing', { conversationId: session.conversationId, active: true });
    await waitUntil(() => typing.includes(true), 'the agent typing in the widget');
    const rejections: unknown[] = [];
    socket.on('request:rejected', (rejection) => rejections.push(rejection));
    socket.emit('typing:set', { active: true });
    await waitUntil(
      () => ana.inbox.typing.some((event) => event.active),
      'the visitor typing in the console',
    );
    socket.emit('typing:set', { active: false });
    await waitUntil(() => ana.inbox.typing.at(-1)?.active === false, 'the visitor stopping');
    expect(ana.inbox.typing.every((event) => event.conversationId === session.conversationId)).toBe(true);
    // Typing is an event the channel knows: nothing comes back for it. (The history round trip
    // comes after any answer to the signals, which are read first.)
    await history(socket, 0);
    expect(rejections).toEqual([]);

    // A message ends the typing the agent was shown; with none shown, it is the message alone.
    const conversationId = session.conversationId;
    const inConsole = (text: string) =>
      waitUntil(
        () => ana.inbox.messages.some(({ message }) => message.text === text),
        `"${text}" in the console`,
      );
    socket.emit('typing:set', { active: true });
    await waitUntil(() => ana.inbox.typing.at(-1)?.active === true, 'the visitor typing again');
    const typingBefore = ana.inbox.typing.length;
    await sendMessage(socket, { text: 'one more thing' });
    await inConsole('one more thing');
    expect(ana.inbox.typing.slice(typingBefore)).toEqual([{ conversationId, active: false }]);
    await sendMessage(socket, { text: 'and another' });
    await inConsole('and another');
    await history(socket, 0);
    expect(ana.inbox.typing.slice(typingBefore)).toEqual([{ conversationId, active: false }]);

    // No bot answer while the agent had the chat.
    expect(messages.filter((message) => message.role === 'bot')).toHaveLength(botRepliesBefore);

    await agentCall(ana.socket, 'chat:end', { conversationId: session.conversationId });
    await waitUntil(
      () => texts(messages).some((text) => text.includes('The agent has ended the chat')),
      'the end notice',
    );
    expect(statuses.at(-1)).toMatchObject({ state: 'ended', endReason: 'resolved' });
    await waitUntil(() => ana.inbox.removed.some((event) => event.reason === 'resolved'), 'the chat removed');
    const entries = await testApp.app.store.handoff.ended({
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
    });
    expect(entries.find((entry) => entry.conversationId === session.conversationId)).toMatchObject({
      endReason: 'resolved',
    });

    // The bot answers again.
    await sendMessage(socket, { text: 'help' });
    await waitUntil(
      () => messages.filter((message) => message.role === 'bot').length > botRepliesBefore,
      'the bot again',
    );
  });

  it('when an agent is available, then a new request is routed to them without anyone accepting', async () => {
    const ana = await agent('ana');
    await agentCall(ana.socket, 'presence:set', { status: 'available' });
    const { socket, messages } = await visitor();
    await askForAgent(socket);
    await waitUntil(() => ana.inbox.assigned.some((event) => event.kind === 'routed'), 'the routed chat');
    await waitUntil(() => texts(messages).some((text) => text.includes('has joined')), 'the join notice');
    const order = texts(messages);
    expect(order.findIndex((text) => text.includes('in line'))).toBeLessThan(
      order.findIndex((text) => text.includes('has joined')),
    );
  });

  it('when the agent disconnects, then the chat stays theirs for the grace period and goes back to the front of the queue after it', async () => {
    const ana = await agent('ana');
    const bea = await agent('bea');
    const first = await visitor();
    await askForAgent(first.socket);
    await waitUntil(() => texts(first.messages).some((text) => text.includes('in line')), 'queued');
    await agentCall(ana.socket, 'queue:accept', {});
    // Accepting made Ana available; away again, she keeps this chat and gets no new one.
    await agentCall(ana.socket, 'presence:set', { status: 'away' });
    const second = await visitor();
    await askForAgent(second.socket);
    await waitUntil(
      () => texts(second.messages).some((text) => text.includes('number 1 in line')),
      'second queued',
    );

    ana.socket.disconnect();
    const store = testApp.app.store;
    const anaId = ana.state.me.agentId;
    await expect.poll(async () => (await store.presence.get(anaId))?.status).toBe('offline');

    clock.advance((GRACE_SECONDS - 5) * 1000);
    let report = await testApp.app.handoff.sweep();
    expect(report.requeued).toBe(0);
    expect((await store.handoff.activeForConversation(first.session.conversationId))?.status).toBe(
      'assigned',
    );

    clock.advance(10 * 1000);
    report = await testApp.app.handoff.sweep();
    expect(report.requeued).toBe(1);
    const requeued = await store.handoff.activeForConversation(first.session.conversationId);
    expect(requeued).toMatchObject({ status: 'queued', agentId: null, priority: 1 });
    await waitUntil(
      () => texts(first.messages).some((text) => text.includes('back at the front of the line')),
      'requeue notice',
    );
    // Ahead of the visitor who was already waiting.
    const queue = await store.handoff.queued();
    expect(queue.map((entry) => entry.conversationId)).toEqual([
      first.session.conversationId,
      second.session.conversationId,
    ]);

    const taken = (await agentCall(bea.socket, 'queue:accept', {})) as { conversationId: string };
    expect(taken.conversationId).toBe(first.session.conversationId);
  });

  it('when the agent does not come back and nobody else can take the chat, then it ends and the visitor gets the alternatives', async () => {
    const ana = await agent('ana');
    const { socket, messages, statuses } = await visitor();
    await askForAgent(socket);
    await waitUntil(() => texts(messages).some((text) => text.includes('in line')), 'queued');
    await agentCall(ana.socket, 'queue:accept', {});
    ana.socket.disconnect();
    await expect
      .poll(async () => (await testApp.app.store.presence.get(ana.state.me.agentId))?.status)
      .toBe('offline');
    clock.advance((GRACE_SECONDS + 1) * 1000);
    const report = await testApp.app.handoff.sweep();
    expect(report.endedAgentLeft).toBe(1);
    await waitUntil(() => statuses.at(-1)?.endReason === 'agent_left', 'the ended status');
    const notice = messages.find((message) => message.text.includes('your agent was disconnected'));
    expect(notice?.text).toContain('800-375-5283');
    expect(notice?.suggestedActions.map((action) => action.value)).toEqual([{ type: 'leave_message' }]);
  });

  it('when the visitor types "end chat" while waiting, then they leave the queue and the bot is back', async () => {
    const ana = await agent('ana');
    const { socket, session, messages } = await visitor();
    await askForAgent(socket);
    await waitUntil(() => texts(messages).some((text) => text.includes('in line')), 'queued');
    await sendMessage(socket, { text: 'End chat!' });
    await waitUntil(
      () => texts(messages).some((text) => text.includes('You left the chat')),
      'the leave notice',
    );
    expect(await testApp.app.store.handoff.activeForConversation(session.conversationId)).toBeNull();
    const accepted = await agentCall(ana.socket, 'queue:accept', {});
    expect(accepted).toBeNull();
  });

  it('when nobody accepts within the maximum wait, then the entry expires and the visitor gets the alternatives', async () => {
    const ana = await agent('ana');
    const { socket, session, messages } = await visitor();
    await askForAgent(socket);
    await waitUntil(() => texts(messages).some((text) => text.includes('in line')), 'queued');
    clock.advance(10 * 60_000);
    const report = await testApp.app.handoff.sweep();
    expect(report.expired).toBe(1);
    await waitUntil(
      () => texts(messages).some((text) => text.includes('no agent could take your chat')),
      'expiry',
    );
    const ended = await testApp.app.store.handoff.ended({
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
    });
    expect(ended.find((entry) => entry.conversationId === session.conversationId)?.endReason).toBe('expired');
    await waitUntil(() => ana.inbox.queueUpdates > 0, 'queue update');
  });

  it('when a message id of the visitor is reused by the agent, then it is refused rather than treated as a retry', async () => {
    const ana = await agent('ana');
    const { socket, session, messages } = await visitor();
    await askForAgent(socket);
    await waitUntil(() => texts(messages).some((text) => text.includes('in line')), 'queued');
    await agentCall(ana.socket, 'queue:accept', {});
    const id = messageId('visitor');
    await sendMessage(socket, { id, text: 'mine' });
    await expect(
      agentCall(ana.socket, 'chat:send', { conversationId: session.conversationId, id, text: 'not yours' }),
    ).rejects.toMatchObject({ code: 'invalid_payload' });
    // And a chat that is not theirs is refused.
    const other = await visitor();
    await expect(
      agentCall(ana.socket, 'chat:send', {
        conversationId: other.session.conversationId,
        id: messageId(),
        text: 'hi',
      }),
    ).rejects.toMatchObject({ code: 'chat_not_found' });
  });
});

describe('live agents over Socket.IO: revocations', () => {
  let revocationApp: TestApp;
  const sockets: AgentClient[] = [];
  beforeAll(async () => {
    // No periodic sweep in this app's lifetime: whatever closes a socket here is the revocation.
    revocationApp = await startTestApp({ HANDOFF_SWEEP_SECONDS: '600' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await revocationApp?.stop();
  });
  async function connected(username: string) {
    const agent = await connectAgent(revocationApp.baseUrl, username);
    sockets.push(agent.socket);
    return agent;
  }

  it('when an agent signs out, is disabled or loses the role through the API, then their sockets close at once, without waiting for a sweep', async () => {
    const { store } = revocationApp.app;
    await createAgent(store, { username: 'boss', displayName: 'Boss', roles: ['admin'] });
    const admin = await login(revocationApp.baseUrl, 'boss');
    const patchUser = async (userId: string, change: Record<string, unknown>) => {
      const response = await fetch(`${revocationApp.baseUrl}/api/admin/users/${userId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(change),
      });
      expect(response.status).toBe(200);
    };
    const cases: Array<[string, (token: string, userId: string) => Promise<void>]> = [
      [
        'signed out',
        async (token) => {
          const response = await fetch(`${revocationApp.baseUrl}/api/auth/logout`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          });
          expect(response.status).toBe(204);
        },
      ],
      ['disabled', (_token, userId) => patchUser(userId, { disabled: true })],
      ['role removed', (_token, userId) => patchUser(userId, { roles: ['editor'] })],
    ];
    for (const [what, revoke] of cases) {
      const username = `now-${what.replace(/\W/g, '')}`;
      const created = await createAgent(store, {
        username,
        displayName: username,
        roles: ['agent', 'editor'],
      });
      const first = await connected(username);
      // A second tab with its own sign-in: a sign-out closes only the tab of that sign-in.
      const second = await connected(username);
      const closed = (socket: AgentClient) =>
        withTimeout(new Promise<string>((resolve) => socket.once('disconnect', resolve)), `${what}: closed`);
      const firstClosed = closed(first.socket);
      await revoke(first.token, created.id);
      // No sweep runs here: the revocation itself closed the socket, as a server-side close.
      expect(await firstClosed, what).toBe('io server disconnect');
      if (what === 'signed out') {
        expect(second.socket.connected).toBe(true);
        await expect(agentCall(second.socket, 'state:get', {})).resolves.toBeTruthy();
        second.socket.disconnect();
      } else {
        await waitUntil(() => !second.socket.connected, `${what}: the other tab closed too`);
      }
    }
    // Changing something else (another role added) leaves a console connected.
    const kept = await createAgent(store, { username: 'kept', displayName: 'Kept' });
    const keptSocket = await connected('kept');
    await patchUser(kept.id, { roles: ['agent', 'editor'], maxChats: 2 });
    await expect(agentCall(keptSocket.socket, 'state:get', {})).resolves.toBeTruthy();
  });
});
