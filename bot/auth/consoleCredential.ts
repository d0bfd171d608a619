import type { ConsoleCookie, CookieHeaders } from './consoleCookie.js';
import { bearerToken } from './sessionTokens.js';

/**
 * How a request is signed in: the consoles served here by the HttpOnly cookie (which a browser
 * attaches by itself, so state changes need the CSRF check); scripts and consoles on another
 * allowed origin by an `Authorization: Bearer` header, which no browser adds on its own.
 */
export interface ConsoleCredential {
  token: string;
  via: 'bearer' | 'cookie';
}

export function consoleCredential(
  headers: CookieHeaders & { authorization?: string | undefined },
  cookie: ConsoleCookie,
): ConsoleCredential | null {
  const bearer = bearerToken(headers.authorization);
  if (bearer) return { token: bearer, via: 'bearer' };
  const fromCookie = cookie.read(headers);
  return fromCookie ? { token: fromCookie, via: 'cookie' } : null;
}
