import type { Namespace } from 'socket.io';
import type {
  ChatMessage,
  ClientToServerEvents,
  ServerToClientEvents,
  TypingState,
} from '../../../contracts/visitorEvents.js';

/**
 * Every socket of a conversation (a reloaded page, a second connection, a socket on another
 * instance) is in the room named after it, so an emit to the room reaches all of them through
 * the Socket.IO adapter, and connection state recovery replays it to a socket that was away.
 */
export function conversationRoom(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** What the adapter and the handlers emit to a conversation's sockets. */
export interface VisitorEmitter {
  message(conversationId: string, message: ChatMessage): void;
  typing(conversationId: string, state: TypingState): void;
}

export function createVisitorEmitter(
  namespace: Namespace<ClientToServerEvents, ServerToClientEvents>,
): VisitorEmitter {
  return {
    message: (conversationId, message) => {
      namespace.to(conversationRoom(conversationId)).emit('message:new', message);
    },
    // Not volatile: a volatile packet is dropped whenever the transport is busy, which is exactly
    // when a turn starts (the ack and the echo were just written). A replay after recovery carries
    // the "stopped" that followed, so the indicator still ends right.
    typing: (conversationId, state) => {
      namespace.to(conversationRoom(conversationId)).emit('typing', state);
    },
  };
}
