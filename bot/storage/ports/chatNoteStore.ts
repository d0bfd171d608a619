import type { ChatNote } from '../../handoff/records.js';
export type { ChatNote } from '../../handoff/records.js';
// Private notes agents keep beside a live chat.

export interface ChatNoteStore {
  /** `DuplicateKeyError` when the conversation already has a note with this id. */
  add(note: ChatNote): Promise<void>;
  get(conversationId: string, id: string): Promise<ChatNote | null>;
  /** The conversation's notes in the order they were written. */
  list(conversationId: string): Promise<ChatNote[]>;
  count(conversationId: string): Promise<number>;
  /**
   * Retention: deletes notes written before `cutoff` (a conversation idle past the retention
   * period goes with its notes, whose times are within it). Returns how many.
   */
  deleteBefore(cutoff: string): Promise<number>;
}
