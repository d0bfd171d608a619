/**
 * The agent console's Socket.IO protocol: every event, payload and acknowledgement of the `/agent`
 * namespace, imported by the server (bot/channels/agent) and the console (web-widget/agent) alike.
 * It shares the visitor protocol's conventions and types: the same message shape (`ChatMessage`,
 * with transcript seqs), the same client-chosen message ids, the same acks. docs/protocol.md
 * explains it.
 *
 * Types and a few constants only: nothing here may pull a library into a browser bundle.
 */
import type { Locale } from '../../contracts/locale.js';
import type { Ack, AckCallback, ChatMessage, HistoryPage, MessageReceipt } from './events.js';

export type { Ack, AckCallback, ChatMessage, HistoryPage, MessageReceipt };

/** The namespace agents connect to, on the same server path as visitors (`/socket.io`). */
export const AGENT_NAMESPACE = '/agent';

/** Sent in the handshake: the bearer token from `POST /api/auth/login`. */
export interface AgentHandshakeAuth {
  token: string;
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

/** Everything the console shows, sent after every (non-recovered) connection. */
export interface AgentState {
  me: AgentSelf;
  chats: ChatSummary[];
  queue: QueueItem[];
  agents: AgentSummary[];
  requests: ServiceRequestItem[];
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
  'chat:transfer': (
    payload: ChatRef & { toAgentId: string },
    ack: AgentAckCallback<ChatRef & { toAgentId: string }>,
  ) => void;
  'request:close': (payload: { id: string }, ack: AgentAckCallback<{ id: string }>) => void;
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
  'requests:update': (requests: ServiceRequestItem[]) => void;
  'request:rejected': (rejection: { event: string; error: AgentProtocolError }) => void;
}
