import { isStoreError } from '../storage/errors.js';
import type { ChatRatingStore, HandoffStore } from '../storage/ports.js';
import type { Clock } from '../shared/clock.js';

export type RateOutcome = 'rated' | 'not_allowed';

/**
 * Visitors' ratings of their live-agent chats. A rating is taken only for a chat of the visitor's
 * own conversation that has ended after an agent joined it, once: the chat's id is the record's
 * key, so nothing a visitor sends can add more than one record per chat an agent took.
 */
export class ChatRatings {
  constructor(
    private readonly deps: {
      handoff: Pick<HandoffStore, 'get'>;
      ratings: ChatRatingStore;
      clock: Clock;
    },
  ) {}

  async rate(conversationId: string, chatId: string, rating: number): Promise<RateOutcome> {
    const chat = await this.deps.handoff.get(chatId);
    if (
      !chat ||
      chat.conversationId !== conversationId ||
      chat.status !== 'ended' ||
      chat.agentId === null ||
      chat.assignedAt === null
    ) {
      return 'not_allowed';
    }
    try {
      await this.deps.ratings.add({
        chatId: chat.id,
        conversationId,
        agentId: chat.agentId,
        locale: chat.locale,
        rating,
        at: this.deps.clock.now().toISOString(),
      });
      return 'rated';
    } catch (error) {
      if (isStoreError(error, 'duplicate')) return 'not_allowed';
      throw error;
    }
  }
}
