/**
 * Which pages may open a visitor socket: the product's own pages (same origin as the request's
 * Host) and the allowlisted origins (PUBLIC_ORIGINS). Browsers always send `Origin` on WebSocket
 * handshakes and cross-origin requests; a request without it is not from another site's page (a
 * server-side client, or a same-origin GET), which the allowlist is not meant to stop.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowlist: readonly string[],
): boolean {
  if (origin === undefined || origin === '') return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (host !== undefined && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return allowlist.includes(parsed.origin);
}
