import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../../contracts/locale.js';
import {
  AGENT_NAMESPACE,
  AGENT_RETRYABLE_ERRORS,
  type AgentAck,
  type AgentClientToServerEvents,
  type AgentConnectErrorData,
  type AgentHandshakeAuth,
  type AgentSelf,
  type AgentServerToClientEvents,
  type AgentState,
  type AgentSummary,
  type ChatMessage,
  type ChatSummary,
  type QueueItem,
  type ServiceRequestItem,
} from '../protocol/agentEvents.js';
import { randomId } from '../shared/dom.js';
import { ACK_TIMEOUT_MS, MAX_HISTORY_PAGES, retryDelayMs, socketOptions } from '../shared/socketClient.js';
import { ChatTranscript } from './chatTranscript.js';

export type ConsoleConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'refused';

/** What the connection tells the console's view. */
export interface AgentConnectionListener {
  status(status: ConsoleConnectionStatus, detail: string | null): void;
  /** The whole picture (after each new connection). */
  state(state: AgentState): void;
  me(me: AgentSelf): void;
  agents(agents: AgentSummary[]): void;
  queue(queue: QueueItem[]): void;
  queueNew(item: QueueItem): void;
  requests(requests: ServiceRequestItem[]): void;
  /** A chat was added, changed (messages, delivery, typing) or closed. `live`: something new arrived. */
  chat(
    transcript: ChatTranscript,
    change: 'added' | 'message' | 'delivery' | 'typing' | 'closed',
    live: boolean,
  ): void;
}

type ConsoleSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

/** A typing indicator is re-sent at most this often while the agent keeps typing. */
const TYPING_EVERY_MS = 3_000;

/**
 * The console's side of the agent protocol: one Socket.IO connection with the sign-in token, the
 * chats as transcripts merged by message id and seq, and for each chat an outbox that sends the
 * agent's messages one at a time, in order, retrying each with the same id until the server
 * acknowledges it (a retry is never a second message). After a reconnection the server sends the
 * state again and each chat fetches what it missed from its last seq without a gap.
 */
export class AgentConnection {
  readonly chats = new Map<string, ChatTranscript>();
  me: AgentSelf | null = null;
  private socket: ConsoleSocket | null = null;
  private readonly inFlight = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly typingSentAt = new Map<string, number>();

  constructor(
    private readonly options: {
      serverOrigin: string;
      token: string;
      locale: () => Locale;
      listener: AgentConnectionListener;
    },
  ) {}

  start(): void {
    if (this.socket) return;
    const socket: ConsoleSocket = io(
      `${this.options.serverOrigin}${AGENT_NAMESPACE}`,
      socketOptions(() => {
        const auth: AgentHandshakeAuth = { token: this.options.token, locale: this.options.locale() };
        return { ...auth };
      }),
    );
    this.socket = socket;
    const { listener } = this.options;
    listener.status('connecting', null);
    socket.on('connect', () => {
      listener.status('online', null);
      for (const transcript of this.chats.values()) this.pump(transcript);
    });
    socket.on('disconnect', (reason) => {
      this.inFlight.clear();
      listener.status('reconnecting', null);
      // The server closed the socket (e.g. the sign-in ended): Socket.IO does not reconnect by
      // itself then; the new handshake is refused with a clear reason if the session is gone.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      const data = (error as Error & { data?: AgentConnectErrorData }).data;
      if (data?.code === 'unauthorized' || data?.code === 'forbidden') {
        socket.disconnect();
        listener.status('refused', data.message);
      } else listener.status('reconnecting', null);
    });
    socket.on('state', (state) => this.applyState(state));
    socket.on('presence:self', (me) => {
      this.me = me;
      listener.me(me);
    });
    socket.on('agents:update', (agents) => listener.agents(agents));
    socket.on('queue:update', (queue) => listener.queue(queue));
    socket.on('queue:new', (item) => listener.queueNew(item));
    socket.on('requests:update', (requests) => listener.requests(requests));
    socket.on('chat:assigned', ({ chat }) => this.addChat(chat, true));
    socket.on('chat:removed', ({ conversationId, reason }) => {
      const transcript = this.chats.get(conversationId);
      if (!transcript || transcript.closedReason) return;
      transcript.closedReason = reason;
      transcript.visitorTyping = false;
      listener.chat(transcript, 'closed', true);
    });
    socket.on('chat:message', ({ conversationId, message }) => this.receive(conversationId, message, true));
    socket.on('chat:typing', ({ conversationId, active }) => {
      const transcript = this.chats.get(conversationId);
      if (!transcript) return;
      transcript.visitorTyping = active;
      listener.chat(transcript, 'typing', false);
    });
    socket.connect();
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
  }

  /** The agent writes to a chat: shown at once as "sending", delivered in order, retried until acknowledged. */
  send(conversationId: string, text: string): void {
    const transcript = this.chats.get(conversationId);
    if (!transcript || transcript.closedReason) return;
    transcript.addPending(randomId(), text, this.me?.displayName ?? '', new Date().toISOString());
    this.options.listener.chat(transcript, 'delivery', false);
    this.pump(transcript);
  }

