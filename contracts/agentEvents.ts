/**
 * The agent console's Socket.IO protocol: every event, payload and acknowledgement of the `/agent`
 * namespace, imported by the server (bot/channels/agent) and the console (web-widget/agent) alike.
 * It shares the visitor protocol's conventions and types: the same message shape (`ChatMessage`,
 * with transcript seqs), the same client-chosen message ids, the same acks. docs/protocol.md
 * explains it.
 *
 * Types and a few constants only: nothing here may pull a library into a browser bundle.
 */
import type { Locale } from './locale.js';
import type { Ack, AckCallback, ChatMessage, HistoryPage, MessageReceipt } from './visitorEvents.js';

export type { Ack, AckCallback, ChatMessage, HistoryPage, MessageReceipt };

/** The namespace agents connect to, on the same server path as visitors (`/socket.io`). */
export const AGENT_NAMESPACE = '/agent';

/** Sent in the handshake: the bearer token from `POST /api/auth/login`. */
export interface AgentHandshakeAuth {
  /** Only a console on another allowed origin sends one; the consoles served here send the sign-in cookie. */
  token?: string;
  /** The console's language, for error messages. */
  locale?: Locale;
}

export type AgentErrorCode =
  /** Handshake: no token, an unknown or expired one (a visitor's resume token is one of these). */
  | 'unauthorized'
  /** Handshake: a valid sign-in without the agent (or admin) role. */
  | 'forbidden'
  | 'origin_not_allowed'
  | 'invalid_payload'
  | 'chat_not_found'
  | 'not_your_chat'
  /** The target agent (or you) cannot take a chat: away, full, or not speaking the visitor's language. */
  | 'agent_unavailable'
  /** Someone changed the chat at the same moment; read the state again. */
  | 'conflict'
  | 'invalid_request'
  | 'message_too_long'
  /** The visitor's channel did not take the message; retry with the same id. */
  | 'delivery_failed'
  | 'request_not_found'
  /** The chat has as many private notes as it may keep. */
  | 'notes_limit'
  /** The language has as many canned replies as it may keep. */
  | 'canned_limit'
  | 'canned_not_found'
  /** `canned:save` without a title or without a text. */
  | 'canned_incomplete'
  /** Managing canned replies is for administrators. */
  | 'admin_only'
  | 'rate_limited'
  | 'shutting_down'
  | 'internal'
  | 'unknown_event';

/** Errors to retry by sending the same request (same message id) again. */
export const AGENT_RETRYABLE_ERRORS: readonly AgentErrorCode[] = [
  'delivery_failed',
  'shutting_down',
  'internal',
];

export interface AgentProtocolError {
  code: AgentErrorCode;
  message: string;
  retryAfterMs?: number;
}

export type AgentAck<T> = { ok: true; data: T } | { ok: false; error: AgentProtocolError };
export type AgentAckCallback<T> = (result: AgentAck<T>) => void;

/** `connect_error`'s `data` when the server refuses the handshake. */
export interface AgentConnectErrorData {
  code: AgentErrorCode;
  message: string;
}

export type AgentStatus = 'available' | 'away' | 'offline';
export type ChatChannel = 'socket' | 'botframework';
export type ChatEndReason = 'resolved' | 'abandoned' | 'expired' | 'agent_left';

/** The signed-in agent. */
export interface AgentSelf {
  agentId: string;
  username: string;
  displayName: string;
  /** `admin` may manage canned replies. */
  roles: Array<'agent' | 'editor' | 'admin'>;
  languages: Locale[];
  maxChats: number;
  status: AgentStatus;
  openChats: number;
}

/** Another agent, for transfers. */
export interface AgentSummary {
  agentId: string;
  displayName: string;
  languages: Locale[];
  status: AgentStatus;
  openChats: number;
  maxChats: number;
  /** A live status and a recent heartbeat. */
  connected: boolean;
}

/**
 * Where the visitor is, as their widget shows it: `active` (a page with the chat is open and
 * visible), `away` (open, but every such page is hidden: another tab, a minimised window, a locked
 * phone), `left` (no page of theirs is connected). `since`: when it became so (ISO-8601 UTC).
 */
export type VisitorPresenceState = 'active' | 'away' | 'left';

