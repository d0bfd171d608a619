import type { HandoffEntry } from './records.js';
import type { ChatAssignment } from './chatAssignment.js';
import { HandoffError } from './handoffError.js';
import { endPatch, publishStandings, type HandoffContext } from './handoffContext.js';
import type { QueueDispatcher } from './queueDispatcher.js';

/** Ending a chat or a wait, by the agent (`resolved`) or by the visitor leaving (`abandoned`). */
export class ChatClosing {
  constructor(
    private readonly context: HandoffContext,
    private readonly parts: {
      assignment: Pick<ChatAssignment, 'assignedChat'>;
      dispatcher: Pick<QueueDispatcher, 'dispatch'>;
    },
  ) {}

  /** The visitor leaves the queue or the chat: the entry ends as `abandoned`. Null when none was active. */
  async leave(conversationId: string): Promise<HandoffEntry | null> {
    const { handoff } = this.context;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const entry = await handoff.activeForConversation(conversationId);
      if (!entry) return null;
      const ended = await handoff.transition(entry.id, entry.status, endPatch(this.context, 'abandoned'));
      // Null: it was accepted (or ended) at this very moment; read it again and end what it is now.
      if (!ended) continue;
      await this.afterEnd(ended, entry.status === 'assigned' ? entry.agentId : null);
      return ended;
    }
    throw new HandoffError('conflict');
  }

  /** The agent ends the chat: `resolved`, the bot takes over again. */
  async end(agentId: string, conversationId: string): Promise<HandoffEntry> {
    const entry = await this.parts.assignment.assignedChat(agentId, conversationId);
    const ended = await this.context.handoff.transition(
      entry.id,
      'assigned',
      endPatch(this.context, 'resolved'),
    );
    if (!ended) throw new HandoffError('conflict');
    await this.afterEnd(ended, agentId);
    return ended;
  }

  /** After an end: the agent's slot back, everyone told, the queue moves. */
  private async afterEnd(ended: HandoffEntry, agentId: string | null): Promise<void> {
    const { presence, events, clock } = this.context;
    if (agentId) {
      const released = await presence.releaseSlot(agentId, clock.now().toISOString());
      if (released) await events.presenceChanged(released);
    }
    await events.ended(ended, agentId);
    if (agentId) await this.parts.dispatcher.dispatch();
    else await publishStandings(this.context);
  }
}
