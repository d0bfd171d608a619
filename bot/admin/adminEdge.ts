import type { Next, Request, RequestHandler, Response } from 'restify';
import { isOriginAllowed } from '../channels/socket/originPolicy.js';
import type { I18n } from '../i18n/i18n.js';
import { sendApiError } from '../server/apiResponses.js';

export const ADMIN_PATH_PREFIX = '/api/admin/';

/**
 * The largest admin request body. A complete article at every schema maximum is under 100 KB of
 * JSON; the server-wide limit (256 KB) is for the Bot Framework's activities.
 */
export const ADMIN_MAX_BODY_BYTES = 128 * 1024;

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language';

export interface AdminEdgeOptions {
  i18n: I18n;
  /** PUBLIC_ORIGINS: pages on other origins allowed to call the API (the console's own origin always is). */
  publicOrigins: readonly string[];
  maxBodyBytes?: number;
}

/**
 * A `pre` handler for /api/admin/*, run before routing and body parsing:
 * - CORS: a request whose Origin is neither the server's own nor in PUBLIC_ORIGINS gets 403 and no
 *   CORS headers; an allowed one gets them (the origin echoed, never `*`, with `Vary: Origin`);
 *   preflight OPTIONS requests are answered here with the methods and headers the API uses.
 * - Size: a declared body larger than the admin limit gets 413 before a byte of it is read.
 * Tokens travel in the Authorization header, not cookies, so no credentials mode is offered.
 */
export function adminEdge(options: AdminEdgeOptions): RequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? ADMIN_MAX_BODY_BYTES;
  return (req: Request, res: Response, next: Next) => {
    if (!req.path().startsWith(ADMIN_PATH_PREFIX)) {
      next();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!isOriginAllowed(origin, req.headers.host, options.publicOrigins)) {
        sendApiError(options.i18n, req, res, 403, 'origin_not_allowed');
        next(false);
        return;
      }
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
      res.header('Access-Control-Expose-Headers', 'Content-Disposition');
      if (req.method === 'OPTIONS') {
        res.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.header('Access-Control-Max-Age', '600');
        res.send(204);
        next(false);
        return;
      }
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      res.header('Connection', 'close');
      sendApiError(options.i18n, req, res, 413, 'payload_too_large');
      next(false);
      return;
    }
    next();
  };
}
