import type { Locale } from '../../contracts/locale.js';
import type { HandoffEndReason, HandoffState } from '../../contracts/visitorEvents.js';
import type { VisitorPresenceState } from '../../contracts/agentEvents.js';
import type { ChannelKind } from '../conversations/records.js';

/**
 * The live-agent handoff's records: the queue entry, the agents' presence, and what agents and
 * visitors leave beside a chat (notes, canned replies, ratings, messages left out of hours). The
 * storage ports (bot/storage/ports/) keep them; they are defined here, beside the code that gives
 * them meaning.
 */

/** Where a queue entry stands: the same states the visitor's widget is told (contracts/). */
export type HandoffStatus = HandoffState;

export type { HandoffEndReason, VisitorPresenceState };

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
