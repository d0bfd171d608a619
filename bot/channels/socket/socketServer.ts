import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { SOCKET_PATH } from '../../../contracts/visitorEvents.js';
import type { AllowedOrigins } from '../../shared/allowedOrigins.js';

export interface SocketServerOptions {
  /** maxHttpBufferSize: a client sending a larger message is disconnected by Socket.IO. */
  maxBufferBytes: number;
  /** How long a dropped connection's rooms, data and missed events are kept for it. */
  recoveryMs: number;
  /** Cross-origin pages allowed to use the polling transport (the namespaces check Origin again). */
  origins: AllowedOrigins;
}

/**
 * The one Socket.IO server of the process, on the HTTP server restify listens with; the widget
 * (`/visitor`) and the consoles attach their namespaces to it. In-memory adapter: with several
 * instances, set the @socket.io/mongo-adapter here so room emits reach every instance.
 */
export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): Server {
  return new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: options.maxBufferBytes,
    connectionStateRecovery: {
      maxDisconnectionDuration: options.recoveryMs,
      // A recovered socket was already checked (origin, token) and keeps its data.
      skipMiddlewares: true,
    },
    cors: {
      origin: (origin, callback) => callback(null, origin !== undefined && options.origins.allows(origin)),
      methods: ['GET', 'POST'],
      credentials: false,
    },
  });
}