export interface VisitorPresence {
  state: VisitorPresenceState;
  since: string;
}

/** A visitor waiting for an agent. */
export interface QueueItem {
  /** The handoff entry's id. */
  id: string;
  conversationId: string;
  locale: Locale;
  channel: ChatChannel;
  /** What the visitor asked, personal data masked. */
  question: string;
  /** ISO-8601 UTC: since when the visitor waits (show the waiting time from it). */
  queuedAt: string;
  /** 1 is next, within the visitor's language. */
  position: number;
  estimatedWaitMinutes: number | null;
  /** Above 0: put back after their agent left; goes before everyone else. */
  priority: number;
  /** Null where the channel cannot tell (Bot Framework). A visitor who has left is not assigned. */
  visitor: VisitorPresence | null;
}

/** A chat assigned to the agent. */
export interface ChatSummary {
  entryId: string;
  conversationId: string;
  locale: Locale;
  channel: ChatChannel;
  question: string;
  queuedAt: string;
  assignedAt: string;
  /** The conversation's highest transcript seq at the time: `chat:history` from 0 gives the transcript. */
  lastSeq: number;
  /** Null where the channel cannot tell (Bot Framework); then `chat:visitor` follows each change. */
  visitor: VisitorPresence | null;
}

/** A message a visitor left out of hours (a service request). */
export interface ServiceRequestItem {
  id: string;
  conversationId: string;
  locale: Locale;
  name: string;
  email: string | null;
  phone: string | null;
  question: string;
  urgent: boolean;
  /** YYYY-MM-DD. */
  dueDate: string;
  createdAt: string;
}

/**
 * A private note on a chat: never sent to the visitor, kept beside the transcript (after the
 * message with seq `afterSeq`), personal data masked as in the stored transcript. `transfer`: the
 * note that came with a transfer to `toAgentId`.
 */
export interface ChatNoteItem {
  id: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  kind: 'note' | 'transfer';
  text: string;
  afterSeq: number;
  at: string;
  toAgentId: string | null;
}

export interface NoteAddPayload {
  conversationId: string;
  /** Chosen by the console (MESSAGE_ID_PATTERN), the same on a retry. */
  id: string;
  text: string;
}

/** An earlier conversation from the same browser, as the context panel shows it. */
export interface EarlierConversationItem {
  startedAt: string;
  locale: Locale;
  /** How many transcript entries it has. */
  messages: number;
  /** The visitor's first messages, personal data masked. */
  questions: string[];
  withAgent: boolean;
}

/** `chat:context`: what the agent of a chat is shown about its visitor (all masked as stored). */
export interface ChatContext {
  conversationId: string;
  locale: Locale;
  startedAt: string;
  /** The page the conversation started on: origin and path only; null when unknown. */
  startPage: string | null;
  /** Earlier conversations from the same browser, newest first (at most 5). */
  earlier: EarlierConversationItem[];
  /** Receipt numbers the assistant looked up in this conversation, masked ("EAC*******3402"). */
  caseNumbers: string[];
  /** The assistant's last answer from an article (Markdown, masked), if any. */
  lastAnswer: { text: string; articleId: string; at: string } | null;
}

/** A reply agents insert (in the visitor's language); `{{name}}` becomes the agent's name. */
export interface CannedReplyItem {
  id: string;
  locale: Locale;
  title: string;
  text: string;
  updatedAt: string;
}

/** `canned:save`: a new reply without `id`; a change with it (its language stays). */
export interface CannedSavePayload {
  id?: string;
  locale: Locale;
  /** At most 80 characters, one line. */
  title: string;
  /** At most 1000 characters. */
  text: string;
}

/** Everything the console shows, sent after every (non-recovered) connection. */
export interface AgentState {
  me: AgentSelf;
  chats: ChatSummary[];
  queue: QueueItem[];
  agents: AgentSummary[];
  requests: ServiceRequestItem[];
  /** Every canned reply, both languages, by language then title. */
  canned: CannedReplyItem[];
  limits: { maxMessageLength: number };
}

export interface ChatRef {
  conversationId: string;
}

export interface AgentSendPayload {
  conversationId: string;
  /** Chosen by the console (MESSAGE_ID_PATTERN of events.ts), the same on every retry. */
  id: string;
  text: string;
}

