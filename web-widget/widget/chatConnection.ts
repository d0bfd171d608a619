import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../../contracts/locale.js';
import {
  RETRYABLE_ERRORS,
  VISITOR_NAMESPACE,
  type Ack,
  type ChatMessage,
  type ChatRatingPayload,
  type ClientToServerEvents,
  type ConnectErrorData,
  type HandoffStatus,
  type HandshakeAuth,
  type HistoryPage,
  type JsonValue,
  type SendMessagePayload,
  type ServerToClientEvents,
  type TypingState,
} from '../../contracts/visitorEvents.js';
import { browserId } from './browserId.js';
import { ConversationLog, type LogEntry, type PendingMessage } from './conversationLog.js';
import { randomId } from '../shared/dom.js';
import { ACK_TIMEOUT_MS, MAX_HISTORY_PAGES, retryDelayMs, socketOptions } from '../shared/socketClient.js';
import type { WidgetStorage } from './widgetStorage.js';

/**
 * `unavailable`: the server refused the connection for now (it says why) and is asked again later;
 * `refused`: the page embedding the widget is not an origin the server allows, which retrying
 * does not change (the site's owner must add it to PUBLIC_ORIGINS).
 */
export type ConnectionStatus =
  'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unavailable' | 'refused';

/** What the connection tells the view. */
export interface ConnectionListener {
  status(status: ConnectionStatus, detail: string | null): void;
  /** An entry appeared or changed. `live`: it just arrived from the other side (announce it). */
  entry(entry: LogEntry, live: boolean): void;
  /** The server started a new conversation (the old token was not accepted): redraw everything. */
  reset(): void;
  typing(state: TypingState): void;
  maxMessageLength(max: number): void;
  /** Where a live-agent chat stands (queued with its place in line, with an agent, ended). */
  handoff?(status: HandoffStatus): void;
}

export interface ChatConnectionOptions {
  serverOrigin: string;
  storage: WidgetStorage;
  locale: () => Locale;
  listener: ConnectionListener;
  win: Window;
}

type WidgetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A gap in the seqs that live events have not filled by then is fetched from the history. */
const GAP_WAIT_MS = 1_500;

function isPendingList(value: unknown): value is PendingMessage[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as PendingMessage).id === 'string' &&
        typeof (item as PendingMessage).text === 'string' &&
        ((item as PendingMessage).locale === 'en' || (item as PendingMessage).locale === 'es') &&
        typeof (item as PendingMessage).at === 'string',
    )
  );
}

/**
 * The widget's side of the protocol: one Socket.IO connection to the server the script came
 * from, the conversation token in sessionStorage, an outbox that sends the visitor's messages one
 * at a time in order and retries each until the server acknowledges it (same id each time, so a
 * retry is never a second message), and the catch-up after a reconnection: Socket.IO replays
 * short gaps itself; otherwise `history:since` from the last seq held without a gap.
 */
export class ChatConnection {
  readonly log = new ConversationLog();
  private socket: WidgetSocket | null = null;
  private readonly outbox: PendingMessage[];
  private inFlight: string | null = null;
  /** Bumped on every send attempt and disconnection: a late ack of an abandoned attempt is ignored. */
  private attempt = 0;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private syncing = false;
  private conversationId: string | null;
  private current: ConnectionStatus = 'idle';
  /** Why the server refused this page (origin not allowed), in the visitor's language. */
  private refusal: string | null = null;

  constructor(private readonly options: ChatConnectionOptions) {
    this.outbox = options.storage.getJson('outbox', isPendingList) ?? [];
    for (const pending of this.outbox) this.log.addPending(pending);
    this.conversationId = options.storage.get('conversation');
  }

