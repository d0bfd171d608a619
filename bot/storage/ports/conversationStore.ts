import type { ChannelKind, ConversationRecord, TranscriptEntry } from '../../conversations/records.js';
export type {
  ChannelKind,
  ConversationRecord,
  TranscriptEntry,
  TranscriptRole,
} from '../../conversations/records.js';

// Conversations and their transcripts.

export type ConversationPatch = Partial<
  Pick<ConversationRecord, 'locale' | 'tokenHash' | 'reference' | 'lastActivityAt'>
>;

export interface ConversationStore {
  /** `DuplicateKeyError` when the id exists. */
  create(record: Omit<ConversationRecord, 'lastSeq' | 'turnSeq'>): Promise<ConversationRecord>;
  get(id: string): Promise<ConversationRecord | null>;
  findByTokenHash(tokenHash: string): Promise<ConversationRecord | null>;
  /** The conversations started from one browser (`browserHash`), newest first, at most `limit`. */
  listByBrowser(browserHash: string, options: { limit: number }): Promise<ConversationRecord[]>;
  /**
   * `NotFoundError` when the conversation does not exist, or (with `channel`) belongs to another
   * channel: conversations are owned by their channel.
   */
  update(
    id: string,
    patch: ConversationPatch,
    options?: { channel?: ChannelKind },
  ): Promise<ConversationRecord>;
  /**
   * Appends to the transcript with the next sequence number (atomic: concurrent appends get
   * distinct, increasing numbers). `DuplicateKeyError` when `messageId` is already in this
   * conversation: that is how a retried message is recognised. `NotFoundError` when the conversation
   * does not exist (or, with `channel`, belongs to another channel). `touch` is a patch of the
   * conversation made in the same write (its last activity, its reference).
   */
  append(
    entry: Omit<TranscriptEntry, 'seq'>,
    options?: { touch?: ConversationPatch; channel?: ChannelKind },
  ): Promise<TranscriptEntry>;
  /**
   * Several entries of one conversation in one atomic step, with consecutive numbers in their
   * order (a turn's replies). `DuplicateKeyError` when any `messageId` is already there, and then
   * none is appended; `NotFoundError` as `append`.
   */
  appendAll(entries: ReadonlyArray<Omit<TranscriptEntry, 'seq'>>): Promise<TranscriptEntry[]>;
  /** In sequence order; `afterSeq` for what a reconnecting client missed. */
  transcript(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<TranscriptEntry[]>;
  findMessage(conversationId: string, messageId: string): Promise<TranscriptEntry | null>;
  /**
   * Moves `turnSeq` up to `seq` if it is below (atomic). True when it moved: of several callers
   * taking on the same message, exactly one gets true.
   */
  finishTurn(conversationId: string, seq: number): Promise<boolean>;
  /**
   * Visitor messages of socket conversations active since `activeSince` that are above their
   * conversation's `turnSeq` and were recorded at or before `recordedBefore`: acknowledged but
   * never answered. In conversation order, then sequence order; at most `limit` conversations.
   */
  pendingTurns(options: {
    activeSince: string;
    recordedBefore: string;
    limit: number;
  }): Promise<TranscriptEntry[]>;
  /** Retention: deletes conversations idle since before `cutoff`, with their transcripts. Returns how many. */
  deleteInactiveSince(cutoff: string): Promise<number>;
}
