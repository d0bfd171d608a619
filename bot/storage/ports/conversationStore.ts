import type { Locale } from '../../../contracts/locale.js';

// Conversations and their transcripts.

export type ChannelKind = 'socket' | 'botframework';

export interface ConversationRecord {
  id: string;
  channel: ChannelKind;
  locale: Locale;
  /** Socket channel: SHA-256 (hex) of the visitor's opaque resume token; the token itself is never stored. */
  tokenHash: string | null;
  /** JSON of the botbuilder ConversationReference, for proactive messages (agent replies, queue updates). */
  reference: string | null;
  /** The last transcript sequence number handed out (0 before the first entry). */
  lastSeq: number;
  /**
   * Socket channel: the seq of the last visitor message whose bot turn has run (or been taken on
   * by a recovery). A visitor message above it was acknowledged but never answered, which only a
   * crash between the two leaves behind (see `pendingTurns`).
   */
  turnSeq: number;
  createdAt: string;
  lastActivityAt: string;
  /**
   * Widget: the page the conversation started on (origin and path only, personal data masked), for
   * the agent's context. Null or absent elsewhere.
   */
  startPage?: string | null;
  /**
   * Widget: SHA-256 (hex) of the browser's random id (kept in the widget's localStorage), so an
   * agent sees the earlier conversations from the same browser. The id itself is never stored.
   */
  browserHash?: string | null;
}

export type TranscriptRole = 'visitor' | 'bot' | 'agent' | 'system';

export interface TranscriptEntry {
  conversationId: string;
  /** 1, 2, 3... per conversation, in the order the entries were appended. */
  seq: number;
  /** Unique within the conversation: the client's id for visitor messages, a server id otherwise. */
  messageId: string;
  role: TranscriptRole;
  /** Personal data already masked by the caller. */
  text: string;
  locale: Locale | null;
  at: string;
  agentId: string | null;
  /** JSON of the activity as sent (suggested actions, channelData...), for replay to a reconnecting client. */
  activity: string | null;
}

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
