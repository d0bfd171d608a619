import { createHash } from 'node:crypto';
import { isStoreError } from '../storage/errors.js';
import type { Locale } from '../../contracts/locale.js';
import type { ChannelKind } from '../storage/ports.js';
import type { HandoffEntry } from './records.js';
import type { QueueStanding } from './handoffEvents.js';
import type { HandoffContext } from './handoffContext.js';

export interface HandoffRequest {
  conversationId: string;
  channel: ChannelKind;
  locale: Locale;
  /** The visitor's question, personal data masked. */
  question: string;
  /** The visitor's client address when the channel knows it, for the per-address queue cap. */
  address?: string | null;
}

export type HandoffRequestResult =
  | { outcome: 'queued'; entry: HandoffEntry; standing: QueueStanding }
  /** The conversation already waits or talks to an agent. */
  | { outcome: 'active'; entry: HandoffEntry; standing: QueueStanding | null }
  | { outcome: 'unavailable'; reason: 'closed' | 'no_agent' }
  /** Already `maxQueuedPerAddress` visitors from this address wait in the queue. */
  | { outcome: 'address_limit' };

/** Who may enter the queue, and where those in it stand. */
export class QueueAdmission {
  /**
   * Requests from one address run one at a time in this process, so the count and the enqueue
   * of the per-address cap cannot interleave (instances each serialise their own).
   */
  private readonly addressChains = new Map<string, Promise<unknown>>();

  constructor(private readonly context: HandoffContext) {}

  /** Can a visitor of `locale` be queued now? */
  async availabilityFor(locale: Locale): Promise<'open' | 'closed' | 'no_agent'> {
    const now = this.context.clock.now();
    if (!this.context.hours.isOpen(now)) return 'closed';
    const agents = await this.context.presence.list();
    return agents.some((agent) => this.context.availability.canServe(agent, locale, now))
      ? 'open'
      : 'no_agent';
  }

  /**
   * Puts a conversation in the queue: in business hours, and only when an agent who speaks the
   * visitor's language is online (available or away); otherwise nobody would answer. Does not
   * route it yet: the caller tells the visitor first, then calls `dispatch` (so "you are in line"
   * is never recorded after "an agent joined").
   */
  async request(request: HandoffRequest): Promise<HandoffRequestResult> {
    if (!request.address) return this.enqueueRequest(request, null);
    // Only a digest of the address is kept with the entry, and only while it is queued.
    const key = createHash('sha256').update(request.address).digest('hex');
    const previous = this.addressChains.get(key) ?? Promise.resolve();
    const result = previous.then(
      () => this.enqueueRequest(request, key),
      () => this.enqueueRequest(request, key),
    );
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.addressChains.set(key, tail);
    void tail.then(() => {
      if (this.addressChains.get(key) === tail) this.addressChains.delete(key);
    });
    return result;
  }

  private async enqueueRequest(
    request: HandoffRequest,
    addressKey: string | null,
  ): Promise<HandoffRequestResult> {
    const { handoff, policy, logger, events, clock } = this.context;
    const active = await handoff.activeForConversation(request.conversationId);
    if (active) return { outcome: 'active', entry: active, standing: await this.standingOf(active) };
    const availability = await this.availabilityFor(request.locale);
    if (availability !== 'open') return { outcome: 'unavailable', reason: availability };
    if (addressKey !== null && (await handoff.countQueuedFrom(addressKey)) >= policy.maxQueuedPerAddress) {
      logger.warn({ conversationId: request.conversationId }, 'live agent request refused: address cap');
      return { outcome: 'address_limit' };
    }

    const entry: HandoffEntry = {
      id: this.context.newId(),
      conversationId: request.conversationId,
      channel: request.channel,
      locale: request.locale,
      status: 'queued',
      priority: 0,
      queuedAt: clock.now().toISOString(),
      assignedAt: null,
      endedAt: null,
      endReason: null,
      agentId: null,
      question: request.question.slice(0, 4000),
      // The widget's visitor is on the page: they just asked. Other channels cannot tell.
      visitorPresence: request.channel === 'socket' ? 'active' : null,
      visitorPresenceAt: request.channel === 'socket' ? clock.now().toISOString() : null,
    };
    try {
      await handoff.enqueue(entry, addressKey === null ? {} : { queuedFrom: addressKey });
    } catch (error) {
      // The same visitor asked twice at once (two tabs, a retry): one entry, the other sees it.
      if (!isStoreError(error, 'duplicate')) throw error;
      const existing = await handoff.activeForConversation(request.conversationId);
      if (!existing) throw error;
      return { outcome: 'active', entry: existing, standing: await this.standingOf(existing) };
    }
    const standing = (await this.standingOf(entry)) ?? { position: 1, estimatedWaitMinutes: null };
    await events.queued(entry, standing);
    return { outcome: 'queued', entry, standing };
  }

  /** Where a queued entry stands; null for an entry no longer queued. */
  async standingOf(entry: HandoffEntry): Promise<QueueStanding | null> {
    if (entry.status !== 'queued') return null;
    const standings = await this.context.standings.compute(entry.locale);
    return standings.find((item) => item.entry.id === entry.id)?.standing ?? null;
  }

  /** Every queued entry in claim order with where it stands (for the agents' queue view). */
  async queue(): Promise<Array<{ entry: HandoffEntry; standing: QueueStanding }>> {
    return this.context.standings.compute();
  }
}