  /** A conversation from earlier in this tab exists: connect at once to get what it missed. */
  get hasConversation(): boolean {
    return this.options.storage.get('token') !== null || this.outbox.length > 0;
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  start(): void {
    if (this.socket) return;
    const socket: WidgetSocket = io(
      `${this.options.serverOrigin}${VISITOR_NAMESPACE}`,
      socketOptions(() => ({ ...this.handshake() })),
    );
    this.socket = socket;
    socket.on('connect', () => {
      this.failures = 0;
      this.setStatus('online');
      // A new connection counts as a visible page: a hidden one says so.
      if (this.options.win.document.visibilityState === 'hidden') this.sendVisibility();
      this.pump();
    });
    socket.on('disconnect', (reason) => {
      this.abandonAttempt();
      if (this.current === 'offline') return;
      this.setStatus('reconnecting');
      // The server closed this socket on purpose: Socket.IO will not reconnect by itself.
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    socket.on('connect_error', (error) => {
      const data = (error as Error & { data?: ConnectErrorData }).data;
      if (this.current === 'offline') return;
      if (socket.active) {
        // A network failure: Socket.IO retries with backoff.
        this.setStatus(this.current === 'connecting' ? 'connecting' : 'reconnecting');
        return;
      }
      if (data?.code === 'origin_not_allowed') {
        this.refuse(data.message);
        return;
      }
      this.setStatus('unavailable', data?.message ?? null);
      this.reconnectLater(data?.retryAfterMs);
    });
    socket.on('session', (session) => {
      this.options.storage.set('token', session.token);
      this.options.storage.set('conversation', session.conversationId);
      if (this.conversationId !== null && this.conversationId !== session.conversationId) {
        this.log.reset();
        this.options.listener.reset();
      }
      this.conversationId = session.conversationId;
      this.options.listener.maxMessageLength(session.limits.maxMessageLength);
      // `session` comes only on connections Socket.IO did not recover: ask for what is missing. Asked
      // even when `lastSeq` says nothing is, because an entry added between the handshake and the
      // socket joining its conversation's room would otherwise wait for the next reconnection.
      void this.syncHistory();
    });
    socket.on('message:new', (message) => {
      this.receive(message, true);
      if (message.seq > this.log.contiguousSeq + 1) this.watchGap();
    });
    socket.on('typing', (state) => this.options.listener.typing(state));
    socket.on('handoff:status', (status) => this.options.listener.handoff?.(status));

    const { win } = this.options;
    win.document.addEventListener('visibilitychange', () => this.sendVisibility());
    win.addEventListener('offline', () => {
      this.setStatus('offline');
      this.socket?.disconnect();
    });
    win.addEventListener('online', () => {
      if (this.current !== 'offline') return;
      this.setStatus('connecting');
      this.socket?.connect();
    });
    if (win.navigator.onLine === false) {
      this.setStatus('offline');
    } else {
      this.setStatus('connecting');
      socket.connect();
    }
  }

  /** Queues a visitor message; it is shown at once as "sending". */
  send(text: string, value?: JsonValue): LogEntry {
    const pending: PendingMessage = {
      id: randomId(),
      text,
      ...(value === undefined ? {} : { value }),
      locale: this.options.locale(),
      at: new Date().toISOString(),
    };
    // Refused for this page: failed at once, not "sending" forever.
    if (this.refusal !== null) pending.failed = this.refusal;
    this.outbox.push(pending);
    this.saveOutbox();
    const entry = this.log.addPending(pending);
    this.options.listener.entry(entry, this.refusal !== null);
    this.start();
    this.pump();
    return entry;
  }

  /** Sends a failed message again, with its original id. */
  retry(id: string): void {
    const pending = this.outbox.find((item) => item.id === id);
    if (!pending) return;
    delete pending.failed;
    this.saveOutbox();
    const entry = this.log.setDelivery(id, 'sending');
    if (entry) this.options.listener.entry(entry, false);
    // After a refusal the server is asked again: its PUBLIC_ORIGINS may have changed meanwhile.
    if (this.refusal !== null && this.socket && !this.socket.connected) {
      this.refusal = null;
      this.setStatus('connecting');
      this.socket.connect();
    }
    this.pump();
  }

  /** Leaves the live-agent queue or chat (`handoff:leave`). */
  leaveLiveChat(): Promise<Ack<{ left: boolean }>> {
    return this.call('handoff:leave', {});
  }

  /** Rates an ended live-agent chat (`handoff:rate`). */
  rateChat(chatId: string, rating: number): Promise<Ack<ChatRatingPayload>> {
    return this.call('handoff:rate', { chatId, rating });
  }

  /**
   * The whole conversation as the server stores it (personal data masked), page by page from the
   * start: what a downloaded copy holds. Null when the server cannot be asked now.
   */
  async storedTranscript(): Promise<ChatMessage[] | null> {
    const messages: ChatMessage[] = [];
    let afterSeq = 0;
    for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
      const ack = await this.call<{ messages: ChatMessage[]; hasMore: boolean }>('history:since', {
        afterSeq,
      });
      if (!ack.ok) return null;
      messages.push(...ack.data.messages);
      const last = ack.data.messages.at(-1);
      if (!ack.data.hasMore || !last) break;
      afterSeq = last.seq;
    }
    return messages;
  }

  setLocale(locale: Locale): void {
    this.options.storage.set('locale', locale);
    if (this.socket?.connected)
      this.socket.timeout(ACK_TIMEOUT_MS).emit('locale:set', { locale }, () => undefined);
  }

  /**
   * Tells a live agent whether the visitor is typing. Best effort: dropped while disconnected rather
   * than queued (a late "typing" would be wrong), and volatile on the wire.
   */
  setTyping(active: boolean): void {
    if (this.socket?.connected) this.socket.volatile.emit('typing:set', { active });
  }

  /**
   * Whether this page is visible: with the connection itself, the live agent sees whether the
   * visitor is there (active, away, left). Only the current state matters, so nothing is queued.
   */
  private sendVisibility(): void {
    const visible = this.options.win.document.visibilityState !== 'hidden';
    if (this.socket?.connected) this.socket.emit('visibility:set', { visible });
  }

  /** One request with an ack; a disconnection or a timeout is answered as the server's `internal`. */
  private async call<T>(event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
    const socket = this.socket;
    const unreachable: Ack<T> = { ok: false, error: { code: 'internal', message: '' } };
    if (!socket?.connected) return unreachable;
    try {
      const untyped = socket as unknown as {
        timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<Ack<T>> };
      };
      return await untyped.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    } catch {
      return unreachable;
    }
  }

  /**
   * The server does not allow this page's origin. Retrying will not help until its PUBLIC_ORIGINS
   * lists the page: the visitor is told, waiting messages fail with the reason, and the browser
   * console says what the site's owner has to change.
   */
  private refuse(message: string): void {
    this.refusal = message;
    const pageOrigin = this.options.win.location.origin;
    console.error(
      `Virtual assistant widget: ${this.options.serverOrigin} refused to connect from ${pageOrigin}. ` +
        `Add ${pageOrigin} to PUBLIC_ORIGINS on that server (comma-separated origins) to allow the widget on this site.`,
    );
    for (const pending of this.outbox) {
      if (pending.failed !== undefined) continue;
      pending.failed = message;
      const entry = this.log.setDelivery(pending.id, 'failed', message);
      if (entry) this.options.listener.entry(entry, false);
    }
    this.saveOutbox();
    this.setStatus('refused', message);
  }

  private handshake(): HandshakeAuth {
    const token = this.options.storage.get('token');
    const { win, serverOrigin } = this.options;
    // Where the conversation starts and from which browser, for the live agent's context: the
    // server reads them only when it starts a new conversation (no token, or one it no longer knows).
    const browser = browserId(serverOrigin, win);
    return {
      ...(token ? { token } : {}),
      page: `${win.location.origin}${win.location.pathname}`,
      ...(browser ? { browser } : {}),
      locale: this.options.locale(),
    };
  }

  private setStatus(status: ConnectionStatus, detail: string | null = null): void {
    this.current = status;
    this.options.listener.status(status, detail);
  }

  private receive(message: ChatMessage, live: boolean): void {
    const before = this.log.get(message.id);
    const { entry, added } = this.log.upsert(message);
    if (message.role === 'visitor') this.dropFromOutbox(message.id);
    if (added) this.options.listener.entry(entry, live);
    else if (before && before.seq === null) this.options.listener.entry(entry, false);
  }

  /** One message in flight at a time, oldest first: the server sees them in the visitor's order. */
  private pump(): void {
    const socket = this.socket;
    if (this.inFlight !== null || !socket?.connected) return;
    const next = this.outbox.find((item) => item.failed === undefined);
    if (!next) return;
    clearTimeout(this.retryTimer);
    this.inFlight = next.id;
    const attempt = ++this.attempt;
    const payload: SendMessagePayload = {
      id: next.id,
      text: next.text,
      locale: next.locale,
      ...(next.value === undefined ? {} : { value: next.value }),
    };
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', payload, (error, ack) => {
      if (attempt !== this.attempt) return;
      this.inFlight = null;
      if (error || !ack) {
        this.retryLater();
        return;
      }
      if (ack.ok) {
        this.failures = 0;
        const entry = this.log.acknowledge(ack.data);
        this.dropFromOutbox(next.id);
        if (entry) this.options.listener.entry(entry, false);
      } else if (RETRYABLE_ERRORS.includes(ack.error.code)) {
        this.retryLater(ack.error.retryAfterMs);
        return;
      } else {
        // Refused for good (too long, too fast...): shown as failed with a retry button.
        next.failed = ack.error.message;
        this.saveOutbox();
        const entry = this.log.setDelivery(next.id, 'failed', ack.error.message);
        if (entry) this.options.listener.entry(entry, true);
      }
      this.pump();
    });
  }

  private abandonAttempt(): void {
    this.attempt += 1;
    this.inFlight = null;
  }

  private retryLater(delayMs?: number): void {
    const delay = delayMs ?? retryDelayMs(this.failures);
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.pump(), delay);
  }

  private reconnectLater(delayMs = 5_000): void {
    setTimeout(() => {
      if (this.socket && !this.socket.connected && this.current !== 'offline') this.socket.connect();
    }, delayMs);
  }

  private watchGap(): void {
    clearTimeout(this.gapTimer);
    this.gapTimer = setTimeout(() => {
      if (this.log.highestSeq > this.log.contiguousSeq) void this.syncHistory();
    }, GAP_WAIT_MS);
  }

  /** Fetches every entry after the last seq held without a gap, page by page. */
  private async syncHistory(): Promise<void> {
    const socket = this.socket;
    if (this.syncing || !socket?.connected) return;
    this.syncing = true;
    try {
      for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
        const afterSeq = this.log.contiguousSeq;
        const ack = (await socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('history:since', { afterSeq })) as Ack<HistoryPage>;
        if (!ack.ok) return;
        for (const message of ack.data.messages) this.receive(message, false);
        if (!ack.data.hasMore || this.log.contiguousSeq === afterSeq) return;
      }
    } catch {
      // A timeout or a disconnection: the next connection asks again.
    } finally {
      this.syncing = false;
    }
  }

  private dropFromOutbox(id: string): void {
    const index = this.outbox.findIndex((item) => item.id === id);
    if (index === -1) return;
    this.outbox.splice(index, 1);
    this.saveOutbox();
  }

  private saveOutbox(): void {
    this.options.storage.setJson('outbox', this.outbox);
  }
}
