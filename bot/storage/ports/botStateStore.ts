import type { Storage } from 'botbuilder';

// Bot state: botbuilder's Storage with real eTag checks (a stale write raises, never overwrites).

export interface BotStateStore extends Storage {
  /**
   * Retention: deletes the items not written since `cutoff` (every write stamps the item with the
   * system time). Conversation and visitor state alike: a leave-a-message dialog abandoned
   * halfway (name, e-mail, phone) goes with the rest. Returns how many.
   */
  deleteUnchangedSince(cutoff: string): Promise<number>;
}
