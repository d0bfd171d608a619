import type { VisitorPresenceState } from '../../../contracts/agentEvents.js';
import type { HandoffService } from '../../handoff/handoffService.js';
import type { Logger } from '../../logging/logger.js';
import { ConversationTurnQueue } from '../conversationTurnQueue.js';
import { conversationRoom } from '../socket/visitorEmitter.js';
import type { VisitorNamespace } from '../socket/visitorSocket.js';

/**
 * Where a widget visitor with a live chat is, from their sockets: `active` while a page of theirs
 * is connected and visible, `away` while every connected page is hidden, `left` when none is
 * connected. Counted over every instance (`fetchSockets` goes through the Socket.IO adapter), and
 * worked out again at each connection, disconnection and visibility change of the conversation,
 * one at a time per conversation, so a quick reload is never overtaken by the disconnect before it.
 * Only conversations with a queued or assigned chat are looked at further than one indexed read.
 */
export class VisitorPresenceTracker {
  private readonly changes = new ConversationTurnQueue();

  constructor(
    private readonly deps: { visitors: VisitorNamespace; service: HandoffService; logger: Logger },
  ) {}

  /** Works the conversation's presence out again and records it if it changed. */
  refresh(conversationId: string): void {
    void this.changes
      .run(conversationId, async () => {
        const chat = await this.deps.service.active(conversationId);
        if (!chat || chat.channel !== 'socket') return;
        const state = await this.stateOf(conversationId);
        if (state !== chat.visitorPresence) await this.deps.service.visitorPresence(conversationId, state);
      })
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error, conversationId }, 'visitor presence not recorded'),
      );
  }

  private async stateOf(conversationId: string): Promise<VisitorPresenceState> {
    const sockets = await this.deps.visitors.in(conversationRoom(conversationId)).fetchSockets();
    if (sockets.length === 0) return 'left';
    return sockets.some((socket) => socket.data.pageHidden !== true) ? 'active' : 'away';
  }
}
