import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentNotifier } from '../../bot/channels/agent/agentNotifier.js';
import {
  messageId,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';
import { IN_HOURS, TestClock, agentCall, connectAgent, createAgent } from './support/agentClient.js';
import { startFakeConnector } from './support/fakeConnector.js';

/** The relay as it is, called through (with its own `this`) by the spy that watches it. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with the notifier's `this`
const AgentNotifierVisitorMessage = AgentNotifier.prototype.visitorMessage;

describe('live agents for Bot Framework visitors (proactive messages)', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    testApp = await startTestApp({}, { clock });
    await createAgent(testApp.app.store, { username: 'ana', displayName: 'Ana', languages: ['en'] });
  });
  afterAll(async () => {
    await testApp?.stop();
    await connector?.close();
  });

  it('when an Emulator visitor is handed off, then the agent sees their messages and the replies reach them as proactive messages', async () => {
    const ana = await connectAgent(testApp.baseUrl, 'ana');
    const conversationId = `bf-${randomUUID()}`;
    const say = (text: string, value?: unknown) =>
      postActivity(testApp.baseUrl, {
        id: messageId('bf'),
        conversation: { id: conversationId },
        serviceUrl: connector.url,
        text,
        ...(value === undefined ? {} : { value }),
      });

    const queued = await say('Talk to an agent', { type: 'agent_request' });
    expect(queued.activities.map((activity) => activity.text).join('\n')).toContain('number 1 in line');

    await agentCall(ana.socket, 'queue:accept', {});
    // The join notice goes to the channel proactively, with its role kept in the transcript.
    await waitUntil(
      () => connector.delivered.some((item) => item.activity.text?.includes('has joined')),
      'join notice',
    );
    const joined = connector.delivered.find((item) => item.activity.text?.includes('has joined'));
    expect(joined?.conversationId).toBe(conversationId);

    // While the agent has the chat, the bot does not answer and the agent gets the message, only
    // once it is committed: the store's committed data is read at the moment of the relay.
    const relays = vi.spyOn(AgentNotifier.prototype, 'visitorMessage');
    const committedWhenRelayed: Array<Promise<unknown>> = [];
    relays.mockImplementation(function (this: AgentNotifier, chat, message) {
      committedWhenRelayed.push(testApp.app.store.conversations.findMessage(conversationId, message.id));
      return AgentNotifierVisitorMessage.call(this, chat, message);
    });
    const relayed = await say('my passport expired');
    relays.mockRestore();
    expect(relayed.status).toBe(200);
    expect(relayed.activities).toEqual([]);
    await waitUntil(
      () => ana.inbox.messages.some((event) => event.message.text === 'my passport expired'),
      'relay',
    );
    expect(await Promise.all(committedWhenRelayed)).toEqual([
      expect.objectContaining({ role: 'visitor', text: 'my passport expired' }),
    ]);

    const id = messageId('agent');
    const receipt = (await agentCall(ana.socket, 'chat:send', {
      conversationId,
      id,
      text: 'Let me check that.',
    })) as {
      seq: number;
    };
    const reply = connector.delivered.find((item) => item.activity.text === 'Let me check that.');
    expect(reply?.activity.channelData).toMatchObject({ role: 'agent', agentName: 'Ana' });
    const stored = await testApp.app.store.conversations.findMessage(conversationId, id);
    expect(stored).toMatchObject({ role: 'agent', seq: receipt.seq, agentId: ana.state.me.agentId });

    // The channel refuses once: the agent is told to retry, and the retry (same id) delivers it once.
    connector.failNext.count = 1;
    const retryId = messageId('agent');
    await expect(
      agentCall(ana.socket, 'chat:send', { conversationId, id: retryId, text: 'Second try' }),
    ).rejects.toMatchObject({
      code: 'delivery_failed',
    });
    expect(await testApp.app.store.conversations.findMessage(conversationId, retryId)).toBeNull();
    await agentCall(ana.socket, 'chat:send', { conversationId, id: retryId, text: 'Second try' });
    await agentCall(ana.socket, 'chat:send', { conversationId, id: retryId, text: 'Second try' });
    expect(connector.delivered.filter((item) => item.activity.text === 'Second try')).toHaveLength(1);

    await agentCall(ana.socket, 'chat:end', { conversationId });
    await waitUntil(
      () => connector.delivered.some((item) => item.activity.text?.includes('ended the chat')),
      'end notice',
    );
    const afterwards = await say('help');
    expect(afterwards.activities.length).toBeGreaterThan(0);
    ana.socket.disconnect();
  });

  it('when the same live chat happens through /api/messages and in the widget, then both transcripts have the same roles', async () => {
    const ana = await connectAgent(testApp.baseUrl, 'ana');
    const store = testApp.app.store.conversations;
    /** From the visitor's request for an agent on, in transcript order. */
    const rolesFromRequest = async (conversationId: string) => {
      const entries = await store.transcript(conversationId);
      const start = entries.findIndex((entry) => entry.text === 'Talk to an agent');
      return entries.slice(start).map((entry) => `${entry.role}: ${entry.text.slice(0, 24)}`);
    };
    // Each channel's visitor: say something, and wait until the visitor has been told `expected`.
    const runChat = async (visitor: {
      say(text: string, value?: unknown): Promise<void>;
      told(expected: string): Promise<void>;
      conversationId: string;
    }) => {
      await visitor.say('Talk to an agent', { type: 'agent_request' });
      await visitor.told('number 1 in line');
      await visitor.say('are you there?'); // answered by a notice while queued
      await visitor.told('still in line');
      await agentCall(ana.socket, 'queue:accept', {});
      await visitor.told('has joined');
      await agentCall(ana.socket, 'chat:send', {
        conversationId: visitor.conversationId,
        id: messageId('agent'),
        text: 'Hello from Ana',
      });
      await visitor.told('Hello from Ana');
      await visitor.say('thanks');
      await waitUntil(
        () => ana.inbox.messages.some((event) => event.conversationId === visitor.conversationId),
        'the relay',
      );
      await agentCall(ana.socket, 'chat:end', { conversationId: visitor.conversationId });
      await visitor.told('ended the chat');
      // Away again: the next visitor waits in line too.
      await agentCall(ana.socket, 'presence:set', { status: 'away' });
      return rolesFromRequest(visitor.conversationId);
    };

    const botFrameworkId = `bf-${randomUUID()}`;
    const replies: string[] = [];
    const botFramework = {
      conversationId: botFrameworkId,
      say: async (text: string, value?: unknown) => {
        const response = await postActivity(testApp.baseUrl, {
          id: messageId('bf'),
          conversation: { id: botFrameworkId },
          serviceUrl: connector.url,
          text,
          ...(value === undefined ? {} : { value }),
        });
        replies.push(...response.activities.map((activity) => String(activity.text)));
      },
      told: (expected: string) =>
        waitUntil(
          () =>
            replies.some((text) => text.includes(expected)) ||
            connector.delivered.some(
              (item) => item.conversationId === botFrameworkId && item.activity.text?.includes(expected),
            ),
          expected,
        ),
    };
    // The widget is greeted when it connects; a Bot Framework visitor with their first message.
    await botFramework.say('hello');
    await botFramework.told("I'm Emma");
    const botFrameworkRoles = await runChat(botFramework);

    const widget = await openSession(testApp.baseUrl, { auth: { locale: 'en' } });
    const socket: VisitorClient = widget.socket;
    const widgetRoles = await runChat({
      conversationId: widget.session.conversationId,
      say: async (text, value) => {
        const ack = await sendMessage(socket, { text, ...(value === undefined ? {} : { value }) } as {
          text: string;
        });
        expect(ack.ok).toBe(true);
      },
      told: (expected) =>
        waitUntil(() => widget.messages.some((message) => message.text.includes(expected)), expected),
    });
    socket.disconnect();
    ana.socket.disconnect();

    expect(botFrameworkRoles.map((line) => line.split(':')[0])).toEqual([
      'visitor',
      'bot',
      'visitor',
      'system',
      'system',
      'agent',
      'visitor',
      'system',
    ]);
    expect(botFrameworkRoles).toEqual(widgetRoles);
  });
});
