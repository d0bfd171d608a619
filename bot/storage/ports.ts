/**
 * The storage ports: small interfaces for everything the product keeps, one file per store
 * (ports/), all exported here with `Store`, the set the composition root opens. Two
 * implementations live behind them (the embedded SQLite file, MongoDB) and one contract suite
 * (test/storage/) holds both to the same behaviour. Nothing outside bot/storage/ imports a
 * database driver.
 *
 * Conventions:
 * - Timestamps are ISO-8601 UTC strings (`new Date().toISOString()`), so they sort as text and
 *   compare the same way in both databases.
 * - Records are plain JSON values; callers get copies, never live references into a cache.
 * - Every method validates what it is given: unknown fields, `$`-prefixed keys and non-string ids
 *   are refused with `StoreInputError` before anything reaches a query.
 * - Compare-and-set failures raise `ConflictError`; unique-key violations `DuplicateKeyError`.
 */
export type * from './ports/articleStore.js';
export type * from './ports/conversationStore.js';
export type * from './ports/botStateStore.js';
export type * from './ports/handoffStore.js';
export type * from './ports/presenceStore.js';
export type * from './ports/chatNoteStore.js';
export type * from './ports/cannedReplyStore.js';
export type * from './ports/userStore.js';
export type * from './ports/sessionStore.js';
export type * from './ports/serviceRequestStore.js';
export type * from './ports/feedbackStore.js';
export type * from './ports/chatRatingStore.js';
export type * from './ports/analyticsStore.js';
export type * from './ports/auditStore.js';
import type { AnalyticsStore } from './ports/analyticsStore.js';
import type { ArticleStore } from './ports/articleStore.js';
import type { AuditStore } from './ports/auditStore.js';
import type { BotStateStore } from './ports/botStateStore.js';
import type { CannedReplyStore } from './ports/cannedReplyStore.js';
import type { ChatNoteStore } from './ports/chatNoteStore.js';
import type { ChatRatingStore } from './ports/chatRatingStore.js';
import type { ConversationStore } from './ports/conversationStore.js';
import type { FeedbackStore } from './ports/feedbackStore.js';
import type { HandoffStore } from './ports/handoffStore.js';
import type { PresenceStore } from './ports/presenceStore.js';
import type { ServiceRequestStore } from './ports/serviceRequestStore.js';
import type { SessionStore } from './ports/sessionStore.js';
import type { UserStore } from './ports/userStore.js';

export type StoreKind = 'embedded' | 'mongodb';

/** What a store has done since it was opened (see `Store.activity`). */
export interface StoreActivity {
  /** Transactions made durable. */
  commits: number;
  /** Statements that write (and reads made inside a transaction, which see its writes). */
  writes: number;
  /** Reads of committed data. */
  reads: number;
}

/** Everything the product stores, opened once by the composition root. */
export interface Store {
  readonly kind: StoreKind;
  readonly articles: ArticleStore;
  readonly conversations: ConversationStore;
  readonly botState: BotStateStore;
  readonly handoff: HandoffStore;
  readonly presence: PresenceStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly serviceRequests: ServiceRequestStore;
  readonly feedback: FeedbackStore;
  readonly chatRatings: ChatRatingStore;
  readonly analytics: AnalyticsStore;
  readonly audit: AuditStore;
  readonly chatNotes: ChatNoteStore;
  readonly cannedReplies: CannedReplyStore;
  /** Resolves when the store answers; rejects when it does not (readiness probe). */
  ping(): Promise<void>;
  /**
   * Resolves once the store's start-up self-check passed; rejects with its one-line report of a
   * damaged file. Already settled unless the store was opened with the check in the background.
   */
  checked(): Promise<void>;
  /**
   * A copy of the counts of what the store has done since it was opened, for tests that pin what
   * one turn costs it; null when the backend does not count (MongoDB).
   */
  activity(): StoreActivity | null;
  /** Flushes and closes. Nothing acknowledged before close is lost. */
  close(): Promise<void>;
}
