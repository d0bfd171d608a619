import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AckCallback,
  ChatMessage,
  ClientToServerEvents,
  ConnectErrorData,
  HandshakeAuth,
  HistoryPage,
  MessageReceipt,
  SendMessagePayload,
  ServerToClientEvents,
  SessionInfo,
} from '../../../contracts/visitorEvents.js';

export type VisitorClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How long a test waits for an event, an ack or a state it expects. Generous on purpose: it is how
 * long a loaded machine may take, not how long things should take (tests never assert speed), and
 * a wait that succeeds returns as soon as the event arrives.
 */
export const EVENT_WAIT_MS = 60_000;

export interface ConnectOptions {
  auth?: HandshakeAuth | Record<string, unknown>;
  headers?: Record<string, string>;
  /** Off by default: tests reconnect explicitly. */
  reconnection?: boolean;
}

/** A visitor socket on `/visitor` over WebSocket, not yet connected (listeners first). */
export function visitorSocket(baseUrl: string, options: ConnectOptions = {}): VisitorClient {
  return io(`${baseUrl}/visitor`, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    autoConnect: false,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 20,
    reconnectionDelayMax: 50,
    auth: (options.auth ?? {}) as Record<string, unknown>,
    extraHeaders: options.headers,
  });
}

/** Every `message:new` a socket receives, in arrival order. */
export function collectMessages(socket: VisitorClient): ChatMessage[] {
  const received: ChatMessage[] = [];
  socket.on('message:new', (message) => received.push(message));
  return received;
}

/** Connects and resolves with the `session` event (which the server sends before anything else). */
export async function openSession(
  baseUrl: string,
  options: ConnectOptions = {},
): Promise<{ socket: VisitorClient; session: SessionInfo; messages: ChatMessage[] }> {
  const socket = visitorSocket(baseUrl, options);
  const messages = collectMessages(socket);
  const session = new Promise<SessionInfo>((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', reject);
  });
  socket.connect();
  return { socket, session: await withTimeout(session, 'session'), messages };
}

/** Resolves with the `connect_error` data of a refused handshake. */
export function connectError(socket: VisitorClient): Promise<{ message: string; data?: ConnectErrorData }> {
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('connect_error', (error) => resolve(error as Error & { data?: ConnectErrorData }));
      socket.once('connect', () => reject(new Error('connected although a refusal was expected')));
      socket.connect();
    }),
    'connect_error',
  );
}

/** A fresh valid message id. */
export function messageId(prefix = 'msg'): string {
  return `${prefix}-${randomUUID()}`;
}

export function sendMessage(
  socket: VisitorClient,
  payload: Partial<SendMessagePayload> & { text: string },
): Promise<Ack<MessageReceipt>> {
  return request(socket, 'message:send', { id: messageId(), locale: 'en', ...payload });
}

type Untyped = {
  emit(event: unknown, ...args: unknown[]): void;
  timeout(ms: number): { emitWithAck(event: unknown, ...args: unknown[]): Promise<unknown> };
};

/** Emits anything, as a hostile or broken client would (no typing, no ack required). */
export function rawEmit(socket: VisitorClient, event: unknown, ...args: unknown[]): void {
  (socket as unknown as Untyped).emit(event, ...args);
}

/** Emits anything and waits for the ack. */
export function rawEmitWithAck(socket: VisitorClient, event: unknown, ...args: unknown[]): Promise<unknown> {
  return (socket as unknown as Untyped).timeout(EVENT_WAIT_MS).emitWithAck(event, ...args);
}

/** What the ack of an event carries (`never` for events sent without one). */
type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]> extends [unknown, AckCallback<infer T>] ? T : never;

/** The events the client sends with an acknowledgement. */
export type AckedEvent = {
  [E in keyof ClientToServerEvents]: [AckData<E>] extends [never] ? never : E;
}[keyof ClientToServerEvents];

/**
 * Sends an event of the protocol and waits for its ack, typed by contracts/visitorEvents.ts.
 * (socket.io-client types `timeout(...).emitWithAck` as `any`: its timeout decoration gives the
 * ack callback a second parameter, which its own result type does not expect.)
 */
export function request<E extends AckedEvent>(
  socket: VisitorClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Ack<AckData<E>>> {
  return rawEmitWithAck(socket, event, payload) as Promise<Ack<AckData<E>>>;
}

export async function history(socket: VisitorClient, afterSeq = 0): Promise<HistoryPage> {
  const ack = await request(socket, 'history:since', { afterSeq });
  if (!ack.ok) throw new Error(`history failed: ${ack.error.code}`);
  return ack.data;
}

/** Polls until `check` returns true. Fails with `what` after `timeoutMs`; never a fixed sleep. */
export async function waitUntil(
  check: () => boolean,
  what: string,
  timeoutMs = EVENT_WAIT_MS,
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Like waitUntil, for checks that have to ask something asynchronous (the store). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = EVENT_WAIT_MS,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = EVENT_WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
    }),
  ]);
}

/** An "echo: …" reply (or any bot message) by text. */
export function botTexts(messages: ChatMessage[]): string[] {
  return messages.filter((message) => message.role !== 'visitor').map((message) => message.text);
}
