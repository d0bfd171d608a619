import type { HandoffEntry, VisitorPresenceState } from './records.js';
import type { HandoffContext } from './handoffContext.js';
import type { QueueDispatcher } from './queueDispatcher.js';

/** The visitor's presence (active / away / left) as the widget's channel reports it, kept on the entry. */
export class VisitorPresenceUpdates {
  constructor(
    private readonly context: HandoffContext,
    private readonly dispatcher: Pick<QueueDispatcher, 'dispatch'>,
  ) {}

  /**
   * The visitor of the conversation's live chat is `state` now (the widget's channel tells). A
   * change is recorded with its time and told to agents; a visitor back in the queue after having
   * left may be routed at once. Returns the entry, or null without a live chat.
   */
  async record(conversationId: string, state: VisitorPresenceState): Promise<HandoffEntry | null> {
    const { handoff, events, clock } = this.context;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const entry = await handoff.activeForConversation(conversationId);
      if (!entry) return null;
      // Unchanged: the time it began stays.
      if ((entry.visitorPresence ?? null) === state) return entry;
      const moved = await handoff.transition(entry.id, entry.status, {
        visitorPresence: state,
        visitorPresenceAt: clock.now().toISOString(),
      });
      // Null: the entry moved at this very moment (accepted, ended); read it again.
      if (!moved) continue;
      await events.visitorPresence(moved);
      if (moved.status === 'queued' && entry.visitorPresence === 'left') await this.dispatcher.dispatch();
      return moved;
    }
    return null;
  }
}
