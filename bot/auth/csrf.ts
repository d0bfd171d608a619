import { createHmac, timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER as CSRF_HEADER_NAME } from '../../contracts/adminApi.js';

/** The request header a console sends its CSRF token in (a custom header: no form or link can set it). */
export const CSRF_HEADER = CSRF_HEADER_NAME.toLowerCase();

/** Methods that change nothing: they need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session's CSRF token: an HMAC of a fixed label keyed by the session token, so it is the same
 * in every tab of the sign-in, needs no storage, and reveals nothing about the session token (which
 * only the HttpOnly cookie holds). A page can learn it only by reading a same-origin API answer.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('va-console csrf v1').digest('base64url');
}

/**
 * Whether a page's Origin is the service's own, as the browser addressed it (the request's Host).
 * Only used where the sign-in cookie is involved, on top of the allowlist (AllowedOrigins) that
 * every browser-facing request passes: a DNS-rebinding page could make Host and Origin agree, but
 * its browser keeps the console cookie for the console's own host name, never sends it to the
 * rebinding one, so such a request is never signed in by the cookie.
 */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const parsed = new URL(origin);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.toLowerCase()
    );
  } catch {
    return false;
  }
}

/** The parts of a request the check reads. */
export interface CsrfRequest {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Whether a request signed in by the cookie may change something: safe methods always; POST, PUT,
 * PATCH and DELETE only with the session's token in the `X-CSRF-Token` header and, when the browser
 * says where the request comes from (`Origin`), only from this service's own origin.
 */
export function passesCsrfCheck(req: CsrfRequest, sessionToken: string): boolean {
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return true;
  const origin = header(req, 'origin');
  if (origin !== undefined && !isOwnOrigin(origin, header(req, 'host'))) return false;
  const sent = header(req, CSRF_HEADER);
  if (sent === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function header(req: CsrfRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
