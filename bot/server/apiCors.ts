import type { Next, Request, RequestHandler, Response } from 'restify';
import type { I18n } from '../i18n/i18n.js';
import { sendApiError } from './apiResponses.js';
import type { AllowedOrigins } from '../shared/allowedOrigins.js';

/**
 * The browser-facing APIs: the consoles sign in (/api/auth) and edit (/api/admin), and may be
 * served from another allowed origin. Not /api/messages: Bot Framework channels call it server to
 * server, with no Origin and no preflight, and a browser page has no business calling it.
 */
const CORS_PATH_PREFIXES: readonly string[] = ['/api/auth/', '/api/admin/'];

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language';
/** Readable by a cross-origin console: the file name of a CSV report download. */
const EXPOSED_HEADERS = 'Content-Disposition';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export interface ApiCorsOptions {
  i18n: I18n;
  /** PUBLIC_ORIGINS (and the service's own listening address): pages allowed to call the API. */
  origins: AllowedOrigins;
}

/**
 * A `pre` handler, run before routing, so preflights need no route of their own and a refused
 * origin reaches no route at all. On the API prefixes:
 * - a request whose Origin is not allowed (PUBLIC_ORIGINS, or the address the service listens on)
 *   gets 403 and no CORS headers (the same rule as the Socket.IO handshakes, `AllowedOrigins`);
 * - an allowed one gets the CORS headers: the origin echoed, never `*`, with `Vary: Origin`;
 * - a preflight (OPTIONS) is answered here with the methods and headers the APIs use.
 * Tokens travel in the Authorization header, not cookies, so no credentials mode is offered.
 */
export function apiCors(options: ApiCorsOptions): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const origin = req.headers.origin;
    // No Origin: not a cross-origin browser request (a same-origin GET, a script); nothing to do.
    if (!origin || !CORS_PATH_PREFIXES.some((prefix) => req.path().startsWith(prefix))) {
      next();
      return;
    }
    if (!options.origins.allows(origin)) {
      sendApiError(options.i18n, req, res, 403, 'origin_not_allowed');
      next(false);
      return;
    }
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Vary', 'Origin');
    res.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS') {
      res.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      res.send(204);
      next(false);
      return;
    }
    next();
  };
}
