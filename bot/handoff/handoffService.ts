import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { isStoreError } from '../storage/errors.js';
import type { Locale } from '../../contracts/locale.js';
import type {
  ChannelKind,
  HandoffEntry,
  HandoffStore,
  PresenceStore,
  VisitorPresenceState,
} from '../storage/ports.js';
import { AgentAvailability } from './agentAvailability.js';
import type { BusinessHours } from './businessHours/index.js';
import { HandoffError } from './handoffError.js';
import type { HandoffEvents, QueueStanding } from './handoffEvents.js';
import type { HandoffPolicy } from './handoffPolicy.js';
import { QueueStandings } from './queueStandings.js';
import { WaitEstimator } from './waitEstimator.js';

export interface HandoffServiceDeps {
  handoff: HandoffStore;
  presence: PresenceStore;
  hours: BusinessHours;
  policy: HandoffPolicy;
  events: HandoffEvents;
  logger: Logger;
  clock?: () => Date;
  estimator?: WaitEstimator;
  newId?: () => string;
}

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

export interface SweepReport {
  /** Queued visitors gone (no page connected) past the visitor grace period: ended as abandoned. */
  visitorsGone: number;
  expired: number;
  requeued: number;
  endedAgentLeft: number;
  assigned: number;
}

/** Priorities stay within what the store accepts. */
const MAX_PRIORITY = 1_000_000;

/**
 * The live-agent handoff: the queue and its state machine, over the store's ports only.
 *
 *   (bot) ──request──► queued ──accept / route──► assigned ──end──► ended (resolved)
 *                        │  ▲                        │ │
 *                        │  └──agent gone past grace─┘ └─visitor leaves──► ended (abandoned)
 *                        ├──max wait──► ended (expired)
 *                        ├──visitor gone past the visitor grace period──► ended (abandoned)
 *                        └──visitor leaves──► ended (abandoned)
 *   assigned ──agent gone past grace, nobody to take it──► ended (agent_left)
 *
 * Every move is a compare-and-set in the store (`transition`, `claimNext`, `reserveSlot`), so any
 * number of instances can run this code against one store: of two instances making the same move
 * one wins and the other sees null and moves on. Nothing here is remembered between calls: the
 * periodic `sweep` re-derives expiries and grace periods from stored timestamps.
 *
 * The visitor's presence (active / away / left, from the widget's sockets and page visibility) is
 * kept on the entry with the time it began: a visitor who has left is never assigned, and one gone
 * longer than the visitor grace period leaves the queue.
 */
