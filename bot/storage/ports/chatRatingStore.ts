import type { Locale } from '../../../contracts/locale.js';

// Visitors' ratings of live chats.

/**
 * A visitor's rating of a live-agent chat after it ended: 1 (very poor) to 5 (very good), once per
 * chat (`chatId` is the handoff entry's id and the record's key).
 */
export interface ChatRating {
  chatId: string;
  conversationId: string;
  /** The agent who was in the chat when it ended. */
  agentId: string;
  locale: Locale;
  rating: number;
  at: string;
}

export interface ChatRatingStore {
  /** `DuplicateKeyError` when the chat was rated already. */
  add(rating: ChatRating): Promise<void>;
  /** In time order, `from` inclusive, `to` exclusive. */
  list(filter: { from: string; to: string; locale?: Locale }): Promise<ChatRating[]>;
}
