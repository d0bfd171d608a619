import { afterEach, describe, expect, it } from 'vitest';
import { HandoffError } from '../../bot/handoff/handoffError.js';
import { WaitEstimator } from '../../bot/handoff/waitEstimator.js';
import type { Locale } from '../../contracts/locale.js';
import { request, serviceHarness, type ServiceHarness } from './support/serviceHarness.js';

/** The handoff logic against the store interface: a real embedded store in a temp folder, no sockets. */
describe('HandoffService on the embedded store', () => {
  let harness: ServiceHarness;
  afterEach(async () => {
    await harness?.close();
  });

  /** Connects an agent a second after the previous one (so "idle longest" is well defined). */
  async function agent(
    agentId: string,
    options: { languages?: Locale[]; maxChats?: number; available?: boolean } = {},
  ) {
    harness.clock.advance(1_000);
    await harness.presence.connect({
      agentId,
      languages: options.languages ?? ['en'],
      maxChats: options.maxChats ?? 2,
    });
    if (options.available ?? true) await harness.presence.setStatus(agentId, 'available');
  }

  it('when several agents can take a chat, then it goes to the one with the fewest open chats, ties to the one idle longest', async () => {
    harness = await serviceHarness();
    const { service, clock, store } = harness;
    await agent('a1', { maxChats: 3 });
    clock.advance(1_000);
    await agent('a2', { maxChats: 3 });
    // a1 has been idle longer: the first chat goes to a1, the second to a2 (fewer chats), the third to a1.
    for (const id of ['c1', 'c2', 'c3']) {
      clock.advance(1_000);
      await service.request(request(id));
      await service.dispatch();
    }
    const owner = async (id: string) => (await store.handoff.activeForConversation(id))?.agentId;
    expect([await owner('c1'), await owner('c2'), await owner('c3')]).toEqual(['a1', 'a2', 'a1']);
    expect((await store.presence.get('a1'))?.openChats).toBe(2);
    expect((await store.presence.get('a2'))?.openChats).toBe(1);
  });

  it('when agents are away, full, silent or do not speak the language, then nothing is routed to them', async () => {
    harness = await serviceHarness({ agentTimeoutMs: 30_000 });
    const { service, clock, store } = harness;
    await agent('away', { available: false });
    await agent('full', { maxChats: 1 });
    await agent('spanish', { languages: ['es'] });
    await agent('silent');
    await service.request(request('busy'));
    // 'full' or 'silent' took it; make sure the other one ends up full or silent too.
    await service.dispatch();
    const first = await store.handoff.activeForConversation('busy');
    expect(['full', 'silent']).toContain(first?.agentId);
    clock.advance(31_000);
    await harness.presence.heartbeat(['away', 'full', 'spanish']); // 'silent' sends none: its instance is gone.
    await service.request(request('english'));
    await service.dispatch();
    const english = await store.handoff.activeForConversation('english');
    if (first?.agentId === 'full') expect(english?.status).toBe('queued');
    else expect(english?.agentId).toBe('full');
    await service.request(request('another'));
    await service.dispatch();
    expect((await store.handoff.activeForConversation('another'))?.status).toBe('queued');
    for (const presence of await store.presence.list()) {
      expect(presence.openChats).toBeLessThanOrEqual(presence.maxChats);
      expect(presence.openChats).toBe((await store.handoff.assignedTo(presence.agentId)).length);
    }
  });

  it('when visitors wait in two languages, then each line is first in, first out, and a chat put back goes first', async () => {
    harness = await serviceHarness();
    const { service, clock, store } = harness;
    await agent('bilingual', { languages: ['en', 'es'], available: false, maxChats: 2 });
    for (const [id, locale] of [
      ['en1', 'en'],
      ['es1', 'es'],
      ['en2', 'en'],
      ['es2', 'es'],
    ] as const) {
      clock.advance(1_000);
      await service.request(request(id, locale));
    }
    const standings = await service.queue();
    expect(standings.map(({ entry, standing }) => [entry.conversationId, standing.position])).toEqual([
      ['en1', 1],
      ['es1', 1],
      ['en2', 2],
      ['es2', 2],
    ]);
    // Accepting takes the head of the line and makes the agent available: the next in claim order
    // is routed to the free slot at once.
    expect((await service.acceptNext('bilingual'))?.conversationId).toBe('en1');
    expect(harness.events.of('assigned').map((event) => [event.entry.conversationId, event.kind])).toEqual([
      ['en1', 'accepted'],
      ['es1', 'routed'],
    ]);

    // The agent drops out for good: both chats go back ahead of everyone still waiting.
    await agent('spare', { languages: ['en', 'es'], available: false });
    await harness.presence.disconnect('bilingual');
    clock.advance(120_000);
    await harness.presence.heartbeat(['spare']);
    const report = await service.sweep();
    expect(report.requeued).toBe(2);
    const queue = await store.handoff.queued();
    expect(queue.map((entry) => [entry.conversationId, entry.priority])).toEqual([
      ['en1', 1],
      ['es1', 1],
      ['en2', 0],
      ['es2', 0],
    ]);
    expect((await store.presence.get('bilingual'))?.openChats).toBe(0);
  });

  it('when a chat is transferred, then only to an available agent with a free slot who speaks the language', async () => {
    harness = await serviceHarness();
    const { service, store } = harness;
    await agent('from', { languages: ['es'] });
    await agent('english', { languages: ['en'] });
    await agent('busy', { languages: ['es'], maxChats: 1 });
    await agent('away', { languages: ['es'], available: false });
    await service.request(request('chat', 'es'));
    harness.clock.advance(1_000);
    await service.request(request('other', 'es'));
    await service.dispatch();
    const chat = await store.handoff.activeForConversation('chat');
    expect(chat?.agentId).toBe('from');
    expect((await store.handoff.activeForConversation('other'))?.agentId).toBe('busy');

    for (const target of ['english', 'busy', 'away', 'nobody']) {
      await expect(service.transfer('from', 'chat', target)).rejects.toMatchObject({
        code: 'agent_unavailable',
      });
    }
    await expect(service.transfer('from', 'chat', 'from')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(service.transfer('english', 'chat', 'busy')).rejects.toBeInstanceOf(HandoffError);

    await harness.presence.setStatus('away', 'available');
    const moved = await service.transfer('from', 'chat', 'away');
    expect(moved.agentId).toBe('away');
    expect((await store.presence.get('from'))?.openChats).toBe(0);
    expect((await store.presence.get('away'))?.openChats).toBe(1);
    expect(harness.events.of('assigned').at(-1)).toMatchObject({
      kind: 'transferred',
      previousAgentId: 'from',
    });
  });

  it('when two instances route the same queue at the same time, then every chat gets exactly one agent and nobody goes over their maximum', async () => {
    harness = await serviceHarness();
    const { service, store, clock } = harness;
    const other = harness.otherInstance();
    const agents = ['a', 'b', 'c', 'd'];
    for (const id of agents)
      await harness.presence.connect({ agentId: id, languages: ['en', 'es'], maxChats: 3 });
    for (let i = 0; i < 20; i += 1) {
      clock.advance(100);
      await service.request(request(`c${i}`, i % 3 === 0 ? 'es' : 'en'));
    }
    for (const id of agents) await store.presence.update(id, { status: 'available' });
    await Promise.all([
      service.dispatch(),
      other.service.dispatch(),
      service.acceptNext('a').catch(() => null),
      other.service.acceptNext('b').catch(() => null),
      service.dispatch(),
      other.service.dispatch(),
    ]);
    let assigned = 0;
    for (const id of agents) {
      const chats = await store.handoff.assignedTo(id);
      const presence = await store.presence.get(id);
      expect(chats.length).toBeLessThanOrEqual(3);
      expect(presence?.openChats).toBe(chats.length);
      assigned += chats.length;
    }
    expect(assigned).toBe(12);
    expect(await store.handoff.queued()).toHaveLength(8);
    const events = [...harness.events.of('assigned'), ...other.events.of('assigned')];
    expect(new Set(events.map((event) => event.entry.id)).size).toBe(events.length);
  });

  it('when an instance stops without a word, then its agents count as gone after the heartbeat timeout plus the grace period', async () => {
    harness = await serviceHarness({ agentTimeoutMs: 20_000, graceMs: 30_000 });
    const { service, clock, store } = harness;
    await agent('lost');
    await agent('alive');
    await service.request(request('chat'));
    await service.dispatch();
    const owner = (await store.handoff.activeForConversation('chat'))?.agentId;
    const survivor = owner === 'lost' ? 'alive' : 'lost';
    await harness.presence.setStatus(survivor, 'away');
    clock.advance(45_000);
    await harness.presence.heartbeat([survivor]);
    expect((await service.sweep()).requeued).toBe(0);
    clock.advance(10_000);
    await harness.presence.heartbeat([survivor]);
    expect((await service.sweep()).requeued).toBe(1);
    expect((await store.presence.get(owner ?? ''))?.status).toBe('offline');
  });

  it('when a disconnect raced a reconnect on another instance, then the heartbeat brings the agent back as away', async () => {
    harness = await serviceHarness();
    await agent('agent');
    await harness.presence.disconnect('agent');
    await harness.presence.heartbeat(['agent']);
    expect((await harness.store.presence.get('agent'))?.status).toBe('away');
  });
});

describe('WaitEstimator', () => {
  const now = new Date('2026-03-10T15:00:00.000Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const estimator = new WaitEstimator({ windowMs: 60 * 60_000, fallbackMinutesPerChat: 6, maxMinutes: 120 });

  it('when agents took 6 chats in the last 30 minutes, then the 3rd in line waits about 15 minutes', () => {
    const recent = [30, 25, 20, 15, 10, 5].map(minutesAgo);
    expect(estimator.estimate({ position: 3, recentAssignments: recent, agentsOnline: 2, now })).toBe(15);
  });

  it('when there is no recent pace, then the agents online and a typical chat length stand in, and nothing without agents', () => {
    expect(
      estimator.estimate({ position: 4, recentAssignments: [minutesAgo(90)], agentsOnline: 2, now }),
    ).toBe(12);
    expect(estimator.estimate({ position: 1, recentAssignments: [], agentsOnline: 0, now })).toBeNull();
  });

  it('when the pace is slow, then the estimate stops at the maximum, and is never below a minute', () => {
    expect(
      estimator.estimate({
        position: 50,
        recentAssignments: [minutesAgo(59), minutesAgo(58)],
        agentsOnline: 1,
        now,
      }),
    ).toBe(120);
    expect(
      estimator.estimate({
        position: 1,
        recentAssignments: Array(50).fill(minutesAgo(1)),
        agentsOnline: 9,
        now,
      }),
    ).toBe(1);
  });
});
