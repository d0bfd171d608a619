/**
 * How both Socket.IO channels (visitors on `/visitor`, agents on `/agent`) take a client's events:
 * a client may send anything (a missing ack, a string instead of an object, extra arguments, an
 * event nobody knows), and every event gets exactly one answer, never a thrown error.
 */

/** A client's acknowledgement callback, when it passed one. */
export type Ack = (result: unknown) => void;

/** The part of a server socket this needs (both channels' typed sockets have it). */
interface ClientEventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Listens to each client event of `listeners` and hands every other event name to `unknown`. The
 * known events are the map's own keys, and the map must name every event of the protocol, so
 * the handlers and the list of known events cannot drift apart.
 */
export function listenToClientEvents<ClientEvents>(
  socket: ClientEventSource,
  listeners: { [Event in keyof ClientEvents & string]: (args: unknown[]) => void },
  unknown: (event: string, args: unknown[]) => void,
): void {
  for (const [event, listener] of Object.entries<(args: unknown[]) => void>(listeners)) {
    socket.on(event, (...args: unknown[]) => listener(args));
  }
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (!Object.hasOwn(listeners, String(event))) unknown(String(event), args);
  });
}

/**
 * An event's raw arguments, split: the ack is the last one if it is a function, and the payload
 * the first one unless that is the ack.
 */
export function eventArguments(args: unknown[]): { payload: unknown; ack: Ack | null } {
  const last = args[args.length - 1];
  const ack: Ack | null = typeof last === 'function' ? (last as Ack) : null;
  return { payload: ack && args.length === 1 ? undefined : args[0], ack };
}

/** How one channel admits, refuses and reports its clients' events. */
export interface EventPolicy<Socket, ProtocolError> {
  /** Runs before anything else for every event; throws to refuse it (a rate limit). */
  admit?(socket: Socket): Promise<void>;
  /** The refusal of an event that needs an ack and came without one. */
  missingAck(): Error;
  /** What a client is told about a thrown error (and the place to log the unexpected ones). */
  toError(socket: Socket, event: string, error: unknown, payload: unknown): ProtocolError;
  /** Tells a client that passed no ack that its event was refused (`request:rejected`). */
  reject(socket: Socket, rejection: { event: string; error: ProtocolError }): void;
}

/**
 * A channel's `respond(socket, event, args, work)`: runs `work` with the event's payload and
 * answers exactly once, `{ ok: true, data }` with what it returns or `{ ok: false, error }` with
 * what it threw; without an ack, an error goes out through `reject`. Events without an ack in
 * their protocol (typing, unknown events) pass `{ ackRequired: false }`.
 */
export function createEventResponder<Socket, ProtocolError>(policy: EventPolicy<Socket, ProtocolError>) {
  return async function respond<T>(
    socket: Socket,
    event: string,
    args: unknown[],
    work: (payload: unknown) => Promise<T>,
    options: { ackRequired: boolean } = { ackRequired: true },
  ): Promise<void> {
    const { payload, ack } = eventArguments(args);
    try {
      await policy.admit?.(socket);
      if (!ack && options.ackRequired) throw policy.missingAck();
      const data = await work(payload);
      ack?.({ ok: true, data });
    } catch (error) {
      const problem = policy.toError(socket, event, error, payload);
      if (ack) ack({ ok: false, error: problem });
      else policy.reject(socket, { event: String(event).slice(0, 100), error: problem });
    }
  };
}
