/**
 * The storage ports: small interfaces for everything the product keeps. Two implementations live
 * behind them (embedded NeDB files, MongoDB) and one contract suite (test/storage/) holds both to
 * the same behaviour. Nothing outside bot/storage/ imports a database driver.
 *
 * Conventions:
 * - Timestamps are ISO-8601 UTC strings (`new Date().toISOString()`), so they sort as text and
 *   compare the same way in both databases.
 * - Records are plain JSON values; callers get copies, never live references into a cache.
 * - Every method validates what it is given: unknown fields, `$`-prefixed keys and non-string ids
 *   are refused with `StoreInputError` before anything reaches a query.
 * - Compare-and-set failures raise `ConflictError`; unique-key violations `DuplicateKeyError`.
 */
import type { Storage } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../knowledge/content/article.js';

// ---------------------------------------------------------------------------------------------
// Articles, with drafts, published versions and revisions (editors' side).

export type ArticleStatus = 'draft' | 'published' | 'unpublished';

export interface ArticleRecord {
  id: string;
  locale: Locale;
  /** `published`: visitors see `published`. `draft`: never published. `unpublished`: taken down. */
  status: ArticleStatus;
  /** Soft delete: kept with its history, hidden from lists and from visitors. */
  deleted: boolean;
  /** The working copy editors change; visitors never see it until it is published. */
  draft: KnowledgeArticle;
  /** What visitors see; null when never published or unpublished. */
  published: KnowledgeArticle | null;
  /** Increases by one with every saved change; the compare-and-set token for concurrent edits. */
  revision: number;
  /** The revision that `published` was taken from. */
  publishedRevision: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export type ArticleAction =
  'create' | 'update' | 'publish' | 'unpublish' | 'delete' | 'restore' | 'rollback' | 'import';

/** One saved change of an article: who, when, what, and the full draft content after it. */
export interface ArticleRevision {
  id: string;
  locale: Locale;
  revision: number;
  action: ArticleAction;
  content: KnowledgeArticle;
  author: string;
  at: string;
  note: string | null;
}

export interface ArticleListFilter {
  locale?: Locale;
  status?: ArticleStatus;
  includeDeleted?: boolean;
}

export interface ArticleStore {
  get(locale: Locale, id: string): Promise<ArticleRecord | null>;
  /** Sorted by locale, then id. */
  list(filter?: ArticleListFilter): Promise<ArticleRecord[]>;
  /** Stores a new article and its first revision; `DuplicateKeyError` when (locale, id) exists. */
  create(record: ArticleRecord, revision: ArticleRevision): Promise<void>;
  /**
   * Replaces the record and appends its revision, only if the stored revision is still
   * `expectedRevision` (`record.revision` must be `expectedRevision + 1`); else `ConflictError`
   * and nothing is written. Two concurrent updates from the same revision: exactly one wins.
   */
  update(record: ArticleRecord, expectedRevision: number, revision: ArticleRevision): Promise<void>;
  /** Oldest first. */
  revisions(locale: Locale, id: string): Promise<ArticleRevision[]>;
  revision(locale: Locale, id: string, revision: number): Promise<ArticleRevision | null>;
  /**
   * An opaque token that changes when an article is created or updated (drafts, publishes,
   * deletes alike) and stays the same otherwise, so an instance that built something from the
   * articles (its answer index) can tell that another instance changed them: read it before
   * rebuilding, compare later. Cheap: a count and the newest record by `updatedAt` (indexed). An
   * update is seen through its record's `updatedAt`, so it must be at least as new as every other
   * record's (writers stamp their clock's time; clocks a few ms apart matter only for two changes
   * a few ms apart, and the next change shows both).
   */
  contentVersion(): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Bot state: botbuilder's Storage with real eTag checks (a stale write raises, never overwrites).

export interface BotStateStore extends Storage {
  /**
   * Retention: deletes the items not written since `cutoff` (every write stamps the item with the
   * system time). Conversation and visitor state alike: a leave-a-message dialog abandoned
   * halfway (name, e-mail, phone) goes with the rest. Returns how many.
   */
  deleteUnchangedSince(cutoff: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Live-agent handoff: the queue and the agents' presence, shared by every server instance.

export type HandoffStatus = 'queued' | 'assigned' | 'ended';
export type HandoffEndReason = 'resolved' | 'abandoned' | 'expired' | 'agent_left';

export interface HandoffEntry {
  id: string;
  conversationId: string;
  channel: ChannelKind;
  locale: Locale;
  status: HandoffStatus;
  /** Higher first; a chat put back after its agent left goes to the front with a higher priority. */
  priority: number;
  queuedAt: string;
  assignedAt: string | null;
  endedAt: string | null;
  endReason: HandoffEndReason | null;
  agentId: string | null;
  /** What the visitor asked (masked), shown to the agent with the transcript. */
  question: string;
  /**
   * Whether the visitor is still there (widget: their sockets and page visibility), and since
   * when. Null (or absent, in entries stored before it existed) where the channel cannot tell.
   */
  visitorPresence?: VisitorPresenceState | null;
  visitorPresenceAt?: string | null;
}

export type VisitorPresenceState = 'active' | 'away' | 'left';

export interface HandoffStore {
  /**
   * `DuplicateKeyError` when the conversation already has a queued or assigned entry. `queuedFrom`
   * (an opaque key of the visitor's address) is kept only while the entry is queued, for
   * `countQueuedFrom`; it is not part of the entry and is dropped when it leaves the queue.
   */
  enqueue(entry: HandoffEntry, options?: { queuedFrom?: string }): Promise<void>;
  /** Queued entries enqueued with this `queuedFrom` key (the per-address queue cap). */
  countQueuedFrom(queuedFrom: string): Promise<number>;
  /**
   * Atomically takes the first queued entry (priority descending, then queuedAt ascending) whose
   * locale is one of `locales`, and assigns it to `agentId`. Two concurrent claims never get the
   * same entry. Null when nothing eligible waits.
   */
  claimNext(options: { locales: Locale[]; agentId: string; at: string }): Promise<HandoffEntry | null>;
  get(id: string): Promise<HandoffEntry | null>;
  /** The queued or assigned entry of a conversation, if any. */
  activeForConversation(conversationId: string): Promise<HandoffEntry | null>;
  /** Queued entries in claim order, optionally of one locale. */
  queued(locale?: Locale): Promise<HandoffEntry[]>;
  /** Entries currently assigned to an agent. */
  assignedTo(agentId: string): Promise<HandoffEntry[]>;
  /**
   * Compare-and-set on status: applies `patch` only if the entry is still in status `from`.
   * Returns the updated entry, or null when it was not in that status (someone else moved it).
   */
  transition(
    id: string,
    from: HandoffStatus,
    patch: Partial<Omit<HandoffEntry, 'id' | 'conversationId' | 'channel'>>,
  ): Promise<HandoffEntry | null>;
  /** Ended entries since `from` (for reports). */
  ended(options: { from: string; to: string }): Promise<HandoffEntry[]>;
  /** Retention: empties the `question` of entries that ended before `cutoff`. Returns how many. */
  forgetQuestionsEndedBefore(cutoff: string): Promise<number>;
}

export type PresenceStatus = 'available' | 'away' | 'offline';

export interface AgentPresence {
  agentId: string;
  status: PresenceStatus;
  languages: Locale[];
  maxChats: number;
  openChats: number;
  /** The last heartbeat. */
  lastSeenAt: string;
  /** Since when the agent has had no new chat: ties in assignment go to the one idle longest. */
  idleSince: string;
  /** The server instance the agent's socket is connected to. */
  instanceId: string;
}

export interface PresenceStore {
  upsert(presence: AgentPresence): Promise<void>;
  get(agentId: string): Promise<AgentPresence | null>;
  list(filter?: { status?: PresenceStatus }): Promise<AgentPresence[]>;
  update(agentId: string, patch: Partial<Omit<AgentPresence, 'agentId'>>): Promise<AgentPresence | null>;
  /**
   * Atomically takes one chat slot: increments `openChats` only if the agent is `available` and
   * below `maxChats`. Returns the updated presence, or null when the agent has no free slot.
   */
  reserveSlot(agentId: string, at: string): Promise<AgentPresence | null>;
  /** Gives a slot back (never below zero). */
  releaseSlot(agentId: string, at: string): Promise<AgentPresence | null>;
}

// ---------------------------------------------------------------------------------------------
// What agents keep beside a live chat: private notes, and the canned replies they insert.

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

/** A reply agents insert in a chat, in the visitor's language; admins manage them. */
export interface CannedReply {
  id: string;
  locale: Locale;
  title: string;
  /** `{{name}}` becomes the inserting agent's display name. */
  text: string;
  createdAt: string;
  updatedAt: string;
  /** The user who wrote this version. */
  updatedBy: string;
}

export interface CannedReplyStore {
  /** Sorted by locale, then title. */
  list(filter?: { locale?: Locale }): Promise<CannedReply[]>;
  get(id: string): Promise<CannedReply | null>;
  count(locale: Locale): Promise<number>;
  /** `DuplicateKeyError` when the id exists. */
  create(reply: CannedReply): Promise<void>;
  /** Null when it does not exist. */
  update(
    id: string,
    patch: Pick<CannedReply, 'title' | 'text' | 'updatedAt' | 'updatedBy'>,
  ): Promise<CannedReply | null>;
  /** False when it did not exist. */
  delete(id: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// People who sign in: agents, editors, admins; and their sessions.

export type Role = 'agent' | 'editor' | 'admin';

export interface UserRecord {
  id: string;
  /** Unique, lower case. */
  username: string;
  displayName: string;
  roles: Role[];
  /** Languages the agent can chat in. */
  languages: Locale[];
  maxChats: number;
  /** A slow-KDF hash (argon2id, PHC string); never the password. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserStore {
  /** `DuplicateKeyError` when the id or username is taken. */
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  update(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<UserRecord | null>;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  roles: Role[];
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The session, if it exists and has not expired at `now`. */
  find(tokenHash: string, now: string): Promise<SessionRecord | null>;
  delete(tokenHash: string): Promise<void>;
  /** Every session of one user (a password reset signs them out everywhere). Returns how many. */
  deleteForUser(userId: string): Promise<number>;
  deleteExpired(now: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Messages left out of hours (service requests), feedback, analytics, audit.

export interface ServiceRequestRecord {
  id: string;
  conversationId: string;
  locale: Locale;
  name: string;
  /** Contact details are kept here (agents need them) but masked in logs and analytics. */
  email: string | null;
  phone: string | null;
  question: string;
  urgent: boolean;
  /** YYYY-MM-DD, counted in business days from creation. */
  dueDate: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface ServiceRequestStore {
  create(request: ServiceRequestRecord): Promise<void>;
  get(id: string): Promise<ServiceRequestRecord | null>;
  /** Oldest due first. */
  list(filter?: { status?: 'open' | 'closed' }): Promise<ServiceRequestRecord[]>;
  /** Null when the request does not exist or is already closed. */
  close(id: string, closedBy: string, at: string): Promise<ServiceRequestRecord | null>;
  /** Retention: deletes requests closed before `cutoff` (open ones stay until answered). Returns how many. */
  deleteClosedBefore(cutoff: string): Promise<number>;
}

export interface FeedbackRecord {
  id: string;
  conversationId: string;
  articleId: string;
  locale: Locale;
  /** The visitor's question, personal data masked. */
  question: string;
  helpful: boolean;
  at: string;
}

export interface FeedbackStore {
  add(record: FeedbackRecord): Promise<void>;
  /** In time order, `from` inclusive, `to` exclusive. */
  list(filter: { from: string; to: string; locale?: Locale }): Promise<FeedbackRecord[]>;
  /** Retention: empties the `question` of records older than `cutoff`, keeping the vote. Returns how many. */
  forgetQuestionsBefore(cutoff: string): Promise<number>;
}

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

export type AnalyticsEventType = 'question' | 'handoff_request' | 'case_status';

export interface AnalyticsEvent {
  id: string;
  type: AnalyticsEventType;
  conversationId: string;
  locale: Locale;
  at: string;
  /** For questions: what the answer engine decided. */
  decision: 'answer' | 'clarify' | 'none' | null;
  articleId: string | null;
  score: number | null;
  /** The visitor's words, personal data masked. */
  text: string | null;
  /** Free-form outcome for handoffs and case status lookups (e.g. "queued", "out_of_hours", "found"). */
  outcome: string | null;
}

export interface AnalyticsStore {
  record(event: AnalyticsEvent): Promise<void>;
  /** In time order, `from` inclusive, `to` exclusive. */
  list(filter: {
    from: string;
    to: string;
    type?: AnalyticsEventType;
    locale?: Locale;
  }): Promise<AnalyticsEvent[]>;
  /** Retention: sets `text` to null on events older than `cutoff`, keeping the rest. Returns how many. */
  forgetTextBefore(cutoff: string): Promise<number>;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** Username or user id of who did it ("system" for scripts). */
  actor: string;
  /** e.g. "login", "login_failed", "article.update", "article.publish", "user.roles". */
  action: string;
  target: string | null;
  /** JSON with details (never a password or a token). */
  details: string | null;
  /** Entries recorded with `recordRepeated`: how many times it happened, and when last (`at` is the first). */
  count?: number;
  lastAt?: string;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  limit?: number;
}

export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  /**
   * The same event again (e.g. refused sign-ins): the first call stores `entry` with `count` 1,
   * later calls with the same id add one to its `count` and set `lastAt` to their `at`. Atomic:
   * concurrent calls count every one.
   */
  recordRepeated(entry: AuditEntry): Promise<void>;
  /** Retention: deletes entries older than `cutoff` (by `at`). Returns how many. */
  deleteBefore(cutoff: string): Promise<number>;
  /** Newest first. `action` matches that action and its sub-actions ("article" → "article.publish"). */
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
}

// ---------------------------------------------------------------------------------------------

export type StoreKind = 'embedded' | 'mongodb';

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
  /** Flushes and closes. Nothing acknowledged before close is lost. */
  close(): Promise<void>;
}
