import { parseCookie, stringifySetCookie } from 'cookie';
import { BEARER_TOKEN_PATTERN } from './sessionTokens.js';

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, set by this host itself, for
 * the whole site and without a Domain: a sibling subdomain cannot plant or shadow it.
 */
export const SECURE_COOKIE_NAME = '__Host-va-console';
/** On http://localhost a Secure cookie may be refused (and `__Host-` needs Secure). */
export const LOCAL_COOKIE_NAME = 'va-console';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `localhost:3978`, `127.0.0.1`, `[::1]:80`, `app.localhost`: a page only this machine can open. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const hostname = host.trim().toLowerCase().replace(/:\d+$/, '');
  return LOOPBACK_HOSTNAMES.has(hostname) || hostname.endsWith('.localhost');
}

/** The request headers the cookie is read with (an HTTP request's or a Socket.IO handshake's). */
export interface CookieHeaders {
  host?: string | undefined;
  cookie?: string | undefined;
}

/**
 * The console sign-in cookie: the session token itself, HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page makes the browser send it), Path=/ (both consoles, their
 * APIs and the agent namespace), Secure with the `__Host-` prefix everywhere but on a loopback
 * host in development, where browsers serve the product over plain http.
 */
export class ConsoleCookie {
  constructor(private readonly options: { alwaysSecure: boolean }) {}

  /** Secure outside localhost, and in production whatever the Host says (a proxy may say 127.0.0.1). */
  isSecure(host: string | undefined): boolean {
    return this.options.alwaysSecure || !isLoopbackHost(host);
  }

  name(host: string | undefined): string {
    return this.isSecure(host) ? SECURE_COOKIE_NAME : LOCAL_COOKIE_NAME;
  }

  /**
   * The session token the browser sent, or null. Only the name this host uses is read, so a
   * plain `va-console` planted by a sibling subdomain is ignored where the `__Host-` one is expected.
   */
  read(headers: CookieHeaders): string | null {
    if (typeof headers.cookie !== 'string' || headers.cookie === '') return null;
    const value = parseCookie(headers.cookie)[this.name(headers.host)];
    return value !== undefined && BEARER_TOKEN_PATTERN.test(value) ? value : null;
  }

  /** The Set-Cookie header value that signs this browser in for `ttlMs` (until `expiresAt`). */
  issue(host: string | undefined, token: string, expiresAt: Date, ttlMs: number): string {
    return stringifySetCookie({
      name: this.name(host),
      value: token,
      httpOnly: true,
      secure: this.isSecure(host),
      sameSite: 'strict',
      path: '/',
      expires: expiresAt,
      maxAge: Math.floor(ttlMs / 1000),
    });
  }

  /** The Set-Cookie header value that removes it (sign-out, or a session the server no longer knows). */
  clear(host: string | undefined): string {
    return stringifySetCookie({
      name: this.name(host),
      value: '',
      httpOnly: true,
      secure: this.isSecure(host),
      sameSite: 'strict',
      path: '/',
      expires: new Date(0),
      maxAge: 0,
    });
  }
}