  retry(conversationId: string): void {
    const transcript = this.chats.get(conversationId);
    if (!transcript) return;
    for (const item of transcript.outbox) transcript.setDelivery(item.id, 'sending');
    this.options.listener.chat(transcript, 'delivery', false);
    this.pump(transcript);
  }

  typing(conversationId: string, active: boolean): void {
    const now = Date.now();
    const last = this.typingSentAt.get(conversationId) ?? 0;
    if (active && now - last < TYPING_EVERY_MS) return;
    this.typingSentAt.set(conversationId, active ? now : 0);
    this.socket?.emit('chat:typing', { conversationId, active });
  }

  setPresence(status: 'available' | 'away'): Promise<AgentAck<AgentSelf>> {
    return this.call('presence:set', { status });
  }

  accept(): Promise<AgentAck<ChatSummary | null>> {
    return this.call('queue:accept', {});
  }

  end(conversationId: string): Promise<AgentAck<{ conversationId: string }>> {
    return this.call('chat:end', { conversationId });
  }

  transfer(
    conversationId: string,
    toAgentId: string,
  ): Promise<AgentAck<{ conversationId: string; toAgentId: string }>> {
    return this.call('chat:transfer', { conversationId, toAgentId });
  }

  closeRequest(id: string): Promise<AgentAck<{ id: string }>> {
    return this.call('request:close', { id });
  }

  /** Forgets a closed chat (its tab was closed). */
  dismiss(conversationId: string): void {
    this.chats.delete(conversationId);
  }

  private async call<T>(event: keyof AgentClientToServerEvents, payload: unknown): Promise<AgentAck<T>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: { code: 'shutting_down', message: '' } };
    try {
      const untyped = socket as unknown as {
        timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<AgentAck<T>> };
      };
      return await untyped.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: 'internal', message: '' } };
    }
  }

  private applyState(state: AgentState): void {
    this.me = state.me;
    const { listener } = this.options;
    listener.state(state);
    const current = new Set(state.chats.map((chat) => chat.conversationId));
    for (const [conversationId, transcript] of this.chats) {
      // A chat that is no longer ours after a reconnection (ended or moved while we were away).
      if (!current.has(conversationId) && !transcript.closedReason) {
        transcript.closedReason = 'requeued';
        listener.chat(transcript, 'closed', false);
      }
    }
    for (const chat of state.chats) this.addChat(chat, false);
  }

  private addChat(chat: ChatSummary, live: boolean): void {
    let transcript = this.chats.get(chat.conversationId);
    if (transcript && !transcript.closedReason) {
      transcript.chat = chat;
    } else {
      // New, or taken again after it had left us: start over from the stored transcript.
      transcript = new ChatTranscript(chat);
      this.chats.set(chat.conversationId, transcript);
      this.options.listener.chat(transcript, 'added', live);
    }
    void this.sync(transcript);
    this.pump(transcript);
  }

  private receive(conversationId: string, message: ChatMessage, live: boolean): void {
    const transcript = this.chats.get(conversationId);
    if (!transcript) return;
    if (!transcript.upsert(message)) return;
    if (message.role === 'visitor') transcript.visitorTyping = false;
    this.options.listener.chat(transcript, 'message', live && message.role === 'visitor');
    if (message.seq > transcript.contiguousSeq + 1) void this.sync(transcript);
  }

  /** Everything after the last seq held without a gap, page by page. */
  private async sync(transcript: ChatTranscript): Promise<void> {
    for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
      const afterSeq = transcript.contiguousSeq;
      const ack = await this.call<{ messages: ChatMessage[]; hasMore: boolean }>('chat:history', {
        conversationId: transcript.chat.conversationId,
        afterSeq,
      });
      if (!ack.ok) return;
      for (const message of ack.data.messages) this.receive(transcript.chat.conversationId, message, false);
      if (!ack.data.hasMore || transcript.contiguousSeq === afterSeq) return;
    }
  }

  /** One message in flight per chat, oldest first. */
  private pump(transcript: ChatTranscript): void {
    const conversationId = transcript.chat.conversationId;
    const socket = this.socket;
    if (this.inFlight.has(conversationId) || !socket?.connected || transcript.closedReason) return;
    const next = transcript.outbox[0];
    if (!next) return;
    this.inFlight.add(conversationId);
    void this.call<{ id: string; seq: number; at: string }>('chat:send', {
      conversationId,
      id: next.id,
      text: next.text,
    }).then((ack) => {
      this.inFlight.delete(conversationId);
      if (ack.ok) {
        this.failures.delete(conversationId);
        transcript.acknowledge(ack.data);
        this.options.listener.chat(transcript, 'delivery', false);
        this.pump(transcript);
        return;
      }
      if (AGENT_RETRYABLE_ERRORS.includes(ack.error.code)) {
        const failures = (this.failures.get(conversationId) ?? 0) + 1;
        this.failures.set(conversationId, failures);
        const delay = retryDelayMs(failures - 1);
        setTimeout(() => this.pump(transcript), delay);
        return;
      }
      // Refused for good (the chat is no longer ours, too long...): shown as failed, with Retry.
      transcript.setDelivery(next.id, 'failed');
      this.options.listener.chat(transcript, 'delivery', true);
    });
  }
}
