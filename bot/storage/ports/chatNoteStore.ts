// Private notes agents keep beside a live chat.

/**
 * A private note an agent wrote on a chat (or the note of a transfer, for the agent who receives
 * it). Never sent to the visitor; kept beside the transcript and deleted with it by retention.
 */
export interface ChatNote {
  /** Chosen by the console (a retry of the same note is the same id). */
  id: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  kind: 'note' | 'transfer';
  /** Personal data already masked by the caller, as in the transcript. */
  text: string;
  /** The transcript's last seq when it was written: where it sits among the messages. */
  afterSeq: number;
  at: string;
  /** `transfer`: who the chat was handed to. */
  toAgentId: string | null;
}

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