export interface ChatHistoryRequest {
  conversationId: string;
  afterSeq: number;
  limit?: number;
}

export interface ChatTypingPayload {
  conversationId: string;
  active: boolean;
}

export interface AgentClientToServerEvents {
  'state:get': (payload: Record<string, never>, ack: AgentAckCallback<AgentState>) => void;
  /** The console's language changed: error messages follow it (the handshake's `locale` before). */
  'locale:set': (payload: { locale: Locale }, ack: AgentAckCallback<{ locale: Locale }>) => void;
  'presence:set': (
    payload: { status: Exclude<AgentStatus, 'offline'> },
    ack: AgentAckCallback<AgentSelf>,
  ) => void;
  /** Take the next waiting chat in your languages; `null` when nothing waits for you. */
  'queue:accept': (payload: Record<string, never>, ack: AgentAckCallback<ChatSummary | null>) => void;
  'chat:send': (payload: AgentSendPayload, ack: AgentAckCallback<MessageReceipt>) => void;
  'chat:history': (payload: ChatHistoryRequest, ack: AgentAckCallback<HistoryPage>) => void;
  /** No ack: typing indicators are best effort. */
  'chat:typing': (payload: ChatTypingPayload) => void;
  'chat:end': (payload: ChatRef, ack: AgentAckCallback<ChatRef>) => void;
  /** `note`: for the agent who receives the chat (at most 500 characters); kept as a private note. */
  'chat:transfer': (
    payload: ChatRef & { toAgentId: string; note?: string },
    ack: AgentAckCallback<ChatRef & { toAgentId: string }>,
  ) => void;
  /** A private note on one of your chats (at most 2000 characters). */
  'note:add': (payload: NoteAddPayload, ack: AgentAckCallback<ChatNoteItem>) => void;
  /** What is known about the visitor of one of your chats (the context panel). */
  'chat:context': (payload: ChatRef, ack: AgentAckCallback<ChatContext>) => void;
  /** The private notes of one of your chats, oldest first. */
  'chat:notes': (payload: ChatRef, ack: AgentAckCallback<ChatNoteItem[]>) => void;
  'request:close': (payload: { id: string }, ack: AgentAckCallback<{ id: string }>) => void;
  /** Admins only (`admin_only` otherwise): creates or changes a canned reply. */
  'canned:save': (payload: CannedSavePayload, ack: AgentAckCallback<CannedReplyItem>) => void;
  /** Admins only: deletes a canned reply. */
  'canned:delete': (payload: { id: string }, ack: AgentAckCallback<{ id: string }>) => void;
}

export interface AgentServerToClientEvents {
  state: (state: AgentState) => void;
  'presence:self': (me: AgentSelf) => void;
  'agents:update': (agents: AgentSummary[]) => void;
  'queue:update': (queue: QueueItem[]) => void;
  /** A new visitor waits (notify the agent if it is in their languages). */
  'queue:new': (item: QueueItem) => void;
  'chat:assigned': (event: {
    chat: ChatSummary;
    kind: 'accepted' | 'routed' | 'transferred';
    fromAgentId: string | null;
  }) => void;
  /** The chat left this agent: ended (with why), transferred away, or put back in the queue. */
  'chat:removed': (event: ChatRef & { reason: ChatEndReason | 'transferred' | 'requeued' }) => void;
  /** A new transcript entry of one of your chats (the visitor's, yours, or a notice). */
  'chat:message': (event: ChatRef & { message: ChatMessage }) => void;
  'chat:typing': (event: ChatTypingPayload) => void;
  /** A private note was added to one of your chats (from another tab, or with a transfer to you). */
  'chat:note': (event: ChatRef & { note: ChatNoteItem }) => void;
  /** The visitor of one of your chats came, went away or left (queued visitors: in `queue:update`). */
  'chat:visitor': (event: ChatRef & { visitor: VisitorPresence }) => void;
  'requests:update': (requests: ServiceRequestItem[]) => void;
  /** The canned replies changed (an admin saved or deleted one): the whole list. */
  'canned:update': (canned: CannedReplyItem[]) => void;
  'request:rejected': (rejection: { event: string; error: AgentProtocolError }) => void;
}
