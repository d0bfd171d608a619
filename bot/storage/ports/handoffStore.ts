import type { Locale } from '../../../contracts/locale.js';
import type { HandoffStatus, HandoffEntry } from '../../handoff/records.js';
export type {
  HandoffStatus,
  HandoffEndReason,
  HandoffEntry,
  VisitorPresenceState,
} from '../../handoff/records.js';

// Live-agent handoff: the queue, shared by every server instance.

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
