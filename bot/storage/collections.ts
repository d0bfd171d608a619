/**
 * Every collection and its indexes, declared once: both drivers create exactly these at open.
 * Uniqueness that follows from a natural key is carried by `_id` (see the stores) rather than by a
 * second unique index.
 */
import type { CollectionSpec } from './driver.js';

export const COLLECTIONS = {
  articles: 'articles',
  /** `_id` is (locale, id, revision): inserting it is the lock of an article update. */
  articleRevisions: 'articleRevisions',
  conversations: 'conversations',
  /** `_id` is (conversationId, messageId): a retried message is a duplicate key. */
  transcripts: 'transcripts',
  botState: 'botState',
  handoff: 'handoff',
  presence: 'presence',
  users: 'users',
  sessions: 'sessions',
  serviceRequests: 'serviceRequests',
  feedback: 'feedback',
  /** `_id` is the rated chat's handoff id: a second rating of one chat is a duplicate key. */
  chatRatings: 'chatRatings',
  analytics: 'analytics',
  audit: 'audit',
  /** `_id` is (conversationId, id): a retried note is a duplicate key. */
  chatNotes: 'chatNotes',
  cannedReplies: 'cannedReplies',
} as const;

export const COLLECTION_SPECS: readonly CollectionSpec[] = [
  // `updatedAt`: the newest change, which every instance reads every few seconds (contentVersion).
  { name: COLLECTIONS.articles, indexes: [{ fields: ['updatedAt'] }] },
  { name: COLLECTIONS.articleRevisions, indexes: [{ fields: ['locale', 'id'] }] },
  {
    name: COLLECTIONS.conversations,
    indexes: [{ fields: ['tokenHash'] }, { fields: ['lastActivityAt'] }, { fields: ['browserHash'] }],
    // Every transcript entry bumps `lastSeq`, every widget turn moves `turnSeq`.
    counters: ['lastSeq', 'turnSeq'],
  },
  // (conversationId, seq) also answers queries by conversationId alone: both databases use an
  // index's leading fields, so a single-field index would only cost every append a third index write.
  { name: COLLECTIONS.transcripts, indexes: [{ fields: ['conversationId', 'seq'], unique: true }] },
  // `updatedAt`: retention deletes state not written for the retention period.
  { name: COLLECTIONS.botState, indexes: [{ fields: ['updatedAt'] }] },
  {
    name: COLLECTIONS.handoff,
    indexes: [
      // Present only while the entry is queued or assigned: one active entry per conversation.
      { fields: ['activeConversationId'], unique: true, onlyWhenPresent: true },
      { fields: ['status'] },
      { fields: ['endedAt'] },
    ],
  },
  // `status`: the available agents, read at every assignment.
  { name: COLLECTIONS.presence, indexes: [{ fields: ['status'] }] },
  { name: COLLECTIONS.users, indexes: [{ fields: ['username'], unique: true }] },
  { name: COLLECTIONS.sessions, indexes: [{ fields: ['expiresAt'] }, { fields: ['userId'] }] },
  { name: COLLECTIONS.serviceRequests, indexes: [{ fields: ['status'] }, { fields: ['closedAt'] }] },
  { name: COLLECTIONS.feedback, indexes: [{ fields: ['at'] }] },
  { name: COLLECTIONS.chatRatings, indexes: [{ fields: ['at'] }] },
  { name: COLLECTIONS.analytics, indexes: [{ fields: ['at'] }] },
  { name: COLLECTIONS.audit, indexes: [{ fields: ['at'] }] },
  { name: COLLECTIONS.chatNotes, indexes: [{ fields: ['conversationId'] }, { fields: ['at'] }] },
  { name: COLLECTIONS.cannedReplies, indexes: [{ fields: ['locale'] }] },
];
