import type { Next, Request, RequestHandler, Response } from 'restify';
import type { I18n } from '../i18n/i18n.js';
import { sendApiError } from '../server/apiResponses.js';

export const ADMIN_PATH_PREFIX = '/api/admin/';

/**
 * The largest admin request body. A complete article at every schema maximum is under 100 KB of
 * JSON; the server-wide limit (256 KB) is for the Bot Framework's activities.
 */
const ADMIN_MAX_BODY_BYTES = 128 * 1024;

/**
 * A `pre` handler for /api/admin/*, run before routing and body parsing: a declared body larger
 * than the admin limit gets 413 before a byte of it is read. CORS, for this API and /api/auth, is
 * the server's (bot/server/apiCors.ts), registered before it.
 */
export function adminEdge(i18n: I18n): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    if (!req.path().startsWith(ADMIN_PATH_PREFIX)) {
      next();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > ADMIN_MAX_BODY_BYTES) {
      res.header('Connection', 'close');
      sendApiError(i18n, req, res, 413, 'payload_too_large');
      next(false);
      return;
    }
    next();
  };
}
