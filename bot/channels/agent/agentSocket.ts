import type { Namespace, Socket } from 'socket.io';
import type { Locale } from '../../../contracts/locale.js';
import type { AgentClientToServerEvents, AgentServerToClientEvents } from '../../../contracts/agentEvents.js';
import type { Principal } from '../../auth/authService.js';

/** What the server keeps on each agent socket (restored with it by connection state recovery). */
export interface AgentSocketData {
  principal: Principal;
  /** The console's language, for error messages. */
  locale: Locale;
  /**
   * The sign-in token the socket was opened with, checked again on every sweep so a sign-out, a
   * disabled account or a removed role closes the socket (in this process's memory only).
   */
  token: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no server-to-server events
type InterServerEvents = {};

export type AgentNamespace = Namespace<
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  InterServerEvents,
  AgentSocketData
>;
export type AgentSocket = Socket<
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  InterServerEvents,
  AgentSocketData
>;

/** Every socket of one agent (tabs, instances): their chats' events go here. */
export function agentRoom(agentId: string): string {
  return `agent:${agentId}`;
}

/** The sockets opened with one sign-in (tabs, instances): a sign-out closes them. */
export function sessionRoom(tokenHash: string): string {
  return `session:${tokenHash}`;
}

/** Every agent: queue, presence and service request updates go here. */
export const ALL_AGENTS_ROOM = 'agents';
