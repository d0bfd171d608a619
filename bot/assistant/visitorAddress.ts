import type { TurnContext } from 'botbuilder';

const VISITOR_ADDRESS = Symbol('visitorAddress');

/**
 * The client address a visitor's turn came from, as the channel saw it (SOCKET_TRUST_PROXY
 * applied), for the per-address limits inside the turn: case-status lookups, the live-agent queue.
 * Kept in the turn's state only, never stored. Channels that cannot tell one visitor's address
 * from another's (Bot Framework channels, which all come through the Bot Framework service) leave
 * it unset.
 */
export function rememberVisitorAddress(context: TurnContext, address: string): void {
  context.turnState.set(VISITOR_ADDRESS, address);
}

export function visitorAddressOf(context: TurnContext): string | null {
  const address: unknown = context.turnState.get(VISITOR_ADDRESS);
  return typeof address === 'string' ? address : null;
}
