import type { HandoffEntry } from './records.js';
import { HandoffError } from './handoffError.js';
import { publishStandings, type HandoffContext } from './handoffContext.js';
import type { QueueDispatcher } from './queueDispatcher.js';

/** Agents' chats: which are theirs, taking the next one, handing one to a colleague. */
export class ChatAssignment {
  constructor(
    private readonly context: HandoffContext,
    private readonly dispatcher: Pick<QueueDispatcher, 'dispatch'>,
  ) {}

  /** The queued or assigned entry of a conversation. */
  active(conversationId: string): Promise<HandoffEntry | null> {
    return this.context.handoff.activeForConversation(conversationId);
  }

  chatsOf(agentId: string): Promise<HandoffEntry[]> {
    return this.context.handoff.assignedTo(agentId);
  }

  /** The conversation's chat, if it is assigned to `agentId` now (`chat_not_found`, `not_your_chat`). */
  async assignedChat(agentId: string, conversationId: string): Promise<HandoffEntry> {
    const entry = await this.context.handoff.activeForConversation(conversationId);
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
    const { handoff, presence: presenceStore, availability, events } = this.context;
    const now = this.context.clock.now();
    const at = now.toISOString();
    let presence = await presenceStore.get(agentId);
    if (!presence || !availability.isConnected(presence, now)) throw new HandoffError('agent_unavailable');
    const speaks = presence.languages;
    // In claim order, the visitors in the agent's languages who are still there.
    const waiting = (await handoff.queued()).filter(
      (entry) => speaks.includes(entry.locale) && entry.visitorPresence !== 'left',
    );
    if (waiting.length === 0) return null;
    if (presence.status === 'away') {
      presence = await presenceStore.update(agentId, { status: 'available' });
      if (presence) await events.presenceChanged(presence);
    }
    const reserved = await presenceStore.reserveSlot(agentId, at);
    if (!reserved) throw new HandoffError('agent_unavailable');
    // Each move is a compare-and-set: an entry taken elsewhere meanwhile is skipped for the next.
    let entry: HandoffEntry | null = null;
    for (const candidate of waiting) {
      entry = await handoff.transition(candidate.id, 'queued', {
        status: 'assigned',
        agentId,
        assignedAt: at,
      });
      if (entry) break;
    }
    if (!entry) {
      const released = await presenceStore.releaseSlot(agentId, at);
      if (released) await events.presenceChanged(released);
      return null;
    }
    await events.assigned(entry, 'accepted', null);
    await events.presenceChanged(reserved);
    await publishStandings(this.context);
    await this.dispatcher.dispatch();
    return entry;
  }

  /** Hands an assigned chat to another agent who is available, has a free slot and speaks the language. */
  async transfer(agentId: string, conversationId: string, toAgentId: string): Promise<HandoffEntry> {
    if (toAgentId === agentId) throw new HandoffError('invalid_request');
    const { handoff, presence, availability, events } = this.context;
    const entry = await this.assignedChat(agentId, conversationId);
    const now = this.context.clock.now();
    const at = now.toISOString();
    const target = await presence.get(toAgentId);
    if (!target || !availability.canTakeChat(target, entry.locale, now)) {
      throw new HandoffError('agent_unavailable');
    }
    const reserved = await presence.reserveSlot(toAgentId, at);
    if (!reserved) throw new HandoffError('agent_unavailable');
    const moved = await handoff.transition(entry.id, 'assigned', {
      agentId: toAgentId,
      assignedAt: at,
    });
    if (!moved) {
      const released = await presence.releaseSlot(toAgentId, at);
      if (released) await events.presenceChanged(released);
      throw new HandoffError('conflict');
    }
    const released = await presence.releaseSlot(agentId, at);
    await events.assigned(moved, 'transferred', agentId);
    await events.presenceChanged(reserved);
    if (released) await events.presenceChanged(released);
    return moved;
  }
}
