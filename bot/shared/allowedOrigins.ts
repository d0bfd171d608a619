/**
 * Which pages may open a socket or call the browser-facing APIs: the configured origins
 * (PUBLIC_ORIGINS), plus the address the service itself listens on when that is a concrete one
 * (`http://127.0.0.1:3978`, added by `listen`). Never the request's own `Host` header: a DNS
 * rebinding page (evil.example resolving to the server's address) sends a Host and an Origin that
 * agree with each other, so comparing the two proves nothing.
 *
 * Browsers always send `Origin` on WebSocket handshakes and cross-origin requests; a request
 * without it is not from another site's page (a server-side client, or a same-origin GET), which
 * the allowlist is not meant to stop.
 */
export class AllowedOrigins {
  private readonly origins: Set<string>;

  constructor(publicOrigins: readonly string[]) {
    this.origins = new Set(publicOrigins.map(normaliseOrigin).filter((origin) => origin !== null));
  }

  /** The listening address, once known; ignored for wildcard interfaces (0.0.0.0, ::). */
  addListeningAddress(host: string, port: number): void {
    if (host === '0.0.0.0' || host === '::' || host === '') return;
    const origin = normaliseOrigin(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    if (origin) this.origins.add(origin);
  }

  allows(origin: string | undefined): boolean {
    if (origin === undefined || origin === '') return true;
    const normalised = normaliseOrigin(origin);
    return normalised !== null && this.origins.has(normalised);
  }

  /** The allowed origins, for the Content-Security-Policy's `connect-src`. */
  list(): string[] {
    return [...this.origins];
  }
}

/** `https://Example.org:443` → `https://example.org`; null for anything but an http(s) origin. */
function normaliseOrigin(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}
