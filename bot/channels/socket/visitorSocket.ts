import type { Namespace, Socket } from 'socket.io';
import type { Locale } from '../../../contracts/locale.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../contracts/visitorEvents.js';

/** What the server keeps on each visitor socket (restored with it by connection state recovery). */
export interface VisitorSocketData {
  conversationId: string;
  /** The resume token the visitor holds (memory only; the store has its hash). */
  token: string;
  locale: Locale;
  ip: string;
  /** True when the handshake's token matched an existing conversation. */
  resumed: boolean;
  /** The conversation's last seq at handshake time. */
  lastSeq: number;
  /** The conversation was created by this handshake and the bot has not seen it yet. */
  isNew: boolean;
  /** When this socket last wrote the conversation's lastActivityAt (epoch ms). */
  touchedAt: number;
  /** The page said it is hidden (`visibility:set`); absent or false while it is visible. */
  pageHidden?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no server-to-server events
type InterServerEvents = {};

export type VisitorNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  VisitorSocketData
>;
export type VisitorSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  VisitorSocketData
>;
