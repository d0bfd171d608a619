import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HandoffEventHub, type HandoffListener } from '../../bot/handoff/handoffEventHub.js';
import { HandoffGateway } from '../../bot/handoff/handoffGateway.js';
import { HandoffText } from '../../bot/handoff/handoffText.js';
import type { LiveAgentNotice, VisitorNotices } from '../../bot/handoff/liveAgentGateway.js';
import { LiveChatRouter } from '../../bot/handoff/liveChatRouter.js';
import { createI18n } from '../../bot/i18n/i18n.js';
import { createLogger } from '../../bot/logging/logger.js';
import { conversation, handoffEntry } from '../storage/fixtures/records.js';
import { RecordingEvents, request, serviceHarness, type ServiceHarness } from './support/serviceHarness.js';
import { objectContaining } from '../support/matchers.js';

/**
 * The handoff's core used as the assistant and the channels use it, with plain data only: no
 * botbuilder turn, no socket. A real embedded store in a temp folder, at a time in business hours.
 */
describe('the handoff core, without any framework', () => {
  let harness: ServiceHarness;
  let text: HandoffText;
  const logger = createLogger({ level: 'silent', pretty: false });
  beforeAll(async () => {
    text = new HandoffText(await createI18n());
  });
  afterEach(async () => {
    await harness?.close();
  });

  /** The visitor side of a request: what the handoff told them, and how many chats were assigned by then. */
  function visitor(): VisitorNotices & { told: Array<{ notice: LiveAgentNotice; assignedBefore: number }> } {
    const told: Array<{ notice: LiveAgentNotice; assignedBefore: number }> = [];
    return {
      told,
      tell: async (notice) => {
        told.push({ notice, assignedBefore: harness.events.of('assigned').length });
      },
    };
  }

  it('when a visitor asks for an agent, then the gateway tells them where they stand before any agent is assigned, then routes', async () => {
    harness = await serviceHarness();
    const { service, presence, store } = harness;
    await store.conversations.create(conversation('c1'));
    await presence.connect({ agentId: 'a1', languages: ['en'], maxChats: 2 });
    await presence.setStatus('a1', 'available');
    const gateway = new HandoffGateway({ service, conversations: store.conversations, text, logger });

    const first = visitor();
    const outcome = await gateway.requestAgent(
      { conversationId: 'c1', question: 'my card never came', locale: 'en', address: null },
      first,
    );
    expect(outcome).toBe('handled');
    expect(first.told).toHaveLength(1);
    expect(first.told[0]?.notice).toMatchObject({ locale: 'en', outcome: 'queued' });
    expect(first.told[0]?.notice.text).toContain(text.get('en', 'howToLeave'));
    expect(first.told[0]?.assignedBefore).toBe(0);
    expect(harness.events.of('assigned').map((event) => [event.entry.conversationId, event.kind])).toEqual([
      ['c1', 'routed'],
    ]);

    // Asking again while connected: told so, nothing new queued.
    const again = visitor();
    expect(
      await gateway.requestAgent(
        { conversationId: 'c1', question: 'hello?', locale: 'en', address: null },
        again,
      ),
    ).toBe('handled');
    expect(again.told.map((item) => item.notice)).toEqual([
      { text: text.get('en', 'alreadyConnected'), locale: 'en', outcome: 'handoff' },
    ]);
    expect(harness.events.of('queued')).toHaveLength(1);
  });

  it('when no agent speaks the language or the conversation is unknown, then the request is unavailable and the visitor is told nothing by the handoff', async () => {
    harness = await serviceHarness();
    const { service, presence, store } = harness;
    await store.conversations.create(conversation('c2', { locale: 'es' }));
    await presence.connect({ agentId: 'a1', languages: ['en'], maxChats: 2 });
    const gateway = new HandoffGateway({ service, conversations: store.conversations, text, logger });
    const spanish = visitor();
    expect(
      await gateway.requestAgent(
        { conversationId: 'c2', question: 'mi tarjeta', locale: 'es', address: null },
        spanish,
      ),
    ).toBe('unavailable');
    const unknown = visitor();
    expect(
      await gateway.requestAgent(
        { conversationId: 'nobody', question: 'hello', locale: 'en', address: null },
        unknown,
      ),
    ).toBe('unavailable');
    expect([...spanish.told, ...unknown.told]).toEqual([]);
    expect(await store.handoff.queued()).toEqual([]);
  });

  it('when a visitor waits in line, then their turns are answered by the handoff, and "end chat" takes them out of the line', async () => {
    harness = await serviceHarness();
    const { service, presence } = harness;
    // Online but away: the visitor can queue, nobody takes the chat yet.
    await presence.connect({ agentId: 'a1', languages: ['en'], maxChats: 2 });
    expect((await service.request(request('c1'))).outcome).toBe('queued');
    const router = new LiveChatRouter({ service, text });

    expect(await router.route({ conversationId: 'other', kind: 'message', text: 'hi' })).toEqual({
      to: 'assistant',
    });
    const chat = await service.active('c1');
    const standing = chat ? await service.standingOf(chat) : null;
    expect(standing).not.toBeNull();
    expect(await router.route({ conversationId: 'c1', kind: 'message', text: 'are you there?' })).toEqual({
      to: 'visitor',
      notice: {
        text: text.standing('en', standing ?? { position: 0, estimatedWaitMinutes: null }, 'stillQueued'),
        locale: 'en',
      },
    });
    expect(await router.route({ conversationId: 'c1', kind: 'typing' })).toEqual({ to: 'nobody' });
    expect(await router.route({ conversationId: 'c1', kind: 'languageChosen' })).toEqual({ to: 'nobody' });

    expect(await router.route({ conversationId: 'c1', kind: 'message', text: 'End chat' })).toEqual({
      to: 'nobody',
    });
    expect(await service.active('c1')).toBeNull();
    expect(harness.events.of('ended').map((event) => event.entry.endReason)).toEqual(['abandoned']);
    expect(await router.route({ conversationId: 'c1', kind: 'message', text: 'hello again' })).toEqual({
      to: 'assistant',
    });
  });

  it("when an agent has the chat, then the visitor's messages and typing go to the agent, and a button's value alone goes nowhere", async () => {
    harness = await serviceHarness();
    const { service, presence } = harness;
    await presence.connect({ agentId: 'a1', languages: ['en'], maxChats: 2 });
    await presence.setStatus('a1', 'available');
    await service.request(request('c1'));
    await service.dispatch();
    const router = new LiveChatRouter({ service, text });
    const chat = objectContaining({ conversationId: 'c1', status: 'assigned', agentId: 'a1' });

    expect(await router.route({ conversationId: 'c1', kind: 'typing' })).toEqual({
      to: 'agent',
      chat,
      what: 'typing',
    });
    expect(
      await router.route({ conversationId: 'c1', kind: 'message', text: 'my receipt is IOE0123456789' }),
    ).toEqual({ to: 'agent', chat, what: 'message' });
    expect(await router.route({ conversationId: 'c1', kind: 'message' })).toEqual({ to: 'nobody' });
    expect(await router.route({ conversationId: 'c1', kind: 'message', text: '   ' })).toEqual({
      to: 'nobody',
    });
    expect(await service.active('c1')).toMatchObject({ status: 'assigned' });
  });

  it("when the handoff publishes, then every subscriber is told in turn, a removed one no more, and a subscriber's failure reaches the publisher", async () => {
    const hub = new HandoffEventHub(logger);
    const order: string[] = [];
    // A slow first listener: the second is told only once the first is done.
    const first = new OrderedListener('first', order, { slow: true });
    const second = new OrderedListener('second', order);
    hub.subscribe(first);
    const unsubscribe = hub.subscribe(second);

    const entry = handoffEntry('h1', 'c1', { status: 'ended', endReason: 'resolved' });
    await hub.ended(entry, 'a1');
    await hub.requestsChanged();
    expect(order).toEqual(['first', 'second', 'first: requests', 'second: requests']);
    expect(second.of('ended')).toEqual([{ type: 'ended', entry, previousAgentId: 'a1' }]);

    unsubscribe();
    await hub.ended(entry, null);
    expect(first.of('ended')).toHaveLength(2);
    expect(second.of('ended')).toHaveLength(1);

    hub.subscribe(new FailingListener('failing', order));
    await expect(hub.ended(entry, null)).rejects.toThrow('agents unreachable');
  });
});

/** Remembers what it was told, and notes in `order` when; a slow one yields to the event loop first. */
class OrderedListener extends RecordingEvents implements HandoffListener {
  constructor(
    private readonly name: string,
    private readonly order: string[],
    private readonly options: { slow?: boolean } = {},
  ) {
    super();
  }

  override async ended(...args: Parameters<RecordingEvents['ended']>): Promise<void> {
    if (this.options.slow) await new Promise((resolve) => setImmediate(resolve));
    this.order.push(this.name);
    await super.ended(...args);
  }

  async requestsChanged(): Promise<void> {
    this.order.push(`${this.name}: requests`);
  }
}

class FailingListener extends OrderedListener {
  override ended(): Promise<void> {
    return Promise.reject(new Error('agents unreachable'));
  }
}
