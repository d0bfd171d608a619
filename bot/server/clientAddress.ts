import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client's IP address for the per-address limits (the widget's, the live-agent queue's,
 * case-status lookups', console sign-ins'). Behind a reverse proxy every connection comes
 * from the proxy, so with `trustProxy` the address the proxy appended last to X-Forwarded-For is
 * used; entries before it were written by the client and could be anything.
 */
export function clientAddress(
  handshake: { address: string; headers: IncomingHttpHeaders },
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const header = handshake.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.join(',') : header;
    const last = value
      ?.split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0)
      .pop();
    if (last) return last;
  }
  return handshake.address || 'unknown';
}
