import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { SOCKET_PATH } from '../../contracts/visitorEvents.js';

/**
 * What the widget's and the agent console's Socket.IO clients share: how they connect and how
 * patiently they retry. Their protocols differ (contracts/visitorEvents.ts, contracts/agentEvents.ts).
 */

/** A request without an ack by then is treated as lost (sent again, with the same id, where it matters). */
export const ACK_TIMEOUT_MS = 8_000;
/** Waits between retries of a message the server could not take yet; the last one repeats. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];
/** A history catch-up stops after this many pages (200 messages each) even if more are said to follow. */
export const MAX_HISTORY_PAGES = 50;

/** The wait before retry number `failures + 1` (`failures` failed attempts so far). */
export function retryDelayMs(failures: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(failures, 0), RETRY_DELAYS_MS.length - 1)] ?? 10_000;
}

/**
 * `io()` options: WebSocket first (one round trip less), long polling if a proxy blocks it; no
 * cookies to another origin (a page of this service sends its own: the agent console's sign-in);
 * `auth` a function, so every reconnection sends the language of that moment.
 */
export function socketOptions(auth: () => Record<string, unknown>): Partial<ManagerOptions & SocketOptions> {
  return {
    path: SOCKET_PATH,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    withCredentials: false,
    auth: (callback) => callback(auth()),
  };
}
