import type { Locale } from '../../contracts/locale.js';

/**
 * A conversation and its transcript, whatever the channel: what the channels record
 * (bot/channels/conversationRecorder.ts), the handoff shows the agent and the reports and the
 * retention read. The conversation store (bot/storage/ports/) keeps them; they are defined here,
 * in a room of their own, because the channels and the handoff core both need them and the
 * handoff may not import the channels.
 */

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
