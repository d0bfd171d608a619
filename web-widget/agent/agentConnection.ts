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
  type CannedReplyItem,
  type CannedSavePayload,
  type ChatContext,
  type ChatMessage,
  type ChatNoteItem,
  type ChatSummary,
} from '../../contracts/agentEvents.js';
import { randomId } from '../shared/dom.js';
import { ACK_TIMEOUT_MS, MAX_HISTORY_PAGES, retryDelayMs, socketOptions } from '../shared/socketClient.js';
import type {
  AgentConnectionListener,
  ChatChange,
  ConsoleConnectionStatus,
} from './agentConnectionListener.js';
import { ChatOutbox } from './chatOutbox.js';
import { ChatTranscript } from './chatTranscript.js';

export type { AgentConnectionListener, ChatChange, ConsoleConnectionStatus };

type ConsoleSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

/** A note the server could not take is tried this many times in all before the agent is told. */
const NOTE_ATTEMPTS = 3;

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
  private readonly outbox = new ChatOutbox({
    connected: () => this.socket?.connected ?? false,
    send: (payload) => this.call('chat:send', payload),
    changed: (transcript, live) => this.options.listener.chat(transcript, 'delivery', live),
  });
  private readonly typingSentAt = new Map<string, number>();

  constructor(
    private readonly options: {
      serverOrigin: string;
      /** A console on another origin signs in by token; one served here by the cookie (no token). */
      token?: string;
      locale: () => Locale;
      listener: AgentConnectionListener;
    },
  ) {}

  start(): void {
    if (this.socket) return;
    const socket: ConsoleSocket = io(
      `${this.options.serverOrigin}${AGENT_NAMESPACE}`,
      socketOptions(() => {
        const { token } = this.options;
        const auth: AgentHandshakeAuth = { ...(token ? { token } : {}), locale: this.options.locale() };
        return { ...auth };
      }),
    );
    this.socket = socket;
    const { listener } = this.options;
    listener.status('connecting', null);
    socket.on('connect', () => {
      listener.status('online', null);
      for (const transcript of this.chats.values()) this.outbox.pump(transcript);
    });
    socket.on('disconnect', (reason) => {
      this.outbox.clear();
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
    socket.on('canned:update', (canned) => listener.canned(canned));
    socket.on('chat:assigned', ({ chat }) => this.addChat(chat, true));
    socket.on('chat:removed', ({ conversationId, reason }) => {
      const transcript = this.chats.get(conversationId);
      if (!transcript || transcript.closedReason) return;
      transcript.closedReason = reason;
      transcript.visitorTyping = false;
      listener.chat(transcript, 'closed', true);
    });
    socket.on('chat:message', ({ conversationId, message }) => this.receive(conversationId, message, true));
    socket.on('chat:note', ({ conversationId, note }) => {
      const transcript = this.chats.get(conversationId);
      if (transcript && transcript.upsertNote(note)) listener.note(transcript, note, true);
    });
    socket.on('chat:visitor', ({ conversationId, visitor }) => {
      const transcript = this.chats.get(conversationId);
      if (!transcript || transcript.closedReason) return;
      transcript.chat = { ...transcript.chat, visitor };
      listener.chat(transcript, 'visitor', true);
    });
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
    this.outbox.pump(transcript);
  }

  retry(conversationId: string): void {
    const transcript = this.chats.get(conversationId);
    if (!transcript) return;
    for (const item of transcript.outbox) transcript.setDelivery(item.id, 'sending');
    this.options.listener.chat(transcript, 'delivery', false);
    this.outbox.pump(transcript);
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
    note: string,
  ): Promise<AgentAck<{ conversationId: string; toAgentId: string }>> {
    return this.call('chat:transfer', { conversationId, toAgentId, ...(note ? { note } : {}) });
  }

  /**
   * A private note on a chat: sent with an id of its own, retried with the same id while the
   * server could not take it (a retry is never a second note).
   */
  async addNote(conversationId: string, text: string): Promise<AgentAck<ChatNoteItem>> {
    const id = randomId();
    let ack: AgentAck<ChatNoteItem> = { ok: false, error: { code: 'internal', message: '' } };
    for (let attempt = 0; attempt < NOTE_ATTEMPTS; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt - 1)));
      ack = await this.call<ChatNoteItem>('note:add', { conversationId, id, text });
      if (ack.ok || !AGENT_RETRYABLE_ERRORS.includes(ack.error.code)) break;
    }
    const transcript = this.chats.get(conversationId);
    if (ack.ok && transcript && transcript.upsertNote(ack.data))
      this.options.listener.note(transcript, ack.data, false);
    return ack;
  }

  /** What is known about the visitor of a chat (the context panel). */
  context(conversationId: string): Promise<AgentAck<ChatContext>> {
    return this.call('chat:context', { conversationId });
  }

  closeRequest(id: string): Promise<AgentAck<{ id: string }>> {
    return this.call('request:close', { id });
  }

  /** The console's language changed: the server's refusals follow (a new connection sends it too). */
  setLocale(locale: Locale): void {
    void this.call('locale:set', { locale });
  }

  /** Admins: adds (no id) or changes a canned reply. */
  saveCanned(draft: CannedSavePayload): Promise<AgentAck<CannedReplyItem>> {
    return this.call('canned:save', draft);
  }

  deleteCanned(id: string): Promise<AgentAck<{ id: string }>> {
    return this.call('canned:delete', { id });
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
      this.options.listener.chat(transcript, 'visitor', false);
    } else {
      // New, or taken again after it had left us: start over from the stored transcript.
      transcript = new ChatTranscript(chat);
      this.chats.set(chat.conversationId, transcript);
      this.options.listener.chat(transcript, 'added', live);
    }
    void this.sync(transcript);
    void this.loadNotes(transcript);
    this.outbox.pump(transcript);
  }

  /** The chat's private notes so far (a transfer note for this agent among them). */
  private async loadNotes(transcript: ChatTranscript): Promise<void> {
    const ack = await this.call<ChatNoteItem[]>('chat:notes', {
      conversationId: transcript.chat.conversationId,
    });
    if (!ack.ok) return;
    for (const note of ack.data) {
      if (transcript.upsertNote(note)) this.options.listener.note(transcript, note, false);
    }
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
}
