/**
 * The visitor channel's Socket.IO protocol: the one description of every event, payload and
 * acknowledgement, imported by the server (bot/channels/socket) and by the widget alike, so the
 * two cannot drift apart. docs/protocol.md explains it for people writing another client.
 *
 * Types and a few constants only: nothing here may pull a library into the widget's bundle.
 */
import type { Locale } from './locale.js';

/** The namespace visitors connect to, on the server's default path `/socket.io`. */
export const VISITOR_NAMESPACE = '/visitor';
export const SOCKET_PATH = '/socket.io';

/** A message id chosen by the client: 8 to 64 characters of A-Z a-z 0-9 `_` `-`, unique per conversation. */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The resume token: 32 random bytes, base64url without padding (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Largest page `history:since` returns; ask again from the last seq when `hasMore` is true. */
export const HISTORY_PAGE_LIMIT = 200;

/** Sent in the handshake (`io(url, { auth })`). Anything missing or malformed starts a new conversation. */
export interface HandshakeAuth {
  /** The token from the last `session` event; omit it to start a new conversation. */
  token?: string;
  locale?: Locale;
  /**
   * The page the widget is on. Only its origin and path are kept, and only when the handshake starts
   * a new conversation: the live agent sees where the visitor started.
   */
  page?: string;
  /**
   * A random id of this browser (TOKEN_PATTERN), kept by the widget in localStorage: the live agent
   * sees the earlier conversations from the same browser. The server keeps only its SHA-256.
   */
  browser?: string;
}

export type ErrorCode =
  /** The payload is not what the event expects (wrong types, unknown fields, missing ack...). */
  | 'invalid_payload'
  | 'message_too_long'
  /** Too many messages or new conversations in a minute; `retryAfterMs` says when to try again. */
  | 'rate_limited'
  /** The server is restarting; retry (the message was not taken). */
  | 'shutting_down'
  /** Something failed on the server; retry (the message may or may not have been taken: resend the same id). */
  | 'internal'
  | 'unknown_event'
  /** Connection refused: the page embedding the widget is not an allowed origin. */
  | 'origin_not_allowed'
  /** `handoff:rate` for a chat that cannot be rated (not this conversation's, not ended, no agent, rated already). */
  | 'rating_not_allowed';

/** Errors the client should retry by itself, with the same message id. */
export const RETRYABLE_ERRORS: readonly ErrorCode[] = ['shutting_down', 'internal'];

/** Never a stack trace: a stable code for programs and a message in the visitor's language for people. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
export type AckCallback<T> = (result: Ack<T>) => void;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The value of a "Was this helpful?" answer, sent as `message:send`'s `value` with no text. */
export interface FeedbackValue {
  type: 'feedback';
  articleId: string;
  locale: Locale;
  helpful: boolean;
}

/**
 * A button under a bot message. Clicking it sends `message:send` with `text` (shown as the
 * visitor's message when not empty) and `value` (for the bot only).
 */
export interface SuggestedAction {
  title: string;
  text: string | null;
  value: JsonValue | null;
}

/** The knowledge article a bot reply answers from: what "Was this helpful?" refers to. */
export interface AnswerRef {
  articleId: string;
  locale: Locale;
}

export type MessageRole = 'visitor' | 'bot' | 'agent' | 'system';

/** One transcript entry as the client shows it. */
export interface ChatMessage {
  /** 1, 2, 3... per conversation, in transcript order; the client remembers the highest it has without gaps. */
  seq: number;
  /** The client's id for visitor messages, a server id otherwise. */
  id: string;
  role: MessageRole;
  text: string;
  /** Bot, agent and system text is Markdown (render it sanitised); visitor text is plain. */
  textFormat: 'markdown' | 'plain';
  locale: Locale | null;
  /** ISO-8601 UTC. */
  at: string;
  suggestedActions: SuggestedAction[];
  /** Non-null on bot answers taken from an article: show "Was this helpful?". */
  answer: AnswerRef | null;
  /** The visitor message's value (feedback, a button's value); null otherwise. */
  value: JsonValue | null;
  /** The agent's display name on agent messages. */
  agentName: string | null;
  /**
   * What a bot message is (`channelData.outcome`: "answer", "languageSwitch", "caseStatus"...; see
   * docs/protocol.md); null on visitor and agent messages. A `languageSwitch` in another language
   * means the conversation now speaks it: follow it.
   */
  outcome: string | null;
}

export interface SessionInfo {
  conversationId: string;
  /** Keep it (sessionStorage) and send it in the next handshake to continue this conversation. */
  token: string;
  locale: Locale;
  /** False when a new conversation was started (no token, or a token the server does not know). */
  resumed: boolean;
  /** The highest seq in the conversation when the socket connected. */
  lastSeq: number;
  limits: { maxMessageLength: number };
}

export interface SendMessagePayload {
  id: string;
  /** What the visitor typed; may be empty when `value` is set. */
  text: string;
  value?: JsonValue;
  locale: Locale;
}

/** The same message id always gets the same receipt. */
export interface MessageReceipt {
  id: string;
  seq: number;
  at: string;
}

export interface HistoryRequest {
  /** The highest seq the client has without gaps (0 for everything). */
  afterSeq: number;
  /** 1 to HISTORY_PAGE_LIMIT. */
  limit?: number;
}

export interface HistoryPage {
  messages: ChatMessage[];
  /** More entries after the last one returned. */
  hasMore: boolean;
}

export interface TypingState {
  role: 'bot' | 'agent';
  active: boolean;
}

export type HandoffState = 'queued' | 'assigned' | 'ended';
export type HandoffEndReason = 'resolved' | 'abandoned' | 'expired' | 'agent_left';

/**
 * The live-agent chat of a conversation. `queued`: waiting, with the position in line (1 is next)
 * and an estimate in minutes (null when unknown, and when an agent is free to take the chat at
 * once). `assigned`: an agent is in the chat. `ended`: the assistant answers again (`endReason`
 * says why; `agentName` is the last agent's, null when no agent had joined). The transcript also
 * gets a notice at each change; this event is for a status line that updates in place.
 */
export interface HandoffStatus {
  state: HandoffState;
  position: number | null;
  estimatedWaitMinutes: number | null;
  agentName: string | null;
  endReason: HandoffEndReason | null;
  /** Which live-agent chat this is: what `handoff:rate` names once it has ended. */
  chatId: string | null;
}

/** Ratings of a live-agent chat, 1 (very poor) to 5 (very good). */
export const CHAT_RATING_MIN = 1;
export const CHAT_RATING_MAX = 5;

/** `handoff:rate`: the visitor's rating of a live-agent chat of theirs that has ended (once per chat). */
export interface ChatRatingPayload {
  chatId: string;
  rating: number;
}

/** Sent when an event could not be answered through an acknowledgement (it had none, or none was expected). */
export interface RejectedRequest {
  event: string;
  error: ProtocolError;
}

export interface ClientToServerEvents {
  'message:send': (payload: SendMessagePayload, ack: AckCallback<MessageReceipt>) => void;
  'history:since': (payload: HistoryRequest, ack: AckCallback<HistoryPage>) => void;
  'locale:set': (payload: { locale: Locale }, ack: AckCallback<{ locale: Locale }>) => void;
  /** The visitor is typing (true) or stopped (false): shown to the live agent. No ack; best effort. */
  'typing:set': (payload: { active: boolean }) => void;
  /**
   * Whether the page is visible (the Page Visibility API): with the connection itself, what the
   * live agent sees of the visitor's presence (active / away / left). No ack; send it after each
   * connection while the page is hidden, and at each change.
   */
  'visibility:set': (payload: { visible: boolean }) => void;
  /** Leaves the live-agent queue or ends the chat with the agent; `left` is false when there was none. */
  'handoff:leave': (payload: Record<string, never>, ack: AckCallback<{ left: boolean }>) => void;
  'handoff:rate': (payload: ChatRatingPayload, ack: AckCallback<ChatRatingPayload>) => void;
}

export interface ServerToClientEvents {
  /** First event after every connection, before any message. */
  session: (session: SessionInfo) => void;
  /** A new transcript entry: the visitor's own messages (echoed to all their sockets), replies, agent messages. */
  'message:new': (message: ChatMessage) => void;
  typing: (state: TypingState) => void;
  'request:rejected': (rejection: RejectedRequest) => void;
  /** Where the visitor's live-agent chat stands: on every change, and after each connection while it is active. */
  'handoff:status': (status: HandoffStatus) => void;
}

/** The `data` of a `connect_error` raised by the server (as opposed to a network failure). */
export interface ConnectErrorData {
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
}
