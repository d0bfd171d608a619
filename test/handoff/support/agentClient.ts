import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '../../../bot/auth/passwords.js';
import type { Locale } from '../../../contracts/locale.js';
import type { Role, Store } from '../../../bot/storage/ports.js';
import type {
  AgentAck,
  AgentClientToServerEvents,
  AgentConnectErrorData,
  AgentServerToClientEvents,
  AgentState,
  ChatMessage,
} from '../../../contracts/agentEvents.js';
import { EVENT_WAIT_MS, waitUntil, withTimeout } from '../../channels/support/visitorClient.js';
import { sessionTokenOf } from '../../support/consoleCookie.js';
import type { TestApp } from '../../support/testApp.js';

export type AgentClient = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export const TEST_PASSWORD = 'correct horse battery staple';

/** One argon2 hash for every agent of the run's files: hashing is deliberately slow. */
const TEST_PASSWORD_HASH = hashPassword(TEST_PASSWORD);

export interface TestAgent {
  id: string;
  username: string;
  displayName: string;
}

/** Creates a user directly in the store, as `npm run user:create` would. */
export async function createAgent(
  store: Store,
  options: {
    username: string;
    languages?: Locale[];
    maxChats?: number;
    roles?: Role[];
    displayName?: string;
  },
): Promise<TestAgent> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const displayName =
    options.displayName ?? options.username.charAt(0).toUpperCase() + options.username.slice(1);
  await store.users.create({
    id,
    username: options.username,
    displayName,
    roles: options.roles ?? ['agent'],
    languages: options.languages ?? ['en'],
    maxChats: options.maxChats ?? 3,
    passwordHash: await TEST_PASSWORD_HASH,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  });
  return { id, username: options.username, displayName };
}

/** Signs in over HTTP like the console: the session token (the sign-in cookie's value). */
export async function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  await response.arrayBuffer();
  return sessionTokenOf(response);
}

export function agentSocket(baseUrl: string, auth: Record<string, unknown>): AgentClient {
  return io(`${baseUrl}/agent`, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    autoConnect: false,
    reconnection: false,
    auth,
  });
}

/** What an agent socket received, by event. */
export interface AgentInbox {
  messages: Array<{ conversationId: string; message: ChatMessage }>;
  assigned: Array<{ conversationId: string; kind: string }>;
  removed: Array<{ conversationId: string; reason: string }>;
  typing: Array<{ conversationId: string; active: boolean }>;
  queueUpdates: number;
  queueNew: number;
  state: AgentState | null;
}

export function collect(socket: AgentClient): AgentInbox {
  const inbox: AgentInbox = {
    messages: [],
    assigned: [],
    removed: [],
    typing: [],
    queueUpdates: 0,
    queueNew: 0,
    state: null,
  };
  socket.on('chat:message', (event) => inbox.messages.push(event));
  socket.on('chat:assigned', (event) =>
    inbox.assigned.push({ conversationId: event.chat.conversationId, kind: event.kind }),
  );
  socket.on('chat:removed', (event) => inbox.removed.push(event));
  socket.on('chat:typing', (event) => inbox.typing.push(event));
  socket.on('queue:update', () => (inbox.queueUpdates += 1));
  socket.on('queue:new', () => (inbox.queueNew += 1));
  socket.on('state', (state) => (inbox.state = state));
  return inbox;
}

/** Signs in and connects; resolves once the server has sent the console's state. */
export async function connectAgent(
  baseUrl: string,
  username: string,
): Promise<{ socket: AgentClient; inbox: AgentInbox; state: AgentState; token: string }> {
  const token = await login(baseUrl, username);
  const socket = agentSocket(baseUrl, { token });
  const inbox = collect(socket);
  const state = new Promise<AgentState>((resolve, reject) => {
    socket.once('state', resolve);
    socket.once('connect_error', reject);
  });
  socket.connect();
  return { socket, inbox, state: await withTimeout(state, 'agent state'), token };
}

/**
 * A visitor's widget conversation in a live chat with a new agent: `username` is created, signs
 * in and is available, and the chat is requested and dispatched to them. Resolves once they have it.
 */
export async function chatWithNewAgent(
  testApp: TestApp,
  conversationId: string,
  username = 'ana',
): Promise<Awaited<ReturnType<typeof connectAgent>>> {
  await createAgent(testApp.app.store, { username, languages: ['en'] });
  const agent = await connectAgent(testApp.baseUrl, username);
  await agentCall(agent.socket, 'presence:set', { status: 'available' });
  const { service } = testApp.app.handoff;
  await service.request({ conversationId, channel: 'socket', locale: 'en', question: 'a question' });
  await service.dispatch();
  await waitUntil(() => agent.inbox.assigned.length === 1, 'the chat assigned');
  return agent;
}

export function agentConnectError(socket: AgentClient): Promise<Error & { data?: AgentConnectErrorData }> {
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('connect_error', (error) => resolve(error as Error & { data?: AgentConnectErrorData }));
      socket.once('connect', () => reject(new Error('connected although a refusal was expected')));
      socket.connect();
    }),
    'connect_error',
  );
}

/** Emits and waits for the ack; throws with the error code when it is not ok. */
export async function agentCall<E extends keyof AgentClientToServerEvents>(
  socket: AgentClient,
  event: E,
  payload: Parameters<AgentClientToServerEvents[E]>[0],
): Promise<unknown> {
  const untyped = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<AgentAck<unknown>> };
  };
  const ack = await untyped.timeout(EVENT_WAIT_MS).emitWithAck(event, payload);
  if (!ack.ok)
    throw Object.assign(new Error(`${event} refused: ${ack.error.code}`), { code: ack.error.code });
  return ack.data;
}

/** The tests' one clock (test/support/testClock.ts), here too for the handoff tests' imports. */
export { TestClock } from '../../support/testClock.js';

/** Tuesday, March 10, 2026, 11:00 a.m. Eastern: agents work. */
export const IN_HOURS = '2026-03-10T15:00:00.000Z';
/** Saturday, March 7, 2026, 10:00 a.m. Eastern: closed. */
export const WEEKEND = '2026-03-07T15:00:00.000Z';
/** Monday, January 19, 2026 (Martin Luther King Jr. Day), 10:00 a.m. Eastern: a federal holiday. */
export const HOLIDAY = '2026-01-19T15:00:00.000Z';
