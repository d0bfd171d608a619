import { parseSetCookie, type SetCookie } from 'cookie';

/**
 * The console sign-in cookie a response set, parsed as a browser reads it; null when it set none.
 * Tests that act as a script rather than a browser send its value as a bearer token.
 */
export function consoleCookieOf(response: Response): SetCookie | null {
  for (const line of response.headers.getSetCookie()) {
    const cookie = parseSetCookie(line);
    if (cookie.name === 'va-console' || cookie.name === '__Host-va-console') return cookie;
  }
  return null;
}

/** The session token of a sign-in answer: the cookie's value. */
export function sessionTokenOf(response: Response): string {
  const cookie = consoleCookieOf(response);
  if (!cookie?.value) throw new Error(`no sign-in cookie in the answer (${response.status})`);
  return cookie.value;
}