export class HandoffService {
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly availability: AgentAvailability;
  private readonly standings: QueueStandings;
  /** Dispatch runs one at a time in this process; a call while one runs waits for a fresh pass. */
  private dispatchChain: Promise<unknown> = Promise.resolve();
  /**
   * Requests from one address run one at a time in this process, so the count and the enqueue
   * of the per-address cap cannot interleave (instances each serialise their own).
   */
  private readonly addressChains = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: HandoffServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
    this.availability = new AgentAvailability(deps.policy);
    this.standings = new QueueStandings({
      handoff: deps.handoff,
      presence: deps.presence,
      availability: this.availability,
      estimator: deps.estimator ?? new WaitEstimator(),
      clock: this.clock,
    });
  }

  // Visitors -----------------------------------------------------------------------------------

  /** Can a visitor of `locale` be queued now? */
  async availabilityFor(locale: Locale): Promise<'open' | 'closed' | 'no_agent'> {
    const now = this.clock();
    if (!this.deps.hours.isOpen(now)) return 'closed';
    const agents = await this.deps.presence.list();
    return agents.some((agent) => this.availability.canServe(agent, locale, now)) ? 'open' : 'no_agent';
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
    const active = await this.deps.handoff.activeForConversation(request.conversationId);
    if (active) return { outcome: 'active', entry: active, standing: await this.standingOf(active) };
    const availability = await this.availabilityFor(request.locale);
    if (availability !== 'open') return { outcome: 'unavailable', reason: availability };
    if (
      addressKey !== null &&
      (await this.deps.handoff.countQueuedFrom(addressKey)) >= this.deps.policy.maxQueuedPerAddress
    ) {
      this.deps.logger.warn(
        { conversationId: request.conversationId },
        'live agent request refused: address cap',
      );
      return { outcome: 'address_limit' };
    }

    const entry: HandoffEntry = {
      id: this.newId(),
      conversationId: request.conversationId,
      channel: request.channel,
      locale: request.locale,
      status: 'queued',
      priority: 0,
      queuedAt: this.clock().toISOString(),
      assignedAt: null,
      endedAt: null,
      endReason: null,
      agentId: null,
      question: request.question.slice(0, 4000),
      // The widget's visitor is on the page: they just asked. Other channels cannot tell.
      visitorPresence: request.channel === 'socket' ? 'active' : null,
      visitorPresenceAt: request.channel === 'socket' ? this.clock().toISOString() : null,
    };
    try {
      await this.deps.handoff.enqueue(entry, addressKey === null ? {} : { queuedFrom: addressKey });
    } catch (error) {
      // The same visitor asked twice at once (two tabs, a retry): one entry, the other sees it.
      if (!isStoreError(error, 'duplicate')) throw error;
      const existing = await this.deps.handoff.activeForConversation(request.conversationId);
      if (!existing) throw error;
      return { outcome: 'active', entry: existing, standing: await this.standingOf(existing) };
    }
    const standing = (await this.standingOf(entry)) ?? { position: 1, estimatedWaitMinutes: null };
    await this.deps.events.queued(entry, standing);
    return { outcome: 'queued', entry, standing };
  }

  /** The queued or assigned entry of a conversation. */
  active(conversationId: string): Promise<HandoffEntry | null> {
    return this.deps.handoff.activeForConversation(conversationId);
  }

  /** The visitor leaves the queue or the chat: the entry ends as `abandoned`. Null when none was active. */
  async leave(conversationId: string): Promise<HandoffEntry | null> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const entry = await this.deps.handoff.activeForConversation(conversationId);
      if (!entry) return null;
      const ended = await this.deps.handoff.transition(entry.id, entry.status, this.endPatch('abandoned'));
      // Null: it was accepted (or ended) at this very moment; read it again and end what it is now.
      if (!ended) continue;
      await this.afterEnd(ended, entry.status === 'assigned' ? entry.agentId : null);
      return ended;
    }
    throw new HandoffError('conflict');
  }

  /**
   * The visitor of the conversation's live chat is `state` now (the widget's channel tells). A
   * change is recorded with its time and told to agents; a visitor back in the queue after having
   * left may be routed at once. Returns the entry, or null without a live chat.
   */
  async visitorPresence(conversationId: string, state: VisitorPresenceState): Promise<HandoffEntry | null> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const entry = await this.deps.handoff.activeForConversation(conversationId);
      if (!entry) return null;
      // Unchanged: the time it began stays.
      if ((entry.visitorPresence ?? null) === state) return entry;
      const moved = await this.deps.handoff.transition(entry.id, entry.status, {
        visitorPresence: state,
        visitorPresenceAt: this.clock().toISOString(),
      });
      // Null: the entry moved at this very moment (accepted, ended); read it again.
      if (!moved) continue;
      await this.deps.events.visitorPresence(moved);
      if (moved.status === 'queued' && entry.visitorPresence === 'left') await this.dispatch();
      return moved;
    }
    return null;
  }

  /** Where a queued entry stands; null for an entry no longer queued. */
  async standingOf(entry: HandoffEntry): Promise<QueueStanding | null> {
    if (entry.status !== 'queued') return null;
    const standings = await this.standings.compute(entry.locale);
    return standings.find((item) => item.entry.id === entry.id)?.standing ?? null;
  }

  /** Every queued entry in claim order with where it stands (for the agents' queue view). */
  async queue(): Promise<Array<{ entry: HandoffEntry; standing: QueueStanding }>> {
    return this.standings.compute();
  }

  // Agents' chats (their presence: agentPresenceService.ts) --------------------------------------

  chatsOf(agentId: string): Promise<HandoffEntry[]> {
    return this.deps.handoff.assignedTo(agentId);
  }

  /** The conversation's chat, if it is assigned to `agentId` now (`chat_not_found`, `not_your_chat`). */
  async assignedChat(agentId: string, conversationId: string): Promise<HandoffEntry> {
    const entry = await this.deps.handoff.activeForConversation(conversationId);
    if (!entry) throw new HandoffError('chat_not_found');
    if (entry.status !== 'assigned' || entry.agentId !== agentId) throw new HandoffError('not_your_chat');
    return entry;
  }

  /**
   * The agent takes the next waiting chat in their languages (first in, first out within the
   * language; chats put back after an agent left first). Accepting means being ready: an agent who
   * was away becomes available. Null when nothing waits for them.
   */
  async acceptNext(agentId: string): Promise<HandoffEntry | null> {
    const now = this.clock();
    const at = now.toISOString();
    let presence = await this.deps.presence.get(agentId);
    if (!presence || !this.availability.isConnected(presence, now))
      throw new HandoffError('agent_unavailable');
    const speaks = presence.languages;
    // In claim order, the visitors in the agent's languages who are still there.
    const waiting = (await this.deps.handoff.queued()).filter(
      (entry) => speaks.includes(entry.locale) && entry.visitorPresence !== 'left',
    );
    if (waiting.length === 0) return null;
    if (presence.status === 'away') {
      presence = await this.deps.presence.update(agentId, { status: 'available' });
      if (presence) await this.deps.events.presenceChanged(presence);
    }
    const reserved = await this.deps.presence.reserveSlot(agentId, at);
    if (!reserved) throw new HandoffError('agent_unavailable');
    // Each move is a compare-and-set: an entry taken elsewhere meanwhile is skipped for the next.
    let entry: HandoffEntry | null = null;
    for (const candidate of waiting) {
      entry = await this.deps.handoff.transition(candidate.id, 'queued', {
        status: 'assigned',
        agentId,
        assignedAt: at,
      });
      if (entry) break;
    }
    if (!entry) {
      const released = await this.deps.presence.releaseSlot(agentId, at);
      if (released) await this.deps.events.presenceChanged(released);
      return null;
    }
    await this.deps.events.assigned(entry, 'accepted', null);
    await this.deps.events.presenceChanged(reserved);
    await this.publishStandings();
    await this.dispatch();
    return entry;
  }

  /** The agent ends the chat: `resolved`, the bot takes over again. */
  async end(agentId: string, conversationId: string): Promise<HandoffEntry> {
    const entry = await this.assignedChat(agentId, conversationId);
    const ended = await this.deps.handoff.transition(entry.id, 'assigned', this.endPatch('resolved'));
    if (!ended) throw new HandoffError('conflict');
    await this.afterEnd(ended, agentId);
    return ended;
  }

  /** Hands an assigned chat to another agent who is available, has a free slot and speaks the language. */
  async transfer(agentId: string, conversationId: string, toAgentId: string): Promise<HandoffEntry> {
    if (toAgentId === agentId) throw new HandoffError('invalid_request');
    const entry = await this.assignedChat(agentId, conversationId);
    const now = this.clock();
    const at = now.toISOString();
    const target = await this.deps.presence.get(toAgentId);
    if (!target || !this.availability.canTakeChat(target, entry.locale, now)) {
      throw new HandoffError('agent_unavailable');
    }
    const reserved = await this.deps.presence.reserveSlot(toAgentId, at);
    if (!reserved) throw new HandoffError('agent_unavailable');
    const moved = await this.deps.handoff.transition(entry.id, 'assigned', {
      agentId: toAgentId,
      assignedAt: at,
    });
    if (!moved) {
      const released = await this.deps.presence.releaseSlot(toAgentId, at);
      if (released) await this.deps.events.presenceChanged(released);
      throw new HandoffError('conflict');
    }
    const released = await this.deps.presence.releaseSlot(agentId, at);
    await this.deps.events.assigned(moved, 'transferred', agentId);
    await this.deps.events.presenceChanged(reserved);
    if (released) await this.deps.events.presenceChanged(released);
    return moved;
  }

  // Routing and sweeping -----------------------------------------------------------------------

  /**
   * Routes waiting chats to available agents: in claim order, each to the eligible agent with the
   * fewest open chats (ties: idle longest). The slot is reserved first (atomic, never above the
   * agent's maximum), then the entry is moved with a compare-and-set; losing either gives the slot
   * back. Returns how many chats this pass assigned.
   */
  dispatch(): Promise<number> {
    const run = this.dispatchChain.then(() => this.dispatchOnce());
    this.dispatchChain = run.catch(() => undefined);
    return run;
  }

  /**
   * What the timers of a single process would do, re-derived from the store so that any instance
   * (or a restarted one) can do it: ends waits past the maximum, gives back the chats of agents gone
   * for longer than the grace period (to the front of the queue while someone can take them), marks
   * silent agents offline, then routes. Safe to run on every instance at once.
   */
  async sweep(): Promise<SweepReport> {
    const now = this.clock();
    const at = now.toISOString();
    const report: SweepReport = { visitorsGone: 0, expired: 0, requeued: 0, endedAgentLeft: 0, assigned: 0 };

    for (const entry of await this.deps.handoff.queued()) {
      const gone = this.isVisitorGone(entry, now);
      if (!gone && now.getTime() - Date.parse(entry.queuedAt) < this.deps.policy.maxWaitMs) continue;
      const ended = await this.deps.handoff.transition(
        entry.id,
        'queued',
        this.endPatch(gone ? 'abandoned' : 'expired'),
      );
      if (!ended) continue;
      if (gone) report.visitorsGone += 1;
      else report.expired += 1;
      await this.deps.events.ended(ended, null);
    }

    const agents = await this.deps.presence.list();
    const requeued: Array<{ entry: HandoffEntry; from: string }> = [];
    for (const agent of agents) {
      if (agent.status === 'offline' && agent.openChats === 0) continue;
      if (!this.availability.isPastGrace(agent, now)) continue;
      // In the order the visitors first queued; each goes back a millisecond after the one before,
      // so they keep that order among themselves at the front of the line.
      const chats = (await this.deps.handoff.assignedTo(agent.agentId)).sort((a, b) =>
        a.queuedAt.localeCompare(b.queuedAt),
      );
      for (const [index, chat] of chats.entries()) {
        const someoneElse =
          this.deps.hours.isOpen(now) &&
          agents.some(
            (other) => other.agentId !== agent.agentId && this.availability.canServe(other, chat.locale, now),
          );
        const moved = someoneElse
          ? await this.deps.handoff.transition(chat.id, 'assigned', {
              status: 'queued',
              agentId: null,
              assignedAt: null,
              queuedAt: new Date(now.getTime() + index).toISOString(),
              priority: Math.min(MAX_PRIORITY, chat.priority + 1),
            })
          : await this.deps.handoff.transition(chat.id, 'assigned', this.endPatch('agent_left'));
        if (!moved) continue;
        await this.deps.presence.releaseSlot(agent.agentId, at);
        if (moved.status === 'queued') {
          report.requeued += 1;
          requeued.push({ entry: moved, from: agent.agentId });
        } else {
          report.endedAgentLeft += 1;
          await this.deps.events.ended(moved, agent.agentId);
        }
      }
      // Gone for good: nothing can be in flight for an offline agent, so the count is reset.
      const settled = await this.deps.presence.update(agent.agentId, { status: 'offline', openChats: 0 });
      if (settled) await this.deps.events.presenceChanged(settled);
      this.deps.logger.info(
        { agentId: agent.agentId, chats: chats.length },
        'agent gone past the grace period',
      );
    }

    if (requeued.length > 0) {
      const standings = await this.standings.compute();
      for (const { entry, from } of requeued) {
        const standing = standings.find((item) => item.entry.id === entry.id)?.standing ?? {
          position: 1,
          estimatedWaitMinutes: null,
        };
        await this.deps.events.requeued(entry, from, standing);
      }
    }
    if (report.visitorsGone > 0 || report.expired > 0 || report.requeued > 0) await this.publishStandings();
    report.assigned = await this.dispatch();
    return report;
  }

  // Internals ----------------------------------------------------------------------------------

  private async dispatchOnce(): Promise<number> {
    const queued = await this.deps.handoff.queued();
    if (queued.length === 0) return 0;
    const now = this.clock();
    const at = now.toISOString();
    const agents = new Map(
      (await this.deps.presence.list({ status: 'available' })).map((agent) => [agent.agentId, agent]),
    );
    let assigned = 0;
    for (const entry of queued) {
      // Nobody is there to talk to: the visitor keeps their place while they may still come back.
      if (entry.visitorPresence === 'left') continue;
      const candidates = [...agents.values()]
        .filter((agent) => this.availability.canTakeChat(agent, entry.locale, now))
        .sort((a, b) => AgentAvailability.compare(a, b));
      for (const candidate of candidates) {
        const reserved = await this.deps.presence.reserveSlot(candidate.agentId, at);
        if (!reserved) {
          // Full or no longer available (changed on another instance): skip this agent for now.
          agents.delete(candidate.agentId);
          continue;
        }
        const moved = await this.deps.handoff.transition(entry.id, 'queued', {
          status: 'assigned',
          agentId: candidate.agentId,
          assignedAt: at,
        });
        if (!moved) {
          const released = await this.deps.presence.releaseSlot(candidate.agentId, at);
          if (released) agents.set(released.agentId, released);
          break; // Taken elsewhere in the meantime.
        }
        agents.set(reserved.agentId, reserved);
        assigned += 1;
        await this.deps.events.assigned(moved, 'routed', null);
        await this.deps.events.presenceChanged(reserved);
        break;
      }
    }
    if (assigned > 0) await this.publishStandings();
    return assigned;
  }

  /** A queued visitor with no page connected for longer than the visitor grace period. */
  private isVisitorGone(entry: HandoffEntry, now: Date): boolean {
    if (entry.visitorPresence !== 'left') return false;
    const since = Date.parse(entry.visitorPresenceAt ?? entry.queuedAt);
    return now.getTime() - since >= this.deps.policy.visitorGraceMs;
  }

  private endPatch(reason: NonNullable<HandoffEntry['endReason']>): Partial<HandoffEntry> {
    return { status: 'ended', endReason: reason, endedAt: this.clock().toISOString() };
  }

  /** After an end: the agent's slot back, everyone told, the queue moves. */
  private async afterEnd(ended: HandoffEntry, agentId: string | null): Promise<void> {
    if (agentId) {
      const released = await this.deps.presence.releaseSlot(agentId, this.clock().toISOString());
      if (released) await this.deps.events.presenceChanged(released);
    }
    await this.deps.events.ended(ended, agentId);
    if (agentId) await this.dispatch();
    else await this.publishStandings();
  }

  private async publishStandings(): Promise<void> {
    const standings = await this.standings.compute();
    await this.deps.events.standings(standings);
  }
}
