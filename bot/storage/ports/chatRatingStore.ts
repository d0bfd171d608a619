import type { Locale } from '../../../contracts/locale.js';
import type { ChatRating } from '../../handoff/records.js';
export type { ChatRating } from '../../handoff/records.js';

// Visitors' ratings of live chats.

export interface ChatRatingStore {
  /** `DuplicateKeyError` when the chat was rated already. */
  add(rating: ChatRating): Promise<void>;
  /** In time order, `from` inclusive, `to` exclusive. */
  list(filter: { from: string; to: string; locale?: Locale }): Promise<ChatRating[]>;
}
